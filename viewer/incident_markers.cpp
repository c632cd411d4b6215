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

namespace {

constexpr double kGrid = 4294967296.0;  // 2^32 grid units across the Mercator square
constexpr std::int64_t kGridUnits = std::int64_t{1} << 32;

// Grid coordinate of Mercator metres `v` measured from the square's edge (0..kWorldWidth).
std::uint32_t to_grid(double v) {
    const double g = std::floor(v / MapCamera::kWorldWidth * kGrid);
    return static_cast<std::uint32_t>(std::clamp(g, 0.0, kGrid - 1));
}

// Unwrapped grid coordinate (may lie beyond the square when the view shows world copies) of Mercator metres.
std::int64_t unwrapped_grid_x(double x) { return static_cast<std::int64_t>(std::floor((x + MapCamera::kHalfWorld) / MapCamera::kWorldWidth * kGrid)); }
std::int64_t grid_y(double y) { return static_cast<std::int64_t>(std::floor((MapCamera::kHalfWorld - y) / MapCamera::kWorldWidth * kGrid)); }

}  // namespace

void MercatorPoints::assign(std::span<const core::LatLon> locations) {
    x.resize(locations.size());
    y.resize(locations.size());
    gx.resize(locations.size());
    gy.resize(locations.size());
    for (std::size_t i = 0; i < locations.size(); ++i) set(i, locations[i]);
}

void MercatorPoints::set(std::size_t i, core::LatLon location) {
    const core::proj::XY m = mercator(location);
    x[i] = m.x;
    y[i] = m.y;
    gx[i] = to_grid(m.x + MapCamera::kHalfWorld);
    gy[i] = to_grid(MapCamera::kHalfWorld - m.y);
}

std::span<const Marker> MarkerBuilder::build(const MercatorPoints& points, std::span<const std::uint32_t> shown,
                                             const core::IncidentSet& set, const MapCamera& camera,
                                             const MarkerOptions& options) {
    markers_.clear();
    touched_.clear();
    // The level: the finest whose cells are at least cell_px wide.
    const double min_cell_m = options.cell_px * camera.meters_per_pixel();
    const int level = std::clamp(static_cast<int>(std::floor(std::log2(MapCamera::kWorldWidth / min_cell_m))), 1, 31);
    shift_ = 32 - level;
    cell_m_ = MapCamera::kWorldWidth / std::exp2(level);
    const double units_per_meter = kGrid / MapCamera::kWorldWidth;

    // The view in grid units: x unwrapped (it may start west of the antimeridian and span several worlds), y clamped
    // to the square.
    const WorldBox view = camera.visible_box(options.margin_px);
    const std::int64_t vx0 = unwrapped_grid_x(view.min_x), vx1 = unwrapped_grid_x(view.max_x);
    const std::int64_t vy0 = std::max<std::int64_t>(grid_y(view.max_y), 0), vy1 = std::min<std::int64_t>(grid_y(view.min_y), kGridUnits - 1);
    if (vx1 < vx0 || vy1 < vy0) return markers_;
    const std::int64_t span = vx1 - vx0;
    const std::int64_t cx0 = vx0 >> shift_, cy0 = vy0 >> shift_;
    const std::int64_t cols = (vx1 >> shift_) - cx0 + 1, rows = (vy1 >> shift_) - cy0 + 1;
    cells_.assign(static_cast<std::size_t>(cols * rows), Cell{});

    const auto severities = set.severities();
    const auto fatalities = set.fatalities();
    const auto injured = set.injured();
    const auto west = static_cast<std::uint32_t>(vx0);  // the view's west edge, modulo the world
    for (const std::uint32_t i : shown) {
        const std::uint32_t gy = points.gy[i];
        if (gy < vy0 || gy > vy1) continue;
        // East of the view's west edge, round the world: unsigned subtraction wraps at the antimeridian.
        const std::int64_t d = static_cast<std::uint32_t>(points.gx[i] - west);
        if (d > span) continue;
        const auto row = static_cast<std::int64_t>(gy >> shift_) - cy0;
        for (std::int64_t u = vx0 + d; u <= vx1; u += kGridUnits) {  // every world copy in view
            const auto k = static_cast<std::uint32_t>(row * cols + ((u >> shift_) - cx0));
            Cell& c = cells_[k];
            if (c.count++ == 0) {
                c.first = i;
                c.min_x = c.max_x = points.gx[i];
                c.min_y = c.max_y = gy;
                touched_.push_back(k);
            } else {
                c.min_x = std::min(c.min_x, points.gx[i]);
                c.max_x = std::max(c.max_x, points.gx[i]);
                c.min_y = std::min(c.min_y, gy);
                c.max_y = std::max(c.max_y, gy);
            }
            c.sum_x += u;
            c.sum_y += gy;
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
        const double n = c.count;
        m.at = camera.world_to_screen({(static_cast<double>(c.sum_x) / n + 0.5) / units_per_meter - MapCamera::kHalfWorld,
                                       MapCamera::kHalfWorld - (static_cast<double>(c.sum_y) / n + 0.5) / units_per_meter});
        for (std::size_t s = c.by_severity.size(); s-- > 0;)
            if (c.by_severity[s] > 0) {
                m.severity = core::kAllSeverities[s];
                break;
            }
        m.casualties = c.casualties;
        m.by_severity = c.by_severity;
        m.spread_px = static_cast<double>(std::max(c.max_x - c.min_x, c.max_y - c.min_y)) / units_per_meter / camera.meters_per_pixel();
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
    // The marker's cell in the world the grid covers (its column taken round the world).
    const std::uint64_t columns_mask = (std::uint64_t{1} << (32 - shift_)) - 1;
    const auto col = static_cast<std::uint32_t>(static_cast<std::uint64_t>(marker.cell_x) & columns_mask);
    const auto row = static_cast<std::uint32_t>(marker.cell_y);
    for (const std::uint32_t i : shown)
        if ((points.gx[i] >> shift_) == col && (points.gy[i] >> shift_) == row) out.push_back(i);
    return out;
}

float marker_radius(const Marker& marker) {
    if (marker.count <= 1)
        return std::min(5.0f + 1.6f * std::sqrt(static_cast<float>(marker.casualties)), 16.0f);
    return std::min(8.0f + 2.2f * std::log2(static_cast<float>(marker.count)), 24.0f);
}

}  // namespace incidentmap::viewer
