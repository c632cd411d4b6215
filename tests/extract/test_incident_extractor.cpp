// The incident extractor on short reports written for these tests, over the embedded gazetteer: events by clause,
// place and time in context, figures, negation and denial, assembly, headings. The reference article of the project
// is scored at the end when ../shared is there (a user's clone has no ../shared: the test then says so and skips).

#include "core/incident.hpp"
#include "extract/incident_extractor.hpp"
#include "tests/gazetteer/default_index.hpp"
#include "tests/skip.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace incidentmap;
using namespace std::chrono;
using core::Language;

namespace {

const extract::IncidentExtractor& extractor() {
    static const extract::IncidentExtractor e(gazetteer::testing::default_parser());
    return e;
}

std::vector<core::Incident> read(std::string_view text, Language lang, std::optional<year_month_day> published) {
    auto incidents = extractor().extract(text, lang, {published, "test", {}});
    for (const auto& in : incidents) {
        INFO(in.id << ": " << in.quote);
        CHECK_FALSE(core::find_problem(in));
    }
    return incidents;
}

std::string date_of(const core::Incident& in) {
    if (!in.time.is_known()) return "unknown";
    return core::format_iso_date(year_month_day{floor<days>(in.time.start())});
}

}  // namespace

TEST_CASE("incidents: a clause with its own earlier day is an event of its own, at the place its sentence names", "[extract]") {
    const auto out = read("Des affrontements ont éclaté jeudi soir à Lyon près de la mairie, qui avait été incendiée mardi par des émeutiers.",
                          Language::fr, 2023y / March / 10);
    REQUIRE(out.size() == 2);
    CHECK(date_of(out[0]) == "2023-03-09");
    CHECK(out[0].time.precision() == core::TimePrecision::part_of_day);
    CHECK(date_of(out[1]) == "2023-03-07");
    CHECK(out[1].event_type == core::EventType::riots);
    for (const auto& in : out) {
        CHECK(in.country == "FR");
        REQUIRE(in.location);
        CHECK(std::abs(in.location->lat_deg() - 45.76) < 0.1);
        CHECK(in.language == "fr");
        CHECK(in.source_span);
    }
}

TEST_CASE("incidents: the mention that placed an incident is kept, whatever words name the place", "[extract]") {
    // The code points [begin, end) of `text`.
    auto cut = [](std::string_view text, core::CodePointSpan span) {
        std::string out;
        std::int64_t cp = 0;
        for (std::size_t b = 0; b < text.size(); ++b) {
            const bool starts = (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80;
            if (starts && b > 0) ++cp;
            if (cp >= span.begin && cp < span.end) out += text[b];
        }
        return out;
    };
    const std::string ru = "В Новосибирске полиция задержала двадцать участников акции протеста.";
    auto out = read(ru, Language::ru, 2023y / March / 10);
    REQUIRE(out.size() == 1);
    REQUIRE(out[0].mention_span);
    CHECK(cut(ru, *out[0].mention_span) == "Новосибирске");
    // Within the quote's span: the inspector marks it in the sentence.
    CHECK(out[0].mention_span->begin >= out[0].source_span->begin);
    CHECK(out[0].mention_span->end <= out[0].source_span->end);

    // Placed from the article's context (no place in its sentence): no mention in that sentence to mark.
    const std::string en = "Riots broke out in Manchester on Saturday. On Sunday, rioters set fire to cars.";
    out = read(en, Language::en, 2023y / May / 15);
    for (const auto& in : out) {
        INFO(in.quote);
        if (in.mention_span) CHECK(cut(en, *in.mention_span) == "Manchester");
    }
}

TEST_CASE("incidents: figures are kept as reported, unknown ones null, and a figures-only sentence joins the lead event", "[extract]") {
    const auto out = read("Police clashed with protesters in Manchester on Saturday. Twelve people were injured and 30 were arrested.",
                          Language::en, 2023y / May / 15);
    REQUIRE(out.size() == 1);
    const core::Incident& in = out[0];
    CHECK(date_of(in) == "2023-05-13");
    CHECK(in.injured == 12);
    CHECK(in.arrested == 30);
    CHECK_FALSE(in.fatalities);
    CHECK(in.severity == core::Severity::injuries);
    CHECK(in.violent);
    CHECK(in.geo_precision == 1);
    CHECK(in.place_name == "Manchester");
}

TEST_CASE("incidents: negated and denied events are not incidents", "[extract]") {
    CHECK(read("Le bâtiment n'a pas été attaqué à Marseille mercredi.", Language::fr, 2023y / June / 2).empty());
    CHECK(read("Officials in Bristol denied reports of an attack on the station on Monday.", Language::en, 2023y / June / 2).empty());
}

TEST_CASE("incidents: fears, threats and plans are not incidents", "[extract]") {
    CHECK(read("Residents of Lyon said they feared further attacks on Monday.", Language::en, 2023y / June / 2).empty());
    CHECK(read("Les habitants de Lyon craignent de nouvelles attaques.", Language::fr, 2023y / June / 2).empty());
}

TEST_CASE("incidents: 'the day before', 'la veille', 'накануне' count from the story's day, not publication", "[extract]") {
    const auto en = read("Gunmen attacked a village near Gusau on Saturday night. A day earlier, troops clashed with militants near Gusau.",
                         Language::en, 2024y / March / 12);  // a Tuesday: Saturday is the 9th
    REQUIRE(en.size() == 2);
    CHECK(date_of(en[1]) == "2024-03-08");
    const auto ru = read("В среду в Алматы протестующие подожгли здание акимата. Накануне в Жанаозене собрались тысячи человек.",
                         Language::ru, 2022y / January / 7);
    REQUIRE(ru.size() == 2);
    CHECK(date_of(ru[0]) == "2022-01-05");
    CHECK(date_of(ru[1]) == "2022-01-04");
    // With no day told before it, the day before publication; a day after it, unknown rather than an announcement.
    const auto fr = read("La veille, des heurts ont éclaté à Lyon.", Language::fr, 2023y / June / 2);
    REQUIRE(fr.size() == 1);
    CHECK(date_of(fr[0]) == "2023-06-01");
}

TEST_CASE("incidents: the same event told twice is one incident, another one of its kind is two", "[extract]") {
    const auto same = read("Rioters attacked the town hall in Leeds on Friday. The attack on the building lasted two hours.",
                           Language::en, 2023y / April / 3);
    CHECK(same.size() == 1);
    const auto two = read("Rioters attacked the town hall in Leeds on Friday. Another attack on the building came at night.",
                          Language::en, 2023y / April / 3);
    CHECK(two.size() == 2);
}

TEST_CASE("incidents: a heading is not an incident of its own, and several towns make one incident each", "[extract]") {
    const auto out = read("Heurts à Nantes\n\nSamedi, des manifestations ont dégénéré à Nantes et à Rennes.", Language::fr, 2023y / March / 27);
    REQUIRE(out.size() == 2);
    CHECK(out[0].place_name == "Nantes");
    CHECK(out[1].place_name == "Rennes");
    CHECK(date_of(out[0]) == "2023-03-25");
}

TEST_CASE("incidents: without a publication date, a weekday stays unknown rather than guessed", "[extract]") {
    const auto out = read("В субботу в Екатеринбурге полиция задержала 15 участников митинга.", Language::ru, std::nullopt);
    REQUIRE(out.size() == 1);
    CHECK_FALSE(out[0].time.is_known());
    CHECK(out[0].arrested == 15);
    CHECK(out[0].country == "RU");
    const auto dated = read("В субботу в Екатеринбурге полиция задержала 15 участников митинга.", Language::ru, 2023y / July / 3);
    REQUIRE(dated.size() == 1);
    CHECK(date_of(dated[0]) == "2023-07-01");
    CHECK(dated[0].severity == core::Severity::disruptive);
}

TEST_CASE("incidents: a nationwide toll is placed at the country with precision 3", "[extract]") {
    const auto out = read("Près de 500 personnes ont été arrêtées à travers la France. Quelque 12 policiers ont été blessés.",
                          Language::fr, 2023y / July / 1);
    REQUIRE(out.size() == 1);
    CHECK(out[0].geo_precision == 3);
    CHECK(out[0].country == "FR");
    CHECK(out[0].arrested == 500);
    CHECK(out[0].injured == 12);
}

TEST_CASE("incidents: a toll 'dans toute la France' stays national, apart from the paragraph's lead incident", "[extract]") {
    const auto out = read("Des affrontements ont opposé jeudi soir des jeunes aux forces de l'ordre à Nanterre. Selon le ministère de "
                          "l'Intérieur, 667 personnes ont été interpellées dans toute la France et 249 policiers blessés.",
                          Language::fr, 2023y / June / 30);
    REQUIRE(out.size() == 2);
    CHECK(out[0].place_name == "Nanterre");
    CHECK_FALSE(out[0].arrested);
    CHECK(out[1].geo_precision == 3);
    CHECK(out[1].arrested == 667);
    CHECK(out[1].injured == 249);
}

TEST_CASE("incidents: the region an attributed statement names is the source's, not the place of the event", "[extract]") {
    const auto out = read("Des affrontements ont éclaté jeudi soir à Lyon. Selon la préfecture du Rhône, six policiers ont été "
                          "blessés et 14 personnes ont été interpellées.",
                          Language::fr, 2021y / November / 19);
    REQUIRE(out.size() == 1);
    CHECK(out[0].place_name == "Lyon");
    CHECK(out[0].injured == 6);
    CHECK(out[0].arrested == 14);
}

TEST_CASE("incidents: text without events, or no text, gives none", "[extract]") {
    CHECK(read("", Language::en, std::nullopt).empty());
    CHECK(read("The weather in Paris was mild on Sunday.", Language::en, 2023y / July / 3).empty());
    CHECK(read("\xff\xfe broken \xc3", Language::fr, std::nullopt).empty());
}

TEST_CASE("incidents: the event lexicon names the file and line of a bad entry", "[extract]") {
    const auto bad_type = extract::parse_lexicon_text("trigger\tclash\tBattle\tArmed clash\tviolent\n", "en.tsv");
    CHECK_THROWS_WITH(extract::EventLexicon::parse(bad_type), Catch::Contains("en.tsv:1") && Catch::Contains("Battle"));
    const auto bad_section = extract::parse_lexicon_text("# x\nverb\tclash\n", "en.tsv");
    CHECK_THROWS_WITH(extract::EventLexicon::parse(bad_section), Catch::Contains("en.tsv:2"));
    const auto bad_fields = extract::parse_lexicon_text("actor\tpolice\tpolice\n", "fr.tsv");
    CHECK_THROWS_WITH(extract::EventLexicon::parse(bad_fields), Catch::Contains("fr.tsv:1"));
}

TEST_CASE("incidents: the reference article (needs ../shared)", "[extract][shared]") {
    const std::filesystem::path article = std::filesystem::path(INCIDENTMAP_SHARED_DIR) / "data/articles/almaty-2022-01-06.fr.txt";
    if (!std::filesystem::exists(article)) {
        INCIDENTMAP_SKIP(article << " is not there (the evaluation data lives beside the project, not in it)");
    }
    std::ifstream in(article, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto out = read(text.str(), Language::fr, 2022y / January / 6);
    // The nationwide toll: at the country, with the three figures.
    const auto toll = std::find_if(out.begin(), out.end(), [](const core::Incident& i) { return i.geo_precision == 3; });
    REQUIRE(toll != out.end());
    CHECK(toll->arrested == 2300);
    CHECK(toll->fatalities == 18);
    CHECK(toll->injured == 748);
    // The administration building burned on Wednesday, the gunfire near it on Thursday.
    const auto at_akimat = std::count_if(out.begin(), out.end(), [](const core::Incident& i) {
        return i.location && core::distance(*i.location, core::LatLon::degrees(43.2380, 76.9455)).value() < 500;
    });
    CHECK(at_akimat >= 2);
    CHECK(out.size() <= 10);
}

TEST_CASE("an event with no place in its text is reported without a location, context places it otherwise", "[extract]") {
    auto out = read("Police arrested 20 protesters on Monday.", Language::en, 2024y / May / 10);
    REQUIRE(out.size() == 1);
    CHECK_FALSE(out[0].location);
    CHECK_FALSE(out[0].geo_precision);
    CHECK(out[0].sub_event_type == "Arrests");
    CHECK(out[0].arrested == 20);
    out = read("Protests continued in Dakar on Sunday.\nPolice arrested 20 protesters on Monday.", Language::en, 2024y / May / 10);
    REQUIRE(out.size() == 2);
    for (const auto& in : out) {
        INFO(in.quote);
        REQUIRE(in.location);
        CHECK(in.place_name == "Dakar");
    }
    CHECK(out[1].geo_precision == 2);  // the text's city, not named with the event
}
