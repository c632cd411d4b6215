// Tokens with code point offsets, the lexicon's base forms, and which stretches of text the finder proposes.

#include "gazetteer/geoparse_lexicon.hpp"
#include "gazetteer/geoparser.hpp"
#include "gazetteer/resolver_model.hpp"
#include "gazetteer/text_tokens.hpp"

#include "core/error.hpp"

#include "default_index.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;
using namespace incidentmap::gazetteer;

namespace {
const Geoparser& parser() { return testing::default_parser(); }
std::vector<std::string> texts(const std::vector<ResolvedMention>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) out.push_back(m.text);
    return out;
}
}  // namespace

TEST_CASE("tokenize: code point and byte offsets", "[gazetteer][tokens]") {
    SECTION("Latin with diacritics and elision") {
        const std::string s = "à l'Élysée, près d'Almaty";
        const auto t = tokenize(s);
        REQUIRE(t.size() == 6);
        CHECK(t[1].lower == "l");
        CHECK(t[2].text(s) == "Élysée");
        CHECK(t[2].lower == "élysée");
        CHECK(t[2].gap == Gap::apostrophe);
        CHECK(t[2].cp_begin == 4);
        CHECK(t[2].cp_end == 10);
        CHECK(t[2].upper_initial);
        CHECK(t[5].text(s) == "Almaty");
        CHECK(t[5].cp_begin == 19);
        CHECK(t[5].cp_end == 25);
        CHECK(t[3].gap == Gap::clause);
    }
    SECTION("Cyrillic counts code points, not bytes") {
        const std::string s = "МОСКВА, 7 мая. В Москве";
        const auto t = tokenize(s);
        REQUIRE(t.size() == 5);
        CHECK(t[0].all_caps);
        CHECK(t[0].cyrillic);
        CHECK(t[0].cp_end == 6);
        CHECK(t[0].end == 12);
        CHECK(t[4].text(s) == "Москве");
        CHECK(t[4].cp_begin == 17);
        CHECK(t[4].cp_end == 23);
        CHECK(t[3].sentence_start);
        CHECK(t[2].has_digit == false);
    }
    SECTION("initialisms keep their dots and do not end a sentence") {
        const std::string s = "in the U.S. Army and B.C. police";
        const auto t = tokenize(s);
        REQUIRE(t.size() == 7);
        CHECK(t[2].text(s) == "U.S.");
        CHECK(t[3].text(s) == "Army");
        CHECK_FALSE(t[3].sentence_start);
        CHECK(t[5].text(s) == "B.C.");
    }
    SECTION("hyphens and sentence starts") {
        const auto t = tokenize("Kok-Tobe. Next\n\nline");
        REQUIRE(t.size() == 4);
        CHECK(t[1].gap == Gap::hyphen);
        CHECK(t[2].sentence_start);
        CHECK(t[3].line_start);
    }
    SECTION("invalid UTF-8 is a separator that counts one code point a byte") {
        const std::string s = std::string("ab\xFF") + "cd";
        const auto t = tokenize(s);
        REQUIRE(t.size() == 2);
        CHECK(t[1].cp_begin == 3);
        CHECK(t[1].begin == 3);
    }
    SECTION("empty text") { CHECK(tokenize("").empty()); }
}

TEST_CASE("lexicon: parsing, patterns and errors", "[gazetteer][lexicon]") {
    const auto lex = Lexicon::parse("function\tpar\ncue\tà\t0.8\nlandmark\ttour de télé*\tman_made=tower\n"
                                    "ending\tе\tа\nending\tе\t\ndemonym\tkazakh*\tKZ\n", "test");
    CHECK(lex.is_function("par"));
    CHECK(lex.cue("à") == Approx(0.8));
    CHECK(lex.demonym("kazakhes") == "KZ");
    REQUIRE(lex.landmarks_starting("tour").size() == 1);
    CHECK(Lexicon::word_matches("télé*", "télévision"));
    const auto forms = lex.base_forms("москве");
    CHECK(std::find(forms.begin(), forms.end(), "москва") != forms.end());
    CHECK(std::find(forms.begin(), forms.end(), "москв") != forms.end());
    CHECK_THROWS_AS(Lexicon::parse("nonsense\tx\n", "test"), core::InputError);
    CHECK_THROWS_AS(Lexicon::parse("cue\tin\tmany\n", "test"), core::InputError);
}

TEST_CASE("Russian inflection: case forms resolve to their base form", "[gazetteer][geoparse]") {
    const auto found = parser().parse("Митинг прошёл в Москве. Он был в Астане, в столице Казахстана.", "ru");
    std::map<std::string, std::string> ids;
    for (const auto& m : found) ids[m.text] = m.id;
    CHECK(ids["Москве"] == "geonames:524901");
    CHECK(ids["Астане"] == "geonames:1526273");
    CHECK(ids["Казахстана"] == "country:KZ");
}

TEST_CASE("names across a prefix's full stop, an apostrophe and hyphens", "[gazetteer][geoparse]") {
    std::map<std::string, std::string> ids;
    for (const auto& m : parser().parse("Canada's envoy flew from St. John's to St. Louis. He met St Edmund there.", "en"))
        ids[m.text] = m.id;
    CHECK(ids["St. John's"] == "geonames:6324733");
    CHECK(ids["St. Louis"] == "geonames:4407066");
    CHECK(ids["Canada"] == "country:CA");  // a possessive, not the name "Cañadas"
    CHECK_FALSE(ids.contains("St"));      // an abbreviation alone is no place
    CHECK_FALSE(ids.contains("Canada's"));
    std::map<std::string, std::string> ru;
    for (const auto& m : parser().parse("Задержания прошли в Ростове-на-Дону.", "ru")) ru[m.text] = m.id;
    CHECK(ru["Ростове-на-Дону"] == "geonames:501175");
}

TEST_CASE("spurious words: capitalised common and function words are no places", "[gazetteer][geoparse]") {
    const auto found = parser().parse(
        "Par ailleurs, la police a été vue. Police et armée sont intervenues à Almaty. Sur place, Vers midi, "
        "Sputnik Kazakhstan a rapporté les faits.", "fr");
    const auto t = texts(found);
    CHECK(std::find(t.begin(), t.end(), "Par") == t.end());
    CHECK(std::find(t.begin(), t.end(), "Police") == t.end());
    CHECK(std::find(t.begin(), t.end(), "Sur") == t.end());
    CHECK(std::find(t.begin(), t.end(), "Vers") == t.end());
    CHECK(std::find(t.begin(), t.end(), "Kazakhstan") == t.end());  // part of an organisation's name here
    CHECK(std::find(t.begin(), t.end(), "Almaty") != t.end());
}

TEST_CASE("people named like small towns are people, a country opening an agency's name is the country", "[gazetteer][geoparse]") {
    const auto found = parser().parse(
        "Christopher Steele wrote the reports. Former officials said Steele spent years in London. "
        "The U.S. Centers for Disease Control confirmed the case.", "en");
    std::map<std::string, std::string> ids;
    for (const auto& m : found) ids[m.text] = m.id;
    CHECK_FALSE(ids.contains("Steele"));
    CHECK_FALSE(ids.contains("Christopher"));
    CHECK(ids["London"] == "geonames:2643743");
    CHECK(ids["U.S."] == "country:US");
}

TEST_CASE("a name qualified by its region or country is the place there, wherever the text repeats it", "[gazetteer][geoparse]") {
    const auto found = parser().parse(
        "A Paris, Missouri, man was arrested. He was driving home to Paris. His sister lives in London, Ontario.", "en");
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& m : found) got.emplace_back(m.text, m.country);
    const std::vector<std::pair<std::string, std::string>> want{
        {"Paris", "US"}, {"Missouri", "US"}, {"Paris", "US"}, {"London", "CA"}, {"Ontario", "CA"}};
    CHECK(got == want);
    // A list of regions is no qualification.
    for (const auto& m : parser().parse("Texas, Oklahoma and Arkansas were hit by storms.", "en")) CHECK(m.place_class == "admin_region");
}

TEST_CASE("a region noun, or a list of regions, makes a name the region rather than a town", "[gazetteer][geoparse]") {
    auto kind_of = [](const std::string& text, const char* lang, const std::string& name) {
        for (const auto& m : parser().parse(text, lang))
            if (m.text == name) return m.place_class;
        return std::string("none");
    };
    // The region noun belongs to the mention.
    CHECK(kind_of("The cow was found at a Washington state farm.", "en", "Washington state") == "admin_region");
    CHECK(kind_of("Officials in the state of Washington said so.", "en", "state of Washington") == "admin_region");
    CHECK(kind_of("В штате Вашингтон прошли протесты.", "ru", "штате Вашингтон") == "admin_region");
    CHECK(kind_of("Cases were found in Ohio, Michigan, Oregon and Idaho.", "en", "Oregon") == "admin_region");
}

TEST_CASE("diseases named after places, adjectives and words that meet a foreign script are no places", "[gazetteer][geoparse]") {
    const auto found = parser().parse(
        "The Marburg virus spread in Uganda. Philippine officials met Ali and a Law professor in Germany.", "en");
    std::map<std::string, std::string> ids;
    for (const auto& m : found) ids[m.text] = m.id;
    CHECK_FALSE(ids.contains("Marburg"));
    CHECK_FALSE(ids.contains("Philippine"));
    CHECK(ids["Uganda"] == "country:UG");
    CHECK(ids["Germany"] == "country:DE");
    CHECK(ids["Ali"] != "country:IT");  // Sindhi "اٽلي" transliterates to it
    CHECK(ids["Law"] != "country:LA");  // Thai "ลาว" transliterates to it
}

TEST_CASE("a place's public body names the place, a direction alone is no place", "[gazetteer][geoparse]") {
    std::map<std::string, std::string> ids;
    for (const auto& m : parser().parse(
             "The Metcalfe County Sheriff's Office responded. Officials in North London and the South Pacific met.", "en"))
        ids[m.text] = m.id;
    CHECK(ids["Metcalfe County"] == "admin2:US.KY.169");
    CHECK_FALSE(ids.contains("North"));
    CHECK_FALSE(ids.contains("South"));
}

TEST_CASE("a text over the window size is read in windows, with offsets into the whole text", "[gazetteer][geoparse]") {
    std::string text;
    const std::string para = "Les élèves ont déjeuné à la cantine, puis sont rentrés chez eux.\n\n";  // 2 bytes per é
    while (text.size() < Geoparser::kWindowBytes * 3 / 2) text += para;
    const std::size_t cp_before = code_point_count(text);
    text += "Des heurts ont éclaté à Almaty.";
    const auto found = parser().parse(text, "fr");
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == "geonames:1526384");
    CHECK(found[0].cp_begin == cp_before + 24);
    CHECK(found[0].begin == text.size() - std::string("Almaty.").size());
    CHECK(found[0].text == "Almaty");
    // Handed out window by window, the same mentions.
    std::vector<ResolvedMention> each;
    parser().parse(text, "fr", {}, [&](ResolvedMention& m) { each.push_back(m); });
    REQUIRE(each.size() == 1);
    CHECK(each[0].id == found[0].id);
    CHECK(each[0].cp_begin == found[0].cp_begin);
}

TEST_CASE("regions by their names in French and Russian, with their region nouns", "[gazetteer][geoparse]") {
    std::map<std::string, std::string> fr, ru;
    for (const auto& m : parser().parse("En Bretagne, à Rennes, la manifestation a dégénéré.", "fr")) fr[m.text] = m.id;
    CHECK(fr["Bretagne"] == "admin1:FR.53");
    for (const auto& m : parser().parse("В Краснодарском крае введён режим ЧС. Губернатор Белгородской области сообщил об обстреле.", "ru"))
        ru[m.text] = m.id;
    CHECK(ru["Краснодарском крае"] == "admin1:RU.38");
    CHECK(ru["Белгородской области"] == "admin1:RU.09");
}

TEST_CASE("each qualified mention is its own place: Portland, Oregon, and Portland, Maine", "[gazetteer][geoparse]") {
    const auto found = parser().parse("Protests spread to Portland, Oregon, and Portland, Maine. In Portland police made arrests.", "en");
    std::vector<std::string> portland;
    for (const auto& m : found)
        if (m.text == "Portland") portland.push_back(m.id);
    REQUIRE(portland.size() == 3);
    CHECK(portland[0] != portland[1]);
    CHECK(portland[2] == portland[0]);  // alone, the name means its first qualified place
}

TEST_CASE("a preposition opens no name, a region's own name beats a city's alias", "[gazetteer][geoparse]") {
    std::map<std::string, std::string> ids;
    for (const auto& m : parser().parse("À Gaza, des frappes. À Astana, l'état d'urgence. Des heurts en Île-de-France.", "fr"))
        ids[m.text] = m.id;
    CHECK(ids["Gaza"] == "geonames:281133");
    CHECK(ids["Astana"] == "geonames:1526273");
    CHECK_FALSE(ids.contains("À"));
    CHECK_FALSE(ids.contains("À Gaza"));
    CHECK(ids["Île-de-France"] == "admin1:FR.11");
    std::map<std::string, std::string> en;
    for (const auto& m : parser().parse("Officials in Amman and in the Somme met.", "en")) en[m.text] = m.id;
    CHECK(en["Amman"] == "geonames:250441");  // not Oman through Russian "Аман"
    CHECK(en["Somme"] != "country:FI");       // not Finland through Estonian "Soome"
}

TEST_CASE("a country the text says nothing else of gives way to a region of the country it is about", "[gazetteer][geoparse]") {
    auto georgia = [](const std::string& text) {
        for (const auto& m : parser().parse(text, "en"))
            if (m.text == "Georgia") return m.id;
        return std::string();
    };
    CHECK(georgia("Storms hit Atlanta, Savannah and Augusta. Georgia officials said Florida and Alabama were spared.") == "admin1:US.GA");
    CHECK(georgia("Protesters marched in Tbilisi and Batumi. Georgia and Armenia are neighbours of Azerbaijan.") == "country:GE");
}

TEST_CASE("in English a lower-case word is no demonym: 'turkey', 'polish'", "[gazetteer][geoparse]") {
    ResolveOptions o;
    o.demonyms = true;
    std::vector<std::string> found;
    for (const auto& m : parser().parse("They ate turkey and polish the Turkish silver.", "en", o)) found.push_back(m.text);
    CHECK(found == std::vector<std::string>{"Turkish"});
}

TEST_CASE("demonyms are evidence, reported only on request", "[gazetteer][geoparse]") {
    const std::string s = "Les forces kazakhes ont tiré à Almaty.";
    for (const auto& m : parser().parse(s, "fr")) CHECK(m.mention_kind != MentionKind::demonym);
    ResolveOptions o;
    o.demonyms = true;
    bool seen = false;
    for (const auto& m : parser().parse(s, "fr", o))
        if (m.text == "kazakhes") seen = m.id == "country:KZ";
    CHECK(seen);
}

TEST_CASE("two names whose namesakes lie together settle there together", "[gazetteer][geoparse]") {
    // Each alone is first the larger namesake (Edmonton, Alberta; Enfield, Connecticut); the two districts of
    // north London, 3 km apart, are the pair a text naming both is about.
    std::map<std::string, std::string> ids;
    for (const auto& m : parser().parse("The library in Edmonton reopened. The council in Enfield paid for the new roof.", "en"))
        ids[m.text] = m.country;
    CHECK(ids["Edmonton"] == "GB");
    CHECK(ids["Enfield"] == "GB");
    // Alone, the larger namesake stays.
    for (const auto& m : parser().parse("The library in Edmonton reopened.", "en")) CHECK(m.country == "CA");
}

TEST_CASE("a town lies in the county the text names, a public body's name says its place is one", "[gazetteer][geoparse]") {
    std::map<std::string, std::string> ids;
    for (const auto& m : parser().parse(
             "LAUREL COUNTY, Ky. - Deputies in Laurel County found the car. The owner, a farmer from London, was unhurt.", "en"))
        ids[m.text] = m.id;
    CHECK(ids["London"] == "geonames:4298960");  // London, Kentucky, the county seat
    // A body's name ("Harrow Council") is evidence that the word is a place; whether it alone lifts the word over the
    // bar is the fitted acceptance model's call (assets/geoparse/acceptance.tsv), so the evidence is what is checked.
    std::vector<NameSample> samples;
    ResolveOptions options;
    options.samples = &samples;
    parser().parse("Yesterday Harrow Council agreed the budget.", "en", options);
    const auto harrow = std::find_if(samples.begin(), samples.end(), [](const NameSample& s) { return s.name == "harrow"; });
    REQUIRE(harrow != samples.end());
    CHECK(harrow->features[static_cast<std::size_t>(Evidence::public_body)] == 1.0);
    CHECK(harrow->features[static_cast<std::size_t>(Evidence::proper)] == 0.0);
    REQUIRE(harrow->candidates.size() > harrow->chosen);
    CHECK(harrow->candidates[harrow->chosen].location.lat_deg() > 51);  // the London borough
    CHECK(ResolverModel::embedded().weight(Evidence::public_body) > 0);
}

TEST_CASE("a word in capitals opening a lede is weighed like any sentence's first word", "[gazetteer][geoparse]") {
    CHECK(parser().parse("ORANGE juice prices rose again this week.", "en").empty());
    // A dateline in capitals is a place.
    const auto dateline = parser().parse("DENVER, May 3 - Snow closed the roads.", "en");
    REQUIRE(dateline.size() == 1);
    CHECK(dateline[0].id == "geonames:5419384");
}

TEST_CASE("a country the text names lifts its places, however much more the text says of another", "[gazetteer][geoparse]") {
    // A Kentucky paper's story of a local family abroad: Paris beside Georgetown and Kentucky would be the town
    // 25 km away, but the text names France.
    auto paris = [](const std::string& text) {
        for (const auto& m : parser().parse(text, "en"))
            if (m.text == "Paris") return m.country;
        return std::string();
    };
    const std::string home = "GEORGETOWN, Ky. - A teacher from Georgetown, Kentucky, spent the week in Paris. ";
    CHECK(paris(home + "She flew home to Kentucky on Sunday.") == "US");
    CHECK(paris(home + "She said France had been kind to her.") == "FR");
}

TEST_CASE("an item of a list of regions is a region, not a town qualified by the next item", "[gazetteer][geoparse]") {
    auto washington = [](const std::string& text) {
        for (const auto& m : parser().parse(text, "en"))
            if (m.text == "Washington") return m.id;
        return std::string();
    };
    CHECK(washington("Recalls reached stores in Idaho, Washington, Oregon and Montana.") == "admin1:US.WA");
    CHECK(washington("Inspectors visited farms in Washington, Pennsylvania and Ohio.") == "admin1:US.WA");
    // A town and its state, then another town: still the town.
    CHECK(washington("The march went from Washington, Pennsylvania, to Wheeling.") == "geonames:5218069");
    std::map<std::string, std::string> fr;
    for (const auto& m : parser().parse("La grêle a frappé la Bretagne, la Normandie et l'Île-de-France.", "fr")) fr[m.text] = m.place_class;
    CHECK(fr["Bretagne"] == "admin_region");
    CHECK(fr["Normandie"] == "admin_region");
}
