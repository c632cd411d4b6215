#pragma once
// The project's own scorers: gold corpora in, precision, recall and location errors out, for the geoparser
// (places) and the incident extractor (incidents). ../shared/eval/geoeval.py is the independent referee; these
// scorers follow the same definitions (below), so that their figures can be checked against it.
//
// Corpora (the format is told from the content: '{' first is gold JSON, '<' first is XML):
//  - This project's gold JSON (../shared/data/README.md): the article file beside it, language, published,
//    places KEY -> {lat, lon, tolerance_km, kind, optional?}, mentions [{start, end, place, text?}] with place a
//    KEY or "IGNORE", incidents [{id, date, date_tolerance_days?, place, place_tolerance_km?, fatalities?,
//    injured?, arrested?, optional?}]. The article is read as UTF-8 with "\r\n" and "\r" read as "\n" (the
//    offsets were counted on such text).
//  - XML corpora, every <article> element anywhere: its <text> child, its <dltime> child (the first 10 characters,
//    a date YYYY-MM-DD, is the publication date) and
//      GeoVirus:       <location><start/><end/><name/><lat/><lon/></location>
//      LGL, TR-News:   <toponym><start/><end/><phrase/><gaztag><lat/><lon/></gaztag></toponym>
//      GeoWebNews:     <toponym><start/><end/><extractedName/><latitude/><longitude/></toponym>
//    Language "en", tolerance 161 km. The id is the article's docid or file attribute, else its index from 0.
//    Toponyms without both coordinates are ignored spans (neither right nor wrong).
//  - Offsets are Unicode code points, end exclusive. Where the text at the given span is not the mention's words
//    (name, phrase, extractedName; a gold JSON mention's text), the words are looked for at up to 39 code points
//    either way, nearest first (the earlier on a tie), and the span moved there; if not found it stays.
//
// Places, per document (score_places):
//  - Gold mentions are taken in file order; each that is not ignored takes the first system mention, in the
//    system's order, that overlaps it ([b1, e1) and [b2, e2) overlap when max(b1, b2) < min(e1, e2)) and is not
//    used yet: a match. A gold mention with no such system mention is missed, unless its place is optional.
//  - A system mention left unused is spurious unless it overlaps some gold span: an ignored one, or one already
//    matched by another system mention (a second piece of a found mention is neither right nor wrong).
//  - gold = matched + missed (a matched optional place counts, a missed one does not);
//    precision = matched / (matched + spurious); recall = matched / gold; F1 their harmonic mean (0 when both are 0).
//  - The error of a match is the great-circle distance (core::distance) between the gold point and the system's.
//    accuracy@161km and within-tolerance are the shares of matches whose error is <= 161 km, <= the gold's
//    tolerance_km; end-to-end within tolerance is the count within tolerance over gold. Mean and median error (the
//    mean of the two middle values for an even count) are over matches; absent without matches.
//
// Incidents, per document (score_incidents):
//  - An extracted incident's date range is [first day, last day] of its time span (the day of its start, the day
//    of the last second before its end); one with an unknown time matches nothing.
//  - Gold incidents are taken in file order, non-optional ones first. Each takes, among the unused extracted
//    incidents whose date range widened by date_tolerance_days on both sides contains the gold date and whose
//    location lies within the place tolerance (place_tolerance_km, else the place's tolerance_km) of the gold
//    place, the one with the least distance in km plus 5 per gold figure (fatalities, injured, arrested) that it
//    does not get right; the first such on a tie.
//  - A figure is right when the extracted value is known and within 10 % of the gold value (|x - g| <= 0.1 g).
//  - gold = non-optional gold incidents; found = those matched; recall = found / gold. A matched optional incident
//    is neither found nor extra; matched = all matched extracted incidents; precision = matched / extracted.
//    Figures are counted on found incidents only: right / given.
//
// Every function here is deterministic; only evaluate_* run the geoparser or the extractor (which never throw on
// a text). Readers throw core::InputError naming the file, where in it ("line 12", "mentions[3]") and what is wrong.

#include "core/incident.hpp"
#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "gazetteer/geoparser.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::extract {
class IncidentExtractor;
}

namespace incidentmap::eval {

using extract::IncidentExtractor;

// One gold place mention, its span already moved to the words where the corpus' offsets were off.
struct GoldMention {
    std::uint32_t cp_begin = 0, cp_end = 0;  // code points, end exclusive
    std::string text;                        // the article's words at the span
    std::string place;                       // the gold JSON place key; empty in XML corpora
    std::optional<core::LatLon> location;    // nullopt: an ignored span, neither right nor wrong
    core::Meters tolerance = core::Meters::kilometers(161);
    std::string kind;                        // the gold place's kind ("city", "landmark"), empty when unknown
    bool optional = false;                   // its place is optional: counted when found, not missed when not

    bool ignored() const { return !location.has_value(); }
};

struct GoldIncident {
    std::string id;
    std::string summary;     // or the event_type when there is no summary
    std::chrono::year_month_day date;
    int date_tolerance_days = 0;
    std::string place;       // the place key
    core::LatLon location;   // the place's point
    core::Meters tolerance;  // place_tolerance_km, else the place's tolerance_km
    std::optional<int> fatalities, injured, arrested;
    bool optional = false;
};

struct EvalDocument {
    std::string id;    // gold JSON: the article's file name; XML: docid, file attribute or index
    std::string text;  // valid UTF-8
    std::string lang;  // "fr", "en" or "ru"
    std::optional<std::chrono::year_month_day> published;
    std::vector<GoldMention> mentions;
    std::vector<GoldIncident> incidents;  // gold JSON only
};

enum class CorpusFormat { gold_json, xml };

struct Corpus {
    std::string name;  // the path as given
    CorpusFormat format = CorpusFormat::gold_json;
    std::vector<EvalDocument> documents;
};

// Reads a corpus of any of the formats above. Throws core::InputError naming the file (or the article beside a
// gold file) on a file that cannot be read, malformed JSON or XML, invalid UTF-8, a missing or mistyped field, a
// mention whose place is not in places, a span out of order or out of the text, an XML file without <article>.
Corpus read_corpus(const std::filesystem::path& path);

// A problem one document shows, for --show.
struct Finding {
    enum class Kind {
        missed_place,     // a gold mention no system mention overlaps
        wrong_place,      // matched, but farther than the gold's tolerance
        spurious_place,   // a system mention that overlaps no gold span
        missed_incident,  // a non-optional gold incident nothing matched
        extra_incident,   // an extracted incident no gold incident took
        wrong_figure,     // a figure of a found incident not within 10 % of the gold's
    };
    Kind kind;
    std::string document;
    std::string text;    // the words concerned: the mention, or the incident's quote
    std::string detail;  // what is wrong, in words
};
std::string_view to_string(Finding::Kind kind);  // "MISSED", "WRONG", "SPURIOUS", "MISSED", "EXTRA", "FIGURE"

struct PlaceScores {
    std::size_t documents = 0;
    std::size_t gold = 0;  // matched + missed
    std::size_t matched = 0;
    std::size_t missed = 0;
    std::size_t spurious = 0;
    std::size_t within_161km = 0;
    std::size_t within_tolerance = 0;
    std::vector<double> errors_km;  // one per match, in the order found

    double precision() const;
    double recall() const;
    double f1() const;
    double accuracy_161km() const;     // over matches; 0 without any
    double within_tolerance_share() const;  // over matches; 0 without any
    double end_to_end_tolerance() const;    // within tolerance over gold; 0 without gold
    std::optional<double> mean_error_km() const;
    std::optional<double> median_error_km() const;

    PlaceScores& operator+=(const PlaceScores& other);
};

struct IncidentScores {
    std::size_t documents = 0;
    std::size_t gold = 0;       // non-optional gold incidents
    std::size_t found = 0;      // of those, matched
    std::size_t extracted = 0;
    std::size_t matched = 0;    // extracted incidents some gold incident took (optional ones included)
    std::size_t figures = 0;    // gold figures of found incidents
    std::size_t figures_right = 0;

    double recall() const;     // found / gold; 0 without gold
    double precision() const;  // matched / extracted; 0 without any extracted

    IncidentScores& operator+=(const IncidentScores& other);
};

// Scores one document's system mentions (only cp_begin, cp_end, text, name and location are read) into `scores`
// (documents + 1); appends a finding per miss, wrong match and spurious mention when `findings` is not null.
void score_places(const EvalDocument& doc, std::span<const gazetteer::ResolvedMention> system, PlaceScores& scores,
                  std::vector<Finding>* findings = nullptr);
// Scores one document's extracted incidents into `scores` (documents + 1); findings as above.
void score_incidents(const EvalDocument& doc, std::span<const core::Incident> extracted, IncidentScores& scores,
                     std::vector<Finding>* findings = nullptr);

// Runs the geoparser (with `options`: demonyms for a corpus whose gold counts them) on every document of `corpus`
// and scores it; the first `limit` documents only when limit > 0.
PlaceScores evaluate_places(const Corpus& corpus, const gazetteer::Geoparser& parser, std::size_t limit = 0,
                            std::vector<Finding>* findings = nullptr, const gazetteer::ResolveOptions& options = {});
// Runs the extractor on every document (its language, its publication date, source = its id) and scores it.
IncidentScores evaluate_incidents(const Corpus& corpus, const IncidentExtractor& extractor, std::size_t limit = 0,
                                  std::vector<Finding>* findings = nullptr);

}  // namespace incidentmap::eval
