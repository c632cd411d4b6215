#include "viewer/time_histogram.hpp"

#include <algorithm>

namespace incidentmap::viewer {

void TimeHistogram::build(const core::IncidentSet& set, const IncidentFilter& filter, Seconds from, Seconds to, TimeStep step) {
    step_ = step;
    edges_.clear();
    counts_.clear();
    totals_.clear();
    max_total_ = 0;
    undated_ = set.size() - set.known_count();
    for (Seconds b = step.floor(from);; b = step.next(b)) {
        edges_.push_back(b);
        if (b >= to || edges_.size() > 100'000) break;
    }
    if (edges_.size() < 2) return;
    counts_.assign(edges_.size() - 1, {});
    totals_.assign(edges_.size() - 1, 0);

    const auto starts = set.starts().first(set.known_count());  // ascending
    const auto severities = set.severities();
    const auto types = set.event_types();
    const std::int64_t lo = edges_.front().time_since_epoch().count(), hi = edges_.back().time_since_epoch().count();
    std::size_t i = static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), lo) - starts.begin());
    std::size_t b = 0;
    for (; i < starts.size() && starts[i] < hi; ++i) {
        const std::size_t s = static_cast<std::size_t>(core::rank(severities[i]));
        if (!filter.severity[s] || !filter.event_type[types[i]]) continue;
        while (edges_[b + 1].time_since_epoch().count() <= starts[i]) ++b;
        ++counts_[b][s];
        max_total_ = std::max(max_total_, ++totals_[b]);
    }
}

}  // namespace incidentmap::viewer
