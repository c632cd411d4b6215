#pragma once
// One incident as a report describes it: what happened, where, when, to whom, how grave, how precisely located, and
// where in which document it was read. The members are the properties of the project's GeoJSON contract (one
// Feature's properties, same names; core/io/incident_io.hpp gives the encoding).
//
// Guarantees:
//  - A plain value: an aggregate, copyable, comparable with ==. It checks nothing by itself; find_problem() says
//    whether it keeps the rules below. IncidentSet stores only incidents that keep them, and the readers reject the
//    others as InputError, so everything downstream may rely on them.
//  - Unknown is never zero: a figure the report does not give is nullopt (written null); 0 means the report says
//    none. Optional scalars are nullopt when unknown; text fields are empty when unknown (written null).
//  - The rules: figures (fatalities, fatalities_min, injured, arrested) >= 0; geo_precision in 1..3;
//    uncertainty_m finite and >= 0; confidence finite and in [0, 1]; source_span and mention_span have 0 <= begin <= end; no actor name
//    is empty; an incident without a location has no geo_precision and no uncertainty_m. location (LatLon) and time
//    (TimeSpan) are valid by construction of their types.
// It does not check that the figures agree with each other (fatalities >= fatalities_min) or with severity and
// event_type: a report may be inconsistent and the incident says what it says. Actor names should not contain ';'
// (formats without lists join them with "; ").

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "core/severity.hpp"
#include "core/time_span.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::core {

// ACLED's event types (ACLED Codebook 2023), named exactly as ACLED spells them in its data and in the contract.
enum class EventType : std::uint8_t {
    battles,                     // "Battles"
    explosions_remote_violence,  // "Explosions/Remote violence"
    violence_against_civilians,  // "Violence against civilians"
    protests,                    // "Protests"
    riots,                       // "Riots"
    strategic_developments,      // "Strategic developments"
};

inline constexpr std::size_t kEventTypeCount = 6;

// "Explosions/Remote violence" and back; parsing takes the exact ACLED spelling only (case and spaces included).
std::string_view to_string(EventType type);
std::optional<EventType> parse_event_type(std::string_view name);

// ACLED's 25 sub-event types (Codebook 2023), each with the event type it belongs to, spelt as ACLED does.
struct SubEventType {
    std::string_view name;  // "Armed clash", "Excessive force against protesters"
    EventType type;
};
std::span<const SubEventType> acled_sub_event_types();
// The event type a sub-event type belongs to; nullopt when ACLED has no sub-event type of that spelling.
std::optional<EventType> event_type_of_sub_event(std::string_view name);

// Whether events of these types (and sub-event types) at one place and time can be one incident: violence with
// violence, a protest with violence (it turned violent), arrests with a protest or riot (ACLED codes the arrests at a
// protest with the protest); other strategic developments, and arrests after a bombing or a battle, only with their
// own kind. The extractor's assembly of one text and the merging of many sources use it alike.
bool compatible_events(EventType a, std::string_view a_sub, EventType b, std::string_view b_sub);

struct Incident;
// The severity an incident without one is taken to be, read off its figures and kind: fatal, injuries, violent,
// disruptive for protests, riots and arrests, else informational (readers of files without a severity use it).
Severity implied_severity(const Incident& incident);

// [begin, end) in Unicode code points of the article text (never bytes), as every machine-readable output counts.
struct CodePointSpan {
    std::int64_t begin = 0;
    std::int64_t end = 0;

    bool operator==(const CodePointSpan&) const = default;
};

struct Incident {
    std::string id;  // unique within its source when the extractor made it; not checked

    TimeSpan time;  // date_start, date_end and time_precision; unknown when the report gives no date

    std::optional<EventType> event_type;
    std::string sub_event_type;       // ACLED's sub-event type ("Peaceful protest", "Armed clash"...), free text
    std::vector<std::string> actors;  // in the order the report names them
    bool violent = false;

    std::optional<int> fatalities;      // the number reported killed
    std::optional<int> fatalities_min;  // a lower bound when the report gives none exactly ("several killed": 2)
    std::optional<int> injured;
    std::optional<int> arrested;
    Severity severity = Severity::informational;

    // WGS84; nullopt when the report names no place for the event, and no place of its text stands in for one: such an
    // incident is counted and listed but not drawn, and written with a null geometry (RFC 7946 allows it).
    std::optional<LatLon> location;
    std::optional<int> geo_precision;   // ACLED code: 1 the site or town, 2 near a town or part of a region, 3 region or country
    std::optional<Meters> uncertainty_m;  // radius around location within which the place lies (core/geo_precision.hpp)
    std::string place_name;             // the place as resolved ("Almaty", "Republic Square")
    std::string place_id;               // gazetteer key ("geonames:1526384", "osm:node/681341192")
    std::string country;                // ISO 3166-1 alpha-2 where known, else the name the source gives
    std::string admin1;

    std::string quote;                         // the sentence the incident was read from
    std::optional<CodePointSpan> source_span;  // where the quote lies in the article
    std::optional<CodePointSpan> mention_span; // where the mention that placed it lies in the article (in the quote
                                               // when the sentence names its place; elsewhere when the place came
                                               // from the article's context)
    std::string language;                      // ISO 639-1 of the article: "fr", "en", "ru"
    std::optional<double> confidence;          // the extractor's confidence, 0..1
    std::string source;                        // the document: id, file name or title

    bool manual_correction = false;  // an analyst has edited the incident (in the viewer); extractors leave it false

    bool operator==(const Incident&) const = default;
};

// The first rule of the header comment that `incident` breaks, in words naming the property and the value
// ("fatalities is -3, must be >= 0"); nullopt if it keeps them all.
std::optional<std::string> find_problem(const Incident& incident);

}  // namespace incidentmap::core
