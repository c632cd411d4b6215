#include "store/export.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace incidentmap;

namespace {

store::StoredIncident numbered(std::size_t n) {
    store::StoredIncident s;
    s.incident.id = "e" + std::to_string(n);
    return s;
}

}  // namespace

TEST_CASE("overlapped hands over every incident in order, and an error on either side stops both", "[store]") {
    constexpr std::size_t kMany = 3 * store::kOverlapBuffered + 17;  // more than the buffer holds, not a whole chunk
    std::vector<std::string> seen;
    store::overlapped([](const store::IncidentSink& sink) { for (std::size_t n = 0; n < kMany; ++n) sink(numbered(n)); },
                      [&](store::StoredIncident&& s) { seen.push_back(s.incident.id); });
    REQUIRE(seen.size() == kMany);
    for (std::size_t n = 0; n < kMany; ++n) CHECK(seen[n] == "e" + std::to_string(n));

    // The writing side fails: the scan stops (it would otherwise run forever) and the error comes out.
    std::size_t taken = 0;
    CHECK_THROWS_WITH(store::overlapped([](const store::IncidentSink& sink) { for (std::size_t n = 0;; ++n) sink(numbered(n)); },
                                        [&](store::StoredIncident&&) {
                                            if (++taken == 1000) throw std::runtime_error("disk full");
                                        }),
                      "disk full");
    CHECK(taken == 1000);

    // The reading side fails after some incidents: its error comes out.
    taken = 0;
    CHECK_THROWS_WITH(store::overlapped(
                          [](const store::IncidentSink& sink) {
                              for (std::size_t n = 0; n < 600; ++n) sink(numbered(n));
                              throw std::runtime_error("bad row");
                          },
                          [&](store::StoredIncident&&) { ++taken; }),
                      "bad row");
    CHECK(taken <= 600);
}
