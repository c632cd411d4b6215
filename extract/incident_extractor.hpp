#pragma once
// From a news text to its incidents, read as an analyst coding events would (ACLED's coders are the model): what
// happened, where, when, to whom, how grave, with the sentence it was read from.
//
// How, sentence by sentence:
//  1. The sentence is cut into clauses (commas, brackets, quotes and the clause words of the event lexicon, such as
//     "qui", "which", "который"). A clause whose event words come with a time of their own that differs from the
//     event told so far starts a new event ("the building, which rioters burned on Wednesday"); other clauses add
//     to the event before them. Event words that are negated ("ne pas être envahi") or that a denial sentence
//     reports ("reports of the capture were denied") do not count.
//  2. Each event takes: the most specific place named in its clauses, else in its sentence, else the last place
//     named earlier in the paragraph, else the city the text is about (geo_precision 2); its own time, else the
//     narrative time (the last time a sentence set for its main event), else the publication day, else unknown;
//     the casualty figures and actors of its clauses. A sentence that gives figures but no event word adds them
//     to the event before it in the paragraph ("Some 18 were killed and 748 wounded."), or makes one.
//  3. Assembly: an event joins an earlier incident at the same place (same gazetteer place and kind) whose time
//     overlaps and whose type is compatible (violent with violent, protests with riots, strategic developments
//     with their own kind), unless its sentence says it is another ("un autre assaut"). A country- or region-wide
//     incident without figures is dropped when a more precisely placed incident in that country shares its time:
//     it is the headline's summary, not an event of its own.
//  4. Type from the gravest event word (explosions, battles, violence against civilians, riots, protests,
//     strategic developments), adjusted by the actors as ACLED does: fighting against protesters or rioters is a
//     riot, a protest with violence is a riot. Severity from type and figures (docs/SEVERITY.md).
//
// Events dated after the publication day are announcements ("a new rally is called for Saturday") and are left out,
// and so are events the text dates more than a year before it (history recalled in a background paragraph).
//
// Guarantees: extract() never throws on any text; every incident keeps core::find_problem()'s rules; figures the
// text does not give are nullopt; relative dates without a publication date stay unknown; incidents come in the
// order the text first tells them, ids "<source>-1", "<source>-2"...
// An IncidentExtractor borrows the geoparser (and through it the gazetteer), which must outlive it. Use one per
// thread, as the geoparser.
//
// Cost: linear in the text. Geoparsing, times, figures and typing state their bounds in their headers; finding a
// line's heading and a sentence's paragraph are one pass each; assembly compares an event only with the incidents
// at its own place whose time can overlap its own (an ordered index by start), so a text of millions of incidents in
// a few cities stays linear (scripts/bench-linear.sh, 1 to 100 MB). Memory beyond the gazetteer: the text's tokens,
// mentions, drafts and incidents, at most about 40 times the text, reached by a text of one incident every 55
// bytes (27 times for a text of one sentence repeated, 17 for a list of names; measured on 16 MB,
// docs/RELIABILITY.md).

#include "core/incident.hpp"
#include "extract/event_lexicon.hpp"
#include "extract/figures.hpp"
#include "core/language.hpp"
#include "extract/time_expressions.hpp"
#include "gazetteer/geoparser.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::extract {

using core::Language;  // the languages read (core/language.hpp)

struct ExtractOptions {
    std::optional<std::chrono::year_month_day> published;
    std::string source;  // the document's name, carried by every incident and the prefix of their ids
    // Called with a line for each event read: the type and what decided it, or why a sentence is no incident.
    std::function<void(const std::string&)> explain;
};

class IncidentExtractor {
public:
    // Loads the event, time and figure lexicons of the three languages from the assets; throws core::InputError
    // naming the file and line when one is missing or malformed.
    explicit IncidentExtractor(const gazetteer::Geoparser& geoparser);

    std::vector<core::Incident> extract(std::string_view text, Language lang, const ExtractOptions& options = {}) const;

private:
    struct Vocabulary {
        EventLexicon events;
        TimeLexicon times;
        FigureLexicon figures;
    };
    const Vocabulary& vocabulary(Language lang) const;

    const gazetteer::Geoparser& geoparser_;
    std::vector<Vocabulary> vocabularies_;  // by Language
};

}  // namespace incidentmap::extract
