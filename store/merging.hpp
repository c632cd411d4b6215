#pragma once
// One incident from many sources: the readings of one event by several reports become one incident that lists them
// all. A pure function of the readings, with no database; the project store (store/project.hpp) keeps its result
// beside the readings it came from.
//
// When two readings are of one event: they come from different sources (the extractor has already told one text's
// events apart), their types are compatible (core::compatible_events; a reading without an event type joins
// nothing), both times are known, no longer than kIndexedDays (a reading dated "last year" is not told apart from the
// year's other events), and overlap, and both are located no farther apart than their two uncertainty
// radii allow (plus MergeOptions::slack): "Almaty" (10 km) and "Republic Square" (100 m, in Almaty) can be one place,
// two squares 3 km apart cannot. An incident is a group of readings that pairwise meet these conditions (complete
// linkage), so a country-wide reading never chains two city events into one.
//
// How: the readings are put in one canonical order, the best first (the smallest uncertainty, then the finest time,
// the earliest start, the source and the id, then every other property), and each joins the group of the earlier
// readings it can be one event with whose best reading is nearest, or starts its own. So the result depends only on
// the set of readings, never on the order given (deterministic), and `merge = false` gives one incident per reading
// (reversible: the readings themselves are never changed).
//
// What the incident takes (the choices are recorded in MergedIncident::reconciliation):
//  - place, precision, quote, span and language from the best-located reading; the time from the reading with the
//    narrowest span (the first in the canonical order among equals);
//  - the event type most readings give (among equals the gravest: explosions, battles, violence against civilians,
//    riots, protests, strategic developments), with the sub-event type of its best reading; the actors of all;
//  - each figure (fatalities, injured, arrested) the same when every source that gives it agrees; otherwise the
//    figure of the most recently published source (tolls grow as reports come in; among equals the larger), with
//    the range of the others kept: fatalities_low and fatalities_high are UCDP's low and high estimates;
//    fatalities_min the largest lower bound given;
//  - severity the gravest of the readings' and of what the chosen figures imply; violent and manual_correction if
//    any reading is; confidence 1 - prod(1 - c) over the readings that give one (corroboration);
//  - id the best reading's; source the readings' sources, each once, joined by "; ".
//
// Output order: by time start (unknown times last), then the best reading's canonical order.
// Cost: O(n log n) to order, then each reading is compared with the groups whose best reading's span shares one of
// its days: linear for news spread over time, at worst O(n * groups) when all readings share their days. Memory: the
// readings' indices and keys, and one entry per day of each span.

#include "core/incident.hpp"
#include "core/meters.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incidentmap::store {

// One source's reading of one incident, as `extract` made it from that source.
struct Reading {
    core::Incident incident;  // incident.source names the source for people
    std::string source_id;    // the source's key (the project's sources table)
    std::optional<std::chrono::year_month_day> published;  // the source's publication day, for "most recent"

    bool operator==(const Reading&) const = default;
};

struct MergeOptions {
    bool merge = true;                // false: one incident per reading
    core::Meters slack{1000};         // added to the two uncertainty radii (resolution noise of the gazetteer)
};

struct MergedIncident {
    core::Incident incident;
    std::vector<std::size_t> readings;     // indices into the input, best first
    std::optional<int> fatalities_low;     // the smallest and largest fatalities any reading gives
    std::optional<int> fatalities_high;
    std::string reconciliation;            // the figures the readings disagreed on and what was chosen; empty if none

    bool operator==(const MergedIncident&) const = default;
};

inline constexpr int kIndexedDays = 62;  // the longest time span, in days, that a reading joining others may have

std::vector<MergedIncident> merge_readings(std::span<const Reading> readings, const MergeOptions& options = {});

// What deciding "one event?" needs of a reading, and nothing more: small enough for a project to keep one for every
// reading it holds (store/project.hpp) while the readings themselves stay on disk.
struct EventKey {
    std::uint32_t source = 0;         // equal numbers: the same source (the holder numbers them)
    core::EventType event_type{};
    std::string_view sub_event_type;  // into storage the holder keeps
    core::TimeSpan time;              // known
    core::LatLon location;
    double uncertainty_m = 0;
};

// The key of a reading that may join others; none when it joins nothing (no event type, no location, no known time or
// one longer than kIndexedDays).
// `sub_event_type` views the reading's own string.
std::optional<EventKey> event_key(const Reading& reading, std::uint32_t source);

// Whether `a` and `b` may be one event (the conditions above, without the group).
bool may_be_one_event(const EventKey& a, const EventKey& b, const MergeOptions& options = {});
bool may_be_one_event(const Reading& a, const Reading& b, const MergeOptions& options = {});

// Items (readings, groups of readings) by the days their time spans cover, to find the ones whose spans may overlap
// a given span without looking at all of them. Spans longer than kIndexedDays are kept apart and are candidates for
// every query; a query span that long gets every item.
// Memory: one entry per day of each indexed span.
class DayIndex {
public:
    void add(const core::TimeSpan& time, std::size_t item);  // `time` known; items in increasing order
    // Sets `out` to the items whose spans may overlap `time` (a superset of those that do), in increasing order,
    // each once.
    void candidates(const core::TimeSpan& time, std::vector<std::size_t>& out) const;
    void clear();

private:
    std::unordered_map<std::int64_t, std::vector<std::size_t>> by_day_;
    std::vector<std::size_t> long_spans_;
};

}  // namespace incidentmap::store
