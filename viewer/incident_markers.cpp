#include "viewer/incident_markers.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incidentmap::viewer {

namespace {
constexpr double kEarthRadius = MapCamera::kWorldWidth / (2 * std::numbers::pi);
constexpr double kMaxMercatorLat = 85.0511287798066;
}  // namespace

core::proj::XY mercator(core::LatLon p) {
    const double lat = std::clamp(p.lat_deg(), -kMaxMercatorLat, kMaxMercatorLat) * std::numbers::pi / 180;
    return {kEarthRadius * p.lon_deg() * std::numbers::pi / 180, kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + lat / 2))};
}

void MercatorPoints::assign(std::span<const core::LatLon> locations) {
    x.resize(locations.size());
    y.resize(locations.size());
    for (std::size_t i = 0; i < locations.size(); ++i) set(i, locations[i]);
}

void MercatorPoints::set(std::size_t i, core::LatLon location) {
    const core::proj::XY m = mercator(location);
    x[i] = m.x;
    y[i] = m.y;
}

std::span<const Marker> MarkerBuilder::build(const MercatorPoints& points, std::span<const std::uint32_t> shown,
                                             const core::IncidentSet& set, const MapCamera& camera,
                                             const MarkerOptions& options) {
    markers_.clear();
    touched_.clear();
    const double world = MapCamera::kWorldWidth;
    cell_m_ = std::exp2(std::ceil(std::log2(options.cell_px * camera.meters_per_pixel())));
    const WorldBox view = camera.visible_box(options.margin_px);
    const auto cx0 = static_cast<std::int64_t>(std::floor(view.min_x / cell_m_));
    const auto cy0 = static_cast<std::int64_t>(std::floor(view.min_y / cell_m_));
    const auto cols = static_cast<std::int64_t>(std::floor(view.max_x / cell_m_)) - cx0 + 1;
    const auto rows = static_cast<std::int64_t>(std::floor(view.max_y / cell_m_)) - cy0 + 1;
    cells_.assign(static_cast<std::size_t>(cols * rows), Cell{});

    const auto severities = set.severities();
    const auto fatalities = set.fatalities();
    const auto injured = set.injured();
    for (const std::uint32_t i : shown) {
        const double y = points.y[i];
        if (y < view.min_y || y > view.max_y) continue;
        // The first world copy at or east of the view's west edge, then every copy the view reaches.
        double x = points.x[i];
        x -= world * std::floor((x - view.min_x) / world);
        for (; x <= view.max_x; x += world) {
            const auto cx = static_cast<std::int64_t>(std::floor(x / cell_m_)) - cx0;
            const auto cy = static_cast<std::int64_t>(std::floor(y / cell_m_)) - cy0;
            const auto k = static_cast<std::uint32_t>(cy * cols + cx);
            Cell& c = cells_[k];
            if (c.count++ == 0) {
                c.first = i;
                c.min_x = c.max_x = x;
                c.min_y = c.max_y = y;
                touched_.push_back(k);
            } else {
                c.min_x = std::min(c.min_x, x);
                c.max_x = std::max(c.max_x, x);
                c.min_y = std::min(c.min_y, y);
                c.max_y = std::max(c.max_y, y);
            }
            c.sum_x += x;
            c.sum_y += y;
            ++c.by_severity[static_cast<std::size_t>(core::rank(severities[i]))];
            c.casualties += std::max(fatalities[i], 0) + std::max(injured[i], 0);
        }
    }

    markers_.reserve(touched_.size());
    for (const std::uint32_t k : touched_) {
        const Cell& c = cells_[k];
        Marker m;
        m.count = c.count;
        m.first = c.first;
        m.at = camera.world_to_screen({c.sum_x / c.count, c.sum_y / c.count});
        for (std::size_t s = c.by_severity.size(); s-- > 0;)
            if (c.by_severity[s] > 0) {
                m.severity = core::kAllSeverities[s];
                break;
            }
        m.casualties = c.casualties;
        m.by_severity = c.by_severity;
        m.spread_px = std::max(c.max_x - c.min_x, c.max_y - c.min_y) / camera.meters_per_pixel();
        m.cell_x = cx0 + static_cast<std::int64_t>(k % static_cast<std::uint64_t>(cols));
        m.cell_y = cy0 + static_cast<std::int64_t>(k / static_cast<std::uint64_t>(cols));
        markers_.push_back(m);
    }
    std::stable_sort(markers_.begin(), markers_.end(),
                     [](const Marker& a, const Marker& b) { return core::rank(a.severity) < core::rank(b.severity); });
    return markers_;
}

std::vector<std::uint32_t> MarkerBuilder::members(const Marker& marker, const MercatorPoints& points,
                                                  std::span<const std::uint32_t> shown) const {
    std::vector<std::uint32_t> out;
    if (cell_m_ <= 0) return out;
    const double world = MapCamera::kWorldWidth;
    const double west = static_cast<double>(marker.cell_x) * cell_m_;
    for (const std::uint32_t i : shown) {
        if (static_cast<std::int64_t>(std::floor(points.y[i] / cell_m_)) != marker.cell_y) continue;
        // The copy of the point that lies in the marker's world.
        double x = points.x[i];
        x -= world * std::floor((x - west) / world);
        if (static_cast<std::int64_t>(std::floor(x / cell_m_)) == marker.cell_x) out.push_back(i);
    }
    return out;
}

float marker_radius(const Marker& marker) {
    if (marker.count <= 1)
        return std::min(5.0f + 1.6f * std::sqrt(static_cast<float>(marker.casualties)), 16.0f);
    return std::min(8.0f + 2.2f * std::log2(static_cast<float>(marker.count)), 24.0f);
}

}  // namespace incidentmap::viewer
