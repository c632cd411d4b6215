#pragma once
// Many incidents in columns (one array per property), sorted by start time: the model the viewer draws from and the
// command line reads and writes. No GUI in here.
//
// Guarantees:
//  - Order: incidents of known time come first, sorted by start (date_start); equal starts keep the order in which
//    they were added. Incidents of unknown time follow, in the order added: they are [known_count(), size()) and no
//    time query returns them. An index is a position in this order.
//  - Every stored incident keeps the rules of core/incident.hpp: add() and replace() throw InvalidIncident (naming
//    the incident's id and the rule) and change nothing otherwise.
//  - incident(i) gives back exactly the Incident that was added (operator== holds).
//  - Time queries use the half-open overlap of TimeSpan::overlaps: [start, end) meets [from, to) when
//    start < to and from < end. time_window() is exact, whatever the mix of span lengths (minutes to years), and
//    costs O(C log n + k log k + w): C the classes of span length present (a class per power of two seconds: about
//    a dozen between minutes and years), k the answer, w the spans of each class that start less than that class's
//    longest span before `from` and end before it, at most the class members starting in a window of that length.
//    A window that begins at or before the earliest start costs O(log n + k): the answer is a prefix.
//  - The column views (starts(), locations()...) are valid until the next call that changes the set; any call
//    that adds or replaces invalidates indices held by the caller (replace() says which).
// Not thread-safe for writing; concurrent const calls are fine.

#include "core/incident.hpp"
#include "core/text_column.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace incidentmap::core {

class InvalidIncident : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class IncidentSet {
public:
    using Seconds = TimeSpan::Seconds;

    // [begin, end) of indices.
    struct IndexRange {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::size_t size() const { return end - begin; }
        bool empty() const { return begin == end; }
        bool operator==(const IndexRange&) const = default;
    };
    // From the earliest start to the latest end of the incidents of known time.
    struct TimeRange {
        Seconds begin;
        Seconds end;
        bool operator==(const TimeRange&) const = default;
    };

    IncidentSet() = default;
    // Sorts them as the header says; throws InvalidIncident if any breaks a rule (then nothing is kept).
    explicit IncidentSet(std::span<const Incident> incidents) { add(incidents); }

    // Adds one incident at its place in time order and returns its index. Indices >= that index shift by one.
    std::size_t add(const Incident& incident);
    // Adds many (one sort, O((n + m) log(n + m))). All are checked before any is added. Invalidates all indices.
    void add(std::span<const Incident> incidents);
    // The same, freeing each incident's texts once stored.
    void add(std::vector<Incident>&& incidents);
    // All of another set's incidents, taken; after this set's among equal starts; one sort.
    void add(IncidentSet&& other);
    void clear();
    void reserve(std::size_t n);

    std::size_t size() const { return start_.size(); }
    bool empty() const { return start_.empty(); }
    // Incidents of known time: the indices [0, known_count()).
    std::size_t known_count() const { return known_; }

    // Throws std::out_of_range unless i < size().
    Incident incident(std::size_t i) const;
    TimeSpan time(std::size_t i) const;

    // Analyst's corrections. set_location() moves the incident (or places one that had no location) and marks it
    // manual_correction; it keeps indices.
    void set_location(std::size_t i, LatLon location);
    // Replaces incident i as given (the caller sets manual_correction) and returns its new index: if its start
    // changed it moves, and the indices between the old and the new position shift by one.
    std::size_t replace(std::size_t i, const Incident& incident);

    // Earliest start and latest end; nullopt when no incident has a known time.
    std::optional<TimeRange> time_range() const;
    // Incidents whose start lies in [from, to): a contiguous range, by binary search.
    IndexRange starting_in(Seconds from, Seconds to) const;
    // Incidents whose span overlaps [from, to), ascending (that is, by start). Empty if from >= to.
    std::vector<std::size_t> time_window(Seconds from, Seconds to) const;
    // The same into `out` (cleared first), so that a caller running it every frame reuses one buffer.
    void time_window(Seconds from, Seconds to, std::vector<std::size_t>& out) const;

    // Columns, read in place (the viewer's layers). starts()/ends() are unix seconds of the civil times; for
    // incidents of unknown time they hold INT64_MAX and INT64_MIN.
    // locations()[i] is meaningful only where located()[i] is 1 (0 for an incident without a location).
    std::span<const LatLon> locations() const { return location_; }
    std::span<const std::uint8_t> located() const { return located_; }
    std::span<const std::int64_t> starts() const { return start_; }
    std::span<const std::int64_t> ends() const { return end_; }
    std::span<const TimePrecision> precisions() const { return precision_; }
    std::span<const Severity> severities() const { return severity_; }
    std::optional<EventType> event_type(std::size_t i) const;
    // EventType's value, or kUnknownEventType when the type is unknown (one past the last type).
    static constexpr std::uint8_t kUnknownEventType = kEventTypeCount;
    std::span<const std::uint8_t> event_types() const { return event_type_; }
    // ACLED geo_precision per incident (1..3), 0 when unknown.
    std::span<const std::uint8_t> geo_precisions() const { return geo_precision_; }
    // Reported killed and wounded; -1 when the report gives no figure.
    std::span<const std::int32_t> fatalities() const { return fatalities_; }
    std::span<const std::int32_t> injured() const { return injured_; }
    std::string_view id(std::size_t i) const {
        if (i >= size()) throw std::out_of_range("IncidentSet: index " + std::to_string(i) + " of " + std::to_string(size()));
        return id_[i];
    }

    // Builds a set one incident at a time (below).
    class Builder;

private:
    // Incidents whose span lengths share a power of two: lengths in [2^(k-1), 2^k) seconds.
    struct LengthClass {
        std::int64_t max_length = 0;        // the longest span in the class
        std::vector<std::uint32_t> members;  // indices, ascending
    };

    void push_back(const Incident& incident);
    void sort_and_index();
    void rebuild_length_classes();
    static constexpr auto columns();  // pointers to every column member
    template <typename F>
    void for_each_column(F&& f);
    // f(column of this set, the same column of `other`), for every column.
    template <typename F>
    void for_each_column_with(IncidentSet& other, F&& f);
    friend class Builder;

    // Time and where: what the viewer reads each frame.
    std::vector<std::int64_t> start_, end_;
    std::vector<TimePrecision> precision_;
    std::vector<LatLon> location_;
    std::vector<std::uint8_t> located_;
    std::vector<Severity> severity_;
    std::vector<std::uint8_t> event_type_;  // kNoEventType when unknown
    std::vector<std::uint8_t> violent_, manual_correction_;
    // Figures: -1 when unknown.
    std::vector<std::int32_t> fatalities_, fatalities_min_, injured_, arrested_;
    std::vector<std::uint8_t> geo_precision_;  // 0 when unknown
    std::vector<double> uncertainty_m_, confidence_;  // NaN when unknown
    std::vector<std::int64_t> span_begin_, span_end_;  // -1 when unknown
    std::vector<std::int64_t> mention_begin_, mention_end_;  // -1 when unknown
    // Text.
    TextColumn id_, sub_event_type_, place_name_, place_id_, country_, admin1_, quote_, language_, source_;
    TextColumn actors_;  // each list encoded as one text (incident_set.cpp)

    std::size_t known_ = 0;
    std::int64_t max_end_ = 0;                 // of the known incidents
    std::vector<LengthClass> length_classes_;  // only the non-empty ones
};

// Builds a set one incident at a time, as a reader streams them: each is checked as it comes (InvalidIncident,
// and nothing of it kept), and the set is sorted and indexed once, by take().
class IncidentSet::Builder {
public:
    void reserve(std::size_t n) { set_.reserve(n); }
    void add(const Incident& incident);
    // Many builders' incidents in their order, in the first one's storage, grown once to the final size (not at
    // all where it was reserved for all).
    static Builder joined(std::vector<Builder>&& parts);
    std::size_t size() const { return set_.size(); }
    IncidentSet take() &&;

private:
    IncidentSet set_;  // unsorted until take()
};

}  // namespace incidentmap::core
