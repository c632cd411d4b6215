// Incidents drawn as a density: clusters that never overlap and list every incident they fold, hexbins fixed to
// the ground that count each incident once, a heatmap whose lone incident peaks at one, and the three modes drawn
// differently by `render`.

#include "viewer/incident_density.hpp"
#include "viewer/incident_markers.hpp"
#include "viewer/map_render.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

using namespace incidentmap;
using core::Incident;
using core::Severity;

namespace {

core::IncidentSet random_set(int n, double lat0, double lat1, double lon0, double lon1, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lat(lat0, lat1), lon(lon0, lon1);
    std::vector<Incident> many;
    for (int i = 0; i < n; ++i) {
        Incident in;
        in.id = std::to_string(i);
        in.location = core::LatLon::degrees(lat(rng), lon(rng));
        in.time = core::TimeSpan::day(std::chrono::year_month_day{std::chrono::sys_days{std::chrono::year{2022} / std::chrono::January / 1} + std::chrono::days{i % 30}});
        in.severity = core::kAllSeverities[static_cast<std::size_t>(i) % core::kSeverityCount];
        in.event_type = core::EventType::riots;
        many.push_back(in);
    }
    return core::IncidentSet(many);
}

std::vector<std::uint32_t> all_of(const core::IncidentSet& set) {
    std::vector<std::uint32_t> all(set.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
}

std::size_t in_view(const viewer::MercatorPoints& p, const viewer::MapCamera& cam) {
    const viewer::WorldBox box = cam.visible_box(0);
    std::size_t n = 0;
    for (std::size_t i = 0; i < p.x.size(); ++i) n += p.y[i] >= box.min_y && p.y[i] <= box.max_y && p.x[i] >= box.min_x && p.x[i] <= box.max_x;
    return n;
}

}  // namespace

TEST_CASE("clusters never overlap in dense data and list every incident they fold", "[viewer][incident_markers]") {
    const core::IncidentSet set = random_set(20'000, 40, 50, 60, 80, 3);
    viewer::MercatorPoints points;
    points.assign(set.locations());
    const auto shown = all_of(set);
    viewer::MapCamera cam(1200, 800);
    cam.look_at(core::LatLon::degrees(45, 70), 2'500);
    viewer::MarkerBuilder builder;
    const auto markers = builder.build(points, shown, set, cam, {.cell_px = 28, .margin_px = 0});
    REQUIRE(markers.size() > 20);
    std::size_t counted = 0, listed = 0;
    std::set<std::uint32_t> everyone;
    for (const auto& m : markers) {
        counted += m.count;
        const auto members = builder.members(m, points, shown);
        CHECK(members.size() == m.count);
        listed += members.size();
        everyone.insert(members.begin(), members.end());
    }
    CHECK(counted == in_view(points, cam));
    CHECK(listed == counted);
    CHECK(everyone.size() == counted);  // no incident in two markers
    for (std::size_t a = 0; a < markers.size(); ++a)
        for (std::size_t b = a + 1; b < markers.size(); ++b) {
            const double d = std::hypot(markers[a].at.x - markers[b].at.x, markers[a].at.y - markers[b].at.y);
            const double reach = viewer::marker_radius(markers[a]) + viewer::marker_radius(markers[b]) + 6;
            INFO(markers[a].count << " at " << markers[a].at.x << "," << markers[a].at.y << " and " << markers[b].count);
            CHECK(d >= reach * 0.9);  // apart (a host moves a little as it takes its neighbours in)
        }
    // A cluster's count always fits its disc: the radius grows with the printed digits.
    viewer::Marker big;
    big.count = 1234;
    CHECK(viewer::marker_radius(big) >= 7 + 4 * 4);
}

TEST_CASE("hexbins count each incident in view once and stay on the ground while the map pans", "[viewer][incident_density]") {
    const core::IncidentSet set = random_set(5'000, -60, 70, -180, 180, 7);
    viewer::MercatorPoints points;
    points.assign(set.locations());
    const auto shown = all_of(set);
    viewer::MapCamera cam(1200, 800);
    cam.look_at(core::LatLon::degrees(20, 10), 20'000);
    viewer::HexbinBuilder hexbins;
    const auto hexes = hexbins.build(points, shown, set, cam, 18);
    CHECK(hexbins.radius_px() >= 18);
    CHECK(hexbins.radius_px() < 36);
    std::size_t counted = 0;
    for (const auto& h : hexes) counted += h.count;
    // Counted: the incidents in every hexagon reaching into the view, a little more than the view holds.
    CHECK(counted >= in_view(points, cam));
    std::set<std::pair<std::int64_t, std::int64_t>> keys;
    for (const auto& h : hexes) CHECK(keys.insert({h.row, h.column}).second);

    // A hexagon's members are its count, and the hexagon under its centre is itself.
    const auto& busiest = *std::max_element(hexes.begin(), hexes.end(), [](const auto& a, const auto& b) { return a.count < b.count; });
    CHECK(hexbins.members(busiest, points, shown).size() == busiest.count);
    CHECK(hexbins.at(busiest.at) == &busiest);
    CHECK(hexbins.max_count() == busiest.count);

    // Panned by 100 pixels: the same hexagon, 100 pixels away, with the same count.
    const viewer::Hexbin before = busiest;
    cam.pan_pixels(100, 0);
    const auto moved = hexbins.build(points, shown, set, cam, 18);
    const auto again = std::find_if(moved.begin(), moved.end(), [&](const auto& h) { return h.row == before.row && h.column == before.column; });
    REQUIRE(again != moved.end());
    CHECK(again->count == before.count);
    CHECK(again->at.x == Approx(before.at.x + 100).margin(1e-6));
}

TEST_CASE("the heatmap peaks at one for a lone incident and fades to nothing away from it", "[viewer][incident_density]") {
    Incident lone;
    lone.location = core::LatLon::degrees(45, 70);
    const core::IncidentSet set(std::vector<Incident>{lone});
    viewer::MercatorPoints points;
    points.assign(set.locations());
    viewer::MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(45, 70), 1'000);
    viewer::Heatmap heat;
    heat.build(points, all_of(set), cam, {.cell_px = 4, .radius_px = 22});
    CHECK(heat.counted() == 1);
    CHECK(heat.peak() == Approx(1).epsilon(0.05));
    const auto& img = heat.image();
    // The incident at the screen's centre: its cell, after the grid's origin at (-22, -22).
    const int cx = static_cast<int>((400 + 22) / 4), cy = static_cast<int>((300 + 22) / 4);
    CHECK(img.at(cx, cy)[3] > 150);
    CHECK(img.at(cx + 20, cy)[3] == 0);  // 80 px away
    CHECK(img.at(0, 0)[3] == 0);
    // The colour scale runs from light yellow to dark red.
    CHECK(viewer::density_color(0)[0] == 255);
    CHECK(viewer::density_color(1)[1] == 0);
}

TEST_CASE("render draws clusters, a heatmap and hexbins differently, each in its own colours", "[viewer][render][incident_density]") {
    viewer::RenderOptions o;
    o.width = 640;
    o.height = 400;
    o.bbox = viewer::GeoBox{core::LatLon::degrees(40, 60), core::LatLon::degrees(52, 82)};
    o.overlays = {};
    const core::IncidentSet set = random_set(3'000, 44, 46, 68, 72, 11);
    auto with = [&](viewer::Aggregation a) {
        viewer::RenderOptions copy = o;
        copy.incidents = set;
        copy.aggregation = a;
        return viewer::render_map(std::move(copy)).image;
    };
    const auto clusters = with(viewer::Aggregation::clusters), heat = with(viewer::Aggregation::heatmap), hex = with(viewer::Aggregation::hexbins);
    const viewer::MapCamera cam = viewer::camera_for(*o.bbox, o.width, o.height);
    const auto centre = *cam.to_screen(core::LatLon::degrees(45, 70));
    auto differing = [](const core::io::RgbaImage& a, const core::io::RgbaImage& b) {
        std::size_t n = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) n += a.at(x, y) != b.at(x, y);
        return n;
    };
    CHECK(differing(clusters, heat) > 2'000);
    CHECK(differing(heat, hex) > 2'000);
    // The heatmap's middle is its densest colour, warm and opaque over the land.
    const auto h = heat.at(static_cast<int>(centre.x), static_cast<int>(centre.y));
    CHECK(h[0] > 120);
    CHECK(h[2] < 90);
    // Hexbins: the hexagon there is filled with the scale's colour, not with a severity's.
    const auto x = hex.at(static_cast<int>(centre.x) + 3, static_cast<int>(centre.y) + 3);
    const viewer::MapStyle style;
    for (const ImU32 c : style.severity)
        CHECK_FALSE((x[0] == (c & 0xFF) && x[1] == ((c >> 8) & 0xFF) && x[2] == ((c >> 16) & 0xFF)));
    CHECK(x[0] > 120);
}
