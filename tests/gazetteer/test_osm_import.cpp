#include "gazetteer/importers/osm.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "gazetteer/detail/osm_tags.hpp"
#include "tests/temp_dir.hpp"
#include "tests/skip.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace incidentmap;
using gazetteer::encode_osm_id;
using gazetteer::OsmType;
using gazetteer::PlaceClass;
using gazetteer::SourcePlace;

namespace {

struct Imported {
    std::vector<SourcePlace> places;
    gazetteer::ImportReport report;
    double seconds = 0;
};

Imported run_import(const std::filesystem::path& path, const gazetteer::OsmImportOptions& options = {}) {
    Imported out;
    const auto start = std::chrono::steady_clock::now();
    gazetteer::import_osm(path, [&](SourcePlace&& p) { out.places.push_back(std::move(p)); }, out.report, options);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

std::vector<const SourcePlace*> named(const Imported& imp, const std::string& name) {
    std::vector<const SourcePlace*> out;
    for (const auto& p : imp.places) {
        if (p.name == name) out.push_back(&p);
    }
    return out;
}

const SourcePlace* by_id(const Imported& imp, std::int64_t source_id) {
    for (const auto& p : imp.places) {
        if (p.source_id == source_id) return &p;
    }
    return nullptr;
}

bool has_name(const SourcePlace& p, const std::string& text, const std::string& lang, std::uint8_t flags = 0) {
    return std::any_of(p.names.begin(), p.names.end(),
                       [&](const auto& n) { return n.text == text && n.lang == lang && n.flags == flags; });
}

// The guarantees source_place.hpp states for every importer.
void check_source_place_promises(const Imported& imp) {
    std::set<std::int64_t> ids;
    for (const auto& p : imp.places) {
        INFO(p.name << " " << p.source_id);
        CHECK(p.source == gazetteer::PlaceSource::osm);
        CHECK(!p.name.empty());
        CHECK(ids.insert(p.source_id).second);
        CHECK(std::none_of(p.names.begin(), p.names.end(), [&](const auto& n) { return n.text == p.name; }));
        CHECK((p.country.empty() || p.country.size() == 2));
        CHECK(p.radius.value() >= 0);
    }
    CHECK(imp.report.imported_count() == imp.places.size());
}

std::optional<std::filesystem::path> almaty_pbf() {
    const std::filesystem::path p = std::filesystem::path(INCIDENTMAP_SHARED_DIR) / "data/osm/almaty-2013.osm.pbf";
    if (!std::filesystem::exists(p)) return std::nullopt;
    return p;
}

// Imported once for all the Almaty sections.
const Imported& almaty() {
    static const Imported imp = run_import(*almaty_pbf());
    return imp;
}

}  // namespace

TEST_CASE("other_tags: the hstore text GDAL writes parses into tags", "[gazetteer][osm]") {
    using gazetteer::detail::OsmTags;
    using gazetteer::detail::parse_other_tags;
    OsmTags tags;

    SECTION("plain pairs") {
        REQUIRE(parse_other_tags(R"("height"=>"371.5","name:en"=>"Almaty Tower")", tags));
        CHECK(tags == OsmTags{{"height", "371.5"}, {"name:en", "Almaty Tower"}});
    }
    SECTION("escaped quotes and backslashes, commas and arrows inside values, UTF-8") {
        REQUIRE(parse_other_tags(R"("name"=>"say \"hi\", a=>b","path"=>"C:\\dir","name:kk"=>"Алматы")", tags));
        CHECK(tags.at("name") == R"(say "hi", a=>b)");
        CHECK(tags.at("path") == R"(C:\dir)");
        CHECK(tags.at("name:kk") == "Алматы");
    }
    SECTION("hstore spacing and NULL values") {
        REQUIRE(parse_other_tags(R"(  "a" => "1" ,  "b"=>NULL, "c"=>null,"d"=>"" )", tags));
        CHECK(tags == OsmTags{{"a", "1"}, {"d", ""}});
    }
    SECTION("empty text is no tags") {
        CHECK(parse_other_tags("", tags));
        CHECK(parse_other_tags("   ", tags));
        CHECK(tags.empty());
    }
    SECTION("tags already there win") {
        tags["name"] = "from a field";
        REQUIRE(parse_other_tags(R"("name"=>"from other_tags","x"=>"y")", tags));
        CHECK(tags.at("name") == "from a field");
        CHECK(tags.at("x") == "y");
    }
    SECTION("malformed text fails and keeps the pairs before the fault") {
        CHECK_FALSE(parse_other_tags(R"("a"=>"1","b"=>"unterminated)", tags));
        CHECK(tags == OsmTags{{"a", "1"}});
        for (const char* bad : {R"("a"="1")", R"("a"=>"1",)", R"("a"=>"1" "b"=>"2")", R"(a=>"1")", R"("a"=>"1\)",
                                R"("a"=>nothing)", R"("a")"}) {
            INFO(bad);
            OsmTags t;
            CHECK_FALSE(parse_other_tags(bad, t));
        }
    }
}

TEST_CASE("OSM import of a missing file throws DatasetOpenError naming the path", "[gazetteer][osm]") {
    const test::TempDir dir;
    const auto path = dir / "no-such-extract.osm.pbf";
    gazetteer::ImportReport report;
    try {
        gazetteer::import_osm(path, [](SourcePlace&&) {}, report);
        FAIL("no exception");
    } catch (const core::DatasetOpenError& e) {
        CHECK_THAT(e.what(), Catch::Contains(path.string()));
    }
    CHECK_THROWS_AS(gazetteer::import_osm(path, [](SourcePlace&&) {}, report), core::DatasetOpenError);

    SECTION("a file another driver reads is not an extract") {
        const auto geojson = dir / "places.geojson";
        std::ofstream(geojson) << R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
                                  R"("properties":{"name":"X","place":"city"},"geometry":{"type":"Point","coordinates":[1,2]}}]})";
        CHECK_THROWS_AS(gazetteer::import_osm(geojson, [](SourcePlace&&) {}, report), core::InputError);
    }
    SECTION("a corrupt .osm file") {
        const auto broken = dir / "broken.osm";
        std::ofstream(broken) << "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n<node id=\"1\" lat=\"1\" <<<\n";
        CHECK_THROWS_AS(gazetteer::import_osm(broken, [](SourcePlace&&) {}, report), core::InputError);
    }
    CHECK(report.imported_count() == 0);
}

TEST_CASE("OSM import of a hand-written .osm file", "[gazetteer][osm]") {
    const test::TempDir dir;
    const auto path = dir / "tiny.osm";
    std::ofstream(path) << R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="43.25" lon="76.90">
    <tag k="place" v="village"/><tag k="name" v="Quote &quot;Q&quot; back\slash"/>
    <tag k="name:en" v="Q village"/><tag k="name:kk" v="Кью"/><tag k="name:prefix" v="not a language"/>
    <tag k="alt_name" v="Alt one;Alt two; ;Q village"/><tag k="old_name" v="Old Q"/>
    <tag k="population" v="1 234"/><tag k="addr:country" v="kz"/>
  </node>
  <node id="2" lat="95.0" lon="76.91"><tag k="place" v="town"/><tag k="name" v="Beyond the pole"/></node>
  <node id="3" lat="43.26" lon="76.92"/>
  <node id="4" lat="43.26" lon="76.93"/>
  <node id="5" lat="43.27" lon="76.93"/>
  <node id="6" lat="43.26" lon="76.92"><tag k="amenity" v="townhall"/></node>
  <node id="7" lat="43.30" lon="76.95"><tag k="shop" v="bakery"/><tag k="name" v="Unclassified bakery"/></node>
  <node id="8" lat="43.31" lon="76.96"><tag k="man_made" v="tower"/><tag k="name:ru" v="Башня"/><tag k="name:en" v="Tower"/></node>
  <node id="40" lat="43.200" lon="76.900"/>
  <node id="41" lat="43.200" lon="76.905"/>
  <node id="42" lat="43.201" lon="76.915"/>
  <node id="43" lat="43.200" lon="77.400"/>
  <node id="44" lat="43.200" lon="77.405"/>
  <node id="45" lat="43.201" lon="76.916"/>
  <way id="13"><nd ref="3"/><nd ref="4"/><nd ref="3"/><nd ref="4"/><nd ref="3"/>
    <tag k="amenity" v="school"/><tag k="name" v="Flat school"/></way>
  <way id="11"><nd ref="3"/><nd ref="99"/><nd ref="4"/><tag k="highway" v="residential"/><tag k="name" v="Half street"/></way>
  <way id="21"><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="3"/></way>
  <relation id="20"><member type="way" ref="21" role="outer"/>
    <tag k="type" v="multipolygon"/><tag k="tourism" v="museum"/><tag k="name" v="Museum"/><tag k="building" v="public"/></relation>
  <way id="31"><nd ref="41"/><nd ref="42"/><tag k="highway" v="primary_link"/><tag k="name" v="Long avenue"/><tag k="name:en" v="Long Ave"/></way>
  <way id="30"><nd ref="40"/><nd ref="41"/><tag k="highway" v="primary"/><tag k="name" v="Long avenue"/></way>
  <way id="34"><nd ref="42"/><nd ref="45"/><tag k="highway" v="secondary"/><tag k="name" v="Long avenue"/></way>
  <way id="32"><nd ref="40"/><nd ref="42"/><tag k="highway" v="footway"/><tag k="name" v="Long avenue"/></way>
  <way id="33"><nd ref="43"/><nd ref="44"/><tag k="highway" v="primary"/><tag k="name" v="Long avenue"/></way>
</osm>
)";

    const Imported imp = run_import(path);
    check_source_place_promises(imp);

    SECTION("a village keeps its odd name, its variants with their languages and flags, population and country") {
        const auto* village = by_id(imp, encode_osm_id(OsmType::node, 1));
        REQUIRE(village);
        CHECK(village->name == R"(Quote "Q" back\slash)");
        CHECK(village->place_class == PlaceClass::city);
        CHECK(village->kind == "place=village");
        CHECK(village->location.lat_deg() == Approx(43.25));
        CHECK(village->location.lon_deg() == Approx(76.90));
        CHECK(village->population == 1234);
        CHECK(village->country == "KZ");
        CHECK(village->radius.value() == 0);
        CHECK(has_name(*village, "Q village", "en"));
        CHECK(has_name(*village, "Кью", "kk"));
        CHECK(has_name(*village, "Alt one", ""));
        CHECK(has_name(*village, "Alt two", ""));
        CHECK(has_name(*village, "Old Q", "", gazetteer::kNameHistoric));
        CHECK(village->names.size() == 5);  // "Q village" once, no "not a language", no empty alt_name
    }
    SECTION("without a name tag, name:en is the name and the other languages stay variants") {
        const auto* tower = by_id(imp, encode_osm_id(OsmType::node, 8));
        REQUIRE(tower);
        CHECK(tower->name == "Tower");
        CHECK(tower->place_class == PlaceClass::landmark);
        CHECK(tower->names.size() == 1);
        CHECK(has_name(*tower, "Башня", "ru"));
    }
    SECTION("unusable features are reported; unnamed or unclassified ones are skipped quietly") {
        CHECK(named(imp, "Flat school").empty());
        CHECK(named(imp, "Beyond the pole").empty());
        CHECK(named(imp, "Unclassified bakery").empty());
        CHECK(!by_id(imp, encode_osm_id(OsmType::node, 6)));

        std::map<std::string, std::string> problems;
        for (const auto& p : imp.report.problems()) {
            CHECK(p.source == "tiny.osm");
            problems[p.location] = p.detail;
        }
        CHECK(problems.size() == 2);
        REQUIRE(problems.count("way/13"));
        CHECK_THAT(problems["way/13"], Catch::Contains("no area"));
        REQUIRE(problems.count("reader"));  // GDAL drops the node itself and says why
        CHECK_THAT(problems["reader"], Catch::Contains("lat=95"));
        CHECK(imp.report.skipped_count() == 2);
    }
    SECTION("a way with a missing node keeps the nodes it has") {
        const auto* half = by_id(imp, encode_osm_id(OsmType::way, 11));
        REQUIRE(half);
        CHECK(half->place_class == PlaceClass::street);
    }
    SECTION("a multipolygon relation: a point inside, an area-equivalent radius, kind with its building") {
        const auto* museum = by_id(imp, encode_osm_id(OsmType::relation, 20));
        REQUIRE(museum);
        CHECK(museum->place_class == PlaceClass::landmark);
        CHECK(museum->kind == "tourism=museum;building=public");
        // Triangle (76.92,43.26) (76.93,43.26) (76.93,43.27).
        const double lat = museum->location.lat_deg(), lon = museum->location.lon_deg();
        CHECK(lat > 43.26);
        CHECK(lon < 76.93);
        CHECK(lat - 43.26 < lon - 76.92);
        // Half of 0.01 x 0.01 degrees at 43.26 N is about 4.5e5 m^2, a radius near 380 m.
        CHECK(museum->radius.value() == Approx(380).epsilon(0.05));
    }
    SECTION("street segments merge by name, highway family and nearness; links join their road") {
        const auto streets = named(imp, "Long avenue");
        REQUIRE(streets.size() == 3);
        const auto* merged = by_id(imp, encode_osm_id(OsmType::way, 30));
        REQUIRE(merged);
        CHECK(merged->kind == "highway=primary");
        CHECK(merged->place_class == PlaceClass::street);
        CHECK(has_name(*merged, "Long Ave", "en"));
        // Nodes 40..45 span 0.016 degrees of longitude (about 1.3 km) and 0.001 of latitude.
        CHECK(merged->radius.value() == Approx(650).epsilon(0.05));
        CHECK(merged->location.lon_deg() > 76.900);
        CHECK(merged->location.lon_deg() < 76.916);
        CHECK(!by_id(imp, encode_osm_id(OsmType::way, 31)));
        CHECK(!by_id(imp, encode_osm_id(OsmType::way, 34)));

        const auto* far = by_id(imp, encode_osm_id(OsmType::way, 33));
        REQUIRE(far);
        CHECK(far->location.lon_deg() == Approx(77.4025).margin(1e-6));
        const auto* footway = by_id(imp, encode_osm_id(OsmType::way, 32));
        REQUIRE(footway);
        CHECK(footway->kind == "highway=footway");
    }
    SECTION("streets can be left out") {
        gazetteer::OsmImportOptions options;
        options.streets = false;
        const Imported no_streets = run_import(path, options);
        CHECK(std::none_of(no_streets.places.begin(), no_streets.places.end(),
                           [](const auto& p) { return p.place_class == PlaceClass::street; }));
        CHECK(by_id(no_streets, encode_osm_id(OsmType::relation, 20)));
    }
}

TEST_CASE("OSM import of the Almaty extract", "[gazetteer][osm][shared]") {
    if (!almaty_pbf()) {
        INCIDENTMAP_SKIP(INCIDENTMAP_SHARED_DIR "/data/osm/almaty-2013.osm.pbf is absent");
    }
    const Imported& imp = almaty();

    SECTION("every place keeps the importer's promises, quickly") {
        check_source_place_promises(imp);
        std::map<PlaceClass, int> per_class;
        for (const auto& p : imp.places) ++per_class[p.place_class];
        for (const auto& [cls, n] : per_class) WARN(gazetteer::to_string(cls) << ": " << n);
        WARN("places: " << imp.places.size() << ", skipped: " << imp.report.skipped_count() << ", seconds: "
                        << imp.seconds);
        CHECK(per_class[PlaceClass::city] > 0);
        CHECK(per_class[PlaceClass::street] > 100);
        CHECK(per_class[PlaceClass::landmark] > 100);
        CHECK(imp.seconds < 10);
    }
    SECTION("the TV tower is a landmark node") {
        const auto* tower = by_id(imp, encode_osm_id(OsmType::node, 681341192));
        REQUIRE(tower);
        CHECK(tower->name == "Алматинская телебашня");
        CHECK(tower->place_class == PlaceClass::landmark);
        CHECK_THAT(tower->kind, Catch::StartsWith("man_made=tower"));
        CHECK_THAT(tower->kind, Catch::Contains("height=371.5"));
        CHECK(tower->location.lat_deg() == Approx(43.2288).margin(0.0005));
        CHECK(tower->location.lon_deg() == Approx(76.9763).margin(0.0005));
        CHECK(has_name(*tower, "Almaty Tower", "en"));
    }
    SECTION("an avenue of 38 ways, trunk, primary and secondary, is one street") {
        const auto streets = named(imp, "пр. Райымбека");
        REQUIRE(streets.size() == 1);
        CHECK(streets[0]->place_class == PlaceClass::street);
        CHECK(streets[0]->kind == "highway=primary");
        CHECK(streets[0]->radius.value() > 3000);
        CHECK(gazetteer::osm_type_of(streets[0]->source_id) == OsmType::way);
        CHECK(named(imp, "Абая прс.").size() == 1);
    }
    SECTION("name:en and name:kk are variants with their language") {
        const auto* airport = by_id(imp, encode_osm_id(OsmType::node, 673998509));
        REQUIRE(airport);
        CHECK(airport->place_class == PlaceClass::landmark);
        CHECK_THAT(airport->kind, Catch::StartsWith("aeroway=aerodrome"));
        CHECK(has_name(*airport, "Almaty International Airport", "en"));
        CHECK(has_name(*airport, "Халықаралық Алматы Әуежайы", "kk"));
        CHECK(has_name(*airport, "Аэропорт Алма-Ата", "ru"));
    }
    SECTION("a polygon landmark gets a point inside it and its radius") {
        const auto* stadium = by_id(imp, encode_osm_id(OsmType::way, 22733734));
        REQUIRE(stadium);
        CHECK(stadium->name == "Центральный стадион");
        CHECK(stadium->kind == "leisure=stadium");
        CHECK(stadium->radius.value() > 50);
        CHECK(stadium->radius.value() < 1000);

        auto ds = core::gdal::Dataset::open_vector(almaty_pbf()->string());
        auto layer = ds.layer("multipolygons");
        layer.get().SetAttributeFilter("osm_way_id = '22733734'");
        const auto feature = layer.next_feature();
        REQUIRE(feature);
        const OGRPoint point(stadium->location.lon_deg(), stadium->location.lat_deg());
        CHECK(feature->GetGeometryRef()->Contains(&point));
    }
}
