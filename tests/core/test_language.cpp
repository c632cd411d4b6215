#include "core/language.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap::core;

TEST_CASE("language detection from text", "[core][language]") {
    CHECK(detect_language("Des manifestants ont pris d'assaut le bâtiment de l'administration locale dans la soirée.") == Language::fr);
    CHECK(detect_language("Protesters stormed the city hall on Thursday and the police said that dozens were arrested.") == Language::en);
    CHECK(detect_language("Протестующие захватили здание акимата в Алматы.") == Language::ru);
    SECTION("Latin names inside Russian text do not make it English") {
        CHECK(detect_language("В Алматы (Almaty) протестующие подожгли здание, сообщает Reuters.") == Language::ru);
    }
    SECTION("no letters, no language") {
        CHECK_FALSE(detect_language(""));
        CHECK_FALSE(detect_language("2022-01-06 12:00 !!!"));
    }
}

TEST_CASE("language codes", "[core][language]") {
    for (Language l : {Language::fr, Language::en, Language::ru}) CHECK(parse_language(to_string(l)) == l);
    CHECK_FALSE(parse_language("de"));
    CHECK_FALSE(parse_language("FR"));
}
