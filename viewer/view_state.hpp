#pragma once
// A saved view: where the camera looks, which basemap layers are stacked, which incidents the filter shows, and
// which incident files were open. Plain data, no GL or ImGui: the viewer saves and restores it, and it can be
// compared and tested on its own.
//
// The file is small, pretty-printed JSON:
//   {
//     "incidentmap_view": 1,
//     "camera": {"lat": 43.25, "lon": 76.92, "zoom": 9.5},
//     "layers": [{"source": "builtin:land", "visible": true, "opacity": 1.0}, ...],
//     "filter": {"time_mode": "window", "time": "2022-01-06T18:00:00", "window_seconds": 86400,
//                "severities": ["violent", "injuries", "fatal"], "event_types": ["Protests", "Riots", "unknown"]},
//     "incident_files": ["incidents/almaty.geojson"],
//     "style": "clusters"
//   }
// "layers" holds the same objects as BasemapSettings::to_json(). "severities" and "event_types" list the switches
// that are on, by core::to_string(Severity) and ACLED's spelling (core::to_string(EventType)), "unknown" for
// incidents of unknown type. "style" is how incidents are drawn: "clusters", "heatmap" or "hexbins". time_mode is "all", "window" or "accumulate"; "time" is civil time as
// core::format_iso_datetime writes it.
//
// Guarantees:
//  - view_state_from_json(to_json(s)) == s for every ViewState whose centre is a LatLon (always) and whose zoom is
//    finite: lat/lon are written with enough digits to come back to the same 1e-7 degree, zoom to within 1e-9;
//    everything else is exact (opacities come back as the same float).
//  - Members missing from a file (or null) keep the values of the state it is read over, `base`: by default a
//    default ViewState (centre (0, 0), zoom 1.5, BasemapSettings::defaults(), a default IncidentFilter, every switch
//    on, no incident files); the viewer reads a file over its own state, so that a file that gives only a camera
//    leaves the files, layers and time slider as they are. An empty list ("severities": []) means every switch off.
//    Members this version does not know are ignored, so an older viewer reads a newer file of the same version.
//  - view_state_from_json throws core::InputError(source, detail), the detail naming the JSON member, for text that
//    is not JSON, a missing or wrong "incidentmap_view" marker, a version newer than kViewStateVersion, a member of
//    the wrong type, a latitude or longitude out of range, a non-finite zoom, an unknown time mode, severity or
//    event type name, a bad date-time, a negative window.
//  - Times come back exactly for years 0000 to 9999, which the ISO form can write.
//  - save_view_state writes atomically (core::io::AtomicOutput): a reader sees the old file or the complete new
//    one; a failed save throws core::Error naming the file and leaves an existing file as it was.
//  - load_view_state throws core::InputError naming the file for a missing or unreadable file and for bad content.
// Incident file paths are kept as the viewer had them (relative ones stay relative to its working directory).
// It does not check that the incident files or layer sources still exist: opening them is the viewer's business.

#include "core/lat_lon.hpp"
#include "viewer/aggregation.hpp"
#include "viewer/basemap_settings.hpp"
#include "viewer/incident_filter.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::viewer {

class MapCamera;

// The format version this code writes and the newest it reads.
inline constexpr int kViewStateVersion = 1;

struct ViewState {
    core::LatLon center;  // the point at the centre of the viewport
    double zoom = 1.5;    // slippy-map zoom level, as MapCamera::zoom_level() gives it
    BasemapSettings basemaps = BasemapSettings::defaults();
    IncidentFilter filter;
    std::vector<std::string> incident_files;  // the incident files the viewer had open, in the order opened
    Aggregation style = Aggregation::clusters;

    bool operator==(const ViewState&) const = default;
};

// Pretty-printed JSON, as above, ending in a newline. Throws core::Error if a file name or layer source is not
// valid UTF-8 (JSON cannot hold it).
std::string to_json(const ViewState& state);
// Throws core::InputError(source, detail) as described above; `source` names the text (a file name) in messages.
ViewState view_state_from_json(std::string_view text, const std::string& source, const ViewState& base = {});

// Writes to_json(state) to `path` atomically; throws core::Error naming the file if it cannot (and for what
// to_json throws), leaving an existing file as it was.
void save_view_state(const ViewState& state, const std::filesystem::path& path);
// The text of a view file; throws core::InputError naming the file if it is missing, a directory or unreadable.
std::string read_view_file(const std::filesystem::path& path);
// Reads a file save_view_state wrote; throws core::InputError naming the file.
ViewState load_view_state(const std::filesystem::path& path, const ViewState& base = {});

// Points `camera` at the state's centre and zoom level (the camera clamps them to what it can show: Mercator
// latitudes within about 85.05 degrees, zoom levels from 0 to street level). The viewport size is left alone.
void apply_camera(const ViewState& state, MapCamera& camera);
// `state` with its centre and zoom taken from `camera`; apply_camera then gives back the same centre (to the
// 1e-7 degree LatLon keeps) and zoom level.
ViewState capture_camera(const MapCamera& camera, ViewState state);

}  // namespace incidentmap::viewer
