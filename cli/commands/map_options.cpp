#include "cli/commands/map_options.hpp"

#include "core/error.hpp"
#include "viewer/basemap_style.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace incidentmap::cli {

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(sep, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return parts;
        start = end + 1;
    }
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

template <typename T>
bool parse_number(const std::string& text, T& out) {
    const std::string t = trim(text);
    if (t.empty()) return false;
    const char* first = t.data();
    if (*first == '+') ++first;  // from_chars takes no leading plus
    const auto [end, ec] = std::from_chars(first, t.data() + t.size(), out);
    return ec == std::errc() && end == t.data() + t.size();
}

}  // namespace

PixelSize parse_size(const std::string& text, const std::string& option) {
    const auto parts = split(text, 'x');
    PixelSize s;
    if (parts.size() != 2 || !parse_number(parts[0], s.width) || !parse_number(parts[1], s.height))
        throw core::InputError(option, "expected WIDTHxHEIGHT in pixels, e.g. 1280x800, got '" + text + "'");
    if (s.width < 1 || s.height < 1 || s.width > kMaxPixels || s.height > kMaxPixels)
        throw core::InputError(option, "each side must be between 1 and " + std::to_string(kMaxPixels) + " pixels, got '" + text + "'");
    return s;
}

viewer::GeoBox parse_bbox(const std::string& text, const std::string& option) {
    const auto parts = split(text, ',');
    double v[4];
    if (parts.size() != 4 || !parse_number(parts[0], v[0]) || !parse_number(parts[1], v[1]) ||
        !parse_number(parts[2], v[2]) || !parse_number(parts[3], v[3]) || !std::isfinite(v[0]) || !std::isfinite(v[1]) ||
        !std::isfinite(v[2]) || !std::isfinite(v[3]))
        throw core::InputError(option, "expected minlon,minlat,maxlon,maxlat in degrees, e.g. 46.5,40.5,87.3,55.4, got '" + text + "'");
    const double min_lon = v[0], min_lat = v[1], max_lon = v[2], max_lat = v[3];
    if (std::abs(min_lon) > 180 || std::abs(max_lon) > 180)
        throw core::InputError(option, "longitudes must be between -180 and 180, got '" + text + "'");
    if (std::abs(min_lat) > 90 || std::abs(max_lat) > 90)
        throw core::InputError(option, "latitudes must be between -90 and 90, got '" + text + "'");
    if (!(min_lat < max_lat)) throw core::InputError(option, "minlat must be less than maxlat, got '" + text + "'");
    if (min_lon == max_lon) throw core::InputError(option, "minlon and maxlon must differ, got '" + text + "'");
    // minlon > maxlon is a box across the antimeridian (170,-20,-170,20); one wider than half the world is far more
    // likely a west and an east edge given the wrong way round.
    if (min_lon > max_lon && 360 - (min_lon - max_lon) > 180)
        throw core::InputError(option, "minlon " + trim(parts[0]) + " is east of maxlon " + trim(parts[2]) +
                                           ": that is a box across the antimeridian " + std::to_string(static_cast<int>(360 - (min_lon - max_lon))) +
                                           " degrees wide; give the west edge first (minlon < maxlon), or a box across "
                                           "the antimeridian of at most 180 degrees (e.g. 170,-20,-170,20)");
    constexpr double kMercatorLimit = 85.05;
    const double south = std::clamp(min_lat, -kMercatorLimit, kMercatorLimit);
    const double north = std::clamp(max_lat, -kMercatorLimit, kMercatorLimit);
    if (!(south < north)) throw core::InputError(option, "the box lies beyond 85 degrees, outside the Web Mercator map");
    return {core::LatLon::degrees(south, min_lon), core::LatLon::degrees(north, max_lon)};
}

void add_basemap_options(CLI::App& app, BasemapArgs& args) {
    // One value each time (allow_extra_args off): "--basemap a.geojson events.geojson" leaves events.geojson to the
    // incident files.
    app.add_option("--basemap", args.sources,
                   "Add a basemap layer (repeatable): a vector or raster file GDAL reads (GeoJSON, GeoPackage, "
                   "Shapefile, FlatGeobuf, OSM, GeoTIFF, MBTiles) or an XYZ tile URL template with {z}/{x}/{y}")
        ->allow_extra_args(false);
    app.add_option("--basemap-style", args.style,
                   "A style file (JSON, docs/VIEWER.md) for the vector --basemap layers: colours, widths, labels and zooms by "
                   "feature (default: the built-in style for OpenStreetMap extracts and OpenMapTiles vector tiles)");
    app.add_option("--label-language", args.label_language,
                   "Name places in this language where the gazetteer or a vector basemap has the name (name:xx), e.g. en, ru, fr");
    app.add_option("--hide", args.hidden, "Hide a layer (repeatable): land, countries, labels, or a --basemap source")
        ->allow_extra_args(false);
}

viewer::BasemapSettings basemap_settings(const BasemapArgs& args) {
    auto settings = viewer::BasemapSettings::defaults();
    for (const auto& source : args.sources) settings.add_source(source);
    if (!args.style.empty()) {
        if (args.sources.empty()) throw core::InputError("--basemap-style", "styles a --basemap layer, but none was given");
        viewer::BasemapStyle::load(args.style);  // refused here, naming the file, rather than as a layer problem
        for (auto& l : settings.layers)
            if (!l.source.starts_with("builtin:")) l.style = args.style;
    }
    for (const auto& name : args.hidden) {
        viewer::LayerSettings* layer = settings.find(name);
        if (!layer) {
            std::string known;
            for (const auto& l : settings.layers) known += (known.empty() ? "" : ", ") + viewer::display_name(l.source);
            throw core::InputError("--hide", "no layer named '" + name + "' (layers: " + known + ")");
        }
        layer->visible = false;
    }
    return settings;
}

}  // namespace incidentmap::cli

namespace incidentmap::cli {

namespace {

// The instant a --from or --to value names; a date alone is its midnight, or with `end_of_day` the next midnight.
core::TimeSpan::Seconds parse_time_option(const std::string& text, const std::string& option, bool end_of_day) {
    if (const auto day = core::parse_iso_date(text))
        return core::TimeSpan::Seconds{std::chrono::sys_days{*day} + std::chrono::days{end_of_day ? 1 : 0}};
    if (const auto t = core::parse_iso_datetime(text)) return *t;
    throw core::InputError(option, "expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM, got '" + text + "'");
}

}  // namespace

void apply_time_options(viewer::IncidentFilter& filter, const std::string& from, const std::string& to,
                        const core::IncidentSet& set) {
    if (from.empty() && to.empty()) {
        filter.mode = viewer::TimeMode::all;
        return;
    }
    const auto range = set.time_range();
    const auto t_to = to.empty() ? (range ? range->end : core::TimeSpan::Seconds{}) : parse_time_option(to, "--to", true);
    if (from.empty()) {
        filter.mode = viewer::TimeMode::accumulate;
        filter.time = t_to;
        return;
    }
    const auto t_from = parse_time_option(from, "--from", false);
    if (!(t_from < t_to))
        throw core::InputError(to.empty() ? "--from" : "--to", "the time shown must end after it begins: --from " + from +
                                                                    (to.empty() ? " is after the last incident" : " --to " + to));
    filter.mode = viewer::TimeMode::window;
    filter.time = t_to;
    filter.window = std::chrono::duration_cast<std::chrono::seconds>(t_to - t_from);
}

void apply_severity_option(viewer::IncidentFilter& filter, const std::string& text) {
    if (trim(text).empty()) return;
    filter.severity.fill(false);
    for (const std::string& raw : split(text, ',')) {
        std::string part = trim(raw);
        const bool and_graver = !part.empty() && part.back() == '+';
        if (and_graver) part.pop_back();
        const auto s = core::parse_severity(part);
        if (!s)
            throw core::InputError("--severity", "expected severity names or ranks separated by commas (informational, disruptive, "
                                                 "violent, injuries, fatal, or 0-4; 'violent+' for violent and graver), got '" + raw + "'");
        for (int r = core::rank(*s); r <= (and_graver ? 4 : core::rank(*s)); ++r) filter.severity[static_cast<std::size_t>(r)] = true;
    }
}

}  // namespace incidentmap::cli
