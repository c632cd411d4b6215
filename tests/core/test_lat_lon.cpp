#include "core/lat_lon.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

using incidentmap::core::distance;
using incidentmap::core::InvalidCoordinate;
using incidentmap::core::kEarthMeanRadius;
using incidentmap::core::LatLon;
using incidentmap::core::Meters;
using incidentmap::core::destination;
using incidentmap::core::parse_lat_lon;

TEST_CASE("LatLon stores degrees as E7 fixed point", "[core][latlon]") {
    const auto almaty = LatLon::degrees(43.25, 76.91667);
    CHECK(almaty.lat_e7() == 432'500'000);
    CHECK(almaty.lon_e7() == 769'166'700);
    CHECK(almaty.lat_deg() == Approx(43.25).margin(1e-9));
    CHECK(almaty.lon_deg() == Approx(76.91667).margin(1e-9));

    SECTION("rounds to the nearest 1e-7 degree") {
        CHECK(LatLon::degrees(0.00000004, 0).lat_e7() == 0);
        CHECK(LatLon::degrees(0.00000006, 0).lat_e7() == 1);
        CHECK(LatLon::degrees(-0.00000006, 0).lat_e7() == -1);
    }
    SECTION("a round trip through degrees is stable") {
        const auto again = LatLon::degrees(almaty.lat_deg(), almaty.lon_deg());
        CHECK(again == almaty);
    }
    SECTION("is eight bytes") { STATIC_REQUIRE(sizeof(LatLon) == 8); }
}

TEST_CASE("LatLon accepts exactly the valid range", "[core][latlon]") {
    CHECK_NOTHROW(LatLon::degrees(90, 180));
    CHECK_NOTHROW(LatLon::degrees(-90, -180));
    CHECK_THROWS_AS(LatLon::degrees(90.0000001, 0), InvalidCoordinate);
    CHECK_THROWS_AS(LatLon::degrees(0, -180.0000001), InvalidCoordinate);
    CHECK_THROWS_AS(LatLon::degrees(123, 0), InvalidCoordinate);
    CHECK_THROWS_AS(LatLon::degrees(std::numeric_limits<double>::quiet_NaN(), 0), InvalidCoordinate);
    CHECK_THROWS_AS(LatLon::degrees(0, std::numeric_limits<double>::infinity()), InvalidCoordinate);
    CHECK_FALSE(LatLon::try_degrees(91, 0).has_value());
    CHECK(LatLon::try_degrees(45, 45).has_value());
    CHECK_THROWS_AS(LatLon::e7(900'000'001, 0), InvalidCoordinate);
    CHECK_FALSE(LatLon::try_e7(0, -1'800'000'001).has_value());
    CHECK(LatLon::e7(-900'000'000, 1'800'000'000).lon_deg() == 180.0);

    SECTION("the error names the value") {
        try {
            LatLon::degrees(123, 5);
            FAIL("no exception");
        } catch (const InvalidCoordinate& e) {
            CHECK_THAT(e.what(), Catch::Contains("lat 123"));
        }
    }
}

TEST_CASE("LatLon prints with seven decimals, latitude first", "[core][latlon]") {
    CHECK(LatLon::degrees(43.25, 76.91667).to_string() == "43.2500000,76.9166700");
    CHECK(LatLon::degrees(-0.5, -12.0000001).to_string() == "-0.5000000,-12.0000001");
}

TEST_CASE("great-circle distance", "[core][latlon]") {
    const auto paris = LatLon::degrees(48.8566, 2.3522);
    const auto london = LatLon::degrees(51.5074, -0.1278);
    CHECK(distance(paris, london).km() == Approx(343.5).margin(1.0));
    CHECK(distance(paris, london) == distance(london, paris));
    CHECK(distance(paris, paris).value() == 0.0);

    SECTION("antipodes are half the circumference apart") {
        const auto d = distance(LatLon::degrees(0, 0), LatLon::degrees(0, 180));
        CHECK(d.value() == Approx(std::numbers::pi * kEarthMeanRadius.value()));
    }
    SECTION("Koktobe town is about 920 km from Kok Tobe hill in Almaty") {
        CHECK(distance(LatLon::degrees(51.53, 77.47), LatLon::degrees(43.2331, 76.9755)).km() == Approx(923).margin(5));
    }
}

TEST_CASE("destination walks a great circle: distance back is the distance walked", "[core][latlon]") {
    const auto almaty = LatLon::degrees(43.2380, 76.9455);
    for (const LatLon from : {almaty, LatLon::degrees(70.0, 179.5), LatLon::degrees(-33.87, 151.21)})
        for (const double bearing : {0.0, 45.0, 90.0, 180.0, 270.0, 333.0})
            for (const double km : {0.15, 10.0, 500.0, 3000.0}) {
                INFO(from.to_string() << " bearing " << bearing << " km " << km);
                const LatLon to = destination(from, bearing, Meters(km * 1000));
                CHECK(distance(from, to).km() == Approx(km).epsilon(1e-6).margin(1e-4));  // E7 storage: a centimetre
            }
    // Due north along a meridian, due east across the antimeridian.
    CHECK(destination(almaty, 0, Meters(111'195.08)).lat_deg() == Approx(44.2380).margin(1e-5));
    const LatLon across = destination(LatLon::degrees(0, 179.5), 90, Meters(111'195.08));
    CHECK(across.lon_deg() == Approx(-179.5).margin(1e-5));
    CHECK(across.lat_deg() == Approx(0).margin(1e-9));
}

TEST_CASE("parse_lat_lon", "[core][latlon]") {
    REQUIRE(parse_lat_lon("43.25,76.92"));
    CHECK(*parse_lat_lon("43.25,76.92") == LatLon::degrees(43.25, 76.92));
    CHECK(*parse_lat_lon(" -1.5 , +2 ") == LatLon::degrees(-1.5, 2));
    CHECK_FALSE(parse_lat_lon("43.25"));
    CHECK_FALSE(parse_lat_lon("43.25,abc"));
    CHECK_FALSE(parse_lat_lon("95,10"));
    CHECK_FALSE(parse_lat_lon(",10"));
    CHECK_FALSE(parse_lat_lon("1,2,3"));
}
