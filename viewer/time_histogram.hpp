#pragma once
// Incidents over time in equal bins, one count per severity per bin: the bars under the time slider. No ImGui.
//
// Guarantees: the bins cover [begin, end) of the set's dated incidents exactly (the last bin ends at end);
// an incident counts once, in the bin of its start; undated incidents are left out (undated() counts them).
// Building is one pass over the set, O(n + bins).

#include "core/incident_set.hpp"
#include "core/severity.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace incidentmap::viewer {

class TimeHistogram {
public:
    using Seconds = core::TimeSpan::Seconds;

    void build(const core::IncidentSet& set, std::size_t bins = 240);

    bool empty() const { return counts_.empty(); }
    std::size_t bins() const { return counts_.size(); }
    Seconds begin() const { return begin_; }
    Seconds end() const { return end_; }
    // The start of bin b (b == bins() gives end()).
    Seconds bin_start(std::size_t b) const;
    const std::array<std::uint32_t, core::kSeverityCount>& counts(std::size_t b) const { return counts_[b]; }
    std::uint32_t total(std::size_t b) const { return totals_[b]; }
    std::uint32_t max_total() const { return max_total_; }
    std::size_t undated() const { return undated_; }

private:
    Seconds begin_{}, end_{};
    std::vector<std::array<std::uint32_t, core::kSeverityCount>> counts_;
    std::vector<std::uint32_t> totals_;
    std::uint32_t max_total_ = 0;
    std::size_t undated_ = 0;
};

}  // namespace incidentmap::viewer
