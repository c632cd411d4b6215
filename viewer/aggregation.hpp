#pragma once
// How the map draws incidents: one marker each, folded into clusters where they would overlap; a heatmap; or
// hexbins (incident_density.hpp). Plain data: the view file, `render --style` and UI scripts name it.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace incidentmap::viewer {

enum class Aggregation : std::uint8_t { clusters, heatmap, hexbins };
inline constexpr std::array<Aggregation, 3> kAggregations{Aggregation::clusters, Aggregation::heatmap, Aggregation::hexbins};

// "clusters", "heatmap", "hexbins".
constexpr const char* aggregation_name(Aggregation a) {
    switch (a) {
        case Aggregation::clusters: return "clusters";
        case Aggregation::heatmap: return "heatmap";
        case Aggregation::hexbins: return "hexbins";
    }
    return "clusters";
}

inline std::optional<Aggregation> parse_aggregation(std::string_view name) {
    for (const Aggregation a : kAggregations)
        if (name == aggregation_name(a)) return a;
    return std::nullopt;
}

}  // namespace incidentmap::viewer
