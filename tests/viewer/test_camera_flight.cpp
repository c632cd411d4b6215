#include "viewer/camera_flight.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace incidentmap;
using viewer::CameraFlight;
using viewer::MapCamera;

namespace {

// Steps the flight at 60 frames a second until it lands (at most `max_frames`), calling `each` after every step.
template <typename F>
int fly(CameraFlight& flight, MapCamera& cam, F each, int max_frames = 1000) {
    int frames = 0;
    while (flight.active() && frames < max_frames) {
        flight.step(cam, 1.0 / 60);
        ++frames;
        each(cam);
    }
    return frames;
}

}  // namespace

TEST_CASE("a flight lands exactly on the target", "[viewer][camera_flight]") {
    MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(51.5, -0.12), 20);  // London, street level
    const auto almaty = core::LatLon::degrees(43.25, 76.91667);
    CameraFlight flight;
    CHECK_FALSE(flight.active());
    flight.start(cam, almaty, 40.0);
    REQUIRE(flight.active());
    double highest = 0;
    const int frames = fly(flight, cam, [&](const MapCamera& c) { highest = std::max(highest, c.meters_per_pixel()); });
    CHECK(frames == Approx(0.8 * 60).margin(1));

    MapCamera expected(800, 600);
    expected.look_at(almaty, 40.0);
    CHECK(cam.center().x == expected.center().x);
    CHECK(cam.center().y == expected.center().y);
    CHECK(cam.meters_per_pixel() == expected.meters_per_pixel());
    CHECK_FALSE(flight.active());

    SECTION("zooming out on the way: 5000 km apart, the view rose far above either end's scale") {
        CHECK(highest > 1000);
    }
    SECTION("a step after landing does nothing") {
        cam.pan_pixels(10, 10);
        const auto moved = cam.center();
        flight.step(cam, 1.0);
        CHECK(cam.center().x == moved.x);
        CHECK(cam.center().y == moved.y);
    }
}

TEST_CASE("a flight is inactive after its duration, whatever the frame rate", "[viewer][camera_flight]") {
    MapCamera cam(640, 480);
    CameraFlight flight;
    flight.start(cam, core::LatLon::degrees(10, 10), 500, 0.5);
    flight.step(cam, 0.3);
    CHECK(flight.active());
    flight.step(cam, 0.2);
    CHECK_FALSE(flight.active());

    SECTION("one long frame lands at once") {
        flight.start(cam, core::LatLon::degrees(-30, 140), 100);
        flight.step(cam, 5.0);
        CHECK_FALSE(flight.active());
        CHECK(cam.meters_per_pixel() == 100);
    }
    SECTION("a zero duration lands on the next step; negative and NaN steps do not advance") {
        flight.start(cam, core::LatLon::degrees(-30, 140), 100, 0);
        CHECK(flight.active());
        flight.step(cam, 0);
        CHECK_FALSE(flight.active());
        flight.start(cam, core::LatLon::degrees(30, 40), 100, 0.5);
        flight.step(cam, -1);
        flight.step(cam, std::nan(""));
        CHECK(flight.active());
        CHECK(flight.elapsed_s() == 0);
    }
    SECTION("a pole lands on the edge of the Mercator square, as look_at does") {
        flight.start(cam, core::LatLon::degrees(90, 0), 100);
        for (int i = 0; i <= 10; ++i) CHECK(std::abs(flight.pose_at(i / 10.0).center.y) <= MapCamera::kHalfWorld);
        flight.step(cam, 0.4);
        CHECK(std::isfinite(cam.center().y));
        flight.step(cam, 0.4);
        CHECK(cam.center().y == MapCamera::kHalfWorld);
    }
    SECTION("cancel stops where the camera is") {
        flight.start(cam, core::LatLon::degrees(-30, 140), 100);
        flight.step(cam, 0.1);
        const auto here = cam.center();
        flight.cancel();
        CHECK_FALSE(flight.active());
        flight.step(cam, 0.1);
        CHECK(cam.center().x == here.x);
    }
}

TEST_CASE("a flight crosses the antimeridian the short way", "[viewer][camera_flight]") {
    MapCamera cam(800, 600);
    cam.look_at(core::LatLon::degrees(-17, 170), 200);  // east of Australia, towards Fiji's far side
    CameraFlight flight;
    flight.start(cam, core::LatLon::degrees(-15, -170), 200);
    double min_abs_lon = 180;
    fly(flight, cam, [&](const MapCamera& c) {
        const auto centre = c.lat_lon_at({400, 300});
        REQUIRE(centre);
        min_abs_lon = std::min(min_abs_lon, std::abs(centre->lon_deg()));
        CHECK(c.center().x >= -MapCamera::kHalfWorld);
        CHECK(c.center().x < MapCamera::kHalfWorld);
    });
    CHECK(min_abs_lon >= 169.999);  // stayed within 10 degrees of 180, never went past 0
    const auto end = cam.lat_lon_at({400, 300});
    REQUIRE(end);
    CHECK(end->lon_deg() == Approx(-170).margin(1e-6));

    SECTION("the plan moves east, past half the world width") {
        const auto mid = flight.pose_at(0.75);
        CHECK(mid.center.x > MapCamera::kHalfWorld * (170.0 / 180) - 1);
        CHECK(flight.pose_at(1).center.x > MapCamera::kHalfWorld);
    }
}

TEST_CASE("a flight never leaves the camera's scale limits", "[viewer][camera_flight]") {
    CameraFlight flight;
    SECTION("from street level to the antipode in a small viewport: the arc would rise above the world") {
        MapCamera cam(100, 100);
        cam.look_at(core::LatLon::degrees(43.25, 76.92), MapCamera::kMinMetersPerPixel);
        flight.start(cam, core::LatLon::degrees(-43.25, -103.08), MapCamera::kMinMetersPerPixel);
        bool reached_top = false;
        for (int i = 0; i <= 1000; ++i) {
            const double m = flight.pose_at(i / 1000.0).meters_per_pixel;
            CHECK(m >= MapCamera::kMinMetersPerPixel);
            CHECK(m <= MapCamera::kMaxMetersPerPixel);
            reached_top |= m == MapCamera::kMaxMetersPerPixel;
        }
        CHECK(reached_top);
        fly(flight, cam, [](const MapCamera& c) {
            CHECK(c.meters_per_pixel() >= MapCamera::kMinMetersPerPixel);
            CHECK(c.meters_per_pixel() <= MapCamera::kMaxMetersPerPixel);
        });
    }
    SECTION("a target scale beyond the limits is clamped") {
        MapCamera cam(800, 600);
        flight.start(cam, core::LatLon::degrees(1, 2), 1e-6);
        CHECK(flight.target_meters_per_pixel() == MapCamera::kMinMetersPerPixel);
        flight.start(cam, core::LatLon::degrees(1, 2), 1e12);
        CHECK(flight.target_meters_per_pixel() == MapCamera::kMaxMetersPerPixel);
    }
    SECTION("zooming in place changes the scale monotonically") {
        MapCamera cam(800, 600);
        const auto p = core::LatLon::degrees(43.25, 76.92);
        cam.look_at(p, 10'000);
        flight.start(cam, p, 10);
        double last = cam.meters_per_pixel();
        for (int i = 1; i <= 100; ++i) {
            const double m = flight.pose_at(i / 100.0).meters_per_pixel;
            CHECK(m <= last);
            last = m;
        }
        CHECK(last == 10);
    }
}

TEST_CASE("the scale that shows a place", "[viewer][camera_flight]") {
    using gazetteer::PlaceClass;
    const auto equator = core::LatLon::degrees(0, 30);
    SECTION("a 15 km radius on the equator spans 60 % of 1000 pixels") {
        CHECK(viewer::meters_per_pixel_to_show(core::Meters::kilometers(15), equator, 1000) == Approx(50));
    }
    SECTION("Mercator stretches by 1 / cos(latitude)") {
        CHECK(viewer::meters_per_pixel_to_show(core::Meters::kilometers(15), core::LatLon::degrees(60, 0), 1000) ==
              Approx(100));
    }
    SECTION("clamped to the camera's limits, even at the pole") {
        CHECK(viewer::meters_per_pixel_to_show(core::Meters(0), equator, 1000) == MapCamera::kMinMetersPerPixel);
        CHECK(viewer::meters_per_pixel_to_show(core::Meters::kilometers(1e5), core::LatLon::degrees(90, 0), 1000) ==
              MapCamera::kMaxMetersPerPixel);
        CHECK(std::isfinite(viewer::meters_per_pixel_to_show(core::Meters(300), core::LatLon::degrees(90, 0), 0)));
    }
    SECTION("unknown radii fall back to the class; known ones have a floor") {
        CHECK(viewer::framing_radius(PlaceClass::country, core::Meters(0)) > viewer::framing_radius(PlaceClass::city, core::Meters(0)));
        CHECK(viewer::framing_radius(PlaceClass::city, core::Meters(0)) == core::Meters::kilometers(15));
        CHECK(viewer::framing_radius(PlaceClass::landmark, core::Meters(0)) == core::Meters(300));
        CHECK(viewer::framing_radius(PlaceClass::city, core::Meters(7000)) == core::Meters(7000));
        CHECK(viewer::framing_radius(PlaceClass::landmark, core::Meters(10)) == core::Meters(150));
    }
}
