#pragma once
// Time expressions of a news report: explicit dates ("12 mars 2021", "March 3, 2021", "12 марта 2020 года",
// "2021-03-12"), weekdays, relative day words and parts of the day read against the publication date ("jeudi soir",
// "hier", "вчера вечером", "last night"), months and years ("en mars 2021", "в 2019 году"), relative periods ("la
// semaine dernière") and ranges of days ("du 5 au 7 janvier", "5-7 January", "с 5 по 7 января").
//
// Guarantees:
//  - find_time_expressions() returns non-overlapping mentions in text order; at each token it takes the longest
//    expression that starts there. Spans cover the words the rule read, cue words included ("en 2019", "du 5 au
//    7 janvier", "dans la nuit du 5 au 6 mars"); a leading article or preposition that no rule needs is left out
//    ("le 3 janvier" -> "3 janvier", "on Thursday" -> "Thursday", "в четверг" -> "четверг").
//  - A mention's span is unknown exactly when it cannot be resolved from the text and the publication date; it is
//    never guessed. `relative` is true when the meaning depends on the publication date (a weekday, "hier", a date
//    without its year), whether or not a publication date was given.
//  - Resolution rules: a weekday is the most recent such day on or before the publication date (published on a
//    Thursday, "jeudi" is that day). Relative day words add their offset to the publication date; "la veille",
//    "the day before", "накануне" count as publication - 1, an approximation (they name the day before some event
//    of the story, usually the day before publication). A date without a year takes the year that puts it nearest the
//    publication date, a day after it counting twice a day before (past events are told more often than coming
//    ones are announced; within kFutureDaysAccepted after publication it counts once); a month without a year
//    takes the publication year, or the year before when that would put it more than kFutureDaysAccepted after. A part of the day next to a day ("jeudi soir", "Thursday night", "вечером в четверг") is that part
//    of that day; night is core's [22:00, 06:00), so "Thursday night" starts on Thursday. The night phrases that
//    need no day ("cette nuit", "pendant la nuit", "last night", "сегодня ночью") are the night that ends on the
//    publication day, part_of_day(published - 1, night). A part of the day with nothing next to it ("le soir",
//    "ночью") is reported with kind part_of_day and an unknown span: which day it belongs to is the caller's call.
//    "tonight" is the evening of the publication day. A night between two days ("dans la nuit de mercredi à
//    jeudi", "в ночь с 5 на 6 марта") starts on the day before the second; "в ночь на четверг" likewise. A weekday
//    written next to a date ("jeudi 6 janvier") is part of the date's mention and is not checked against it.
//  - Ranges: the last day is resolved as above and the first is read back from it (a weekday or a yearless date on
//    or before it); an end that is a bare number takes the other end's month and year ("du 5 au 7 janvier").
//    A range that would end before it starts is not a range. Its span is TimeSpan::days(first, last).
//  - Years: after a day and month, or after a month, any four-digit number is the year ("14 juillet 1789"). A year
//    on its own counts only when a cue introduces it ("en 2019", "in 2019", "с 2019 года") or a year word follows
//    it ("2019 года"), and only in [1900, 2100]: "2 300 personnes" and "748" are figures, not years.
//  - Numeric dates: "2021-03-12" is year-month-day everywhere; "12/03/2021" and "12.03.2021" follow the lexicon's
//    numeric_dates setting (day first in French and Russian; in English read only when unambiguous, i.e. one of
//    the two numbers is above 12 or both are equal, and otherwise reported as an explicit date with an unknown span).
//  - Month names marked `capitalized` count only with an upper-case initial ("May 5" but not "may"). Month names
//    are read only with a day, a year or a cue next to them, so "Mars" the planet alone is not a month; "en mars"
//    always is, "Mars 2020" is read as March 2020 (accepted). Clock times ("à 18h30") are not read.
//  - Without a publication date (or with one that is not a calendar day), every relative expression is reported
//    with an unknown span.
//  - All vocabulary comes from the TimeLexicon; this code knows only punctuation (the separators of numeric
//    dates, the hyphen and en dash of "5-7", the comma of "March 3, 2021", the dot of an abbreviated month).
//
// Lexicon files (assets/extract/time/<lang>.tsv, read by extract::read_lexicon_file): one entry per line, fields
// separated by tabs, the first field naming the section. A PHRASE is one or more words matched on the lower-case
// tokens of gazetteer::tokenize() (so "avant-hier" and "aujourd'hui" are two tokens each; words inside a phrase may
// be separated by spaces, apostrophes or hyphens in the text).
//    month           FORM  1..12  [FLAG...]   a month name or inflected form ("mars", "марта", "марте")
//    weekday         FORM  1..7   [FLAG...]   ISO weekday, 1 = Monday ("jeudi", "четверг", "четверга")
//                    FLAGs: capitalized (counts only with an upper-case initial), abbreviation (may be followed by
//                    a dot: "Jan. 5"), bound (counts only inside a longer expression, never alone: "среды")
//    relative_day    PHRASE OFFSET [story]    days from publication ("hier -1", "сегодня 0"); with the flag "story", days
//                                             from the day the story tells ("la veille -1 story"), reported as such
//    part_of_day     PHRASE PART              PART: morning, afternoon, evening or night ("soir evening")
//    anchored_part   PHRASE OFFSET PART       a part of the day publication + OFFSET ("ce soir 0 evening",
//                                             "cette nuit -1 night": the night that ends on the publication day)
//    night_before    PHRASE                   followed by a day: the night before that day ("в ночь на")
//    night_to        PHRASE                   joins the two days of a night ("mercredi à jeudi", "с 5 на 6")
//    part_link       PHRASE                   joins a part of the day to the day after it ("soir du 5", "вечером в")
//    relative_period PHRASE OFFSET UNIT       UNIT: week, month or year ("la semaine dernière -1 week")
//    range_from      PHRASE                   opens a range of days ("du", "from", "между")
//    range_to        PHRASE                   closes it ("au", "to", "по")
//    period_cue      PHRASE                   introduces a month or a year ("en", "in", "в начале")
//    year_word       PHRASE                   follows a year ("года", "году", "г")
//    date_link       PHRASE                   between a day number and its month ("3rd of March")
//    ordinal_suffix  SUFFIX                   after a day number, in the same word or after a hyphen ("er", "rd", "го")
//    setting         written_dates  day_month | month_day | both       which orders "12 March" / "March 12" are read
//    setting         numeric_dates  day_first | month_first | unambiguous
// Both settings are required. An unknown section, setting, flag or value, a missing or extra field, or a phrase
// listed twice in one section throws core::InputError naming FILE:LINE.
//
// Cost: linear in the tokens: at each token the rules read a bounded number of words ahead (the longest expression).

#include "core/time_span.hpp"
#include "core/language.hpp"
#include "extract/lexicon_file.hpp"
#include "gazetteer/text_tokens.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace incidentmap::extract {

using core::Language;  // the languages read (core/language.hpp)

namespace detail {
struct TimeVocabulary;
}

// What named the day, which is also what the resolution depended on.
enum class TimeKind : std::uint8_t {
    explicit_date,    // a calendar day, written or numeric, with or without its year: "12 mars 2021", "le 3 janvier"
    month,            // "en mars 2021", "in March"
    year,             // "en 2019", "в 2019 году"
    weekday,          // a day named by its weekday, maybe with a part of it: "jeudi soir", "в ночь на четверг"
    relative_day,     // a day named from the publication date: "hier", "la veille", "last night", "pendant la nuit"
    relative_period,  // a week, month or year from the publication date: "la semaine dernière", "в прошлом году"
    part_of_day,      // a part of the day with no day next to it ("le soir"): the span is always unknown
    range,            // consecutive days: "du 5 au 7 janvier", "5-7 January", "from Monday to Wednesday"
};

std::string_view to_string(TimeKind kind);

struct TimeMention {
    std::uint32_t begin = 0, end = 0;        // bytes of the expression in the text
    std::uint32_t cp_begin = 0, cp_end = 0;  // code points, end exclusive
    TimeKind kind = TimeKind::explicit_date;
    core::TimeSpan span;                     // unknown when unresolved
    bool relative = false;                   // depends on the publication date (false for kind part_of_day,
                                             // which nothing resolves)
    std::optional<core::PartOfDay> part;     // the part of the day the text names, if any (kept when unresolved)
    // For a day counted from the day the story is telling ("la veille", "накануне", "the day before": -1): that
    // count. `span` then counts from publication, an approximation the reader may replace (IncidentExtractor does).
    std::optional<int> story_offset;

    // How well the time is known: day, part_of_day, week, month, year, or unknown.
    core::TimePrecision precision() const { return span.precision(); }
};

// One language's time vocabulary. Immutable once loaded; copies share it, and it is safe to use from any thread.
class TimeLexicon {
public:
    // assets/extract/time/<lang>.tsv. Throws core::InputError if the file is missing or malformed.
    static TimeLexicon load(Language lang);
    // From entries already read (tests, user-supplied files). Throws core::InputError "FILE:LINE: what".
    static TimeLexicon from_file(const LexiconFile& file);

private:
    explicit TimeLexicon(std::shared_ptr<const detail::TimeVocabulary> vocabulary);
    std::shared_ptr<const detail::TimeVocabulary> vocabulary_;

    friend std::vector<TimeMention> find_time_expressions(std::string_view, std::span<const gazetteer::Token>,
                                                          const TimeLexicon&,
                                                          std::optional<std::chrono::year_month_day>);
};

// A date without a year that would fall more than this after publication belongs to the year before.
inline constexpr std::chrono::days kFutureDaysAccepted{7};

// `tokens` must be gazetteer::tokenize(text). Never throws for any text.
std::vector<TimeMention> find_time_expressions(std::string_view text, std::span<const gazetteer::Token> tokens,
                                               const TimeLexicon& lexicon,
                                               std::optional<std::chrono::year_month_day> published);

}  // namespace incidentmap::extract
