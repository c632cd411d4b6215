#include "extract/lexicon_file.hpp"

#include "core/error.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;

TEST_CASE("lexicon files: tab-separated entries with their line numbers, comments and blank lines skipped") {
    const auto file = extract::parse_lexicon_text("# comment\n\nweekday\tlundi\t1\r\nunit\t\tmorts\n", "fr.tsv");
    REQUIRE(file.entries.size() == 2);
    CHECK(file.entries[0].line == 3);
    CHECK(file.entries[0].fields == std::vector<std::string>{"weekday", "lundi", "1"});
    CHECK(file.entries[1].fields == std::vector<std::string>{"unit", "morts"});
}

TEST_CASE("lexicon files: errors name the file and the line") {
    const auto file = extract::parse_lexicon_text("a\nbad\tentry\n", "x.tsv");
    try {
        file.fail(file.entries[1], "unknown section 'bad'");
        FAIL("no exception");
    } catch (const core::InputError& e) {
        CHECK(std::string(e.what()) == "x.tsv:2: unknown section 'bad'");
    }
    CHECK_THROWS_AS(extract::read_lexicon_file("/nonexistent/lexicon.tsv"), core::InputError);
}
