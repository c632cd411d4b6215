#include "viewer/map_camera.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;
using viewer::MapCamera;
using viewer::ScreenPoint;

TEST_CASE("screen and world coordinates are inverse", "[viewer][camera]") {
    MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(43.25, 76.92), 150.0);
    for (ScreenPoint s : {ScreenPoint{0, 0}, ScreenPoint{800, 600}, ScreenPoint{123.5, 456.25}}) {
        const ScreenPoint back = cam.world_to_screen(cam.screen_to_world(s));
        CHECK(back.x == Approx(s.x).margin(1e-6));
        CHECK(back.y == Approx(s.y).margin(1e-6));
    }
    SECTION("the centre of the viewport is what we looked at") {
        const auto c = cam.lat_lon_at({400, 300});
        REQUIRE(c);
        CHECK(c->lat_deg() == Approx(43.25).margin(1e-6));
        CHECK(c->lon_deg() == Approx(76.92).margin(1e-6));
    }
    SECTION("north is up") {
        const auto p = cam.to_screen(core::LatLon::degrees(43.30, 76.92));
        REQUIRE(p);
        CHECK(p->y < 300);
    }
}

TEST_CASE("zoom keeps the point under the cursor fixed", "[viewer][camera]") {
    MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(10, 20), 1000);
    const ScreenPoint anchor{650, 120};
    const auto before = cam.lat_lon_at(anchor);
    cam.zoom_about(anchor, 4.0);
    CHECK(cam.meters_per_pixel() == Approx(250));
    const auto after = cam.lat_lon_at(anchor);
    REQUIRE(before);
    REQUIRE(after);
    CHECK(after->lat_deg() == Approx(before->lat_deg()).margin(1e-6));
    CHECK(after->lon_deg() == Approx(before->lon_deg()).margin(1e-6));

    SECTION("the scale is clamped") {
        cam.zoom_about(anchor, 1e12);
        CHECK(cam.meters_per_pixel() == MapCamera::kMinMetersPerPixel);
        cam.zoom_about(anchor, 1e-12);
        CHECK(cam.meters_per_pixel() == MapCamera::kMaxMetersPerPixel);
        CHECK(cam.zoom_level() == Approx(0));
    }
}

TEST_CASE("panning wraps round the world and stops at the poles", "[viewer][camera]") {
    MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(0, 179), 10'000);
    cam.pan_pixels(-50, 0);  // drag left by 500 km: move east, across the antimeridian
    CHECK(cam.center().x >= -MapCamera::kHalfWorld);
    CHECK(cam.center().x < MapCamera::kHalfWorld);
    const auto c = cam.lat_lon_at({400, 300});
    REQUIRE(c);
    CHECK(c->lon_deg() < -170);  // now just east of the antimeridian
    cam.pan_pixels(0, 1e9);
    CHECK(cam.center().y == MapCamera::kHalfWorld);
}

TEST_CASE("fit shows the whole box", "[viewer][camera]") {
    MapCamera cam(1000, 500);
    const auto sw = core::LatLon::degrees(40.5, 46.5), ne = core::LatLon::degrees(55.4, 87.3);  // Kazakhstan
    cam.fit(sw, ne, 20);
    for (auto p : {sw, ne}) {
        const auto s = cam.to_screen(p);
        REQUIRE(s);
        CHECK(s->x >= 19.9);
        CHECK(s->x <= 980.1);
        CHECK(s->y >= 19.9);
        CHECK(s->y <= 480.1);
    }
    SECTION("ground scale shrinks with latitude") {
        CHECK(cam.ground_meters_per_pixel().value() < cam.meters_per_pixel());
    }
    SECTION("a strip covered by panels on the left is left out") {
        viewer::WorldBox box;
        for (auto p : {sw, ne}) {
            const auto w = cam.to_world(p);
            REQUIRE(w);
            box.extend(w->x, w->y);
        }
        cam.fit(box, 20, 300);
        for (auto p : {sw, ne}) {
            const auto s = cam.to_screen(p);
            REQUIRE(s);
            CHECK(s->x >= 319.9);
            CHECK(s->x <= 980.1);
        }
    }
}
