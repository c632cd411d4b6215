#include "core/lat_lon.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace incidentmap::core {

namespace {

constexpr std::int64_t kMaxLatE7 = 90LL * LatLon::kScale;
constexpr std::int64_t kMaxLonE7 = 180LL * LatLon::kScale;

std::optional<std::int32_t> to_e7(double deg, std::int64_t limit) {
    if (!std::isfinite(deg)) return std::nullopt;
    const double scaled = std::round(deg * LatLon::kScale);
    if (scaled < -static_cast<double>(limit) || scaled > static_cast<double>(limit)) return std::nullopt;
    return static_cast<std::int32_t>(scaled);
}

double radians(double deg) { return deg * std::numbers::pi / 180.0; }

}  // namespace

std::optional<LatLon> LatLon::try_degrees(double lat, double lon) {
    const auto la = to_e7(lat, kMaxLatE7);
    const auto lo = to_e7(lon, kMaxLonE7);
    if (!la || !lo) return std::nullopt;
    return LatLon(*la, *lo);
}

LatLon LatLon::degrees(double lat, double lon) {
    if (auto p = try_degrees(lat, lon)) return *p;
    char buf[160];
    std::snprintf(buf, sizeof buf, "coordinate out of range: lat %.9g, lon %.9g (lat must be in [-90, 90], lon in [-180, 180])",
                  lat, lon);
    throw InvalidCoordinate(buf);
}

std::optional<LatLon> LatLon::try_e7(std::int32_t lat_e7, std::int32_t lon_e7) {
    if (std::abs(static_cast<std::int64_t>(lat_e7)) > kMaxLatE7) return std::nullopt;
    if (std::abs(static_cast<std::int64_t>(lon_e7)) > kMaxLonE7) return std::nullopt;
    return LatLon(lat_e7, lon_e7);
}

LatLon LatLon::e7(std::int32_t lat_e7, std::int32_t lon_e7) {
    if (auto p = try_e7(lat_e7, lon_e7)) return *p;
    throw InvalidCoordinate("coordinate out of range: lat_e7 " + std::to_string(lat_e7) + ", lon_e7 " +
                            std::to_string(lon_e7));
}

std::string LatLon::to_string() const {
    char buf[32];
    auto put = [](char* p, std::int32_t v) {
        if (v < 0) *p++ = '-';
        const std::int64_t a = std::abs(static_cast<std::int64_t>(v));
        return p + std::sprintf(p, "%lld.%07lld", static_cast<long long>(a / kScale), static_cast<long long>(a % kScale));
    };
    char* p = put(buf, lat_e7_);
    *p++ = ',';
    p = put(p, lon_e7_);
    return std::string(buf, p);
}

Meters distance(LatLon a, LatLon b) {
    const double p1 = radians(a.lat_deg());
    const double p2 = radians(b.lat_deg());
    const double dp = p2 - p1;
    const double dl = radians(b.lon_deg() - a.lon_deg());
    const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return kEarthMeanRadius * (2.0 * std::asin(std::min(1.0, std::sqrt(h))));
}

LatLon destination(LatLon from, double bearing_deg, Meters d) {
    const double p1 = radians(from.lat_deg()), l1 = radians(from.lon_deg());
    const double delta = d.value() / kEarthMeanRadius.value(), theta = radians(bearing_deg);
    const double sin_p2 = std::clamp(std::sin(p1) * std::cos(delta) + std::cos(p1) * std::sin(delta) * std::cos(theta), -1.0, 1.0);
    const double p2 = std::asin(sin_p2);
    const double l2 = l1 + std::atan2(std::sin(theta) * std::sin(delta) * std::cos(p1), std::cos(delta) - std::sin(p1) * sin_p2);
    double lon = std::remainder(l2 * 180.0 / std::numbers::pi, 360.0);  // [-180, 180]
    return LatLon::degrees(std::clamp(p2 * 180.0 / std::numbers::pi, -90.0, 90.0), std::clamp(lon, -180.0, 180.0));
}

std::optional<LatLon> parse_lat_lon(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    auto parse = [](std::string_view s) -> std::optional<double> {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        if (!s.empty() && s.front() == '+') s.remove_prefix(1);
        double v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
        return v;
    };
    const std::string_view all(text);
    const auto lat = parse(all.substr(0, comma));
    const auto lon = parse(all.substr(comma + 1));
    if (!lat || !lon) return std::nullopt;
    return LatLon::try_degrees(*lat, *lon);
}

}  // namespace incidentmap::core
