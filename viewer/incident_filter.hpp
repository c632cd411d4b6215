#pragma once
// Which incidents the map shows, and the result of asking an IncidentSet: a time filter (no filter, a window that
// ends at the slider's time, or everything up to it) and one switch per severity and per event type. No ImGui: the
// window, `incidentmap render` and the benchmarks share it.
//
// Guarantees:
//  - The time filter keeps an incident when its span overlaps the interval shown (TimeSpan::overlaps): a
//    day-precision incident stays on the map for the whole of its day, a month-precision one for its month.
//    Incidents of unknown time pass only when there is no time filter (TimeMode::all).
//  - FilteredIncidents::indices() are the incidents the filter keeps, ascending (that is, by start time).
//  - The counts per severity are of the incidents the time filter and the event-type switches keep, whatever the
//    severity switches say; the counts per event type, of those the time filter and the severity switches keep,
//    whatever the event-type switches say (each facet counted under every filter but its own): a count follows
//    the other filters and tells what its own switch would bring back.
//  - update() costs O(log n + k) for a window that starts before the first incident (accumulate mode) and
//    IncidentSet::time_window's cost otherwise, plus one pass over the k incidents in time.

#include "core/incident.hpp"
#include "core/incident_set.hpp"
#include "core/severity.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace incidentmap::viewer {

enum class TimeMode : std::uint8_t {
    all,         // no time filter; incidents of unknown time shown too
    window,      // [time - window, time)
    accumulate,  // everything that began before `time`
};

// Event types are indexed by their EventType value; the last index is "unknown type".
inline constexpr std::size_t kEventTypeSlots = core::kEventTypeCount + 1;

struct IncidentFilter {
    using Seconds = core::TimeSpan::Seconds;

    TimeMode mode = TimeMode::all;
    Seconds time{};                                        // the slider: the end of the interval shown (exclusive)
    std::chrono::seconds window{std::chrono::days{7}};    // its length in window mode
    std::array<bool, core::kSeverityCount> severity{true, true, true, true, true};
    std::array<bool, kEventTypeSlots> event_type{true, true, true, true, true, true, true};

    // The interval shown, [from, to); nullopt in mode `all`. In accumulate mode `from` is the earliest start of `set`.
    struct Interval {
        Seconds from;
        Seconds to;
    };
    std::optional<Interval> interval(const core::IncidentSet& set) const;

    bool operator==(const IncidentFilter&) const = default;
};

struct FilterCounts {
    std::array<std::size_t, core::kSeverityCount> by_severity{};  // in time and of a shown event type
    std::array<std::size_t, kEventTypeSlots> by_event_type{};      // in time and of a shown severity
    std::size_t in_time = 0;    // incidents the time filter keeps
    std::size_t shown = 0;      // and the switches too: indices().size() + unlocated().size()
    std::size_t unlocated = 0;  // of those shown, the ones without a location: listed, not drawn
};

class FilteredIncidents {
public:
    // Applies `filter` to `set` from scratch.
    void update(const core::IncidentSet& set, const IncidentFilter& filter);

    // The incidents the filters keep that have a location: what the map draws.
    std::span<const std::uint32_t> indices() const { return shown_; }
    // The incidents the filters keep that have none (the report names no place): listed, not drawn.
    std::span<const std::uint32_t> unlocated() const { return unlocated_; }
    const FilterCounts& counts() const { return counts_; }

private:
    std::vector<std::size_t> in_time_;  // reused between updates
    std::vector<std::uint32_t> shown_, unlocated_;
    FilterCounts counts_;
};

}  // namespace incidentmap::viewer
