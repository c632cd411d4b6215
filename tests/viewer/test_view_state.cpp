#include "core/error.hpp"
#include "core/incident.hpp"
#include "core/time_span.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/view_state.hpp"

#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace incidentmap;
using incidentmap::test::TempDir;
using viewer::ViewState;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A state with something other than the default in every member.
ViewState sample_state() {
    ViewState s;
    s.center = core::LatLon::degrees(43.25, 76.9166667);
    s.zoom = 9.5;
    s.basemaps.add_source("/data/roads.gpkg");
    s.basemaps.add_source("https://tile.example.org/{z}/{x}/{y}.png?key=a&b=c");
    s.basemaps.layers[0].opacity = 0.3f;  // not exact in binary: must come back as the same float
    s.basemaps.layers[1].visible = false;
    s.filter.mode = viewer::TimeMode::window;
    s.filter.time = *core::parse_iso_datetime("2022-01-06T18:00:00");
    s.filter.window = std::chrono::hours{6};
    s.filter.severity[static_cast<std::size_t>(core::rank(core::Severity::informational))] = false;
    s.filter.severity[static_cast<std::size_t>(core::rank(core::Severity::disruptive))] = false;
    s.filter.event_type[static_cast<std::size_t>(core::EventType::strategic_developments)] = false;
    s.filter.event_type[static_cast<std::size_t>(core::EventType::battles)] = false;
    s.incident_files = {"incidents/almaty.geojson", "/tmp/other file.csv"};
    s.style = viewer::Aggregation::hexbins;
    return s;
}

// The detail of the InputError that view_state_from_json throws for `text`; fails the test if it throws none.
std::string error_for(const std::string& text) {
    try {
        viewer::view_state_from_json(text, "view.json");
    } catch (const core::InputError& e) {
        CHECK(e.source() == "view.json");
        return e.detail();
    }
    FAIL("no InputError for " << text);
    return {};
}

}  // namespace

TEST_CASE("a view state survives a JSON round trip", "[viewer][view_state]") {
    SECTION("the default state") {
        const ViewState s;
        CHECK(viewer::view_state_from_json(viewer::to_json(s), "x") == s);
    }
    SECTION("a state with every member changed") {
        const ViewState s = sample_state();
        REQUIRE_FALSE(s == ViewState{});
        const ViewState back = viewer::view_state_from_json(viewer::to_json(s), "x");
        CHECK(back.center == s.center);
        CHECK(back.zoom == Approx(s.zoom).margin(1e-9));
        CHECK(back.basemaps == s.basemaps);
        CHECK(back.filter == s.filter);
        CHECK(back.incident_files == s.incident_files);
        CHECK(back == s);
    }
    SECTION("the text is readable: a marker, ACLED's names, only the switches that are on") {
        const std::string text = viewer::to_json(sample_state());
        CHECK(text.starts_with("{\n  \"incidentmap_view\": 1,"));
        CHECK(text.ends_with("}\n"));
        CHECK_THAT(text, Catch::Contains("\"time_mode\": \"window\""));
        CHECK_THAT(text, Catch::Contains("\"time\": \"2022-01-06T18:00:00\""));
        CHECK_THAT(text, Catch::Contains("\"window_seconds\": 21600"));
        CHECK_THAT(text, Catch::Contains("\"Explosions/Remote violence\""));
        CHECK_THAT(text, Catch::Contains("\"unknown\""));
        CHECK_THAT(text, Catch::Contains("\"fatal\""));
        CHECK_THAT(text, !Catch::Contains("\"Battles\""));
        CHECK_THAT(text, !Catch::Contains("\"informational\""));
        CHECK_THAT(text, Catch::Contains("\"source\": \"/data/roads.gpkg\""));
    }
    SECTION("missing members take the defaults, unknown members are ignored") {
        const ViewState s = viewer::view_state_from_json(
            R"({"incidentmap_view": 1, "camera": {"zoom": 4, "tilt": 30}, "added_later": {"x": [1, 2]},
                "filter": {"severities": ["fatal", "3"], "event_types": []}})",
            "x");
        CHECK(s.center == core::LatLon{});
        CHECK(s.zoom == 4.0);
        CHECK(s.basemaps == viewer::BasemapSettings::defaults());
        CHECK(s.filter.mode == viewer::TimeMode::all);
        CHECK(s.filter.window == viewer::IncidentFilter{}.window);
        CHECK(s.filter.severity == std::array<bool, core::kSeverityCount>{false, false, false, true, true});
        for (const bool on : s.filter.event_type) CHECK_FALSE(on);
        CHECK(s.incident_files.empty());

        const ViewState bare = viewer::view_state_from_json(R"({"incidentmap_view": 1})", "x");
        CHECK(bare == ViewState{});
        CHECK(bare.zoom == 1.5);
    }
    SECTION("read over a state, missing members keep its values") {
        // What the viewer has before a camera-only file is opened: its files, its layers and the time slider at the
        // end of its data.
        const ViewState base = sample_state();
        const ViewState s = viewer::view_state_from_json(
            R"({"incidentmap_view": 1, "camera": {"lat": 43.2385, "lon": 76.945, "zoom": 15}, "filter": {"time_mode": "accumulate"}})",
            "camera.json", base);
        CHECK(s.center.lat_deg() == Approx(43.2385));
        CHECK(s.zoom == 15.0);
        CHECK(s.filter.mode == viewer::TimeMode::accumulate);
        CHECK(s.filter.time == base.filter.time);
        CHECK(s.filter.severity == base.filter.severity);
        CHECK(s.incident_files == base.incident_files);
        CHECK(s.basemaps == base.basemaps);
        CHECK(s.style == base.style);
        CHECK(viewer::view_state_from_json(R"({"incidentmap_view": 1})", "x", base) == base);
    }
}

TEST_CASE("a view state survives saving and loading", "[viewer][view_state]") {
    TempDir dir;
    const auto path = dir / "almaty.view.json";
    const ViewState s = sample_state();
    viewer::save_view_state(s, path);
    CHECK(viewer::load_view_state(path) == s);
    CHECK(slurp(path) == viewer::to_json(s));

    SECTION("saving over an existing file replaces it fully") {
        ViewState small;  // shorter text than the sample: no tail of the old file may remain
        small.incident_files = {"a.geojson"};
        REQUIRE(viewer::to_json(small).size() < slurp(path).size());
        viewer::save_view_state(small, path);
        CHECK(slurp(path) == viewer::to_json(small));
        CHECK(viewer::load_view_state(path) == small);
        // Nothing left beside it: the temporary file was renamed into place.
        CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 1);
    }
    SECTION("a failed save throws and leaves the existing file intact") {
        const std::string before = slurp(path);
        CHECK_THROWS_AS(viewer::save_view_state(ViewState{}, dir / "no-such-dir" / "v.json"), core::Error);
        // A directory where the file should go: the temporary is written, the rename over it fails.
        std::filesystem::create_directory(dir / "occupied.json");
        CHECK_THROWS_WITH(viewer::save_view_state(ViewState{}, dir / "occupied.json"),
                          Catch::Contains("occupied.json"));
        CHECK(std::filesystem::is_directory(dir / "occupied.json"));
        CHECK(slurp(path) == before);
        CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 2);
    }
    SECTION("a missing file is an input error naming the file") {
        const auto missing = dir / "missing.view.json";
        REQUIRE_THROWS_AS(viewer::load_view_state(missing), core::InputError);
        CHECK_THROWS_WITH(viewer::load_view_state(missing), Catch::Contains(missing.string()) && Catch::Contains("cannot open"));
        CHECK_THROWS_WITH(viewer::load_view_state(dir.path()), Catch::Contains("is a directory"));
    }
    SECTION("bad content is an input error naming the file and the member") {
        std::ofstream(path, std::ios::trunc) << R"({"incidentmap_view": 1, "camera": {"lat": 95}})";
        REQUIRE_THROWS_AS(viewer::load_view_state(path), core::InputError);
        CHECK_THROWS_WITH(viewer::load_view_state(path), Catch::Contains(path.string()) && Catch::Contains("camera.lat"));
    }
}

TEST_CASE("a state JSON cannot hold is an error, not a broken file", "[viewer][view_state]") {
    TempDir dir;
    const auto path = dir / "v.json";
    viewer::save_view_state(ViewState{}, path);
    ViewState s;
    s.incident_files = {"caf\xe9.geojson"};  // Latin-1, not UTF-8
    CHECK_THROWS_AS(viewer::to_json(s), core::Error);
    CHECK_THROWS_AS(viewer::save_view_state(s, path), core::Error);
    CHECK(viewer::load_view_state(path) == ViewState{});
}

TEST_CASE("the camera round-trips through a view state", "[viewer][view_state][camera]") {
    viewer::MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(43.25, 76.92), 150.0);
    const ViewState captured = viewer::capture_camera(cam, sample_state());
    CHECK(captured.center.lat_deg() == Approx(43.25).margin(1e-7));
    CHECK(captured.center.lon_deg() == Approx(76.92).margin(1e-7));
    CHECK(captured.zoom == Approx(cam.zoom_level()).margin(1e-12));
    CHECK(captured.filter == sample_state().filter);  // the rest of the state is kept

    SECTION("through the file format, into a camera of another size") {
        const ViewState back = viewer::view_state_from_json(viewer::to_json(captured), "x");
        viewer::MapCamera other(1024, 768);
        viewer::apply_camera(back, other);
        CHECK(other.zoom_level() == Approx(cam.zoom_level()).margin(1e-9));
        CHECK(other.meters_per_pixel() == Approx(cam.meters_per_pixel()).epsilon(1e-9));
        CHECK(other.center().x == Approx(cam.center().x).margin(0.02));  // 1e-7 degree is about 1.1 cm
        CHECK(other.center().y == Approx(cam.center().y).margin(0.02));
        const ViewState again = viewer::capture_camera(other, back);
        CHECK(again.center == back.center);
        CHECK(again.zoom == Approx(back.zoom).margin(1e-9));
    }
    SECTION("apply_camera sets the zoom level the state names") {
        ViewState s;
        s.center = core::LatLon::degrees(-33.9, 18.4);
        s.zoom = 12.25;
        viewer::apply_camera(s, cam);
        CHECK(cam.zoom_level() == Approx(12.25).margin(1e-9));
        const auto c = cam.lat_lon_at({400, 300});
        REQUIRE(c);
        CHECK(*c == s.center);
    }
}

TEST_CASE("a bad view file is an input error that names the problem", "[viewer][view_state]") {
    CHECK_THAT(error_for("{\"incidentmap_view\": 1,"), Catch::Contains("not valid JSON"));
    CHECK_THAT(error_for("[1, 2]"), Catch::Contains("not a saved view"));
    CHECK_THAT(error_for(R"({"layers": []})"), Catch::Contains("no \"incidentmap_view\" member"));
    CHECK_THAT(error_for(R"({"incidentmap_view": "1"})"), Catch::Contains("incidentmap_view: expected a version"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 2})"),
               Catch::Contains("incidentmap_view") && Catch::Contains("version 2 is newer"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 0})"), Catch::Contains("version 0"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "camera": {"lat": 95, "lon": 0}})"),
               Catch::Contains("camera.lat") && Catch::Contains("95") && Catch::Contains("out of range"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "camera": {"lon": -180.5}})"), Catch::Contains("camera.lon"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "camera": {"zoom": "far"}})"),
               Catch::Contains("camera.zoom: expected a number, found string"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "camera": {"zoom": 1e999}})"),
               Catch::Contains("not valid JSON") && Catch::Contains("1e999"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "camera": [43, 76]})"), Catch::Contains("camera: expected an object"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "filter": {"severities": ["fatal", "deadly"]}})"),
               Catch::Contains("filter.severities") && Catch::Contains("unknown severity \"deadly\""));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "filter": {"event_types": ["riots"]}})"),
               Catch::Contains("filter.event_types") && Catch::Contains("unknown event type \"riots\""));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "style": "dots"})"), Catch::Contains("style") && Catch::Contains("unknown style \"dots\""));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "filter": {"time_mode": "sometimes"}})"),
               Catch::Contains("filter.time_mode"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "filter": {"time": "2022-02-30T10:00"}})"),
               Catch::Contains("filter.time") && Catch::Contains("not a date-time"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "filter": {"window_seconds": -60}})"),
               Catch::Contains("filter.window_seconds") && Catch::Contains("negative"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "filter": {"window_seconds": 1.5}})"),
               Catch::Contains("filter.window_seconds"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "layers": [{"visible": true}]})"),
               Catch::Contains("layers") && Catch::Contains("source"));
    CHECK_THAT(error_for(R"({"incidentmap_view": 1, "incident_files": ["a.geojson", 7]})"),
               Catch::Contains("incident_files: expected a string"));
}
