#pragma once
// Stable lowercase names for small enums whose values run 0..N-1: one table per enum, looked up both ways.

#include <array>
#include <optional>
#include <string_view>

namespace incidentmap::core::detail {

template <typename Enum, std::size_t N>
std::string_view enum_name(const std::array<std::string_view, N>& names, Enum value) {
    return names[static_cast<std::size_t>(value)];
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == text) return static_cast<Enum>(i);
    return std::nullopt;
}

}  // namespace incidentmap::core::detail
