// ACLED's 25 sub-event types, each told by sentences written for these tests in French, English and Russian
// (tests/extract/sentences/<lang>.tsv), and sentences that tell no political event (disasters, accidents, crime).
//
// File format: UTF-8, tab-separated, '#' starts a comment line; each row: EXPECTED <tab> SENTENCE, where EXPECTED
// is the sub-event types of the incidents the sentence tells, in order, joined by " + " ("Remote
// explosive/landmine/IED + Arrests"), or "none" for a sentence that tells no incident. Every sentence is read as
// a text of its own, published on 2024-05-10.

#include "core/incident.hpp"
#include "extract/incident_extractor.hpp"
#include "tests/gazetteer/default_index.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace incidentmap;
using core::Language;

namespace {

const extract::IncidentExtractor& extractor() {
    static const extract::IncidentExtractor e(gazetteer::testing::default_parser());
    return e;
}

struct Sentence {
    int line = 0;
    std::string expected;
    std::string text;
};

std::vector<Sentence> sentences(std::string_view lang) {
    const std::string path = std::string(INCIDENTMAP_SOURCE_DIR) + "/tests/extract/sentences/" + std::string(lang) + ".tsv";
    std::ifstream in(path);
    REQUIRE(in);
    std::vector<Sentence> out;
    std::string row;
    int line = 0;
    while (std::getline(in, row)) {
        ++line;
        if (row.empty() || row[0] == '#') continue;
        const std::size_t tab = row.find('\t');
        INFO(path << ":" << line);
        REQUIRE(tab != std::string::npos);
        out.push_back({line, row.substr(0, tab), row.substr(tab + 1)});
    }
    return out;
}

std::vector<std::string> split_expected(const std::string& s) {
    std::vector<std::string> out;
    if (s == "none") return out;
    std::size_t at = 0;
    while (true) {
        const std::size_t plus = s.find(" + ", at);
        out.push_back(s.substr(at, plus == std::string::npos ? std::string::npos : plus - at));
        if (plus == std::string::npos) break;
        at = plus + 3;
    }
    return out;
}

void check_language(Language lang) {
    const std::string_view code = core::to_string(lang);
    std::set<std::string> covered;
    int no_event = 0;
    for (const Sentence& s : sentences(code)) {
        extract::ExtractOptions options;
        options.published = std::chrono::year_month_day{std::chrono::year{2024}, std::chrono::month{5}, std::chrono::day{10}};
        options.source = "test";
        std::vector<std::string> why;
        options.explain = [&](const std::string& line) { why.push_back(line); };
        const auto incidents = extractor().extract(s.text, lang, options);
        std::vector<std::string> got;
        for (const core::Incident& in : incidents) got.push_back(in.sub_event_type);
        const std::vector<std::string> expected = split_expected(s.expected);
        INFO(code << ".tsv:" << s.line << ": " << s.text);
        std::string explained;
        for (const std::string& w : why) explained += "\n  " + w;
        INFO("explain:" << explained);
        CHECK(got == expected);
        for (const std::string& e : expected) {
            INFO("'" << e << "' is no ACLED sub-event type");
            CHECK(core::event_type_of_sub_event(e).has_value());
            covered.insert(e);
        }
        no_event += expected.empty();
    }
    for (const core::SubEventType& t : core::acled_sub_event_types()) {
        INFO(code << ": no sentence tells '" << t.name << "'");
        CHECK(covered.contains(std::string(t.name)));
    }
    INFO(code << ": no sentence without a political event");
    CHECK(no_event >= 3);
}

}  // namespace

TEST_CASE("sub-event types: English sentences, one or more per ACLED sub-event type, and non-events", "[extract][sub-events]") {
    check_language(Language::en);
}

TEST_CASE("sub-event types: French sentences, one or more per ACLED sub-event type, and non-events", "[extract][sub-events]") {
    check_language(Language::fr);
}

TEST_CASE("sub-event types: Russian sentences, one or more per ACLED sub-event type, and non-events", "[extract][sub-events]") {
    check_language(Language::ru);
}
