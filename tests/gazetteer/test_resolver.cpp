// Resolution in context: descriptive references, traps, and the guarantees of resolve().

#include "gazetteer/geoparser.hpp"

#include "default_index.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;
using namespace incidentmap::gazetteer;

namespace {
const Geoparser& parser() { return testing::default_parser(); }
const ResolvedMention* find(const std::vector<ResolvedMention>& ms, const std::string& text) {
    for (const auto& m : ms)
        if (m.text == text) return &m;
    return nullptr;
}
}  // namespace

TEST_CASE("descriptive references resolve to a landmark of their kind in the city in context", "[gazetteer][resolver]") {
    SECTION("French: the local administration building, the TV tower, the police headquarters") {
        const auto r = parser().parse(
            "Des émeutiers à Almaty ont incendié le bâtiment de l'administration locale. La tour de télévision "
            "d'Almaty a été attaquée, puis le quartier général de la police de la ville.", "fr");
        const auto* akimat = find(r, "bâtiment de l'administration locale");
        REQUIRE(akimat);
        CHECK(akimat->id == "landmark:kz-almaty-akimat");
        CHECK(akimat->mention_kind == MentionKind::descriptive);
        const auto* tower = find(r, "tour de télévision d'Almaty");
        REQUIRE(tower);
        CHECK(tower->id == "landmark:kz-almaty-tv-tower");
        const auto* police = find(r, "quartier général de la police de la ville");
        REQUIRE(police);
        CHECK(police->country == "KZ");
        CHECK(core::distance(police->location, core::LatLon::degrees(43.25, 76.92)).km() < 15);
    }
    SECTION("English and Russian phrases") {
        const auto en = parser().parse("Protesters in Almaty stormed the city hall and the airport.", "en");
        REQUIRE(find(en, "city hall"));
        CHECK(find(en, "city hall")->id == "landmark:kz-almaty-akimat");
        REQUIRE(find(en, "airport"));
        CHECK(find(en, "airport")->id == "landmark:kz-almaty-airport");
        const auto ru = parser().parse("В Алматы протестующие захватили акимат города.", "ru");
        REQUIRE(find(ru, "акимат города"));
        CHECK(find(ru, "акимат города")->id == "landmark:kz-almaty-akimat");
    }
    SECTION("no such landmark in the gazetteer: the city, with the city's precision") {
        const auto r = parser().parse("À Lviv, des manifestants ont pris la prison.", "fr");
        const auto* prison = find(r, "prison");
        REQUIRE(prison);
        CHECK(prison->id == "geonames:702550");
        CHECK(prison->precision.km() >= 2.0);
        CHECK(prison->confidence < 0.75);
    }
    SECTION("no city in context: no answer rather than a guess") {
        CHECK(parser().parse("The airport was closed.", "en").empty());
    }
}

TEST_CASE("context picks the place: Kok Tobe in Almaty, not the town 920 km away", "[gazetteer][resolver]") {
    const auto r = parser().parse("La tour de télévision d'Almaty, sur la montagne Kok Tobe, a été envahie.", "fr");
    const auto* k = find(r, "Kok Tobe");
    REQUIRE(k);
    CHECK(k->id == "landmark:kz-almaty-kok-tobe");
    CHECK(k->confidence > 0.5);
    CHECK_FALSE(k->why.empty());
}

TEST_CASE("resolve: answers in order, without overlaps, confidence in [0, 1]", "[gazetteer][resolver]") {
    const auto r = parser().parse("PARIS, 2 déc. Des voitures ont brûlé avenue Kléber, près de l'Arc de Triomphe, à Paris.", "fr");
    REQUIRE(r.size() >= 3);
    for (std::size_t i = 0; i < r.size(); ++i) {
        CHECK(r[i].confidence >= 0.0);
        CHECK(r[i].confidence <= 1.0);
        if (i) CHECK(r[i - 1].cp_end <= r[i].cp_begin);
    }
    CHECK(find(r, "Arc de Triomphe")->id == "landmark:fr-paris-arc-de-triomphe");
    CHECK(find(r, "PARIS")->id == "geonames:2988507");
    CHECK(parser().parse("", "en").empty());
}
