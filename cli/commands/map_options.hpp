#pragma once
// The options that `view` and `render` share: image or window size, the area to show, and the basemap layers.
// Every parser throws core::InputError naming the option and what was wrong, so that bad values exit 2.

#include "core/incident_set.hpp"
#include "viewer/basemap_settings.hpp"
#include "viewer/incident_filter.hpp"
#include "viewer/incident_files.hpp"
#include "viewer/map_render.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace incidentmap::cli {

struct PixelSize {
    int width = 0;
    int height = 0;
};

inline constexpr int kMaxPixels = 16384;  // a side; the largest framebuffer llvmpipe offers

// "1280x800": two whole numbers in [1, kMaxPixels] joined by 'x'.
PixelSize parse_size(const std::string& text, const std::string& option = "--size");
// "minlon,minlat,maxlon,maxlat" in degrees. Latitudes in [-90, 90] with minlat < maxlat (clamped to Web
// Mercator's +-85.05 when drawn); longitudes in [-180, 180], minlon > maxlon for a box across the antimeridian (at
// most 180 degrees wide: a wider one is refused as edges given the wrong way round).
viewer::GeoBox parse_bbox(const std::string& text, const std::string& option = "--bbox");

struct BasemapArgs {
    std::vector<std::string> sources;  // --basemap, in the order given
    std::vector<std::string> hidden;   // --hide
    std::string style;                 // --basemap-style: for every vector --basemap
    std::string label_language;        // --label-language
};
void add_basemap_options(CLI::App& app, BasemapArgs& args);


// --from / --to: ISO dates or date-times. A date alone in --to means the end of that day (the day is included).
// Both: a window [from, to); --to alone: everything up to it; --from alone: from it to the end of the data;
// neither: no time filter. Throws InputError naming the option for a malformed date or from >= to.
void apply_time_options(viewer::IncidentFilter& filter, const std::string& from, const std::string& to,
                        const core::IncidentSet& set);
// --severity: names or ranks separated by commas ("fatal,injuries", "3,4"), or one followed by '+' for it and
// everything graver ("violent+"). Throws InputError for anything else.
void apply_severity_option(viewer::IncidentFilter& filter, const std::string& text);
// The default layers plus the user's sources, with the hidden ones switched off. An unknown --hide name throws.
viewer::BasemapSettings basemap_settings(const BasemapArgs& args);

}  // namespace incidentmap::cli
