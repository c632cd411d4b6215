#include "core/geos.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap::core;

TEST_CASE("GEOS geometries from WKT", "[core][geos]") {
    geos::Context ctx;
    // An L-shaped polygon: its centroid lies outside, its point on surface inside.
    const auto l_shape = geos::Geometry::from_wkt(ctx, "POLYGON((0 0, 10 0, 10 1, 1 1, 1 10, 0 10, 0 0))");
    CHECK(l_shape.area() == Approx(19));
    const auto inside = l_shape.point_on_surface();
    CHECK(l_shape.contains(geos::Geometry::point(ctx, inside)));
    const auto c = l_shape.centroid();
    CHECK_FALSE(l_shape.contains(geos::Geometry::point(ctx, c)));
    CHECK(geos::Geometry::from_wkt(ctx, "POINT (76.9 43.25)").to_wkt(2) == "POINT (76.9 43.25)");
}

TEST_CASE("bad WKT throws GeometryError with GEOS's message and the input", "[core][geos]") {
    geos::Context ctx;
    try {
        geos::Geometry::from_wkt(ctx, "POLYGON((0 0, 1 1");
        FAIL("no exception");
    } catch (const GeometryError& e) {
        CHECK_THAT(e.what(), Catch::Contains("POLYGON((0 0, 1 1"));
        CHECK_THAT(e.detail(), Catch::Contains("ParseException"));
    }
    SECTION("an empty geometry has no point on surface") {
        const auto empty = geos::Geometry::from_wkt(ctx, "POLYGON EMPTY");
        CHECK(empty.is_empty());
        CHECK_THROWS_AS(empty.point_on_surface(), GeometryError);
    }
}
