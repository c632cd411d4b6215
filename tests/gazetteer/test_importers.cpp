#include "gazetteer/importers/geonames.hpp"
#include "gazetteer/importers/tables.hpp"

#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace incidentmap;
using namespace incidentmap::gazetteer;
using incidentmap::test::TempDir;

namespace {
// One GeoNames export line; fields in order, joined by tabs.
std::string geonames_line(const std::string& id, const std::string& name, const std::string& alt, const std::string& lat,
                          const std::string& lon, const std::string& code = "PPL", const std::string& pop = "1000") {
    return id + "\t" + name + "\t" + name + "\t" + alt + "\t" + lat + "\t" + lon + "\tP\t" + code + "\tKZ\t\t02\t\t\t\t" + pop +
           "\t\t800\tAsia/Almaty\t2023-01-01\n";
}
}  // namespace

TEST_CASE("GeoNames lines are read, malformed ones reported with their line", "[gazetteer][import]") {
    TempDir dir;
    const auto path = dir / "KZ.txt";
    {
        std::ofstream out(path);
        out << geonames_line("1526384", "Almaty", "ALA,Alma-Ata,Алматы,Almaty,http://x.org/a", "43.25", "76.91667", "PPLA", "1977011");
        out << "1\tshort line\n";                                                             // line 2
        out << geonames_line("2", "North Pole Town", "", "123", "10");                         // line 3
        out << geonames_line("3", "Bad\xff" "Name", "", "10", "10");                           // line 4
        out << geonames_line("x4", "No Id", "", "10", "10");                                   // line 5
        out << geonames_line("5", "", "", "10", "10");                                         // line 6
        out << geonames_line("6", "Kaskelen", "", "43.2", "76.62");                            // line 7
    }
    std::vector<SourcePlace> places;
    ImportReport report;
    import_geonames(path, [&](SourcePlace&& p) { places.push_back(std::move(p)); }, report);
    REQUIRE(places.size() == 2);
    CHECK(report.imported_count() == 2);
    CHECK(report.skipped_count() == 5);
    REQUIRE(report.problems().size() == 5);
    CHECK(report.problems()[0].location == "line 2");
    CHECK_THAT(report.problems()[0].detail, Catch::Contains("19 tab-separated columns, found 2"));
    CHECK(report.problems()[1].location == "line 3");
    CHECK_THAT(report.problems()[1].detail, Catch::Contains("out of range"));
    CHECK_THAT(report.problems()[2].detail, Catch::Contains("invalid UTF-8"));
    CHECK_THAT(report.problems()[3].detail, Catch::Contains("geonameid"));
    CHECK_THAT(report.problems()[4].detail, Catch::Contains("empty name"));

    const SourcePlace& almaty = places[0];
    CHECK(almaty.source_id == 1526384);
    CHECK(almaty.kind == "P.PPLA");
    CHECK(almaty.population == 1977011);
    CHECK(almaty.country == "KZ");
    CHECK(almaty.admin1 == "02");
    CHECK(almaty.place_class == PlaceClass::city);
    std::vector<std::string> names;
    for (const auto& n : almaty.names) names.push_back(n.text);
    // The code "ALA", the URL and the repeat of the primary name are not names.
    CHECK(names == std::vector<std::string>{"Alma-Ata", "Алматы"});
}

TEST_CASE("GeoNames: impossible populations, country codes and repeated ids are reported, a file of no record is an error", "[gazetteer][import]") {
    TempDir dir;
    const auto path = dir / "KZ.txt";
    {
        std::ofstream out(path);
        out << geonames_line("10", "Minus Town", "", "43.2", "76.9", "PPL", "-5");          // line 1
        out << geonames_line("11", "Huge Town", "", "43.2", "76.9", "PPL", "100000000000000000000000");  // line 2
        std::string zzz = geonames_line("12", "Nowhere", "", "43.2", "76.9");
        zzz.replace(zzz.find("\tKZ\t"), 4, "\tZZZ\t");
        out << zzz;                                                                          // line 3
        out << geonames_line("13", "Kaskelen", "", "43.2", "76.62");                        // line 4
        out << geonames_line("13", "Kaskelen again", "", "43.2", "76.62");                  // line 5
    }
    std::vector<SourcePlace> places;
    ImportReport report;
    import_geonames(path, [&](SourcePlace&& p) { places.push_back(std::move(p)); }, report);
    REQUIRE(places.size() == 1);
    REQUIRE(report.problems().size() == 4);
    CHECK_THAT(report.problems()[0].detail, Catch::Contains("population '-5'"));
    CHECK_THAT(report.problems()[1].detail, Catch::Contains("population '100000000000000000000000'"));
    CHECK_THAT(report.problems()[2].detail, Catch::Contains("country code 'ZZZ'"));
    CHECK(report.problems()[3].location == "line 5");
    CHECK_THAT(report.problems()[3].detail, Catch::Contains("geonameid 13 repeated"));

    const auto junk = dir / "random.txt";
    std::ofstream(junk) << "\x01\x02 not\ta\tdump\n\xff\xfe\n";
    CHECK_THROWS_WITH(import_geonames(junk, [](SourcePlace&&) {}, report), Catch::Contains("not a GeoNames export"));
}

TEST_CASE("a truncated zstd GeoNames dump is an error, not a shorter index", "[gazetteer][import]") {
    const std::filesystem::path full = std::filesystem::path(INCIDENTMAP_SOURCE_DIR) / "assets/gazetteer/cities500.txt.zst";
    TempDir dir;
    const auto cut = dir / "cities500.txt.zst";
    {
        std::ifstream in(full, std::ios::binary);
        REQUIRE(in);
        std::string head(200000, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        std::ofstream(cut, std::ios::binary) << head;
    }
    ImportReport report;
    std::size_t read = 0;
    CHECK_THROWS_WITH(import_geonames(cut, [&](SourcePlace&&) { ++read; }, report), Catch::Contains("truncated zstd stream"));
    CHECK(read > 0);  // what came before the cut was read, and the build still fails
}

TEST_CASE("a missing GeoNames file is an InputError naming it", "[gazetteer][import]") {
    ImportReport report;
    CHECK_THROWS_WITH(import_geonames("/nonexistent/cities.txt", [](SourcePlace&&) {}, report),
                      Catch::StartsWith("/nonexistent/cities.txt: cannot open"));
}

TEST_CASE("alternateNamesV2 rows carry language and flags", "[gazetteer][import]") {
    TempDir dir;
    const auto path = dir / "alternateNamesV2.txt";
    std::ofstream(path) << "1\t1526384\tfr\tAlmaty\t1\t\t\t\t\t\n"
                           "2\t1526384\tru\tАлма-Ата\t\t\t\t1\t\t\n"
                           "3\t1526384\tlink\thttps://en.wikipedia.org/wiki/Almaty\t\t\t\t\t\t\n"
                           "4\t1526384\tiata\tALA\t\t\t\t\t\t\n"
                           "5\tabc\ten\tBroken\t\t\t\t\t\t\n"
                           "6\t1526384\tkk\tАлматы\t\t1\t\t\n";  // the older 8-column layout
    std::vector<std::pair<std::int64_t, SourceName>> names;
    ImportReport report;
    import_alternate_names(path, [&](std::int64_t id, SourceName&& n) { names.emplace_back(id, std::move(n)); }, report);
    REQUIRE(names.size() == 3);
    CHECK(names[0].second.lang == "fr");
    CHECK(names[0].second.flags == kNamePreferred);
    CHECK(names[1].second.flags == kNameHistoric);
    CHECK(names[2].second.flags == kNameShort);
    CHECK(report.skipped_count() == 1);
    CHECK(report.problems()[0].location == "line 5");
}

TEST_CASE("landmark CSV with quoted fields", "[gazetteer][import]") {
    TempDir dir;
    const auto path = dir / "landmarks.csv";
    std::ofstream(path) << "id,name,aliases,kind,tags,lat,lon,city,country,source\n"
                           "a,Tower,\"Big, Tall Tower|Башня\",tower,man_made=tower,43.2288,76.9763,1526384,KZ,\"OSM, node 1\"\n"
                           "b,Nowhere,,square,,95,10,,KZ,x\n"
                           "c,\"Unclosed,,tower,,1,1,,KZ,x\n"
                           "d,Plaza,,square,place=square,43.2,76.9,,KZ,x\n"
                           "e,Hall,,townhall,,43.2,76.9,,K,x\n";  // found by fuzz/fuzz_tables
    ImportReport report;
    const auto rows = read_landmarks(path, report);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].ref == "a");
    CHECK(rows[0].names.size() == 2);
    CHECK(rows[0].names[0].text == "Big, Tall Tower");
    CHECK(rows[0].kind == "tower;man_made=tower");
    CHECK(rows[0].city_geonameid == 1526384);
    CHECK(rows[1].place_class == PlaceClass::square);
    CHECK(report.skipped_count() == 3);
    CHECK(report.problems()[0].location == "line 3");
    CHECK(report.problems()[1].detail == "unbalanced quotes");
    CHECK_THAT(report.problems()[2].detail, Catch::Contains("country code 'K' is not two capital letters"));

    // Without its header the first landmark would be taken for one and lost: an error naming the line.
    std::ofstream(path) << "a,Tower,,tower,man_made=tower,43.2288,76.9763,1526384,KZ,x\n";
    CHECK_THROWS_WITH(read_landmarks(path, report), Catch::Contains("the first line is not the header"));
}

TEST_CASE("helpers: UTF-8 validation and code detection", "[gazetteer][import]") {
    CHECK(detail::valid_utf8("Алматы Almaty 北京"));
    CHECK_FALSE(detail::valid_utf8("\xff"));
    CHECK_FALSE(detail::valid_utf8("\xd0"));          // truncated sequence
    CHECK_FALSE(detail::valid_utf8("\xc0\xaf"));      // overlong
    CHECK_FALSE(detail::valid_utf8("\xed\xa0\x80"));  // surrogate
    CHECK(detail::looks_like_code("ALA"));
    CHECK(detail::looks_like_code("050000"));
    CHECK_FALSE(detail::looks_like_code("Par"));
    CHECK_FALSE(detail::looks_like_code("UK "));
}
