#pragma once
// A point on the WGS84 ellipsoid, stored as two int32 in units of 1e-7 degree (about 1.1 cm at the equator).
//
// Guarantees:
//  - A LatLon always holds a valid position: latitude in [-90, 90], longitude in [-180, 180]. Constructors that
//    could produce anything else either throw InvalidCoordinate (degrees(), e7()) or return std::nullopt
//    (try_degrees(), try_e7()). NaN and infinities are rejected.
//  - Degrees are rounded to the nearest 1e-7; lat_deg()/lon_deg() return exactly the stored value, so a round trip
//    through degrees is stable after the first conversion.
//  - 8 bytes, trivially copyable, ordered (latitude first), hashable through e7 values.
// It does not normalise longitudes (181 is rejected, not wrapped) and says nothing about datums other than WGS84.

#include "core/meters.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace incidentmap::core {

class InvalidCoordinate : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class LatLon {
public:
    static constexpr std::int32_t kScale = 10'000'000;  // units per degree

    // Null Island (0, 0): a valid point, used only as the default value of containers.
    constexpr LatLon() = default;

    static LatLon degrees(double lat, double lon);                       // throws InvalidCoordinate
    static std::optional<LatLon> try_degrees(double lat, double lon);    // nullopt when out of range or not finite
    static LatLon e7(std::int32_t lat_e7, std::int32_t lon_e7);          // throws InvalidCoordinate
    static std::optional<LatLon> try_e7(std::int32_t lat_e7, std::int32_t lon_e7);

    constexpr std::int32_t lat_e7() const { return lat_e7_; }
    constexpr std::int32_t lon_e7() const { return lon_e7_; }
    constexpr double lat_deg() const { return static_cast<double>(lat_e7_) / kScale; }
    constexpr double lon_deg() const { return static_cast<double>(lon_e7_) / kScale; }

    // "43.2500000,76.9166700": latitude first, 7 decimals, '.' as separator whatever the locale.
    std::string to_string() const;

    constexpr auto operator<=>(const LatLon&) const = default;

private:
    constexpr LatLon(std::int32_t lat_e7, std::int32_t lon_e7) : lat_e7_(lat_e7), lon_e7_(lon_e7) {}

    std::int32_t lat_e7_ = 0;
    std::int32_t lon_e7_ = 0;
};

static_assert(sizeof(LatLon) == 8);

// Mean Earth radius (IUGG R1), the sphere that great-circle distances are measured on.
inline constexpr Meters kEarthMeanRadius{6'371'008.8};

// Great-circle distance on the mean-radius sphere (haversine). Symmetric, zero for equal points, at most
// pi * kEarthMeanRadius. Differs from the ellipsoidal distance by up to about 0.5 %.
Meters distance(LatLon a, LatLon b);

// The point `d` along the great circle leaving `from` at `bearing_deg` (clockwise from north), on the same sphere:
// distance(from, destination(from, b, d)) == d up to rounding, for d up to half the circumference. Longitudes are
// given in [-180, 180].
LatLon destination(LatLon from, double bearing_deg, Meters d);

// Parses "LAT,LON" in decimal degrees ("43.25,76.92", spaces allowed around the comma). nullopt when malformed
// or out of range.
std::optional<LatLon> parse_lat_lon(const std::string& text);

}  // namespace incidentmap::core
