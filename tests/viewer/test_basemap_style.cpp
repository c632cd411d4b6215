// Vector basemaps styled by what their features are: the style file's rules and their errors, an OpenStreetMap
// extract through GDAL's OSM driver drawn road by class with names along the streets and points of interest as
// grey squares (never an incident's colours), a style file of the analyst's own, and the Almaty extract of
// ../shared when it is there.

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/rgba_image.hpp"
#include "tests/skip.hpp"
#include "tests/temp_dir.hpp"
#include "viewer/basemap_style.hpp"
#include "viewer/map_render.hpp"

#include <catch2/catch.hpp>
#include <gdal_utils.h>

#include <filesystem>
#include <fstream>

using namespace incidentmap;
using core::io::Rgba;

namespace {

Rgba rgb(viewer::PackedColor c) { return {static_cast<std::uint8_t>(c & 0xFF), static_cast<std::uint8_t>((c >> 8) & 0xFF), static_cast<std::uint8_t>((c >> 16) & 0xFF), 255}; }

// A street, a building and a café in OpenStreetMap's XML, as an extract holds them.
constexpr const char* kOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="incidentmap test">
 <node id="1" version="1" lat="43.2380" lon="76.9400"/>
 <node id="2" version="1" lat="43.2380" lon="76.9500"/>
 <node id="3" version="1" lat="43.2390" lon="76.9420"/>
 <node id="4" version="1" lat="43.2390" lon="76.9430"/>
 <node id="5" version="1" lat="43.2396" lon="76.9430"/>
 <node id="6" version="1" lat="43.2396" lon="76.9420"/>
 <node id="7" version="1" lat="43.2370" lon="76.9470"><tag k="amenity" v="cafe"/><tag k="name" v="Cafe Central"/></node>
 <way id="100" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="Abay Avenue"/><tag k="name:ru" v="проспект Абая"/></way>
 <way id="101" version="1"><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="6"/><nd ref="3"/><tag k="building" v="yes"/></way>
</osm>
)";

viewer::RenderOptions street_view(const std::filesystem::path& osm) {
    viewer::RenderOptions o;
    o.width = 800;
    o.height = 500;
    o.bbox = viewer::GeoBox{core::LatLon::degrees(43.2355, 76.9395), core::LatLon::degrees(43.2405, 76.9505)};
    o.overlays = {};
    o.basemap_options.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    o.basemaps.add_source(osm.string());
    return o;
}

int count(const core::io::RgbaImage& img, Rgba c, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) {
    if (x1 < 0) x1 = img.width();
    if (y1 < 0) y1 = img.height();
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const Rgba p = img.at(x, y);
            n += p[0] == c[0] && p[1] == c[1] && p[2] == c[2];
        }
    return n;
}

}  // namespace

TEST_CASE("a style file's rules are read, and its mistakes named with the rule and the member", "[viewer][basemap_style]") {
    const auto style = viewer::BasemapStyle::parse(R"({"label_fields": ["name:{lang}", "name"], "rules": [
        {"layer": "lines", "field": "highway", "values": ["primary"], "stroke": "#fcd6a4", "width": 10, "min_width": 1,
         "label": true, "label_min_zoom": 14}, {"hide": true}]})", "roads.json");
    REQUIRE(style.rules.size() == 2);
    CHECK(style.rules[0].stroke == viewer::parse_hex_color("#fcd6a4"));
    CHECK(style.rules[0].width_at(16) == Approx(10));
    CHECK(style.rules[0].width_at(14) == Approx(2.5));
    CHECK(style.rules[0].width_at(8) == Approx(1));   // no thinner than min_width
    CHECK(style.rules[0].width_at(19) == Approx(20));  // no wider than twice width
    CHECK(style.rules[1].hide);
    CHECK(style.label_fields_for("ru") == std::vector<std::string>{"name:ru", "name"});
    CHECK(style.label_fields_for("") == std::vector<std::string>{"name"});

    auto refused = [](const char* json) {
        try {
            viewer::BasemapStyle::parse(json, "roads.json");
        } catch (const core::InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK_THAT(refused(R"({"rules": [{"stroke": "#fcd6a4"}, {"strok": "#000"}]})"),
               Catch::Contains("roads.json") && Catch::Contains("rule 2") && Catch::Contains("strok"));
    CHECK_THAT(refused(R"({"rules": [{"fill": "orange"}]})"), Catch::Contains("rule 1") && Catch::Contains("not a colour"));
    CHECK_THAT(refused(R"({"rules": [{"values": ["primary"]}]})"), Catch::Contains("without a field"));
    CHECK_THAT(refused(R"({"rules": [{"min_zoom": 30}]})"), Catch::Contains("min_zoom") && Catch::Contains("outside"));
    CHECK_THAT(refused(R"({"rules": [{"geometry": "area"}]})"), Catch::Contains("not point, line or polygon"));
    CHECK_THAT(refused(R"({"rules": []})"), Catch::Contains("no rules"));
    CHECK_THAT(refused("{rules"), Catch::Contains("not valid JSON"));
}

TEST_CASE("an OpenStreetMap extract draws roads by class, buildings, named streets and grey points of interest",
          "[viewer][render][basemap_style]") {
    test::TempDir dir;
    const auto osm = dir / "almaty.osm";
    std::ofstream(osm) << kOsm;
    const auto result = viewer::render_map(street_view(osm));
    core::io::write_png(result.image, "render_osm_street.png");
    for (const auto& m : result.messages) UNSCOPED_INFO(m);
    REQUIRE(result.messages.empty());
    const auto style = viewer::BasemapStyle::load(std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "assets/styles/osm.json");
    auto rule = [&](const std::string& field, const std::string& value) {
        for (const auto& r : style.rules)
            if (r.field == field && (value.empty() ? r.values.empty() : std::find(r.values.begin(), r.values.end(), value) != r.values.end()))
                return r;
        FAIL("no rule for " << field << "=" << value);
        return viewer::StyleRule{};
    };
    const viewer::MapCamera cam = viewer::camera_for(*street_view(osm).bbox, 800, 500);
    const auto road = *cam.to_screen(core::LatLon::degrees(43.2380, 76.9480));
    // The primary road in its colour across its width, which is none of the incidents' colours.
    const Rgba primary = rgb(rule("highway", "primary").stroke);
    CHECK(count(result.image, primary, static_cast<int>(road.x) - 3, static_cast<int>(road.y) - 3, static_cast<int>(road.x) + 4,
                static_cast<int>(road.y) + 4) > 20);
    const viewer::MapStyle map_style;
    for (const ImU32 c : map_style.severity) CHECK(count(result.image, rgb(c)) == 0);
    // The building filled, the café a grey square (zoom 17 here), no disc.
    const auto house = *cam.to_screen(core::LatLon::degrees(43.2393, 76.9425));
    CHECK(result.image.at(static_cast<int>(house.x), static_cast<int>(house.y)) == rgb(rule("building", "").fill));
    const auto cafe = *cam.to_screen(core::LatLon::degrees(43.2370, 76.9470));
    CHECK(result.image.at(static_cast<int>(cafe.x), static_cast<int>(cafe.y)) == Rgba{140, 140, 140, 255});
    // The street's name along it: dark text pixels on the road.
    int dark = 0;
    for (int x = 0; x < 800; ++x)
        for (int y = static_cast<int>(road.y) - 6; y <= static_cast<int>(road.y) + 6; ++y) {
            const Rgba p = result.image.at(x, y);
            dark += p[0] + p[1] + p[2] < 300;
        }
    CHECK(dark > 40);

    SECTION("a style of the analyst's own: the road in its colour, everything else hidden") {
        const auto mine = dir / "mine.json";
        std::ofstream(mine) << R"({"rules": [{"layer": "lines", "field": "highway", "stroke": "#0000ff", "width": 12}, {"hide": true}]})";
        auto options = street_view(osm);
        options.basemaps.find(osm.string())->style = mine.string();
        const auto own = viewer::render_map(options);
        core::io::write_png(own.image, "render_osm_own_style.png");
        CHECK(count(own.image, Rgba{0, 0, 255, 255}) > 2000);
        CHECK(count(own.image, rgb(rule("building", "").fill)) == 0);
    }
    SECTION("labels in the language asked for, where the map has the name") {
        auto options = street_view(osm);
        options.basemap_options.label_language = "ru";
        const auto ru = viewer::render_map(options);
        core::io::write_png(ru.image, "render_osm_ru.png");
        CHECK(ru.image.pixels().size() == result.image.pixels().size());
        std::size_t differing = 0;
        for (std::size_t i = 0; i < ru.image.pixels().size(); ++i) differing += ru.image.pixels()[i] != result.image.pixels()[i];
        CHECK(differing > 100);  // another text along the road
    }
}

TEST_CASE("vector tiles of the OpenMapTiles schema in an MBTiles file draw roads by class", "[viewer][render][basemap_style]") {
    test::TempDir dir;
    const auto geojson = dir / "roads.geojson";
    std::ofstream(geojson) << R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"class":"primary"},"geometry":{"type":"LineString","coordinates":[[76.94,43.238],[76.95,43.238]]}},
        {"type":"Feature","properties":{"class":"minor"},"geometry":{"type":"LineString","coordinates":[[76.945,43.236],[76.945,43.240]]}}]})";
    const auto mbtiles = dir / "almaty.mbtiles";
    {
        core::gdal::ensure_initialized();
        GDALDatasetH src = GDALOpenEx(geojson.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
        REQUIRE(src);
        const char* args[] = {"-f", "MBTiles", "-nln", "transportation", "-dsco", "MINZOOM=10", "-dsco", "MAXZOOM=14", nullptr};
        GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
        int failed = 0;
        GDALDatasetH out = GDALVectorTranslate(mbtiles.c_str(), nullptr, 1, &src, options, &failed);
        GDALVectorTranslateOptionsFree(options);
        REQUIRE(out);
        GDALClose(out);
        GDALClose(src);
        REQUIRE(failed == 0);
    }
    const auto result = viewer::render_map(street_view(mbtiles));
    core::io::write_png(result.image, "render_mvt_street.png");
    for (const auto& m : result.messages) UNSCOPED_INFO(m);
    REQUIRE(result.messages.empty());
    const auto style = viewer::BasemapStyle::load(std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "assets/styles/openmaptiles.json");
    for (const auto& r : style.rules)
        if (r.layer == "transportation" && !r.values.empty() && r.values.front() == "primary") CHECK(count(result.image, rgb(r.stroke)) > 2000);
}

TEST_CASE("the Almaty extract at street level shows its roads in their classes' colours", "[viewer][render][basemap_style][shared]") {
    const std::filesystem::path here = std::filesystem::path(INCIDENTMAP_SHARED_DIR) / "data/osm/almaty-2013.osm.pbf";
    if (!std::filesystem::exists(here)) INCIDENTMAP_SKIP("the Almaty extract is in ../shared (evaluation data), not here");
    viewer::RenderOptions o;
    o.width = 1280;
    o.height = 800;
    o.bbox = viewer::GeoBox{core::LatLon::degrees(43.228, 76.918), core::LatLon::degrees(43.248, 76.973)};
    o.overlays = {};
    o.basemap_options.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    o.basemaps.add_source(here.string());
    const auto result = viewer::render_map(o);
    core::io::write_png(result.image, "render_osm_almaty.png");
    for (const auto& m : result.messages) UNSCOPED_INFO(m);
    REQUIRE(result.messages.empty());
    const auto style = viewer::BasemapStyle::load(std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "assets/styles/osm.json");
    for (const char* cls : {"primary", "secondary"}) {
        for (const auto& r : style.rules)
            if (r.field == "highway" && r.values.front() == cls) {
                INFO(cls);
                CHECK(count(result.image, rgb(r.stroke)) > 3000);
            }
    }
}
