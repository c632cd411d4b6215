#include "viewer/view_state.hpp"

#include "core/error.hpp"
#include "core/incident.hpp"
#include "core/io/atomic_output.hpp"
#include "core/severity.hpp"
#include "core/time_span.hpp"
#include "viewer/map_camera.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>

namespace incidentmap::viewer {

namespace {

using Json = nlohmann::ordered_json;  // keeps members in the order written: the marker first

constexpr std::string_view kMarker = "incidentmap_view";
constexpr std::string_view kUnknownEventType = "unknown";

std::string_view to_string(TimeMode mode) {
    switch (mode) {
        case TimeMode::all: return "all";
        case TimeMode::window: return "window";
        case TimeMode::accumulate: return "accumulate";
    }
    return "all";
}

std::optional<TimeMode> parse_time_mode(std::string_view name) {
    for (const TimeMode m : {TimeMode::all, TimeMode::window, TimeMode::accumulate})
        if (to_string(m) == name) return m;
    return std::nullopt;
}

// Concatenation by appends (GCC 12 warns falsely, -Wrestrict, about "literal" + std::string).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string s;
    for (const std::string_view p : parts) s += p;
    return s;
}

// nlohmann's messages start with "[json.exception.parse_error.101] ": the reader needs only what follows.
std::string without_exception_id(const char* what) {
    std::string s = what;
    if (s.starts_with("[json.exception.")) {
        if (const auto end = s.find("] "); end != std::string::npos) s.erase(0, end + 2);
    }
    return s;
}

// Reads one JSON document into a ViewState; every failure names the member it is about.
class Reader {
public:
    explicit Reader(const std::string& source) : source_(source) {}

    [[noreturn]] void fail(std::string_view member, std::string_view why) const {
        throw core::InputError(source_, cat({member, ": ", why}));
    }

    // The member `name` of `object`, nullptr when it is absent (or null: written by hand as "no value").
    static const Json* find(const Json& object, std::string_view name) {
        const auto it = object.find(name);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }

    const Json& expect(const Json& j, Json::value_t type, std::string_view member, std::string_view what) const {
        const bool ok = type == Json::value_t::number_float ? j.is_number() : j.type() == type;
        if (!ok) fail(member, cat({"expected ", what, ", found ", j.type_name()}));
        return j;
    }

    double number(const Json& j, std::string_view member) const {
        const double v = expect(j, Json::value_t::number_float, member, "a number").get<double>();
        if (!std::isfinite(v)) fail(member, "not a finite number");
        return v;
    }

    std::string string(const Json& j, std::string_view member) const {
        return expect(j, Json::value_t::string, member, "a string").get<std::string>();
    }

    const Json& array(const Json& j, std::string_view member) const {
        return expect(j, Json::value_t::array, member, "an array");
    }

    const Json& object(const Json& j, std::string_view member) const {
        return expect(j, Json::value_t::object, member, "an object");
    }

    void version(const Json& root) const {
        const Json* v = find(root, kMarker);
        if (!v) throw core::InputError(source_, cat({"not a saved view: no \"", kMarker, "\" member"}));
        if (!v->is_number_integer()) fail(kMarker, cat({"expected a version number, found ", v->dump()}));
        if (v->is_number_unsigned() ? v->get<std::uint64_t>() > static_cast<std::uint64_t>(kViewStateVersion)
                                    : v->get<std::int64_t>() > kViewStateVersion) {
            fail(kMarker, cat({"version ", v->dump(), " is newer than this viewer reads (",
                               std::to_string(kViewStateVersion), ")"}));
        }
        if (v->get<std::int64_t>() < 1) fail(kMarker, cat({"version ", v->dump(), " is not a valid version"}));
    }

    void camera(const Json& j, ViewState& s) const {
        object(j, "camera");
        double lat = s.center.lat_deg(), lon = s.center.lon_deg();
        if (const Json* v = find(j, "lat")) {
            lat = number(*v, "camera.lat");
            if (lat < -90 || lat > 90) fail("camera.lat", cat({"latitude ", v->dump(), " is out of range [-90, 90]"}));
        }
        if (const Json* v = find(j, "lon")) {
            lon = number(*v, "camera.lon");
            if (lon < -180 || lon > 180) fail("camera.lon", cat({"longitude ", v->dump(), " is out of range [-180, 180]"}));
        }
        const auto center = core::LatLon::try_degrees(lat, lon);
        if (!center) fail("camera", "not a valid position");  // unreachable after the checks above
        s.center = *center;
        if (const Json* v = find(j, "zoom")) s.zoom = number(*v, "camera.zoom");
    }

    void layers(const Json& j, ViewState& s) const {
        array(j, "layers");
        // The same objects as BasemapSettings::to_json(): its reader keeps their defaults and checks in one place.
        Json wrapped = Json::object();
        wrapped["layers"] = j;
        try {
            s.basemaps = BasemapSettings::from_json(wrapped.dump());
        } catch (const core::InputError& e) {
            fail("layers", without_exception_id(e.detail().c_str()));
        }
    }

    void filter(const Json& j, IncidentFilter& f) const {
        object(j, "filter");
        if (const Json* v = find(j, "time_mode")) {
            const std::string name = string(*v, "filter.time_mode");
            const auto mode = parse_time_mode(name);
            if (!mode) fail("filter.time_mode", cat({"unknown mode \"", name, "\" (expected all, window or accumulate)"}));
            f.mode = *mode;
        }
        if (const Json* v = find(j, "time")) {
            const std::string text = string(*v, "filter.time");
            const auto t = core::parse_iso_datetime(text);
            if (!t) fail("filter.time", cat({"\"", text, "\" is not a date-time (YYYY-MM-DDTHH:MM:SS)"}));
            f.time = *t;
        }
        if (const Json* v = find(j, "window_seconds")) {
            if (!v->is_number_integer()) fail("filter.window_seconds", cat({"expected a whole number of seconds, found ", v->dump()}));
            if (v->is_number_unsigned() &&
                v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                fail("filter.window_seconds", cat({v->dump(), " is too large"}));
            const auto seconds = v->get<std::int64_t>();
            if (seconds < 0) fail("filter.window_seconds", cat({"the window cannot be negative (", v->dump(), ")"}));
            f.window = std::chrono::seconds{seconds};
        }
        if (const Json* v = find(j, "severities")) {
            f.severity.fill(false);
            for (const Json& item : array(*v, "filter.severities")) {
                const std::string name = string(item, "filter.severities");
                const auto severity = core::parse_severity(name);
                if (!severity) {
                    fail("filter.severities",
                         cat({"unknown severity \"", name,
                              "\" (expected informational, disruptive, violent, injuries or fatal)"}));
                }
                f.severity[static_cast<std::size_t>(core::rank(*severity))] = true;
            }
        }
        if (const Json* v = find(j, "event_types")) {
            f.event_type.fill(false);
            for (const Json& item : array(*v, "filter.event_types")) {
                const std::string name = string(item, "filter.event_types");
                if (name == kUnknownEventType) {
                    f.event_type[kEventTypeSlots - 1] = true;
                } else if (const auto type = core::parse_event_type(name)) {
                    f.event_type[static_cast<std::size_t>(*type)] = true;
                } else {
                    fail("filter.event_types",
                         cat({"unknown event type \"", name, "\" (expected ACLED's spelling, e.g. \"Riots\", or \"unknown\")"}));
                }
            }
        }
    }

    void incident_files(const Json& j, ViewState& s) const {
        array(j, "incident_files");
        s.incident_files.clear();
        for (const Json& item : j) s.incident_files.push_back(string(item, "incident_files"));
    }

    void style(const Json& j, ViewState& s) const {
        const std::string name = string(j, "style");
        const auto a = parse_aggregation(name);
        if (!a) fail("style", cat({"unknown style \"", name, "\" (expected clusters, heatmap or hexbins)"}));
        s.style = *a;
    }

private:
    const std::string& source_;
};

}  // namespace

std::string to_json(const ViewState& s) {
    Json j = Json::object();
    j[kMarker] = kViewStateVersion;
    j["camera"] = {{"lat", s.center.lat_deg()}, {"lon", s.center.lon_deg()}, {"zoom", s.zoom}};
    std::string layers;
    try {
        layers = s.basemaps.to_json();
    } catch (const nlohmann::json::exception& e) {
        throw core::Error(cat({"view state: cannot write the layers as JSON: ", without_exception_id(e.what())}));
    }
    j["layers"] = Json::parse(layers).at("layers");

    const IncidentFilter& f = s.filter;
    Json filter = Json::object();
    filter["time_mode"] = to_string(f.mode);
    filter["time"] = core::format_iso_datetime(f.time);
    filter["window_seconds"] = static_cast<std::int64_t>(f.window.count());
    filter["severities"] = Json::array();
    for (const core::Severity sev : core::kAllSeverities)
        if (f.severity[static_cast<std::size_t>(core::rank(sev))]) filter["severities"].push_back(core::to_string(sev));
    filter["event_types"] = Json::array();
    for (std::size_t i = 0; i < core::kEventTypeCount; ++i)
        if (f.event_type[i]) filter["event_types"].push_back(core::to_string(static_cast<core::EventType>(i)));
    if (f.event_type[kEventTypeSlots - 1]) filter["event_types"].push_back(kUnknownEventType);
    j["filter"] = std::move(filter);

    j["incident_files"] = s.incident_files;
    j["style"] = aggregation_name(s.style);

    try {
        std::string text = j.dump(2);
        text += '\n';
        return text;
    } catch (const Json::exception& e) {  // a file name or layer source that is not UTF-8: JSON cannot hold it
        throw core::Error(cat({"view state: cannot write it as JSON: ", without_exception_id(e.what())}));
    }
}

ViewState view_state_from_json(std::string_view text, const std::string& source, const ViewState& base) {
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::exception& e) {  // parse_error, or out_of_range for a number too large for a double
        throw core::InputError(source, cat({"not valid JSON: ", without_exception_id(e.what())}));
    }
    const Reader r(source);
    if (!root.is_object()) throw core::InputError(source, "not a saved view: the top level is not a JSON object");
    r.version(root);

    ViewState s = base;
    if (const Json* v = Reader::find(root, "camera")) r.camera(*v, s);
    if (const Json* v = Reader::find(root, "layers")) r.layers(*v, s);
    if (const Json* v = Reader::find(root, "filter")) r.filter(*v, s.filter);
    if (const Json* v = Reader::find(root, "incident_files")) r.incident_files(*v, s);
    if (const Json* v = Reader::find(root, "style")) r.style(*v, s);
    return s;
}

void save_view_state(const ViewState& state, const std::filesystem::path& path) {
    const std::string text = to_json(state);
    core::io::AtomicOutput output(path);
    {
        std::ofstream file(output.temp_path(), std::ios::binary);
        if (!file) {
            throw core::Error(cat({path.string(), ": cannot create the temporary file ", output.temp_path().string(),
                                   ": ", std::strerror(errno)}));
        }
        file.write(text.data(), static_cast<std::streamsize>(text.size()));
        file.close();
        if (!file) throw core::Error(cat({path.string(), ": cannot write ", output.temp_path().string()}));
    }
    output.commit();
}

std::string read_view_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw core::InputError(path.string(), "is a directory, not a file");
    std::ifstream file(path, std::ios::binary);
    if (!file) throw core::InputError(path.string(), cat({"cannot open: ", std::strerror(errno)}));
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad()) throw core::InputError(path.string(), "read error");
    return std::move(text).str();
}

ViewState load_view_state(const std::filesystem::path& path, const ViewState& base) {
    return view_state_from_json(read_view_file(path), path.string(), base);
}

void apply_camera(const ViewState& state, MapCamera& camera) {
    camera.look_at(state.center, MapCamera::kWorldWidth / (256.0 * std::exp2(state.zoom)));
}

ViewState capture_camera(const MapCamera& camera, ViewState state) {
    // The world point under the viewport's centre is the camera's centre exactly.
    const ScreenPoint middle{camera.viewport_width() / 2.0, camera.viewport_height() / 2.0};
    if (const auto center = camera.lat_lon_at(middle)) state.center = *center;
    state.zoom = camera.zoom_level();
    return state;
}

}  // namespace incidentmap::viewer
