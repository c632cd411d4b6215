#include "store/merging.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace incidentmap::store {

namespace {

using core::EventType;
using core::Incident;
using Seconds = core::TimeSpan::Seconds;

double uncertainty_of(const Incident& in) {
    if (!in.location) return std::numeric_limits<double>::infinity();
    return in.uncertainty_m ? in.uncertainty_m->value() : 0.0;
}

double span_seconds(const core::TimeSpan& t) {
    if (!t.is_known()) return std::numeric_limits<double>::infinity();
    return static_cast<double>((t.end() - t.start()).count());
}

// Every property, in the canonical order's priority: the best-located, finest-timed, earliest reading first.
auto canonical_key(const Reading& r) {
    const Incident& in = r.incident;
    const std::int64_t start = in.time.is_known() ? in.time.start().time_since_epoch().count() : INT64_MAX;
    const std::int64_t lat = in.location ? in.location->lat_e7() : 0, lon = in.location ? in.location->lon_e7() : 0;
    const std::int64_t span_begin = in.source_span ? in.source_span->begin : -1;
    const std::int64_t span_end = in.source_span ? in.source_span->end : -1;
    return std::make_tuple(uncertainty_of(in), span_seconds(in.time), start, (r.source_id), (in.id),
                           lat, lon, in.event_type, (in.sub_event_type), (in.actors), in.fatalities,
                           in.fatalities_min, in.injured, in.arrested, core::rank(in.severity), in.violent,
                           (in.place_id), (in.place_name), (in.quote), span_begin, span_end,
                           std::make_tuple((in.country), (in.admin1), (in.language),
                                           in.confidence, (in.source), in.manual_correction, r.published,
                                           in.geo_precision, in.time.precision(), (r.incident.id)));
}

using CanonicalKey = decltype(canonical_key(std::declval<const Reading&>()));

// The gravest type first, as the extractor ranks event words.
int gravity_order(EventType t) {
    switch (t) {
        case EventType::explosions_remote_violence: return 0;
        case EventType::battles: return 1;
        case EventType::violence_against_civilians: return 2;
        case EventType::riots: return 3;
        case EventType::protests: return 4;
        case EventType::strategic_developments: return 5;
    }
    return 6;
}

std::int64_t day_number(Seconds t) {
    return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

// The days of a span when it has at most kIndexedDays of them.
std::optional<std::pair<std::int64_t, std::int64_t>> indexed_days(const core::TimeSpan& t) {
    if (!t.is_known()) return std::nullopt;
    const std::int64_t first = day_number(t.start());
    const std::int64_t last = day_number(t.end() - Seconds::duration{1});
    if (last - first + 1 > kIndexedDays) return std::nullopt;
    return std::make_pair(first, last);
}

core::Severity implied_by_figures(const Incident& in) {
    if (in.fatalities.value_or(0) > 0 || in.fatalities_min.value_or(0) > 0) return core::Severity::fatal;
    if (in.injured.value_or(0) > 0) return core::Severity::injuries;
    return core::Severity::informational;
}

std::string published_text(const std::optional<std::chrono::year_month_day>& d) {
    return d ? core::format_iso_date(*d) : std::string("no date");
}

// One figure across the readings of a group (ordered best first): agreed, or the most recent source's, or none.
struct FigureReading {
    std::optional<int> value;
    std::optional<int> low, high;
    std::string note;  // set when the sources disagree
};

FigureReading reconcile(const char* name, std::span<const Reading* const> group, std::optional<int> Incident::*field) {
    FigureReading out;
    const Reading* chosen = nullptr;
    std::size_t givers = 0;
    for (const Reading* r : group) {
        const std::optional<int>& v = r->incident.*field;
        if (!v) continue;
        ++givers;
        out.low = out.low ? std::min(*out.low, *v) : *v;
        out.high = out.high ? std::max(*out.high, *v) : *v;
        // The most recent; a source without a date counts as older than any dated one; among equals the larger.
        if (!chosen || r->published > chosen->published ||
            (r->published == chosen->published && *v > *(chosen->incident.*field)))
            chosen = r;
    }
    if (!chosen) return out;
    out.value = chosen->incident.*field;
    if (*out.low != *out.high)
        out.note = std::string(name) + " " + std::to_string(*out.value) + " from the most recent of " + std::to_string(givers) +
                   " sources giving it (" + chosen->source_id + ", " + published_text(chosen->published) + "); they give " +
                   std::to_string(*out.low) + " to " + std::to_string(*out.high);
    return out;
}

MergedIncident reconcile_group(std::span<const Reading* const> group, std::vector<std::size_t> indices) {
    const Reading& best = *group.front();
    MergedIncident out;
    out.readings = std::move(indices);
    if (group.size() == 1) {  // a reading alone is its incident as it was read
        out.incident = best.incident;
        out.fatalities_low = out.fatalities_high = best.incident.fatalities;
        return out;
    }
    Incident in = best.incident;

    // The narrowest span.
    for (const Reading* r : group)
        if (span_seconds(r->incident.time) < span_seconds(in.time)) in.time = r->incident.time;

    // The type most readings give, the gravest among equals, with the sub-event type of its best reading.
    std::map<int, std::size_t> votes;  // gravity order -> count
    for (const Reading* r : group)
        if (r->incident.event_type) ++votes[gravity_order(*r->incident.event_type)];
    if (!votes.empty()) {
        auto top = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
            return a.second < b.second || (a.second == b.second && a.first > b.first);
        });
        for (const Reading* r : group)
            if (r->incident.event_type && gravity_order(*r->incident.event_type) == top->first) {
                in.event_type = r->incident.event_type;
                in.sub_event_type = r->incident.sub_event_type;
                break;
            }
    }

    in.actors.clear();
    in.source.clear();
    std::vector<std::string> sources;
    double doubt = 1.0;
    bool any_confidence = false;
    for (const Reading* r : group) {
        for (const std::string& a : r->incident.actors)
            if (std::find(in.actors.begin(), in.actors.end(), a) == in.actors.end()) in.actors.push_back(a);
        const std::string& name = r->incident.source.empty() ? r->source_id : r->incident.source;
        if (!name.empty() && std::find(sources.begin(), sources.end(), name) == sources.end()) sources.push_back(name);
        in.violent = in.violent || r->incident.violent;
        in.manual_correction = in.manual_correction || r->incident.manual_correction;
        if (r->incident.confidence) {
            any_confidence = true;
            doubt *= 1.0 - std::clamp(*r->incident.confidence, 0.0, 1.0);
        }
        if (core::rank(r->incident.severity) > core::rank(in.severity)) in.severity = r->incident.severity;
        if (r->incident.fatalities_min && (!in.fatalities_min || *r->incident.fatalities_min > *in.fatalities_min))
            in.fatalities_min = r->incident.fatalities_min;
    }
    for (const std::string& s : sources) in.source += (in.source.empty() ? "" : "; ") + s;
    if (any_confidence) in.confidence = std::round((1.0 - doubt) * 100) / 100;  // hundredths, as the extractor gives

    std::vector<std::string> notes;
    const FigureReading killed = reconcile("fatalities", group, &Incident::fatalities);
    const FigureReading hurt = reconcile("injured", group, &Incident::injured);
    const FigureReading held = reconcile("arrested", group, &Incident::arrested);
    in.fatalities = killed.value;
    in.injured = hurt.value;
    in.arrested = held.value;
    out.fatalities_low = killed.low;
    out.fatalities_high = killed.high;
    for (const FigureReading* f : {&killed, &hurt, &held})
        if (!f->note.empty()) out.reconciliation += (out.reconciliation.empty() ? "" : "; ") + f->note;
    if (const core::Severity implied = implied_by_figures(in); core::rank(implied) > core::rank(in.severity))
        in.severity = implied;

    out.incident = std::move(in);
    return out;
}

}  // namespace

std::optional<EventKey> event_key(const Reading& reading, std::uint32_t source) {
    const Incident& in = reading.incident;
    if (!in.event_type || !in.time.is_known() || !in.location) return std::nullopt;
    if (!indexed_days(in.time)) return std::nullopt;  // dated no closer than two months: not told apart from others
    return EventKey{source, *in.event_type, in.sub_event_type, in.time, *in.location, uncertainty_of(in)};
}

bool may_be_one_event(const EventKey& a, const EventKey& b, const MergeOptions& options) {
    if (a.source == b.source) return false;
    if (!core::compatible_events(a.event_type, a.sub_event_type, b.event_type, b.sub_event_type)) return false;
    if (!a.time.overlaps(b.time.start(), b.time.end())) return false;
    const double reach = a.uncertainty_m + b.uncertainty_m + options.slack.value();
    // The difference in latitude alone is a lower bound of the distance, and costs no trigonometry.
    constexpr double kMetresPerE7 = 3.141592653589793 * core::kEarthMeanRadius.value() / 180.0 / core::LatLon::kScale;
    if (std::abs(static_cast<double>(a.location.lat_e7() - b.location.lat_e7())) * kMetresPerE7 > reach) return false;
    return core::distance(a.location, b.location).value() <= reach;
}

bool may_be_one_event(const Reading& a, const Reading& b, const MergeOptions& options) {
    if (a.source_id == b.source_id) return false;
    const auto x = event_key(a, 0), y = event_key(b, 1);
    return x && y && may_be_one_event(*x, *y, options);
}

void DayIndex::add(const core::TimeSpan& time, std::size_t item) {
    if (const auto days = indexed_days(time)) {
        for (std::int64_t d = days->first; d <= days->second; ++d) by_day_[d].push_back(item);
    } else {
        long_spans_.push_back(item);
    }
}

void DayIndex::candidates(const core::TimeSpan& time, std::vector<std::size_t>& out) const {
    out.assign(long_spans_.begin(), long_spans_.end());
    std::size_t lists = long_spans_.empty() ? 0 : 1;  // each in increasing order, as items are added
    auto take = [&](const std::vector<std::size_t>& items) {
        out.insert(out.end(), items.begin(), items.end());
        ++lists;
    };
    if (const auto days = indexed_days(time)) {
        for (std::int64_t d = days->first; d <= days->second; ++d)
            if (auto it = by_day_.find(d); it != by_day_.end()) take(it->second);
    } else {
        for (const auto& [day, items] : by_day_) take(items);
    }
    if (lists < 2) return;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
}

void DayIndex::clear() {
    by_day_.clear();
    long_spans_.clear();
}

std::vector<MergedIncident> merge_readings(std::span<const Reading> readings, const MergeOptions& options) {
    std::vector<std::size_t> order(readings.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    {
        std::vector<CanonicalKey> keys;
        keys.reserve(readings.size());
        for (const Reading& r : readings) keys.push_back(canonical_key(r));
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (keys[a] < keys[b]) return true;
            if (keys[b] < keys[a]) return false;
            return a < b;  // identical readings: which is which does not change the result
        });
    }

    std::vector<std::vector<std::size_t>> groups;  // positions in `order`... indices into readings, best first
    if (!options.merge) {
        for (std::size_t i : order) groups.push_back({i});
    } else {
        // Only groups whose best reading may overlap in time are looked at; the others cannot take the reading.
        DayIndex index;                            // groups by their best reading's days
        std::vector<std::optional<EventKey>> key;  // of each reading
        key.reserve(readings.size());
        std::unordered_map<std::string_view, std::uint32_t> source_number;
        for (const Reading& r : readings)
            key.push_back(event_key(r, source_number.emplace(r.source_id, source_number.size()).first->second));
        std::vector<std::size_t> candidates;
        for (std::size_t i : order) {
            std::optional<std::size_t> joined;
            if (key[i]) {
                index.candidates(key[i]->time, candidates);
                double nearest = std::numeric_limits<double>::infinity();
                for (std::size_t g : candidates) {
                    const auto& members = groups[g];
                    if (!std::all_of(members.begin(), members.end(),
                                     [&](std::size_t m) { return may_be_one_event(*key[m], *key[i], options); }))
                        continue;
                    const double d = core::distance(key[members.front()]->location, key[i]->location).value();
                    if (d < nearest) {  // candidates are in creation order: the earlier group wins a tie
                        nearest = d;
                        joined = g;
                    }
                }
            }
            if (joined) {
                groups[*joined].push_back(i);
                continue;
            }
            groups.push_back({i});
            if (key[i]) index.add(key[i]->time, groups.size() - 1);  // a reading without a key joins nothing
        }
    }

    std::vector<MergedIncident> out;
    out.reserve(groups.size());
    std::vector<const Reading*> members;
    for (auto& g : groups) {
        members.clear();
        for (std::size_t i : g) members.push_back(&readings[i]);
        out.push_back(reconcile_group(members, g));
    }
    // By time, then by the canonical order of the best reading (the groups were made in that order).
    std::stable_sort(out.begin(), out.end(), [](const MergedIncident& a, const MergedIncident& b) {
        const auto& ta = a.incident.time;
        const auto& tb = b.incident.time;
        if (ta.is_known() != tb.is_known()) return ta.is_known();
        return ta.is_known() && ta.start() < tb.start();
    });
    return out;
}

}  // namespace incidentmap::store
