#include "core/gdal.hpp"

#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace incidentmap::core;
using incidentmap::test::TempDir;

TEST_CASE("opening a missing dataset throws DatasetOpenError naming the file", "[core][gdal]") {
    try {
        gdal::Dataset::open_vector("/nonexistent/dir/incidents.geojson");
        FAIL("no exception");
    } catch (const DatasetOpenError& e) {
        CHECK(e.source() == "/nonexistent/dir/incidents.geojson");
        CHECK_THAT(e.what(), Catch::StartsWith("/nonexistent/dir/incidents.geojson: cannot open"));
    }
}

TEST_CASE("a file GDAL cannot read is refused with GDAL's message", "[core][gdal]") {
    TempDir dir;
    const auto path = (dir / "broken.geojson").string();
    std::ofstream(path) << "{\"type\": \"FeatureCollection\", \"features\": [";
    CHECK_THROWS_AS(gdal::Dataset::open_vector(path), DatasetOpenError);
}

TEST_CASE("write a GeoJSON layer, close, read it back", "[core][gdal]") {
    TempDir dir;
    const auto path = (dir / "points.geojson").string();
    {
        auto ds = gdal::Dataset::create_vector("GeoJSON", path);
        const OGRSpatialReference wgs84 = gdal::wgs84();
        auto layer = ds.create_layer("points", wkbPoint, &wgs84, {"RFC7946=YES"});
        layer.create_field("name", OFTString);
        OGRFeature feature(layer.get().GetLayerDefn());
        feature.SetField("name", "Almaty");
        OGRPoint pt(76.91667, 43.25);
        feature.SetGeometry(&pt);
        layer.create_feature(feature);
        ds.close();
    }
    auto ds = gdal::Dataset::open_vector(path);
    REQUIRE(ds.layer_count() == 1);
    auto layer = ds.layer(0);
    CHECK(layer.feature_count() == 1);
    auto f = layer.next_feature();
    REQUIRE(f);
    CHECK(std::string(f->GetFieldAsString("name")) == "Almaty");
    const auto* p = f->GetGeometryRef()->toPoint();
    CHECK(p->getX() == Approx(76.91667));
    CHECK(p->getY() == Approx(43.25));
    CHECK_FALSE(layer.next_feature());

    SECTION("asking for a missing layer names it") {
        try {
            ds.layer("incidents");
            FAIL("no exception");
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Catch::Contains("no layer named 'incidents'"));
            CHECK(e.source() == path);
        }
        CHECK_THROWS_AS(ds.layer(3), InputError);
    }
}

TEST_CASE("an unknown driver is reported by name", "[core][gdal]") {
    CHECK_THROWS_WITH(gdal::Dataset::create_vector("NoSuchDriver", "/tmp/x"), Catch::Contains("no driver named 'NoSuchDriver'"));
}
