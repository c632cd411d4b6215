#include "core/error.hpp"
#include "gazetteer/build.hpp"
#include "gazetteer/detail/index_format.hpp"
#include "gazetteer/gazetteer.hpp"

#include "../temp_dir.hpp"
#include "tests/skip.hpp"

#include <catch2/catch.hpp>
#include <xxhash.h>

#include <cstring>

#include <fstream>
#include <sstream>

using namespace incidentmap;
using namespace incidentmap::gazetteer;
using incidentmap::test::TempDir;

namespace {

std::string line(const std::string& id, const std::string& name, const std::string& alt, double lat, double lon,
                 const std::string& code, const std::string& cc, const std::string& admin1, long pop) {
    std::ostringstream s;
    s.precision(10);
    s << id << '\t' << name << '\t' << name << '\t' << alt << '\t' << lat << '\t' << lon << "\tP\t" << code << '\t' << cc
      << "\t\t" << admin1 << "\t\t\t\t" << pop << "\t\t0\tUTC\t2023-01-01\n";
    return s.str();
}

// A small world: two Almaty-like cities, a Koktobe town far away, a few others, one broken line.
struct SmallIndex {
    TempDir dir;
    std::filesystem::path index = dir / "small.imgz";
    BuildResult result;

    SmallIndex() {
        const auto geonames = dir / "places.txt";
        {
            std::ofstream out(geonames);
            out << line("1526384", "Almaty", "Alma-Ata,Алматы,Almaty", 43.25, 76.91667, "PPLA", "KZ", "02", 1977011);
            out << line("1525504", "Koktobe", "Коктобе", 51.52983, 77.47146, "PPLA2", "KZ", "11", 3610);
            out << line("610612", "Shevchenko", "Aktau,Aqtau,Актау", 43.64806, 51.17222, "PPLA", "KZ", "09", 147443);
            out << line("1526601", "Aktau", "", 48.03333, 72.83333, "PPL", "KZ", "12", 9977);
            out << line("1516589", "Zhezqazghan", "Jezkazgan,Жезказган", 47.78746, 67.71118, "PPLA", "KZ", "12510145", 104357);
            out << line("2988507", "Paris", "Paname,Париж", 48.85341, 2.3488, "PPLC", "FR", "11", 2138551);
            out << line("4717560", "Paris", "", 33.66094, -95.55551, "PPLA2", "US", "TX", 24782);
            out << "this line is broken\n";
        }
        auto inputs = BuildInputs::embedded_tables();
        inputs.geonames.push_back(geonames);
        result = build_gazetteer(inputs, index);
    }
};

std::string first_id(const Gazetteer& g, const std::string& name, const LookupOptions& o = {}) {
    const auto found = g.lookup(name, o);
    return found.empty() ? "" : found.front().place.id();
}

}  // namespace

TEST_CASE("building an index reports bad lines and keeps going", "[gazetteer][index]") {
    SmallIndex small;
    CHECK(small.result.report.skipped_count() >= 1);
    bool found = false;
    for (const auto& p : small.result.report.problems())
        found |= p.source == "places.txt" && p.location == "line 8" && p.detail.find("19 tab-separated") != std::string::npos;
    CHECK(found);
    CHECK(small.result.stats.places > 7);  // the cities, the countries, admin1 regions, landmarks
}

TEST_CASE("lookups: exact in any script and case, variants, ranking", "[gazetteer][index]") {
    SmallIndex small;
    const auto g = Gazetteer::open(small.index);
    for (const char* n : {"Almaty", "almaty", "ALMATY", "Алматы", "Alma-Ata", "Алма-Ата"})
        CHECK(first_id(g, n) == "geonames:1526384");
    CHECK(first_id(g, "Aktau") == "geonames:610612");  // the larger city ahead of the town of the same name
    CHECK(first_id(g, "Aqtau") == "geonames:610612");
    CHECK(first_id(g, "Jezkazgan") == "geonames:1516589");
    CHECK(first_id(g, "Kazakhstan") == "country:KZ");
    CHECK(first_id(g, "Казахстан") == "country:KZ");
    CHECK(first_id(g, "Kazajistán") == "country:KZ");

    SECTION("the found place carries its attributes") {
        const auto c = g.lookup("Almaty").front();
        CHECK(c.match == MatchKind::exact);
        CHECK(c.place.name() == "Almaty");
        CHECK(c.place.country() == "KZ");
        CHECK(c.place.population() == 1977011);
        CHECK(c.place.location() == core::LatLon::degrees(43.25, 76.91667));
        CHECK(c.place.kind() == "P.PPLA");
        REQUIRE(c.place.admin1());
        CHECK(c.place.admin1()->name() == "Almaty");
        CHECK(c.place.names().size() == 2);
    }
    SECTION("near a point, the closer place wins") {
        CHECK(first_id(g, "Paris") == "geonames:2988507");
        LookupOptions near_texas;
        near_texas.near = core::LatLon::degrees(33.5, -95.5);
        CHECK(first_id(g, "Paris", near_texas) == "geonames:4717560");
        LookupOptions near_almaty;
        near_almaty.near = core::LatLon::degrees(43.25, 76.92);
        const auto kok = g.lookup("Kok Tobe", near_almaty);
        REQUIRE(kok.size() >= 2);
        CHECK(kok[0].place.id() == "landmark:kz-almaty-kok-tobe");
        CHECK(kok[1].place.id() == "geonames:1525504");
        CHECK(kok[0].distance->km() < 5);
    }
    SECTION("within a country") {
        LookupOptions us;
        us.country = "US";
        const auto found = g.lookup("Paris", us);
        REQUIRE(found.size() == 1);
        CHECK(found[0].place.id() == "geonames:4717560");
    }
    SECTION("prefix and fuzzy") {
        LookupOptions prefix;
        prefix.prefix = true;
        bool has_zhez = false;
        for (const auto& c : g.lookup("Zhezq", prefix)) has_zhez |= c.place.id() == "geonames:1516589" && c.match == MatchKind::prefix;
        CHECK(has_zhez);
        LookupOptions fuzzy;
        fuzzy.fuzzy = true;
        CHECK(first_id(g, "Almatu", fuzzy) == "geonames:1526384");
        CHECK(g.lookup("Almatu", fuzzy).front().match == MatchKind::fuzzy);
        CHECK(g.lookup("Almatu").empty());
    }
    SECTION("limits and empty input") {
        LookupOptions one;
        one.limit = 1;
        CHECK(g.lookup("Paris", one).size() == 1);
        CHECK(g.lookup("").empty());
        CHECK(g.lookup("  -- ").empty());
        CHECK(g.lookup("Atlantis").empty());
    }
}

TEST_CASE("damaged index files are refused with a clear message", "[gazetteer][index]") {
    SmallIndex small;
    std::string bytes;
    {
        std::ifstream in(small.index, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const auto damaged = small.dir / "damaged.imgz";
    auto write = [&](const std::string& content) { std::ofstream(damaged, std::ios::binary | std::ios::trunc) << content; };
    auto refusal = [&]() -> std::string {
        try {
            Gazetteer::open(damaged);
        } catch (const core::InputError& e) {
            return e.what();
        }
        return "";
    };

    SECTION("a flipped byte in the body") {
        std::string c = bytes;
        c[c.size() / 2] ^= 0x40;
        write(c);
        CHECK_THAT(refusal(), Catch::Contains("body checksum mismatch") && Catch::Contains("damaged.imgz"));
    }
    SECTION("a flipped byte in the header") {
        std::string c = bytes;
        c[40] ^= 0x01;
        write(c);
        CHECK_THAT(refusal(), Catch::Contains("checksum") || Catch::Contains("truncated"));
    }
    SECTION("truncated") {
        write(bytes.substr(0, bytes.size() - 1000));
        CHECK_THAT(refusal(), Catch::Contains("truncated"));
    }
    SECTION("too short for a header") {
        write(bytes.substr(0, 100));
        CHECK_THAT(refusal(), Catch::Contains("too short"));
    }
    SECTION("not an index at all") {
        write(std::string(4096, 'x'));
        CHECK_THAT(refusal(), Catch::Contains("wrong magic"));
    }
    SECTION("crafted: correct checksums over a place whose name points past the strings (found by fuzz/fuzz_index)") {
        std::string c = bytes;
        detail::Header h;
        std::memcpy(&h, c.data(), sizeof h);
        detail::PlaceRecord place;
        const std::size_t at = h.sections[detail::kPlaces].offset;
        std::memcpy(&place, c.data() + at, sizeof place);
        place.name = 0xFFFFFF00u;
        std::memcpy(c.data() + at, &place, sizeof place);
        h.body_checksum = XXH3_64bits(c.data() + sizeof h, c.size() - sizeof h);
        h.header_checksum = 0;
        h.header_checksum = XXH3_64bits(&h, sizeof h);
        std::memcpy(c.data(), &h, sizeof h);
        write(c);
        CHECK_THAT(refusal(), Catch::Contains("place 0 points outside its section"));
    }
    SECTION("empty") {
        write("");
        CHECK_THAT(refusal(), Catch::Contains("too short"));
    }
    CHECK_THROWS_AS(Gazetteer::open(small.dir / "absent.imgz"), core::InputError);
}

TEST_CASE("a failed build leaves an existing index intact", "[gazetteer][index]") {
    SmallIndex small;
    const auto size_before = std::filesystem::file_size(small.index);
    auto inputs = BuildInputs::embedded_tables();
    inputs.geonames.push_back(small.dir / "missing.txt");
    CHECK_THROWS_AS(build_gazetteer(inputs, small.index), core::InputError);
    CHECK(std::filesystem::file_size(small.index) == size_before);
    CHECK_NOTHROW(Gazetteer::open(small.index));
}

TEST_CASE("an index built with the Almaty OSM extract resolves its TV tower", "[gazetteer][index][shared]") {
    const std::filesystem::path osm = std::filesystem::path(INCIDENTMAP_SHARED_DIR) / "data/osm/almaty-2013.osm.pbf";
    if (!std::filesystem::exists(osm)) {
        INCIDENTMAP_SKIP("test data " << osm << " is absent (it lives in ../shared, beside a developer's checkout)");
    }
    TempDir dir;
    auto inputs = BuildInputs::embedded_tables();
    inputs.landmarks.clear();  // the tower must come from OSM, not from the curated list
    inputs.osm.push_back(osm);
    std::ofstream(dir / "almaty.txt") << line("1526384", "Almaty", "", 43.25, 76.91667, "PPLA", "KZ", "02", 1977011);
    inputs.geonames.push_back(dir / "almaty.txt");
    build_gazetteer(inputs, dir / "osm.imgz");
    const auto g = Gazetteer::open(dir / "osm.imgz");
    const auto found = g.lookup("Алматинская телебашня");
    REQUIRE_FALSE(found.empty());
    const Place tower = found.front().place;
    CHECK(tower.source() == PlaceSource::osm);
    CHECK(tower.location().lat_deg() == Approx(43.2288).margin(0.0005));
    CHECK(tower.location().lon_deg() == Approx(76.9763).margin(0.0005));
    CHECK(tower.place_class() == PlaceClass::landmark);
    CHECK(tower.country() == "KZ");  // from the city it lies in
    REQUIRE(tower.city());
    CHECK(tower.city()->id() == "geonames:1526384");
}
