#pragma once
// How precisely a location is known: the level of the place it was resolved to, and a radius in metres within which
// the true location lies with good confidence.
//
// Guarantees: levels are ordered from the most precise (landmark) to the least (country); the radius is finite and
// non-negative (construction throws std::invalid_argument otherwise). at() gives a level's typical radius for
// places whose extent is not known; within() takes a measured one (a country's size, a city's area).
// ACLED's geo_precision code (1 exact site or town, 2 near a town or part of a region, 3 region or country) follows
// from the level; "near" (2) is a property of the report, not of the place, and is set by the extractor.

#include "core/meters.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace incidentmap::core {

enum class GeoLevel : std::uint8_t { landmark, street, district, city, admin_region, country };

std::string_view to_string(GeoLevel level);
std::optional<GeoLevel> parse_geo_level(std::string_view name);

class GeoPrecision {
public:
    // The level's typical radius: landmark 100 m, street 500 m, district 2 km, city 10 km, admin region 100 km,
    // country 500 km.
    static GeoPrecision at(GeoLevel level);
    static GeoPrecision within(GeoLevel level, Meters radius);

    GeoLevel level() const { return level_; }
    Meters uncertainty() const { return radius_; }
    // ACLED geo_precision code: 1 for landmark to city, 3 for admin region and country.
    int acled_code() const;

    // True when this locates at least as finely as `other` (lower level, or same level with a smaller radius).
    bool finer_than_or_equal(const GeoPrecision& other) const;

    bool operator==(const GeoPrecision&) const = default;

private:
    GeoPrecision(GeoLevel level, Meters radius) : level_(level), radius_(radius) {}

    GeoLevel level_;
    Meters radius_;
};

}  // namespace incidentmap::core
