#pragma once
// What every reader of sources/ returns: one article, its metadata as the source states it, and its text.
//
// Guarantees of an Article from any reader (sources/readers.hpp):
//  - Every string is valid UTF-8 (bytes that were not are U+FFFD).
//  - `text` is the reporting only: paragraphs separated by exactly one blank line ("\n\n"), no leading or trailing
//    blank line, the title not repeated at its head, and none of the leading or trailing calls to action (sharing,
//    newsletters, donations, advertising pleas, "read the original") that the boilerplate filter recognises.
//  - Metadata is what the source says, never a guess: `language` is empty when the source does not declare one of
//    the languages incidentmap reads (the caller then detects it, core/language.hpp); `published` is the calendar
//    day as written in the source's own time zone ("2022-01-06T23:30:00-05:00" is 6 January), nullopt when the
//    source gives no date or one that cannot be read.
// An Article is a plain value: no handle to the document it came from.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace incidentmap::sources {

struct Article {
    std::string location;  // the file path, or for a feed item its link (URL): what the analyst can open
    std::string title;     // empty if unknown
    // og:site_name / application-name meta, JSON-LD publisher.name, the feed's channel/feed title, else the host
    // of the page's or item's URL; empty if unknown.
    std::string outlet;
    // "fr", "en" or "ru" from <html lang="fr-FR">, og:locale, a feed's <language> or xml:lang; empty when the
    // source does not say or says another language.
    std::string language;
    std::optional<std::chrono::year_month_day> published;  // the day as written in the source's own time zone
    std::string text;  // valid UTF-8; paragraphs separated by one blank line ("\n\n"), the title not included
};

// One input that could not be read, or one feed item that was broken (or whose date could not be read): the rest of
// the input still goes in. Problems are values, not exceptions: a batch over many saved pages goes on past one.
struct SourceProblem {
    std::string source;  // the input as the analyst named it (a file path)
    std::string where;   // "" for the whole input, "item 3" (1-based, in document order) for one feed item
    std::string reason;  // what was wrong, in words for the analyst
};

// The articles one input gave, in document order, and what could not be taken from it.
struct SourceRead {
    std::vector<Article> articles;
    std::vector<SourceProblem> problems;
};

}  // namespace incidentmap::sources
