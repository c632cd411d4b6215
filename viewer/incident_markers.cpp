#include "viewer/incident_markers.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incidentmap::viewer {

namespace {
constexpr double kEarthRadius = MapCamera::kWorldWidth / (2 * std::numbers::pi);
constexpr float kMaxClusterRadius = 26;
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
    fold_overlapping(options.scale);
    std::stable_sort(markers_.begin(), markers_.end(),
                     [](const Marker& a, const Marker& b) { return core::rank(a.severity) < core::rank(b.severity); });
    return markers_;
}

void MarkerBuilder::fold_overlapping(float scale) {
    folded_cells_.clear();
    const std::size_t n = markers_.size();
    if (n < 2) return;
    constexpr std::uint32_t kNone = ~std::uint32_t{0};
    // into_[i]: the marker i folded into (kNone while it stands); markers_[i] of a standing marker holds the sum of
    // everything folded into it. A host grows as it takes its neighbours in and may then reach another: the passes
    // repeat until none folds (a few at most).
    into_.assign(n, kNone);
    constexpr float kGap = 2;  // pixels kept between discs
    const double bucket = 2 * (kMaxClusterRadius + 3 + kGap) * scale;
    auto reach = [&](const Marker& m) { return (marker_radius(m) + (m.count > 1 ? 3.0f : 0.0f)) * scale; };
    std::vector<std::vector<std::uint32_t>> buckets;
    for (int pass = 0; pass < 6; ++pass) {
        // Largest first (ties: the cell order, so that the result does not depend on the sort's whims).
        order_.clear();
        for (std::uint32_t i = 0; i < n; ++i)
            if (into_[i] == kNone) order_.push_back(i);
        std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
            return markers_[a].count != markers_[b].count ? markers_[a].count > markers_[b].count : a < b;
        });
        // Standing markers in buckets of the largest diameter: one overlapping another lies in the 3x3 around it.
        double x0 = markers_[order_[0]].at.x, y0 = markers_[order_[0]].at.y, x1 = x0, y1 = y0;
        for (const std::uint32_t i : order_) {
            x0 = std::min(x0, markers_[i].at.x), x1 = std::max(x1, markers_[i].at.x);
            y0 = std::min(y0, markers_[i].at.y), y1 = std::max(y1, markers_[i].at.y);
        }
        const auto bx = static_cast<std::int64_t>((x1 - x0) / bucket) + 1, by = static_cast<std::int64_t>((y1 - y0) / bucket) + 1;
        if (bx * by > 4 * static_cast<std::int64_t>(n) + 1024) return;  // spread over many screens: none can meet
        buckets.assign(static_cast<std::size_t>(bx * by), {});
        bool folded_any = false;
        for (const std::uint32_t i : order_) {
            Marker& m = markers_[i];
            const auto cx = static_cast<std::int64_t>((m.at.x - x0) / bucket), cy = static_cast<std::int64_t>((m.at.y - y0) / bucket);
            std::uint32_t host = kNone;
            for (std::int64_t yy = std::max<std::int64_t>(0, cy - 1); yy <= std::min(by - 1, cy + 1) && host == kNone; ++yy)
                for (std::int64_t xx = std::max<std::int64_t>(0, cx - 1); xx <= std::min(bx - 1, cx + 1) && host == kNone; ++xx)
                    for (const std::uint32_t k : buckets[static_cast<std::size_t>(yy * bx + xx)]) {
                        const Marker& o = markers_[k];
                        const double dx = o.at.x - m.at.x, dy = o.at.y - m.at.y, r = reach(o) + reach(m) + kGap * scale;
                        if (dx * dx + dy * dy < r * r) {
                            host = k;
                            break;
                        }
                    }
            if (host == kNone) {
                buckets[static_cast<std::size_t>(cy * bx + cx)].push_back(i);
                continue;
            }
            folded_any = true;
            into_[i] = host;
            Marker& h = markers_[host];
            const double w = static_cast<double>(m.count) / static_cast<double>(h.count + m.count);
            const double spread = std::hypot(m.at.x - h.at.x, m.at.y - h.at.y) + std::max(h.spread_px, m.spread_px);
            h.at = {h.at.x + (m.at.x - h.at.x) * w, h.at.y + (m.at.y - h.at.y) * w};
            h.count += m.count;
            h.first = std::min(h.first, m.first);
            h.casualties += m.casualties;
            for (std::size_t s = 0; s < h.by_severity.size(); ++s) h.by_severity[s] += m.by_severity[s];
            if (core::rank(m.severity) > core::rank(h.severity)) h.severity = m.severity;
            h.spread_px = spread;
        }
        if (!folded_any) break;
    }
    // Each folded marker's cell, listed under the standing marker it ended in; the folded markers go.
    auto root = [&](std::uint32_t i) {
        while (into_[i] != kNone) i = into_[i];
        return i;
    };
    std::vector<std::pair<std::uint32_t, std::uint32_t>> folded;  // (root, marker)
    for (std::uint32_t i = 0; i < n; ++i)
        if (into_[i] != kNone) folded.emplace_back(root(i), i);
    std::sort(folded.begin(), folded.end());
    for (const auto& [r, i] : folded) {
        Marker& h = markers_[r];
        if (h.folded == 0) h.folded_from = static_cast<std::uint32_t>(folded_cells_.size());
        ++h.folded;
        folded_cells_.emplace_back(markers_[i].cell_x, markers_[i].cell_y);
    }
    std::size_t out = 0;
    for (std::uint32_t i = 0; i < n; ++i)
        if (into_[i] == kNone) markers_[out++] = markers_[i];
    markers_.resize(out);
}

std::vector<std::uint32_t> MarkerBuilder::members(const Marker& marker, const MercatorPoints& points,
                                                  std::span<const std::uint32_t> shown) const {
    std::vector<std::uint32_t> out;
    if (cell_m_ <= 0) return out;
    // The marker's cell in the world the grid covers (its column taken round the world).
    const std::uint64_t columns_mask = (std::uint64_t{1} << (32 - shift_)) - 1;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cells{{static_cast<std::uint32_t>(static_cast<std::uint64_t>(marker.cell_x) & columns_mask),
                                                                static_cast<std::uint32_t>(marker.cell_y)}};
    for (std::uint32_t k = marker.folded_from; k < marker.folded_from + marker.folded && k < folded_cells_.size(); ++k)
        cells.emplace_back(static_cast<std::uint32_t>(static_cast<std::uint64_t>(folded_cells_[k].first) & columns_mask),
                           static_cast<std::uint32_t>(folded_cells_[k].second));
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());  // two world copies of one cell
    for (const std::uint32_t i : shown)
        if (std::binary_search(cells.begin(), cells.end(), std::pair{points.gx[i] >> shift_, points.gy[i] >> shift_})) out.push_back(i);
    return out;
}

float marker_radius(const Marker& marker) {
    if (marker.count <= 1)
        return std::min(5.0f + 1.6f * std::sqrt(static_cast<float>(marker.casualties)), 16.0f);
    // short_count prints at most 4 characters ("1.2k"); each needs about 4 px of radius beside the ring.
    const float characters = marker.count < 10 ? 1.0f : marker.count < 100 ? 2.0f : marker.count < 1000 ? 3.0f : 4.0f;
    return std::min(std::max(8.0f + 2.2f * std::log2(static_cast<float>(marker.count)), 7.0f + 4.0f * characters), kMaxClusterRadius);
}

}  // namespace incidentmap::viewer
