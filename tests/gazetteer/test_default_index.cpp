// The acceptance lookups of the gazetteer, on the embedded default index that the build makes (build/gazetteer.imgz).

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/name_folding.hpp"

#include "default_index.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;
using namespace incidentmap::gazetteer;

namespace {
const Gazetteer& index() { return testing::default_index(); }
std::string first(const std::string& name, const LookupOptions& o = {}) {
    const auto found = index().lookup(name, o);
    return found.empty() ? "" : found.front().place.id();
}
}  // namespace

TEST_CASE("default index: Almaty in every spelling", "[gazetteer][default]") {
    for (const char* n : {"Almaty", "almaty", "ALMATY", "Алматы", "Алма-Ата", "Alma-Ata"}) {
        INFO(n);
        CHECK(first(n) == "geonames:1526384");
    }
    const auto p = index().lookup("Almaty").front().place;
    CHECK(p.location().lat_deg() == Approx(43.25).margin(1e-5));
    CHECK(p.location().lon_deg() == Approx(76.91667).margin(1e-5));
}

TEST_CASE("default index: Aqtau and Aktau are the city on the Caspian", "[gazetteer][default]") {
    CHECK(first("Aqtau") == "geonames:610612");
    CHECK(first("Aktau") == "geonames:610612");
}

TEST_CASE("default index: Kazakhstan in three languages", "[gazetteer][default]") {
    for (const char* n : {"Kazakhstan", "Казахстан", "Kazajistán"}) {
        INFO(n);
        CHECK(first(n) == "country:KZ");
    }
}

TEST_CASE("default index: a name matches itself, not a name in another script that folds alike", "[gazetteer][default]") {
    // Russian "Боливия" and Amharic "ቦሊቪያ" fold to the same key; the name reported is one in the query's script family.
    const auto found = index().lookup("Боливия");
    REQUIRE_FALSE(found.empty());
    CHECK(found.front().place.id() == "country:BO");
    CHECK_FALSE(in_transliterated_script(found.front().matched_name()));
}

TEST_CASE("default index: a country drawn across the antimeridian has its outline's size too", "[gazetteer][default]") {
    // Natural Earth draws Russia past 180° E; its outline once failed to load, leaving a 50 km radius.
    const auto found = index().lookup("Russia");
    REQUIRE_FALSE(found.empty());
    CHECK(found.front().place.id() == "country:RU");
    CHECK(found.front().place.radius().km() > 1000);
}

TEST_CASE("default index: a country sits at GeoNames' point, with the size of its outline", "[gazetteer][default]") {
    // GeoNames 6251999 (Canada) is at 60.10867, -113.64258, west of the outline's centroid; corpora annotated with
    // GeoNames put the country there.
    const auto canada = index().lookup("Canada").front().place;
    REQUIRE(canada.id() == "country:CA");
    CHECK(canada.location().lat_deg() == Approx(60.1087).margin(1e-3));
    CHECK(canada.location().lon_deg() == Approx(-113.643).margin(1e-3));
    CHECK(canada.radius().value() > 1'500'000);
    // Kosovo has no GeoNames point in the table: its outline places it.
    const auto kosovo = index().lookup("Kosovo").front().place;
    REQUIRE(kosovo.id() == "country:XK");
    CHECK(core::distance(kosovo.location(), core::LatLon::degrees(42.6, 20.9)).value() < 60'000);
}

TEST_CASE("default index: a region sits in the middle of its outline, unless the outline's code is stale", "[gazetteer][default]") {
    auto region = [](const char* name, const char* country) {
        for (const auto& c : index().lookup(name))
            if (c.place.place_class() == PlaceClass::admin_region && c.place.country() == country) return c.place;
        FAIL("no region " << name);
        throw;
    };
    // Alberta's places crowd its south; the middle of its outline is north of Edmonton.
    CHECK(core::distance(region("Alberta", "CA").location(), core::LatLon::degrees(55.17, -114.51)).value() < 10'000);
    // Natural Earth's polygon coded PH.03 lies in Mindanao, 750 km from Central Luzon's places: the places win.
    CHECK(region("Central Luzon", "PH").location().lat_deg() > 14.0);
}

TEST_CASE("default index: counties are places, municipalities named like their town are not doubled", "[gazetteer][default]") {
    const auto metcalfe = index().lookup("Metcalfe County");
    REQUIRE_FALSE(metcalfe.empty());
    CHECK(metcalfe.front().place.id() == "admin2:US.KY.169");
    CHECK(core::distance(metcalfe.front().place.location(), core::LatLon::degrees(36.99, -85.63)).value() < 25'000);
    for (const auto& c : index().lookup("Campinas")) CHECK(c.place.id().rfind("admin2:", 0) != 0);
}

TEST_CASE("default index: Kok Tobe, the landmark and the town", "[gazetteer][default]") {
    const auto all = index().lookup("Kok Tobe");
    bool landmark = false, town = false;
    for (const auto& c : all) {
        landmark |= c.place.id() == "landmark:kz-almaty-kok-tobe";
        town |= c.place.id() == "geonames:1525504";
    }
    CHECK(landmark);
    CHECK(town);
    LookupOptions near;
    near.near = core::LatLon::degrees(43.25, 76.92);
    CHECK(first("Kok Tobe", near) == "landmark:kz-almaty-kok-tobe");
}

TEST_CASE("default index: transliteration variants and typos", "[gazetteer][default]") {
    CHECK(first("Jezkazgan") == "geonames:1516589");
    CHECK(first("Chimkent") == first("Shymkent"));
    LookupOptions fuzzy;
    fuzzy.fuzzy = true;
    CHECK(first("Almati", fuzzy) == "geonames:1526384");
    CHECK(first("Almatyy", fuzzy) == "geonames:1526384");
}
