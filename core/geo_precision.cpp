#include "core/geo_precision.hpp"

#include "core/detail/enum_names.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace incidentmap::core {

namespace {
constexpr std::array<std::string_view, 6> kNames{"landmark", "street", "district", "city", "admin_region", "country"};
constexpr std::array<double, 6> kTypicalRadiusM{100, 500, 2'000, 10'000, 100'000, 500'000};
}  // namespace

std::string_view to_string(GeoLevel level) { return detail::enum_name(kNames, level); }

std::optional<GeoLevel> parse_geo_level(std::string_view name) { return detail::parse_enum<GeoLevel>(kNames, name); }

GeoPrecision GeoPrecision::at(GeoLevel level) {
    return GeoPrecision(level, Meters(kTypicalRadiusM[static_cast<std::size_t>(level)]));
}

GeoPrecision GeoPrecision::within(GeoLevel level, Meters radius) {
    if (!std::isfinite(radius.value()) || radius.value() < 0)
        throw std::invalid_argument("uncertainty radius must be finite and non-negative, got " + std::to_string(radius.value()) + " m");
    return GeoPrecision(level, radius);
}

int GeoPrecision::acled_code() const { return level_ <= GeoLevel::city ? 1 : 3; }

bool GeoPrecision::finer_than_or_equal(const GeoPrecision& other) const {
    if (level_ != other.level_) return level_ < other.level_;
    return radius_ <= other.radius_;
}

}  // namespace incidentmap::core
