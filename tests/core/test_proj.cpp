#include "core/proj.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace incidentmap::core;

TEST_CASE("WGS84 to Web Mercator, longitude first whatever EPSG says", "[core][proj]") {
    proj::Context ctx;
    const auto merc = proj::Transformation::wgs84_to_web_mercator(ctx);
    // EPSG:3857 x = R * lon, y = R * ln(tan(pi/4 + lat/2)) with R = 6378137.
    const auto p = merc.forward(LatLon::degrees(43.25, 76.91667));
    REQUIRE(p);
    CHECK(p->x == Approx(6378137.0 * 76.91667 * M_PI / 180).epsilon(1e-12));
    CHECK(p->y == Approx(6378137.0 * std::log(std::tan(M_PI / 4 + 43.25 * M_PI / 360))).epsilon(1e-9));

    SECTION("inverse returns the point") {
        const auto back = merc.inverse(*p);
        REQUIRE(back);
        CHECK(back->x == Approx(76.91667).margin(1e-9));
        CHECK(back->y == Approx(43.25).margin(1e-9));
    }
    SECTION("bulk forward matches single points") {
        std::vector<double> xs{0, 76.91667, -180}, ys{0, 43.25, 0};
        merc.forward(xs, ys);
        CHECK(xs[0] == Approx(0).margin(1e-6));
        CHECK(xs[1] == Approx(p->x));
        CHECK(ys[1] == Approx(p->y));
        CHECK(xs[2] == Approx(-20037508.342789244));
    }
    SECTION("bulk spans of different sizes are refused") {
        std::vector<double> xs{0, 1}, ys{0};
        CHECK_THROWS_AS(merc.forward(xs, ys), std::invalid_argument);
    }
}

TEST_CASE("an unknown CRS throws CrsError naming it and PROJ's reason", "[core][proj]") {
    proj::Context ctx;
    try {
        proj::Transformation::between(ctx, "EPSG:4326", "EPSG:999999");
        FAIL("no exception");
    } catch (const CrsError& e) {
        CHECK_THAT(e.what(), Catch::Contains("EPSG:999999"));
        CHECK_THAT(e.what(), Catch::Contains("PROJ cannot build"));
        CHECK(e.detail().size() > std::string("PROJ cannot build this transformation: ").size());
    }
}
