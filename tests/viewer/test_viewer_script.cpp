// Drives the real viewer window with UI scripts (run under xvfb-run by ctest): pans, zooms, moves the time slider,
// switches a severity off, opens the inspector and drags a marker, and checks the screenshots: incidents in their
// severity colours where they lie, gone when filtered out. The PNGs (viewer_script_*.png) stay in the build
// directory for a person to look at.

#include "core/io/incident_io.hpp"
#include "core/io/rgba_image.hpp"
#include "store/project.hpp"
#include "tests/temp_dir.hpp"
#include "viewer/ui_script.hpp"
#include "viewer/viewer.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

using namespace incidentmap;
using namespace std::chrono;
using core::Severity;

namespace {

core::Incident make(std::string id, double lat, double lon, int day, Severity s) {
    core::Incident in;
    in.id = std::move(id);
    in.location = core::LatLon::degrees(lat, lon);
    in.time = core::TimeSpan::day(2022y / January / day);
    in.severity = s;
    in.event_type = core::EventType::riots;
    in.place_name = "Testville";
    in.quote = "Rioters clashed with police in Testville on that day.";
    return in;
}

// Runs `text` to its end and returns the last frame.
core::io::RgbaImage run(viewer::Viewer& v, viewer::Window& window, const std::string& text, const std::string& png) {
    viewer::UiScript script = viewer::UiScript::parse(text + "\nwait 1\n", "test script");
    core::io::RgbaImage last(1, 1);
    while (const auto f = script.next(v)) {
        v.frame(&f->input);
        last = window.read_back_buffer();
        window.present();
    }
    core::io::write_png(last, png);
    return last;
}

core::io::Rgba rgba(ImU32 c) {
    return {static_cast<std::uint8_t>(c & 0xFF), static_cast<std::uint8_t>((c >> 8) & 0xFF), static_cast<std::uint8_t>((c >> 16) & 0xFF), 255};
}

core::io::Rgba pixel_at(const core::io::RgbaImage& img, viewer::ScreenPoint p) {
    return img.at(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
}

// One window for the whole process: Catch runs a test body once per SECTION, and a second GLFW window after
// glfwTerminate could not reach the display under ASan. Each run gets a fresh Viewer on it.
viewer::Window& test_window() {
    static viewer::Window window({.width = 1280, .height = 800, .title = "incidentmap script test", .visible = true});
    return window;
}

// The default basemaps with the embedded gazetteer's place names, as a viewer under test draws them.
viewer::BasemapOptions test_basemaps() {
    viewer::BasemapOptions basemaps;
    basemaps.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    return basemaps;
}

// Three incidents in Kazakhstan: fatal on 6 January, injuries on the 5th, a protest on the 3rd.
void load_three(viewer::Viewer& v) {
    viewer::LoadedIncidents loaded;
    loaded.set = core::IncidentSet(std::vector<core::Incident>{make("fatal-a", 45.0, 70.0, 6, Severity::fatal),
                                                               make("injury-b", 44.0, 72.5, 5, Severity::injuries),
                                                               make("protest-c", 46.0, 67.5, 3, Severity::disruptive)});
    loaded.loaded.push_back("test: 3 incidents");
    v.load(std::move(loaded));
}

// The rectangle of the ImGui window of that name in the last frame, if it was drawn.
std::optional<ImRect> window_rect(const char* name) {
    const ImGuiWindow* w = ImGui::FindWindowByName(name);
    if (!w || !w->WasActive) return std::nullopt;
    return w->Rect();
}

}  // namespace

TEST_CASE("scripted interaction pans, zooms, filters in time and severity, and opens the inspector", "[viewer][window][script]") {
    viewer::Window& window = test_window();
    REQUIRE(window.content_scale() == 1.0f);  // Xvfb: positions below are in pixels at scale 1
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    load_three(v);
    viewer::IncidentLayer& layer = v.incidents();
    const viewer::MapStyle style;
    auto where = [&](const char* id) { return *layer.screen_position(*layer.find_id(id), v.camera()); };

    auto shot = run(v, window, "wait 2\nlook 45 70 6", "viewer_script_1_start.png");
    CHECK(shot.distinct_colors() > 50);
    CHECK(pixel_at(shot, where("fatal-a")) == rgba(style.severity[4]));
    CHECK(pixel_at(shot, where("injury-b")) == rgba(style.severity[3]));
    CHECK(pixel_at(shot, where("protest-c")) == rgba(style.severity[1]));

    SECTION("a drag pans the map by as many pixels, the wheel zooms about the pointer") {
        const auto before = where("fatal-a");
        shot = run(v, window, "drag 640 400 540 350", "viewer_script_2_pan.png");
        const auto after = where("fatal-a");
        CHECK(after.x == Approx(before.x - 100).margin(0.5));
        CHECK(after.y == Approx(before.y - 50).margin(0.5));
        CHECK(pixel_at(shot, after) == rgba(style.severity[4]));

        const double zoom = v.camera().zoom_level();
        shot = run(v, window, "wheel 2 " + std::to_string(after.x) + " " + std::to_string(after.y), "viewer_script_3_zoom.png");
        CHECK(v.camera().zoom_level() == Approx(zoom + 2 * std::log2(1.25)));
        CHECK(where("fatal-a").x == Approx(after.x).margin(0.5));
        CHECK(pixel_at(shot, where("fatal-a")) == rgba(style.severity[4]));
    }
    SECTION("the time slider shows only what overlaps the window; a severity switched off is gone") {
        shot = run(v, window, "window 1d\ntime 2022-01-06", "viewer_script_4_time.png");
        CHECK(pixel_at(shot, where("injury-b")) == rgba(style.severity[3]));  // 5 January
        CHECK(pixel_at(shot, where("fatal-a")) != rgba(style.severity[4]));   // 6 January: after the window
        CHECK(pixel_at(shot, where("protest-c")) != rgba(style.severity[1]));
        CHECK(layer.filtered().counts().shown == 1);

        shot = run(v, window, "mode all\nseverity injuries off", "viewer_script_5_severity.png");
        CHECK(pixel_at(shot, where("injury-b")) != rgba(style.severity[3]));
        CHECK(pixel_at(shot, where("fatal-a")) == rgba(style.severity[4]));
        CHECK(layer.filtered().counts().by_severity[3] == 1);  // still counted for its switch
    }
    SECTION("a click opens the inspector; dragging the selected marker corrects its location") {
        shot = run(v, window, "click-incident fatal-a\nwait 2", "viewer_script_6_inspector.png");
        REQUIRE(layer.selected());
        CHECK(layer.incidents().id(*layer.selected()) == "fatal-a");
        // The selection ring around the marker.
        const auto at = where("fatal-a");
        int ring = 0;
        for (int dy = -12; dy <= 12; ++dy)
            for (int dx = -12; dx <= 12; ++dx)
                ring += shot.at(static_cast<int>(at.x) + dx, static_cast<int>(at.y) + dy) == rgba(style.selection);
        CHECK(ring > 20);

        const auto from = where("fatal-a");
        run(v, window, "drag " + std::to_string(from.x) + " " + std::to_string(from.y) + " " + std::to_string(from.x + 91) + " " +
                           std::to_string(from.y),
            "viewer_script_7_moved.png");
        const core::Incident moved = layer.incidents().incident(*layer.find_id("fatal-a"));
        CHECK(moved.manual_correction);
        REQUIRE(moved.location);
        CHECK(moved.location->lon_deg() == Approx(72.0).margin(0.05));  // 91 px at zoom 6 is two degrees
        CHECK(moved.location->lat_deg() == Approx(45.0).margin(0.05));
        CHECK(layer.modified());
    }
}

TEST_CASE("a script with a mistake is refused before it runs, naming the line", "[viewer][script]") {
    REQUIRE_THROWS_WITH(viewer::UiScript::parse("wait 2\nzom 3\n", "tour.txt"), Catch::Contains("tour.txt") && Catch::Contains("line 2") &&
                                                                                 Catch::Contains("unknown action 'zom'"));
    REQUIRE_THROWS_WITH(viewer::UiScript::parse("severity catastrophic off\n"), Catch::Contains("severity"));
    REQUIRE_THROWS_WITH(viewer::UiScript::parse("time yesterday\n"), Catch::Contains("ISO 8601"));
    CHECK(viewer::UiScript::parse("# only a comment\n\n").size() == 0);
}

TEST_CASE("panels keep off the time bar and each other with three files loaded, collapse, and Tab hides them all",
          "[viewer][window][layout]") {
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    viewer::LoadedIncidents loaded;
    std::vector<core::Incident> many;
    for (int i = 0; i < 12; ++i) {  // markers some 50 pixels apart once fitted: none clusters
        std::string id = std::to_string(i);
        id.insert(0, "i");
        many.push_back(make(id, 40 + i * 0.6, 45 + i * 3.0, 1 + i % 7, Severity::violent));
    }
    loaded.set = core::IncidentSet(many);
    for (const char* file : {"a.geojson: 6 incidents", "b.geojson: 3 incidents", "c.gpkg: 3 incidents"}) loaded.loaded.emplace_back(file);
    v.load(std::move(loaded));
    run(v, window, "wait 3\nclick-incident i5\nwait 3", "viewer_layout_1_three_files.png");

    const auto time_bar = window_rect("Time");
    REQUIRE(time_bar);
    CHECK(time_bar->Min.y < 800);
    std::vector<std::pair<const char*, ImRect>> panels;
    for (const char* name : {"incidentmap", "Incidents", "Layers", "Inspector", "Search"}) {
        const auto r = window_rect(name);
        INFO(name);
        REQUIRE(r);
        CHECK(r->Max.y <= time_bar->Min.y);  // the time bar's Play button and menus stay in sight
        panels.emplace_back(name, *r);
    }
    for (std::size_t a = 0; a < panels.size(); ++a)
        for (std::size_t b = a + 1; b < panels.size(); ++b) {
            INFO(panels[a].first << " and " << panels[b].first);
            CHECK_FALSE(panels[a].second.Overlaps(panels[b].second));
        }
    // The fit leaves the columns out: the incidents lie between the left column and the right one.
    run(v, window, "fit\nwait 2", "viewer_layout_2_fit.png");
    const float left = window_rect("Incidents")->Max.x, right = window_rect("Layers")->Min.x;
    for (const char* id : {"i0", "i11"}) {
        const auto p = v.incidents().screen_position(*v.incidents().find_id(id), v.camera());
        REQUIRE(p);
        CHECK(p->x > left);
        CHECK(p->x < right);
    }

    // Collapsed, the info panel is its title bar, and the incident list moves up under it.
    const float list_top = window_rect("Incidents")->Min.y;
    ImGui::SetWindowCollapsed("incidentmap", true);
    run(v, window, "wait 2", "viewer_layout_3_collapsed.png");
    CHECK(window_rect("incidentmap")->GetHeight() < 40);
    CHECK(window_rect("Incidents")->Min.y < list_top);
    ImGui::SetWindowCollapsed("incidentmap", false);

    // Tab: the map alone, every panel and the time bar gone, the map down to the window's bottom edge; Tab again
    // brings them back.
    run(v, window, "tab\nwait 2", "viewer_layout_4_tab.png");
    CHECK_FALSE(v.panels_shown());
    for (const char* name : {"incidentmap", "Incidents", "Layers", "Inspector", "Search", "Time"}) {
        INFO(name);
        CHECK_FALSE(window_rect(name));
    }
    CHECK(v.camera().viewport_height() == 800);
    run(v, window, "tab\nwait 2", "viewer_layout_5_back.png");
    CHECK(v.panels_shown());
    CHECK(window_rect("Time"));
}

TEST_CASE("the precision circle is geodesic: far north it reaches further towards the pole than away from it",
          "[viewer][window][inspector]") {
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    core::Incident far_north = make("arkhangelsk", 64.54, 40.54, 5, Severity::violent);
    far_north.uncertainty_m = core::Meters(600'000);
    viewer::LoadedIncidents loaded;
    loaded.set = core::IncidentSet(std::vector<core::Incident>{far_north});
    loaded.loaded.push_back("test: 1 incident");
    v.load(std::move(loaded));
    const auto shot = run(v, window, "tab\nlook 64.54 40.54 3.5\nwait 2\nclick-incident arkhangelsk\nwait 3", "viewer_geodesic_circle.png");
    const auto at = *v.incidents().screen_position(0, v.camera());
    const core::io::Rgba ring = rgba(viewer::MapStyle{}.selection);
    // The ring's pixels straight above and below the marker, beyond the selection mark (10 pixels).
    auto reach = [&](int dir) {
        int far = 0;
        for (int d = 14; d < 400; ++d) {
            const int y = static_cast<int>(std::lround(at.y)) + dir * d;
            if (y < 0 || y >= shot.height()) break;
            if (shot.at(static_cast<int>(std::lround(at.x)), y) == ring) far = d;
        }
        return far;
    };
    const int north = reach(-1), south = reach(+1);
    INFO("north " << north << " px, south " << south << " px");
    REQUIRE(south > 20);
    // 600 km at 64.5 degrees north: on the Mercator map 1.22 times as far north as south (a circle drawn on the
    // screen: 1.0).
    CHECK(north > south * 1.15);
    CHECK(north < south * 1.30);
}

TEST_CASE("a place chosen in search closes the list and is marked by a pin", "[viewer][window][search]") {
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    run(v, window, "wait 2\nsearch Almaty\nwait 2", "viewer_search_1_list.png");
    const float listed = window_rect("Search")->GetHeight();
    const auto shot = run(v, window, "choose 0\nwait 150", "viewer_search_2_pin.png");
    REQUIRE_FALSE(v.flight().active());
    CHECK(window_rect("Search")->GetHeight() < listed / 2);  // the list closed on the choice
    REQUIRE(v.map().pin());
    CHECK(v.map().pin()->label == "Almaty");
    const auto at = v.camera().to_screen(v.map().pin()->at);
    REQUIRE(at);
    const core::io::Rgba pin = rgba(viewer::MapStyle{}.pin);
    int hits = 0;  // the pin's head, 18 pixels above the place, 7 across
    for (int dy = -6; dy <= 6; ++dy)
        for (int dx = -6; dx <= 6; ++dx) hits += shot.at(static_cast<int>(at->x) + dx, static_cast<int>(at->y) - 18 + dy) == pin;
    CHECK(hits > 40);
    run(v, window, "search \"\"\nwait 2", "viewer_search_3_cleared.png");
    CHECK_FALSE(v.map().pin());  // a cleared search takes the pin away
}

TEST_CASE("the time bar has a date axis, zooms with the wheel, brushes a window and steps by it", "[viewer][window][time]") {
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    load_three(v);
    viewer::TimePanel& time = v.time();
    viewer::IncidentFilter& filter = v.incidents().filter();
    auto day = [](int d) { return core::TimeSpan::Seconds{sys_days{2022y / January / d}}; };

    auto shot = run(v, window, "wait 2\ntime-view 2022-01-01 2022-01-11\nwait 2", "viewer_time_1_axis.png");
    const ImVec4 bars = time.bars_area();
    REQUIRE(bars.z - bars.x > 1000);
    // Ticks at the days, labelled, the first naming its year; the labels are drawn under the bars.
    const auto& ticks = time.axis_ticks();
    REQUIRE(ticks.size() >= 10);
    CHECK(ticks.front().label == "1 Jan 2022");
    CHECK(std::any_of(ticks.begin(), ticks.end(), [](const viewer::TimeTick& t) { return t.label == "5 Jan"; }));
    int light = 0;
    for (int y = static_cast<int>(bars.w) + 2; y < static_cast<int>(bars.w) + 16; ++y)
        for (int x = static_cast<int>(bars.x); x < static_cast<int>(bars.z); ++x) light += shot.at(x, y)[0] > 150;
    CHECK(light > 200);
    // The bars of 3, 5 and 6 January, in their severity colours.
    const viewer::MapStyle style;
    auto x_of = [&](core::TimeSpan::Seconds t) { return bars.x + static_cast<float>(time.view().fraction(t)) * (bars.z - bars.x); };
    const int base = static_cast<int>(bars.w) - 2;
    CHECK(shot.at(static_cast<int>(x_of(day(5))) + 2, base) == rgba(style.severity[3]));
    CHECK(shot.at(static_cast<int>(x_of(day(6))) + 2, base) == rgba(style.severity[4]));

    SECTION("the wheel zooms about the pointer") {
        const float x = x_of(day(6)), y = (bars.y + bars.w) / 2;
        run(v, window, "wheel 2 " + std::to_string(x) + " " + std::to_string(y) + "\nwait 1", "viewer_time_2_zoom.png");
        CHECK(time.view().span_s() == Approx(10 * 86400 * 0.64).epsilon(1e-6));
        CHECK(x_of(day(6)) == Approx(x).margin(1));
        CHECK(filter.mode == viewer::TimeMode::all);  // zooming the bars filters nothing
    }
    SECTION("a right drag pans the time shown with the pointer, and filters nothing") {
        const float y = (bars.y + bars.w) / 2;
        const float x0 = x_of(day(6)), x1 = x0 - 200;
        const double span = time.view().span_s();
        run(v, window, "right-drag " + std::to_string(x0) + " " + std::to_string(y) + " " + std::to_string(x1) + " " + std::to_string(y) + "\nwait 1",
            "viewer_time_2_pan.png");
        CHECK(time.view().span_s() == Approx(span).epsilon(1e-6));  // the same length of time
        CHECK(x_of(day(6)) == Approx(x1).margin(2));                // the instant under the pointer went with it
        CHECK(filter.mode == viewer::TimeMode::all);
    }
    SECTION("a drag across the bars brushes a window; the steps move it by its length") {
        const float y = (bars.y + bars.w) / 2;
        run(v, window, "drag " + std::to_string(x_of(day(4)) + 1) + " " + std::to_string(y) + " " + std::to_string(x_of(day(6)) - 1) + " " + std::to_string(y) + "\nwait 2",
            "viewer_time_3_brush.png");
        CHECK(filter.mode == viewer::TimeMode::window);
        CHECK(filter.window == days{2});  // snapped to the bars' boundaries
        CHECK(filter.time == day(6));
        CHECK(v.incidents().filtered().counts().shown == 1);  // the 5th only
        run(v, window, "step forward\nwait 1", "viewer_time_4_step.png");
        CHECK(filter.time == day(8));
        CHECK(v.incidents().filtered().counts().shown == 1);  // the 6th
        run(v, window, "step back\nstep back\nstep back\nwait 1", "viewer_time_5_back.png");
        CHECK(filter.time == day(4));  // not to a window that ends before the first incident starts
    }
    SECTION("a click on the bars puts the slider there; playback loops when asked") {
        run(v, window, "click " + std::to_string(x_of(day(5))) + " " + std::to_string((bars.y + bars.w) / 2) + "\nwait 1", "viewer_time_6_click.png");
        CHECK(filter.mode == viewer::TimeMode::accumulate);
        CHECK(std::chrono::abs(filter.time - day(5)) < hours{1});
        time.set_loop(true);
        time.play();
        time.advance(30);  // 30 days of data at a day a second: past the end, round again
        CHECK(time.playing());
        CHECK(filter.time < day(7));
        time.set_loop(false);
        time.advance(30);
        CHECK_FALSE(time.playing());
    }
}

TEST_CASE("incidents drawn as clusters, a heatmap or hexbins; counts and pixels follow the event-type switch",
          "[viewer][window][density]") {
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    viewer::LoadedIncidents loaded;
    std::vector<core::Incident> many;
    for (int i = 0; i < 400; ++i) {  // a dense patch of battles east, riots west
        const bool battle = i % 2 == 0;
        core::Incident in = make("n" + std::to_string(i), 45.0 + (i % 20) * 0.05, (battle ? 71.0 : 68.0) + (i / 20) * 0.05, 1 + i % 7,
                                 battle ? Severity::fatal : Severity::violent);
        if (battle) in.event_type = core::EventType::battles;
        many.push_back(in);
    }
    loaded.set = core::IncidentSet(many);
    loaded.loaded.push_back("test: 400 incidents");
    v.load(std::move(loaded));
    viewer::IncidentLayer& layer = v.incidents();
    const auto clusters = run(v, window, "wait 2\nlook 45.5 70 6.5\nwait 2", "viewer_density_1_clusters.png");
    REQUIRE(layer.aggregation() == viewer::Aggregation::clusters);
    // Clusters are ringed by their mix: the battles' fatal ring, the riots' violent one.
    CHECK(std::any_of(layer.markers().begin(), layer.markers().end(), [](const viewer::Marker& m) { return m.count > 1; }));

    const auto heat = run(v, window, "style heatmap\nwait 2", "viewer_density_2_heatmap.png");
    CHECK(layer.markers().empty());
    CHECK(layer.density_peak() > 10);
    std::size_t changed = 0;
    for (int y = 100; y < 600; ++y)
        for (int x = 320; x < 900; ++x) changed += clusters.at(x, y) != heat.at(x, y);
    CHECK(changed > 5'000);  // a heatmap is not the clusters

    const auto east = v.camera().to_screen(core::LatLon::degrees(45.5, 71.5));
    REQUIRE(east);
    const auto hot = pixel_at(heat, *east);
    const std::size_t fatal = layer.filtered().counts().by_severity[core::rank(Severity::fatal)];
    CHECK(fatal == 200);
    const auto off = run(v, window, "event-type \"Battles\" off\nwait 2", "viewer_density_3_no_battles.png");
    CHECK(layer.filtered().counts().by_severity[core::rank(Severity::fatal)] == 0);  // the Incidents panel's count
    CHECK(pixel_at(off, *east) != hot);  // the battles' heat is gone

    run(v, window, "event-type \"Battles\" on\nstyle hexbins\nwait 2", "viewer_density_4_hexbins.png");
    REQUIRE_FALSE(layer.markers().empty());
    // A click on a hexagon opens it: the map zooms in towards it.
    const double zoom = v.camera().zoom_level();
    const auto& cell = layer.markers().front();
    run(v, window, "click " + std::to_string(cell.at.x) + " " + std::to_string(cell.at.y) + "\nwait 2", "viewer_density_5_hex_click.png");
    CHECK(v.camera().zoom_level() > zoom);
}

TEST_CASE("the inspector lists the sources of an incident a project merged from several reports", "[viewer][window][inspector]") {
    test::TempDir dir;
    const std::string gpkg = (dir / "events.gpkg").string();
    {
        store::Batch batch;
        for (const char* name : {"vlast.html", "tengri.html"}) {
            store::SourceRecord s;
            s.location = name;
            s.checksum = store::source_checksum(name);
            s.title = std::string("Unrest in Almaty, as told by ") + name;
            s.outlet = name;
            s.published = 2022y / January / 6;
            s.readings = 1;
            store::Reading r;
            r.source_id = s.checksum;
            r.published = s.published;
            r.incident = make(s.checksum.substr(0, 8), 43.238, 76.945, 5, Severity::violent);
            r.incident.quote = std::string("Rioters set fire to the akimat, ") + name + " reports.";
            batch.sources.push_back(s);
            batch.readings.push_back(r);
        }
        store::Project::open(gpkg, true).add(batch);
    }
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    v.open_files({gpkg});
    REQUIRE(v.incidents().incidents().size() == 1);  // one incident of two reports
    const std::string id(v.incidents().incidents().id(0));
    run(v, window, "wait 2\nclick-incident " + id + "\nwait 3", "viewer_sources.png");
    REQUIRE(v.inspector().sources().size() == 2);
    for (const auto& s : v.inspector().sources()) {
        CHECK_THAT(s.heading, Catch::Contains("Unrest in Almaty") && Catch::Contains("2022-01-06"));
        CHECK_THAT(s.quote, Catch::Contains("Rioters set fire"));
    }
    CHECK(v.inspector().sources()[0].location != v.inspector().sources()[1].location);
}

TEST_CASE("files dropped on the window open beside those open; one that cannot be read is named", "[viewer][window][files]") {
    test::TempDir dir;
    const auto a = dir / "a.geojson", b = dir / "b.geojson";
    core::io::write_incidents(core::IncidentSet(std::vector<core::Incident>{make("a1", 45.0, 70.0, 6, Severity::fatal)}), a);
    core::io::write_incidents(core::IncidentSet(std::vector<core::Incident>{make("b1", 44.0, 72.5, 5, Severity::injuries),
                                                                            make("b2", 44.5, 72.0, 4, Severity::violent)}),
                              b);
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    v.open_files({a.string()});
    REQUIRE(v.incidents().incidents().size() == 1);
    run(v, window, "wait 2\ndrop " + b.string() + "\nwait 2", "viewer_drop.png");
    CHECK(v.incidents().incidents().size() == 3);
    CHECK(v.view_state().incident_files.size() == 2);
    run(v, window, "drop " + b.string() + "\nwait 1", "viewer_drop_again.png");
    CHECK(v.incidents().incidents().size() == 3);  // the same file once
    run(v, window, "drop " + (dir / "missing.geojson").string() + "\nwait 1", "viewer_drop_missing.png");
    CHECK(v.incidents().incidents().size() == 3);  // the others still there
    CHECK(v.unreadable_files() >= 1);
}

TEST_CASE("a saved view opens over what is open: a camera alone keeps the files and the time slider", "[viewer][window][view_state]") {
    test::TempDir dir;
    const auto a = dir / "a.geojson", b = dir / "b.geojson";
    core::io::write_incidents(core::IncidentSet(std::vector<core::Incident>{make("a1", 45.0, 70.0, 6, Severity::fatal),
                                                                            make("a2", 44.0, 72.5, 3, Severity::injuries)}),
                              a);
    core::io::write_incidents(core::IncidentSet(std::vector<core::Incident>{make("b1", 44.5, 72.0, 20, Severity::violent)}), b);
    viewer::Window& window = test_window();
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), test_basemaps());
    v.open_files({a.string()});
    const auto slider = v.incidents().filter().time;  // the end of the data: 7 January 2022, 00:00
    REQUIRE(core::format_iso_datetime(slider) == "2022-01-07T00:00:00");

    const auto camera_only = dir / "camera.json";
    {
        std::ofstream f(camera_only);
        f << R"({"incidentmap_view": 1, "camera": {"lat": 44.5, "lon": 71.0, "zoom": 7}})";
    }
    run(v, window, "wait 1\nopen-view " + camera_only.string() + "\nwait 1", "viewer_open_camera_view.png");
    CHECK(v.incidents().incidents().size() == 2);
    CHECK(v.view_state().incident_files.size() == 1);
    CHECK(v.incidents().filter().time == slider);
    CHECK(v.view_state().zoom == Approx(7.0).margin(1e-6));

    // A view that names other files and no time: the slider goes to the end of their data, not to 1970.
    const auto other_files = dir / "other.json";
    {
        std::ofstream f(other_files);
        f << R"({"incidentmap_view": 1, "incident_files": [")" << b.string() << R"("]})";
    }
    run(v, window, "open-view " + other_files.string() + "\nwait 1", "viewer_open_files_view.png");
    CHECK(v.incidents().incidents().size() == 1);
    CHECK(core::format_iso_datetime(v.incidents().filter().time) == "2022-01-21T00:00:00");
    // The camera it leaves out is the one that shows the files it opened.
    CHECK(v.view_state().center.lat_deg() == Approx(44.5).margin(0.01));
    CHECK(v.view_state().center.lon_deg() == Approx(72.0).margin(0.01));
}
