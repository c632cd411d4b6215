#include "viewer/incident_filter.hpp"

namespace incidentmap::viewer {

std::optional<IncidentFilter::Interval> IncidentFilter::interval(const core::IncidentSet& set) const {
    switch (mode) {
        case TimeMode::all: return std::nullopt;
        case TimeMode::window: return Interval{time - window, time};
        case TimeMode::accumulate: {
            const auto range = set.time_range();
            return Interval{range ? std::min(range->begin, time) : time, time};
        }
    }
    return std::nullopt;
}

void FilteredIncidents::update(const core::IncidentSet& set, const IncidentFilter& filter) {
    counts_ = {};
    shown_.clear();
    unlocated_.clear();
    const auto severities = set.severities();
    const auto located = set.located();
    const auto types = set.event_types();
    auto take = [&](std::size_t i) {
        const std::size_t s = static_cast<std::size_t>(core::rank(severities[i]));
        const std::size_t t = types[i];
        if (filter.event_type[t]) ++counts_.by_severity[s];
        if (filter.severity[s]) ++counts_.by_event_type[t];
        if (filter.severity[s] && filter.event_type[t]) (located[i] ? shown_ : unlocated_).push_back(static_cast<std::uint32_t>(i));
    };
    if (const auto interval = filter.interval(set)) {
        set.time_window(interval->from, interval->to, in_time_);
        shown_.reserve(in_time_.size());
        for (std::size_t i : in_time_) take(i);
        counts_.in_time = in_time_.size();
    } else {
        shown_.reserve(set.size());
        for (std::size_t i = 0; i < set.size(); ++i) take(i);
        counts_.in_time = set.size();
    }
    counts_.shown = shown_.size() + unlocated_.size();
    counts_.unlocated = unlocated_.size();
}

}  // namespace incidentmap::viewer
