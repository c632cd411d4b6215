#pragma once
// The extractor's vocabularies are data files in assets/extract/ (one per language and topic): UTF-8, one entry a
// line, fields separated by tabs, lines starting with '#' and blank lines skipped. This reads such a file into
// its entries; what the fields mean is up to the reader of each topic (time_expressions, figures, events).
//
// Guarantees: every entry keeps its 1-based line number so that a reader can name "FILE:LINE" in its errors;
// fields are kept as written (no trimming inside a field, trailing '\r' removed). A missing or unreadable file
// throws core::InputError naming it.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::extract {

struct LexiconEntry {
    std::size_t line = 0;
    std::vector<std::string> fields;  // at least one, none empty after the first tab-separated run
};

struct LexiconFile {
    std::string name;  // the file as errors name it
    std::vector<LexiconEntry> entries;

    // Throws core::InputError "NAME:LINE: WHAT".
    [[noreturn]] void fail(const LexiconEntry& entry, std::string_view what) const;
};

LexiconFile read_lexicon_file(const std::filesystem::path& path);
// Parses text already in memory (tests); `name` is what errors call it.
LexiconFile parse_lexicon_text(std::string_view text, std::string name);
// assets/extract/<topic>/<lang>.tsv through core::find_asset.
LexiconFile read_lexicon_asset(std::string_view topic, std::string_view lang);

}  // namespace incidentmap::extract
