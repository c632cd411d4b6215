// The scorers of eval/evaluation.hpp on small corpora written here, one per format, with known answers: matches,
// misses, spurious mentions, ignored spans, offsets that are a few code points off, tolerances, optional gold,
// figures within 10 %, and the errors a malformed corpus raises. Then the geoparser and the extractor on a tiny
// corpus, and the shared gold articles when ../shared is there.

#include "core/error.hpp"
#include "core/incident.hpp"
#include "eval/evaluation.hpp"
#include "extract/incident_extractor.hpp"
#include "tests/gazetteer/default_index.hpp"
#include "tests/temp_dir.hpp"
#include "tests/skip.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace incidentmap;
using namespace std::chrono;
using eval::Finding;

namespace {

void write(const std::filesystem::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

gazetteer::ResolvedMention system_mention(std::uint32_t begin, std::uint32_t end, double lat, double lon, std::string name = "x") {
    gazetteer::ResolvedMention m;
    m.cp_begin = begin;
    m.cp_end = end;
    m.location = core::LatLon::degrees(lat, lon);
    m.text = name;
    m.name = std::move(name);
    return m;
}

core::Incident incident(core::TimeSpan time, double lat, double lon) {
    core::Incident in;
    in.time = time;
    in.location = core::LatLon::degrees(lat, lon);
    in.quote = "quote";
    return in;
}

std::size_t count(const std::vector<Finding>& findings, Finding::Kind kind) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.kind == kind; }));
}

// The message of the InputError that reading `path` raises; fails the test when there is none.
std::string input_error(const std::filesystem::path& path) {
    try {
        eval::read_corpus(path);
    } catch (const core::InputError& e) {
        return e.what();
    }
    FAIL("no InputError for " << path);
    return {};
}

constexpr std::string_view kLyonText = "Riots in Lyon, near Écully, and in Paris, on the Seine. Sputnik France said so.";

constexpr std::string_view kLyonGold = R"({
 "article": "lyon.fr.txt", "language": "en", "published": "2023-07-01",
 "places": {
  "LYON": {"kind": "city", "lat": 45.76, "lon": 4.84, "tolerance_km": 10},
  "ECULLY": {"kind": "city", "lat": 45.775, "lon": 4.777, "tolerance_km": 2, "optional": true},
  "PARIS": {"kind": "city", "lat": 48.8566, "lon": 2.3522, "tolerance_km": 10},
  "SEINE": {"kind": "river", "lat": 49.43, "lon": 0.23, "tolerance_km": 300}
 },
 "mentions": [
  {"text": "Lyon", "start": 9, "end": 13, "place": "LYON"},
  {"text": "Écully", "start": 20, "end": 26, "place": "ECULLY"},
  {"text": "Paris", "start": 37, "end": 42, "place": "PARIS"},
  {"text": "Seine", "start": 49, "end": 54, "place": "SEINE"},
  {"text": "France", "start": 64, "end": 70, "place": "IGNORE"}
 ]
})";

}  // namespace

TEST_CASE("gold JSON places: matches, misses, spurious mentions, ignored spans, tolerance", "[extract][eval]") {
    test::TempDir dir;
    write(dir / "lyon.fr.txt", kLyonText);
    write(dir / "lyon.fr.gold.json", kLyonGold);
    const auto corpus = eval::read_corpus(dir / "lyon.fr.gold.json");
    REQUIRE(corpus.format == eval::CorpusFormat::gold_json);
    REQUIRE(corpus.documents.size() == 1);
    const auto& doc = corpus.documents[0];
    CHECK(doc.id == "lyon.fr.txt");
    CHECK(doc.lang == "en");
    CHECK(doc.published == 2023y / July / 1);
    REQUIRE(doc.mentions.size() == 5);
    // Code points, not bytes: "É" is two bytes.
    CHECK(doc.mentions[1].text == "Écully");
    CHECK(doc.mentions[1].optional);
    // "Paris" given 2 code points late is moved to the words.
    CHECK(doc.mentions[2].cp_begin == 35);
    CHECK(doc.mentions[2].cp_end == 40);
    CHECK(doc.mentions[2].text == "Paris");
    CHECK(doc.mentions[4].ignored());

    SECTION("a match, a wrong match, a miss, a spurious mention; the ignored span and a second piece count nowhere") {
        const std::vector<gazetteer::ResolvedMention> sys = {
            system_mention(0, 5, 40.0, -3.7, "Riots"),            // spurious
            system_mention(9, 13, 45.7640, 4.8357, "Lyon"),       // right
            system_mention(10, 12, 45.76, 4.84, "yo"),            // a second piece of the found Lyon: neither
            system_mention(35, 40, 33.6609, -95.5555, "Paris"),   // Paris, Texas: matched, but wrong
            system_mention(64, 70, 46.0, 2.0, "France"),          // inside an ignored span: neither
        };
        eval::PlaceScores s;
        std::vector<Finding> findings;
        eval::score_places(doc, sys, s, &findings);
        CHECK(s.documents == 1);
        CHECK(s.gold == 3);  // Lyon, Paris, Seine; the optional Écully is not missed
        CHECK(s.matched == 2);
        CHECK(s.missed == 1);
        CHECK(s.spurious == 1);
        CHECK(s.precision() == Approx(2.0 / 3));
        CHECK(s.recall() == Approx(2.0 / 3));
        CHECK(s.f1() == Approx(2.0 / 3));
        CHECK(s.within_161km == 1);
        CHECK(s.within_tolerance == 1);
        CHECK(s.accuracy_161km() == Approx(0.5));
        CHECK(s.end_to_end_tolerance() == Approx(1.0 / 3));
        REQUIRE(s.errors_km.size() == 2);
        CHECK(s.errors_km[0] < 1.0);
        CHECK(s.errors_km[1] > 7000);
        CHECK(*s.mean_error_km() == Approx((s.errors_km[0] + s.errors_km[1]) / 2));
        CHECK(*s.median_error_km() == Approx(*s.mean_error_km()));
        CHECK(count(findings, Finding::Kind::missed_place) == 1);
        CHECK(count(findings, Finding::Kind::wrong_place) == 1);
        CHECK(count(findings, Finding::Kind::spurious_place) == 1);
        const auto wrong = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.kind == Finding::Kind::wrong_place; });
        CHECK(wrong->text == "Paris");
        CHECK(wrong->detail.find("allowed 10") != std::string::npos);
    }

    SECTION("within the gold's tolerance, not only within 161 km; an optional place counts when found") {
        const std::vector<gazetteer::ResolvedMention> sys = {
            system_mention(9, 13, 45.76 + 0.135, 4.84, "Lyon"),  // 15 km north: within 161 km, not within 10 km
            system_mention(20, 26, 45.775, 4.777, "Écully"),
            system_mention(35, 40, 48.8566, 2.3522, "Paris"),
            system_mention(49, 54, 49.0, 1.0, "Seine"),
        };
        eval::PlaceScores s;
        eval::score_places(doc, sys, s);
        CHECK(s.gold == 4);
        CHECK(s.matched == 4);
        CHECK(s.missed == 0);
        CHECK(s.spurious == 0);
        CHECK(s.precision() == 1.0);
        CHECK(s.recall() == 1.0);
        CHECK(s.within_161km == 4);
        CHECK(s.within_tolerance == 3);
        CHECK(s.errors_km[0] == Approx(15.0).margin(0.1));
    }

    SECTION("no system mention: everything missed, precision and F1 0, no errors") {
        eval::PlaceScores s;
        eval::score_places(doc, {}, s);
        CHECK(s.missed == 3);
        CHECK(s.precision() == 0.0);
        CHECK(s.f1() == 0.0);
        CHECK_FALSE(s.mean_error_km());
        CHECK_FALSE(s.median_error_km());
    }
}

TEST_CASE("XML corpora: GeoVirus, TR-News and GeoWebNews layouts, off-by-one offsets, ignored toponyms", "[extract][eval]") {
    test::TempDir dir;

    SECTION("GeoVirus: offsets one code point early are moved to the name; comments and entities") {
        write(dir / "GeoVirus.xml", R"(<?xml version="1.0" encoding="utf-8"?>
<articles>
    <!--<article><text>commented out</text></article>-->
    <article>
        <source>https://example.org</source>
        <text>Cases in Pandi, Bulacan &amp; Manila.</text>
        <locations>
            <location><name>Pandi</name><start>8</start><end>13</end><lat>14.87</lat><lon>120.95</lon></location>
            <location><name>Manila</name><start>26</start><end>32</end><lat>14.6</lat><lon>120.98</lon></location>
        </locations>
    </article>
</articles>
)");
        const auto corpus = eval::read_corpus(dir / "GeoVirus.xml");
        CHECK(corpus.format == eval::CorpusFormat::xml);
        REQUIRE(corpus.documents.size() == 1);
        const auto& doc = corpus.documents[0];
        CHECK(doc.id == "0");
        CHECK(doc.lang == "en");
        CHECK(doc.text == "Cases in Pandi, Bulacan & Manila.");
        CHECK_FALSE(doc.published);
        REQUIRE(doc.mentions.size() == 2);
        CHECK(doc.mentions[0].cp_begin == 9);
        CHECK(doc.mentions[0].cp_end == 14);
        CHECK(doc.mentions[0].text == "Pandi");
        CHECK(doc.mentions[1].text == "Manila");
        CHECK(doc.mentions[0].tolerance.km() == 161.0);

        eval::PlaceScores s;
        const std::vector<gazetteer::ResolvedMention> sys = {
            system_mention(9, 14, 14.87, 120.95), system_mention(16, 23, 15.0, 121.08), system_mention(26, 32, 14.6, 120.98)};
        eval::score_places(doc, sys, s);
        CHECK(s.matched == 2);
        CHECK(s.spurious == 1);  // Bulacan is not annotated
        CHECK(s.within_161km == 2);
    }

    SECTION("TR-News: CDATA, docid, dltime; a toponym without a gaztag is ignored") {
        write(dir / "TR-News.xml", R"(<?xml version="1.0" encoding="utf-8"?>
<articles>
    <article docid="42">
        <title>x</title>
        <dltime>2016-12-19 10:00</dltime>
        <text><![CDATA[  Ankara & "Izmir" <b>]]></text>
        <toponyms>
            <toponym><phrase>Ankara</phrase><start>2</start><end>8</end>
                <gaztag geonameid="323786"><name>Ankara</name><lat>39.91987</lat><lon>32.85427</lon></gaztag></toponym>
            <toponym><phrase>Izmir</phrase><start>12</start><end>17</end></toponym>
        </toponyms>
    </article>
</articles>
)");
        const auto corpus = eval::read_corpus(dir / "TR-News.xml");
        REQUIRE(corpus.documents.size() == 1);
        const auto& doc = corpus.documents[0];
        CHECK(doc.id == "42");
        CHECK(doc.published == 2016y / December / 19);
        CHECK(doc.text == "  Ankara & \"Izmir\" <b>");
        REQUIRE(doc.mentions.size() == 2);
        CHECK(doc.mentions[0].text == "Ankara");
        CHECK_FALSE(doc.mentions[0].ignored());
        CHECK(doc.mentions[1].text == "Izmir");
        CHECK(doc.mentions[1].ignored());

        eval::PlaceScores s;
        const std::vector<gazetteer::ResolvedMention> sys = {system_mention(2, 8, 39.93, 32.86), system_mention(12, 17, 38.4, 27.1)};
        eval::score_places(doc, sys, s);
        CHECK(s.gold == 1);
        CHECK(s.matched == 1);
        CHECK(s.spurious == 0);  // Izmir lies on an ignored span
        CHECK(s.precision() == 1.0);
    }

    SECTION("GeoWebNews: latitude and longitude, leading blanks kept, CR LF read as LF") {
        write(dir / "GWN.xml",
              "<articles>\r\n<article file=\"gwn-7\"><text>\r\n  Protests in Kyiv.</text><toponyms><toponym>"
              "<extractedName>Kyiv</extractedName><start>15</start><end>19</end><latitude>50.45</latitude>"
              "<longitude>30.52</longitude></toponym></toponyms></article>\r\n</articles>\r\n");
        const auto corpus = eval::read_corpus(dir / "GWN.xml");
        REQUIRE(corpus.documents.size() == 1);
        const auto& doc = corpus.documents[0];
        CHECK(doc.id == "gwn-7");
        CHECK(doc.text == "\n  Protests in Kyiv.");
        REQUIRE(doc.mentions.size() == 1);
        CHECK(doc.mentions[0].cp_begin == 15);
        CHECK(doc.mentions[0].text == "Kyiv");
        CHECK(doc.mentions[0].location->lat_deg() == 50.45);
    }
}

TEST_CASE("incidents: date and place tolerance, the best candidate, figures within 10 %, optional gold", "[extract][eval]") {
    test::TempDir dir;
    write(dir / "kyiv.txt", "Kyiv, 20 February 2014.");
    write(dir / "kyiv.gold.json", R"({
 "article": "kyiv.txt", "language": "en", "published": "2014-02-20",
 "places": {
  "MAIDAN": {"kind": "square", "lat": 50.4501, "lon": 30.5234, "tolerance_km": 1},
  "LVIV": {"kind": "city", "lat": 49.8397, "lon": 24.0297, "tolerance_km": 10},
  "UA": {"kind": "country", "lat": 49.0, "lon": 32.0, "tolerance_km": 800}
 },
 "mentions": [],
 "incidents": [
  {"id": 3, "date": "2014-02-18", "date_tolerance_days": 0, "place": "UA", "optional": true},
  {"id": 1, "date": "2014-02-20", "date_tolerance_days": 0, "place": "MAIDAN", "place_tolerance_km": 2, "fatalities": 77},
  {"id": 2, "date": "2014-02-19", "date_tolerance_days": 1, "place": "LVIV", "arrested": 10},
  {"id": 4, "date": "2014-02-21", "date_tolerance_days": 0, "place": "MAIDAN", "injured": 100}
 ]
})");
    const auto corpus = eval::read_corpus(dir / "kyiv.gold.json");
    const auto& doc = corpus.documents.at(0);
    REQUIRE(doc.incidents.size() == 4);
    CHECK(doc.incidents[1].tolerance.km() == 2.0);  // place_tolerance_km over the place's
    CHECK(doc.incidents[2].tolerance.km() == 10.0);

    const auto feb = [](int d) { return core::TimeSpan::day(2014y / February / d); };
    std::vector<core::Incident> extracted;
    extracted.push_back(incident(feb(20), 50.4591, 30.5234));  // A: 1 km from Maidan, 75 killed: within 10 % of 77
    extracted.back().fatalities = 75;
    extracted.push_back(incident(feb(20), 50.4501, 30.5234));  // B: on Maidan but 40 killed: A is the better match
    extracted.back().fatalities = 40;
    extracted.push_back(incident(feb(20), 49.84, 24.03));  // C: Lviv a day late (tolerance 1 day); 12 arrested, not 10
    extracted.back().arrested = 12;
    extracted.push_back(incident(feb(18), 50.45, 30.52));     // D: the optional country-wide one
    extracted.push_back(incident(core::TimeSpan(), 50.4501, 30.5234));  // E: no date
    extracted.push_back(incident(feb(25), 50.4501, 30.5234));  // F: too late

    eval::IncidentScores s;
    std::vector<Finding> findings;
    eval::score_incidents(doc, extracted, s, &findings);
    CHECK(s.documents == 1);
    CHECK(s.gold == 3);
    CHECK(s.found == 2);
    CHECK(s.recall() == Approx(2.0 / 3));
    CHECK(s.extracted == 6);
    CHECK(s.matched == 3);  // A, C and D: the matched optional one is not extra
    CHECK(s.precision() == Approx(0.5));
    CHECK(s.figures == 2);
    CHECK(s.figures_right == 1);
    CHECK(count(findings, Finding::Kind::missed_incident) == 1);
    CHECK(count(findings, Finding::Kind::wrong_figure) == 1);
    CHECK(count(findings, Finding::Kind::extra_incident) == 3);
    const auto figure = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.kind == Finding::Kind::wrong_figure; });
    CHECK(figure->detail == "#2 arrested 12, gold 10");
    CHECK(figure->text == "quote");

    SECTION("an evening ends on its own day; a span of days contains its middle day") {
        std::vector<core::Incident> evening = {incident(core::TimeSpan::part_of_day(2014y / February / 19, core::PartOfDay::evening), 50.4501, 30.5234)};
        eval::EvalDocument one;
        one.incidents = {doc.incidents[3]};  // 21 February, no tolerance
        one.incidents[0].date = 2014y / February / 20;
        eval::IncidentScores e;
        eval::score_incidents(one, evening, e);
        CHECK(e.found == 0);
        std::vector<core::Incident> days = {incident(core::TimeSpan::days(2014y / February / 19, 2014y / February / 21), 50.4501, 30.5234)};
        eval::IncidentScores d;
        eval::score_incidents(one, days, d);
        CHECK(d.found == 1);
        CHECK(d.figures == 1);
        CHECK(d.figures_right == 0);  // injured unknown
    }
}

TEST_CASE("a malformed corpus is an InputError that names the file and what is wrong", "[extract][eval]") {
    test::TempDir dir;
    const auto path = dir / "bad.xml";

    SECTION("a missing file") { CHECK(input_error(dir / "nowhere.xml").find("nowhere.xml") != std::string::npos); }
    SECTION("a byte order mark and nothing else (found by fuzz/fuzz_eval_corpus: read past the end)") {
        write(path, "\xEF\xBB\xBF \n");
        CHECK(input_error(path).find("neither a gold JSON file nor an XML corpus") != std::string::npos);
    }
    SECTION("XML whose tags do not match") {
        write(path, "<articles>\n<article><text>x</txt></article>\n</articles>");
        const auto what = input_error(path);
        CHECK(what.find("bad.xml") != std::string::npos);
        CHECK(what.find("line 2") != std::string::npos);
        CHECK(what.find("txt") != std::string::npos);  // libxml2: "Opening and ending tag mismatch: text line 2 and txt"
    }
    SECTION("XML nested far deeper than any corpus: an error, not a stack overflow") {
        std::string deep = "<articles>";
        for (int i = 0; i < 200000; ++i) deep += "<a>";
        write(path, deep);
        const auto what = input_error(path);
        CHECK(what.find("bad.xml") != std::string::npos);
        CHECK(what.find("depth") != std::string::npos);  // libxml2: "Excessive depth in document: 256 ..."
    }
    SECTION("XML without articles") {
        write(path, "<corpus><doc/></corpus>");
        CHECK(input_error(path).find("no <article>") != std::string::npos);
    }
    SECTION("a toponym without a start") {
        write(path, "<articles><article><text>Paris</text><toponyms>\n<toponym><end>5</end></toponym></toponyms></article></articles>");
        const auto what = input_error(path);
        CHECK(what.find("without <start>") != std::string::npos);
        CHECK(what.find("line 2") != std::string::npos);
    }
    SECTION("an offset that is not a number") {
        write(path, "<articles><article><text>Paris</text><locations><location><start>a</start><end>5</end></location></locations></article></articles>");
        CHECK(input_error(path).find("not an offset") != std::string::npos);
    }
    SECTION("an unknown entity") {
        write(path, "<articles><article><text>&nbsp;</text></article></articles>");
        CHECK(input_error(path).find("nbsp") != std::string::npos);
    }
    SECTION("neither JSON nor XML") {
        write(path, "hello");
        CHECK(input_error(path).find("bad.xml") != std::string::npos);
    }
    SECTION("malformed JSON") {
        write(dir / "a.gold.json", "{\"article\": ");
        const auto what = input_error(dir / "a.gold.json");
        CHECK(what.find("a.gold.json") != std::string::npos);
        CHECK(what.find("malformed JSON") != std::string::npos);
    }
    SECTION("a gold file whose article is missing") {
        write(dir / "a.gold.json", R"({"article": "missing.txt", "places": {}, "mentions": []})");
        CHECK(input_error(dir / "a.gold.json").find("missing.txt") != std::string::npos);
    }
    SECTION("a mention whose place is not in places") {
        write(dir / "lyon.fr.txt", kLyonText);
        write(dir / "a.gold.json", R"({"article": "lyon.fr.txt", "places": {}, "mentions": [{"start": 9, "end": 13, "place": "LYON"}]})");
        const auto what = input_error(dir / "a.gold.json");
        CHECK(what.find("a.gold.json") != std::string::npos);
        CHECK(what.find("mentions[0]") != std::string::npos);
        CHECK(what.find("LYON") != std::string::npos);
    }
    SECTION("a span past the end of the article") {
        write(dir / "lyon.fr.txt", kLyonText);
        write(dir / "a.gold.json", R"({"article": "lyon.fr.txt", "places": {}, "mentions": [{"start": 70, "end": 90, "place": "IGNORE"}]})");
        CHECK(input_error(dir / "a.gold.json").find("not within the article (79 code points)") != std::string::npos);
    }
    SECTION("a place without tolerance, an incident without a date") {
        write(dir / "lyon.fr.txt", kLyonText);
        write(dir / "a.gold.json", R"({"article": "lyon.fr.txt", "places": {"L": {"lat": 45, "lon": 4}}})");
        CHECK(input_error(dir / "a.gold.json").find("places.L: \"tolerance_km\" is missing") != std::string::npos);
        write(dir / "a.gold.json", R"({"article": "lyon.fr.txt", "places": {"L": {"lat": 45, "lon": 4, "tolerance_km": 1}},
                                      "incidents": [{"id": 1, "place": "L"}]})");
        CHECK(input_error(dir / "a.gold.json").find("incidents[0]: \"date\" is missing") != std::string::npos);
    }
}

TEST_CASE("the geoparser and the extractor scored on a tiny corpus", "[extract][eval]") {
    test::TempDir dir;
    write(dir / "manchester.en.txt",
          "Police clashed with protesters in Manchester on Saturday. Twelve people were injured and 30 were arrested.");
    write(dir / "manchester.en.gold.json", R"({
 "article": "manchester.en.txt", "language": "en", "published": "2023-05-15",
 "places": {"MAN": {"kind": "city", "lat": 53.4808, "lon": -2.2426, "tolerance_km": 15}},
 "mentions": [{"text": "Manchester", "start": 34, "end": 44, "place": "MAN"}],
 "incidents": [{"id": 1, "date": "2023-05-13", "date_tolerance_days": 0, "place": "MAN", "injured": 12, "arrested": 30}]
})");
    const auto corpus = eval::read_corpus(dir / "manchester.en.gold.json");
    const auto places = eval::evaluate_places(corpus, gazetteer::testing::default_parser());
    CHECK(places.gold == 1);
    CHECK(places.matched == 1);
    CHECK(places.within_tolerance == 1);
    CHECK(places.spurious == 0);

    const extract::IncidentExtractor extractor(gazetteer::testing::default_parser());
    const auto incidents = eval::evaluate_incidents(corpus, extractor);
    CHECK(incidents.found == 1);
    CHECK(incidents.extracted == 1);
    CHECK(incidents.figures == 2);
    CHECK(incidents.figures_right == 2);
    CHECK(eval::evaluate_places(corpus, gazetteer::testing::default_parser(), 1).documents == 1);
}

TEST_CASE("the shared gold articles and corpora read and score", "[extract][eval]") {
    const std::filesystem::path data = std::filesystem::path(INCIDENTMAP_SHARED_DIR) / "data";
    if (!std::filesystem::exists(data / "articles")) {
        INCIDENTMAP_SKIP(data << " is not there (the evaluation data lives beside the project, not in it)");
    }
    eval::PlaceScores places;
    eval::IncidentScores incidents;
    const extract::IncidentExtractor extractor(gazetteer::testing::default_parser());
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(data / "articles")) {
        if (!entry.path().string().ends_with(".gold.json")) continue;
        ++files;
        const auto corpus = eval::read_corpus(entry.path());
        // Every gold span reads its own words: the gold offsets are exact.
        for (const auto& m : corpus.documents.at(0).mentions) CHECK_FALSE(m.text.empty());
        places += eval::evaluate_places(corpus, gazetteer::testing::default_parser());
        incidents += eval::evaluate_incidents(corpus, extractor);
    }
    CHECK(files >= 7);
    CHECK(places.documents == files);
    CHECK(places.gold > 40);
    CHECK(places.recall() > 0.5);
    CHECK(places.precision() > 0.5);
    CHECK(incidents.gold >= 15);
    CHECK(incidents.found > 0);

    for (const char* name : {"geoparse/TR-News.xml", "geoparse/GeoVirus.xml"}) {
        if (!std::filesystem::exists(data / name)) continue;
        const auto corpus = eval::read_corpus(data / name);
        CHECK(corpus.documents.size() > 100);
        const auto s = eval::evaluate_places(corpus, gazetteer::testing::default_parser(), 10);
        CHECK(s.documents == 10);
        CHECK(s.matched > 0);
    }
}
