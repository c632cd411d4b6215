#include "viewer/time_histogram.hpp"

#include <algorithm>

namespace incidentmap::viewer {

void TimeHistogram::build(const core::IncidentSet& set, std::size_t bins) {
    counts_.clear();
    totals_.clear();
    max_total_ = 0;
    undated_ = set.size() - set.known_count();
    const auto range = set.time_range();
    if (!range || bins == 0) return;
    begin_ = range->begin;
    end_ = range->end;
    counts_.assign(bins, {});
    totals_.assign(bins, 0);
    const double span = static_cast<double>((end_ - begin_).count());
    const auto starts = set.starts();
    const auto severities = set.severities();
    const std::int64_t b0 = begin_.time_since_epoch().count();
    for (std::size_t i = 0; i < set.known_count(); ++i) {
        const double f = static_cast<double>(starts[i] - b0) / span;
        const std::size_t b = std::min(bins - 1, static_cast<std::size_t>(f * static_cast<double>(bins)));
        ++counts_[b][static_cast<std::size_t>(core::rank(severities[i]))];
        max_total_ = std::max(max_total_, ++totals_[b]);
    }
}

TimeHistogram::Seconds TimeHistogram::bin_start(std::size_t b) const {
    if (counts_.empty()) return begin_;
    const auto span = (end_ - begin_).count();
    return begin_ + std::chrono::seconds(static_cast<std::int64_t>(static_cast<double>(span) * static_cast<double>(b) /
                                                                   static_cast<double>(counts_.size())));
}

}  // namespace incidentmap::viewer
