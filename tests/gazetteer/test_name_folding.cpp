#include "gazetteer/name_folding.hpp"

#include <catch2/catch.hpp>

using incidentmap::gazetteer::NameFolder;

TEST_CASE("names fold to lower-case ASCII words", "[gazetteer][folding]") {
    const NameFolder folder;
    CHECK(folder.fold("Almaty") == "almaty");
    CHECK(folder.fold("ALMATY") == "almaty");
    CHECK(folder.fold("Алматы") == "almaty");
    CHECK(folder.fold("Алма-Ата") == "alma ata");
    CHECK(folder.fold("Alma-Ata") == "alma ata");
    CHECK(folder.fold("  Alma – Ata  ") == "alma ata");
    CHECK(folder.fold("São Paulo") == "sao paulo");
    CHECK(folder.fold("Côte d'Ivoire") == "cote divoire");
    CHECK(folder.fold("Zürich") == "zurich");
    CHECK(folder.fold("Москва") == "moskva");

    SECTION("the transliteration named in the design: Cyrillic zh becomes z") {
        CHECK(folder.fold("Жезказган") == "zezkazgan");
        CHECK(folder.fold("Шымкент") == "symkent");
    }
    SECTION("empty and separator-only input folds to nothing") {
        CHECK(folder.fold("") == "");
        CHECK(folder.fold(" -- ' ") == "");
    }
    SECTION("invalid UTF-8 acts as a separator") {
        CHECK(folder.fold("Al\xff" "maty") == "al maty");
        CHECK(folder.fold("\xc3") == "");
    }
}
