#pragma once
// The basemap layer list as plain data: which sources, in which order, shown or hidden, with what opacity. It is
// what the layer panel edits and what a saved view keeps; the layers themselves (BasemapStack) are built from it.
//
// Sources:
//   builtin:land        Natural Earth land, filled (assets/basemap/land-50m.json)
//   builtin:countries   Natural Earth country borders (assets/basemap/countries-50m.json)
//   builtin:labels      place names from the gazetteer, by zoom level
//   a path or connection string GDAL opens: vector (GeoJSON, GeoPackage, Shapefile, FlatGeobuf, OSM...) or
//     raster (GeoTIFF, MBTiles, a GDAL WMS XML file...)
//   an XYZ tile URL template with {z}, {x} and {y} (also {-y} for TMS rows and {s} for a subdomain)
// No GL, no ImGui: it can be saved, compared and tested on its own.

#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::viewer {

inline constexpr std::string_view kBuiltinLand = "builtin:land";
inline constexpr std::string_view kBuiltinCountries = "builtin:countries";
inline constexpr std::string_view kBuiltinLabels = "builtin:labels";

struct LayerSettings {
    std::string source;
    bool visible = true;
    float opacity = 1.0f;  // 0..1
    std::string style;     // a vector source's style file (basemap_style.hpp); empty: the built-in one for its kind

    bool operator==(const LayerSettings&) const = default;
};

struct BasemapSettings {
    std::vector<LayerSettings> layers;  // drawn first to last: the first is at the bottom

    // Land, country borders and place labels: the offline map.
    static BasemapSettings defaults();

    // Adds a user source above the land and below the borders and labels (so that borders and names stay readable
    // over imagery and user polygons); at the top when there is no built-in layer above it.
    void add_source(std::string source);
    // The layer whose source is `name`, else the built-in one named by its short name ("land", "countries",
    // "labels"), else the first whose display_name() is `name`; nullptr if none.
    LayerSettings* find(std::string_view name);

    // {"layers":[{"source":"builtin:land","visible":true,"opacity":1.0},...]}
    std::string to_json() const;
    // Throws core::InputError("basemap settings", why) for malformed text; missing fields take their defaults.
    static BasemapSettings from_json(std::string_view text);

    bool operator==(const BasemapSettings&) const = default;
};

// The name a layer list shows for a source: "land", "countries", "labels", or the file name, or the URL's host.
std::string display_name(std::string_view source);

}  // namespace incidentmap::viewer
