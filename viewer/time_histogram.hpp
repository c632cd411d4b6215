#pragma once
// Incidents over the time bar's view in calendar bins (one TimeStep each: an hour, a day, a month), one count per
// severity per bin: the bars of the time bar. Of the incidents the severity and event-type switches show: the
// time filter is the bar's own, so it is left out (each facet counted under every filter but its own). No ImGui.
//
// Guarantees: the bins are the step's boundaries from the one at or before `from` to the first at or after `to`;
// an incident counts once, in the bin of its start, when that bin is one of them; undated incidents are left out
// (undated() counts them). Building is a binary search and one pass over the incidents starting in the bins,
// O(log n + k + bins): cheap however the bar is zoomed.

#include "core/incident_set.hpp"
#include "core/severity.hpp"
#include "viewer/incident_filter.hpp"
#include "viewer/time_axis.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace incidentmap::viewer {

class TimeHistogram {
public:
    void build(const core::IncidentSet& set, const IncidentFilter& filter, Seconds from, Seconds to, TimeStep step);

    bool empty() const { return counts_.empty(); }
    std::size_t bins() const { return counts_.size(); }
    TimeStep step() const { return step_; }
    // The start of bin b (b == bins() gives the end of the last).
    Seconds bin_start(std::size_t b) const { return edges_[b]; }
    const std::array<std::uint32_t, core::kSeverityCount>& counts(std::size_t b) const { return counts_[b]; }
    std::uint32_t total(std::size_t b) const { return totals_[b]; }
    std::uint32_t max_total() const { return max_total_; }
    std::size_t undated() const { return undated_; }

private:
    TimeStep step_;
    std::vector<Seconds> edges_;
    std::vector<std::array<std::uint32_t, core::kSeverityCount>> counts_;
    std::vector<std::uint32_t> totals_;
    std::uint32_t max_total_ = 0;
    std::size_t undated_ = 0;
};

}  // namespace incidentmap::viewer
