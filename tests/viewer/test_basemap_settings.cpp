#include "core/error.hpp"
#include "viewer/basemap_settings.hpp"
#include "viewer/raster_layer.hpp"
#include "viewer/world_box.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;
using viewer::BasemapSettings;

TEST_CASE("the default basemap is land, borders and labels, bottom to top", "[viewer][basemap]") {
    auto s = BasemapSettings::defaults();
    REQUIRE(s.layers.size() == 3);
    CHECK(s.layers[0].source == viewer::kBuiltinLand);
    CHECK(s.layers[1].source == viewer::kBuiltinCountries);
    CHECK(s.layers[2].source == viewer::kBuiltinLabels);

    SECTION("user sources go above the land and below borders and labels, in the order given") {
        s.add_source("/data/a.geojson");
        s.add_source("/data/b.tif");
        REQUIRE(s.layers.size() == 5);
        CHECK(s.layers[1].source == "/data/a.geojson");
        CHECK(s.layers[2].source == "/data/b.tif");
        CHECK(s.layers[3].source == viewer::kBuiltinCountries);
    }
    SECTION("layers are found by source, short name or file name") {
        s.add_source("/data/a.geojson");
        CHECK(s.find("labels") == &s.layers.back());
        CHECK(s.find("builtin:land") == &s.layers.front());
        CHECK(s.find("a.geojson") == &s.layers[1]);
        CHECK(s.find("roads") == nullptr);
    }
}

TEST_CASE("basemap settings survive a JSON round trip", "[viewer][basemap]") {
    auto s = BasemapSettings::defaults();
    s.add_source("https://tile.example.org/{z}/{x}/{y}.png?key=a&b=c");
    s.layers[0].opacity = 0.25f;
    s.layers[2].visible = false;
    const auto back = BasemapSettings::from_json(s.to_json());
    CHECK(back == s);
    SECTION("missing fields take their defaults, out-of-range opacity is clamped") {
        const auto t = BasemapSettings::from_json(R"({"layers":[{"source":"x.gpkg","opacity":7}]})");
        REQUIRE(t.layers.size() == 1);
        CHECK(t.layers[0].visible);
        CHECK(t.layers[0].opacity == 1.0f);
    }
    SECTION("malformed text is an input error") {
        REQUIRE_THROWS_AS(BasemapSettings::from_json("{\"layers\": 3"), core::InputError);
        REQUIRE_THROWS_AS(BasemapSettings::from_json("{\"layers\": [{\"visible\": true}]}"), core::InputError);
    }
}

TEST_CASE("display names are short", "[viewer][basemap]") {
    CHECK(viewer::display_name("builtin:countries") == "countries");
    CHECK(viewer::display_name("/home/me/roads.gpkg") == "roads.gpkg");
    CHECK(viewer::display_name("https://tile.example.org/{z}/{x}/{y}.png") == "tile.example.org");
}

TEST_CASE("XYZ templates become a GDAL WMS description", "[viewer][basemap][raster]") {
    using viewer::RasterLayer;
    CHECK(RasterLayer::is_url_template("https://a.tile.example.org/{z}/{x}/{y}.png"));
    CHECK(RasterLayer::is_url_template("https://example.org/tms/{z}/{x}/{-y}.png"));
    CHECK_FALSE(RasterLayer::is_url_template("/data/world.tif"));
    const std::string xml = RasterLayer::wms_xml("https://{s}.example.org/{z}/{x}/{y}.png?k=1&l=2", "/tmp/cache", 18, 5);
    CHECK_THAT(xml, Catch::Contains("<ServerUrl>https://a.example.org/${z}/${x}/${y}.png?k=1&amp;l=2</ServerUrl>"));
    CHECK_THAT(xml, Catch::Contains("<TileLevel>18</TileLevel>"));
    CHECK_THAT(xml, Catch::Contains("<YOrigin>top</YOrigin>"));
    CHECK_THAT(xml, Catch::Contains("<Cache><Path>/tmp/cache</Path></Cache>"));
    CHECK_THAT(RasterLayer::wms_xml("https://example.org/{z}/{x}/{-y}.png", "", 19, 5), Catch::Contains("<YOrigin>bottom</YOrigin>"));
}

TEST_CASE("world copies cover a view across the antimeridian", "[viewer][basemap]") {
    const double W = 100;
    const viewer::WorldBox data{-50, -10, 50, 10};
    CHECK(viewer::wrap_offsets(data, {-20, -5, 20, 5}, W) == std::vector<double>{0});
    CHECK(viewer::wrap_offsets(data, {40, -5, 60, 5}, W) == std::vector<double>{0, 100});
    CHECK(viewer::wrap_offsets(data, {-240, -5, 240, 5}, W).size() == 5);
    CHECK(viewer::wrap_offsets(data, {-20, 50, 20, 60}, W).empty());
}
