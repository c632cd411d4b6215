#include "core/geo_precision.hpp"
#include "core/severity.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace incidentmap::core;

TEST_CASE("severity is ordered and named", "[core][severity]") {
    CHECK(Severity::informational < Severity::disruptive);
    CHECK(Severity::disruptive < Severity::violent);
    CHECK(Severity::violent < Severity::injuries);
    CHECK(Severity::injuries < Severity::fatal);
    for (Severity s : kAllSeverities) {
        CHECK(parse_severity(to_string(s)) == s);
        CHECK(parse_severity(std::string(1, static_cast<char>('0' + rank(s)))) == s);
    }
    CHECK(to_string(Severity::fatal) == "fatal");
    CHECK(rank(Severity::fatal) == 4);
    CHECK_FALSE(parse_severity("5"));
    CHECK_FALSE(parse_severity("Fatal"));
    CHECK_FALSE(parse_severity(""));
}

TEST_CASE("geo precision levels, radii and ACLED codes", "[core][precision]") {
    CHECK(GeoLevel::landmark < GeoLevel::street);
    CHECK(GeoLevel::city < GeoLevel::admin_region);
    CHECK(GeoLevel::admin_region < GeoLevel::country);
    CHECK(GeoPrecision::at(GeoLevel::landmark).uncertainty() == Meters(100));
    CHECK(GeoPrecision::at(GeoLevel::city).uncertainty() == Meters::kilometers(10));
    CHECK(GeoPrecision::at(GeoLevel::landmark).acled_code() == 1);
    CHECK(GeoPrecision::at(GeoLevel::city).acled_code() == 1);
    CHECK(GeoPrecision::at(GeoLevel::admin_region).acled_code() == 3);
    CHECK(GeoPrecision::at(GeoLevel::country).acled_code() == 3);

    SECTION("a measured radius") {
        const auto p = GeoPrecision::within(GeoLevel::country, Meters::kilometers(1200));
        CHECK(p.uncertainty().km() == 1200);
        CHECK(GeoPrecision::at(GeoLevel::city).finer_than_or_equal(p));
        CHECK_FALSE(p.finer_than_or_equal(GeoPrecision::at(GeoLevel::city)));
        CHECK(GeoPrecision::within(GeoLevel::city, Meters(500)).finer_than_or_equal(GeoPrecision::at(GeoLevel::city)));
    }
    SECTION("radii must be finite and non-negative") {
        CHECK_THROWS_AS(GeoPrecision::within(GeoLevel::city, Meters(-1)), std::invalid_argument);
        CHECK_THROWS_AS(GeoPrecision::within(GeoLevel::city, Meters(std::numeric_limits<double>::quiet_NaN())),
                        std::invalid_argument);
    }
    SECTION("names round-trip") {
        for (int i = 0; i <= static_cast<int>(GeoLevel::country); ++i) {
            const auto level = static_cast<GeoLevel>(i);
            CHECK(parse_geo_level(to_string(level)) == level);
        }
        CHECK_FALSE(parse_geo_level("planet"));
    }
}
