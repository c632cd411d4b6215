#include "viewer/incident_density.hpp"

#include <algorithm>
#include <cmath>

namespace incidentmap::viewer {

core::io::Rgba density_color(double t) {
    // Yellow to dark red through orange (ColorBrewer's YlOrRd), apart from the severity colours by hue and order.
    struct Stop {
        double t;
        double r, g, b;
    };
    static constexpr Stop kStops[] = {{0.0, 255, 237, 160}, {0.25, 254, 178, 76}, {0.5, 253, 141, 60},
                                      {0.75, 227, 26, 28},  {1.0, 128, 0, 38}};
    const double x = std::clamp(t, 0.0, 1.0);
    std::size_t k = 0;
    while (k + 2 < std::size(kStops) && x > kStops[k + 1].t) ++k;
    const Stop& a = kStops[k];
    const Stop& b = kStops[k + 1];
    const double f = (x - a.t) / (b.t - a.t);
    auto mix = [&](double u, double v) { return static_cast<std::uint8_t>(std::lround(u + (v - u) * f)); };
    return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255};
}

namespace {

// The world copies of Mercator x (within +-half a world) that fall in [lo, hi]: x + k * width for k in [k0, k1].
struct Copies {
    std::int64_t k0, k1;
};
Copies copies_in(double x, double lo, double hi) {
    // The common case first: a view within the one world shows each point once, where it is.
    if (lo >= -MapCamera::kHalfWorld && hi <= MapCamera::kHalfWorld) return x >= lo && x <= hi ? Copies{0, 0} : Copies{1, 0};
    // A view reaching across the antimeridian spans a few worlds at most: steps, no division.
    const double w = MapCamera::kWorldWidth;
    if (hi - lo > 8 * w) return {static_cast<std::int64_t>(std::ceil((lo - x) / w)), static_cast<std::int64_t>(std::floor((hi - x) / w))};
    std::int64_t k0 = 0;
    double v = x;
    while (v - w >= lo) v -= w, --k0;
    while (v < lo) v += w, ++k0;
    std::int64_t k1 = k0 - 1;
    for (; v <= hi; v += w) ++k1;
    return {k0, k1};
}

// One box blur of radius r along rows (stride 1) or columns (stride = width), zero beyond the edges: a running sum.
void box_blur(const std::vector<float>& in, std::vector<float>& out, int width, int height, int r, bool along_rows) {
    const int lines = along_rows ? height : width, length = along_rows ? width : height;
    const std::size_t step = along_rows ? 1 : static_cast<std::size_t>(width);
    const float norm = 1.0f / static_cast<float>(2 * r + 1);
    for (int line = 0; line < lines; ++line) {
        const std::size_t base = along_rows ? static_cast<std::size_t>(line) * static_cast<std::size_t>(width) : static_cast<std::size_t>(line);
        float sum = 0;
        for (int i = 0; i < std::min(r, length); ++i) sum += in[base + static_cast<std::size_t>(i) * step];
        for (int i = 0; i < length; ++i) {
            if (i + r < length) sum += in[base + static_cast<std::size_t>(i + r) * step];
            if (i - r - 1 >= 0) sum -= in[base + static_cast<std::size_t>(i - r - 1) * step];
            out[base + static_cast<std::size_t>(i) * step] = sum * norm;
        }
    }
}

}  // namespace

void Heatmap::build(const MercatorPoints& points, std::span<const std::uint32_t> shown, const MapCamera& camera, const Options& options) {
    const double cell = std::max(1.0, options.cell_px), reach = std::max(cell, options.radius_px);
    const int cols = std::max(1, static_cast<int>(std::ceil((camera.viewport_width() + 2 * reach) / cell)));
    const int rows = std::max(1, static_cast<int>(std::ceil((camera.viewport_height() + 2 * reach) / cell)));
    origin_ = {-reach, -reach};
    size_ = {cols * cell, rows * cell};
    grid_.assign(static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows), 0.0f);
    scratch_.resize(grid_.size());
    counted_ = 0;

    // Cell of Mercator (x, y): columns from the grown view's west edge, rows from its north edge.
    const core::proj::XY nw = camera.screen_to_world(origin_);
    const double cell_m = cell * camera.meters_per_pixel();
    const double x_hi = nw.x + cols * cell_m, y_lo = nw.y - rows * cell_m;
    for (const std::uint32_t i : shown) {
        const double y = points.y[i];
        if (y > nw.y || y <= y_lo) continue;
        const auto row = static_cast<std::size_t>((nw.y - y) / cell_m);
        const Copies c = copies_in(points.x[i], nw.x, x_hi);
        for (std::int64_t k = c.k0; k <= c.k1; ++k) {
            const double x = points.x[i] + static_cast<double>(k) * MapCamera::kWorldWidth;
            const auto col = static_cast<std::size_t>((x - nw.x) / cell_m);
            if (col >= static_cast<std::size_t>(cols) || row >= static_cast<std::size_t>(rows)) continue;
            grid_[row * static_cast<std::size_t>(cols) + col] += 1.0f;
            ++counted_;
        }
    }

    // Three box passes each way approach a Gaussian of sigma = reach / 2: box width sqrt(4 sigma^2 + 1) in cells.
    const double sigma = reach / 2 / cell;
    const int r = std::max(1, static_cast<int>(std::lround((std::sqrt(4 * sigma * sigma + 1) - 1) / 2)));
    for (int pass = 0; pass < 3; ++pass) {
        box_blur(grid_, scratch_, cols, rows, r, true);
        box_blur(scratch_, grid_, cols, rows, r, false);
    }
    // A lone incident's peak: the centre of three boxes convolved, squared (both axes).
    const double w = 2 * r + 1;
    const double peak1 = (3 * w * w + 1) / 4 / (w * w * w);  // central coefficient of three boxes of odd width w
    const double unit = peak1 * peak1;

    peak_ = 0;
    for (const float v : grid_) peak_ = std::max(peak_, static_cast<double>(v) / unit);
    if (image_.width() != cols || image_.height() != rows) image_ = core::io::RgbaImage(cols, rows);
    const std::span<std::uint8_t> px = image_.pixels();
    // Empty cells take the scale's first colour, transparent: linear filtering then fades the edge to it, not to black.
    const core::io::Rgba none = [] { auto c = density_color(0); c[3] = 0; return c; }();
    for (std::size_t k = 0; k < px.size(); k += 4) std::copy(none.begin(), none.end(), px.begin() + static_cast<std::ptrdiff_t>(k));
    const double top = std::log1p(std::max(peak_, 1.0));
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const double d = grid_[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(x)] / unit;
            if (d < 0.02) continue;  // left transparent
            const double t = std::log1p(d) / top;
            core::io::Rgba c = density_color(t);
            // Faint at the fringe of a lone incident, most of the way opaque from a fifth of the scale up.
            c[3] = static_cast<std::uint8_t>(std::lround(230 * std::min(1.0, 0.25 + t / 0.2) * std::min(1.0, d / 0.3)));
            std::copy(c.begin(), c.end(), px.begin() + (static_cast<std::ptrdiff_t>(y) * cols + x) * 4);
        }
}

HexbinBuilder::Key HexbinBuilder::key_of(double x, double y) const {
    // u eastwards, v southwards from the square's north-west corner; pointy-top axial coordinates, cube-rounded,
    // then odd-row offset coordinates.
    const double u = x + MapCamera::kHalfWorld, v = MapCamera::kHalfWorld - y;
    const double q = (std::sqrt(3.0) / 3 * u - v / 3) / radius_m_, r = (2.0 / 3 * v) / radius_m_;
    double rx = std::round(q), rz = std::round(r), ry = std::round(-q - r);
    const double dx = std::abs(rx - q), dz = std::abs(rz - r), dy = std::abs(ry + q + r);
    if (dx > dy && dx > dz) rx = -ry - rz;
    else if (dz >= dy) rz = -rx - ry;
    const auto row = static_cast<std::int64_t>(rz), aq = static_cast<std::int64_t>(rx);
    return {row, aq + (row - (row & 1)) / 2};
}

std::span<const Hexbin> HexbinBuilder::build(const MercatorPoints& points, std::span<const std::uint32_t> shown, const core::IncidentSet& set,
                                             const MapCamera& camera, double radius_px, std::uint64_t points_version) {
    hexes_.clear();
    max_count_ = 0;
    const double mpp = camera.meters_per_pixel();
    screen_origin_ = camera.screen_to_world({0, 0});
    mpp_ = mpp;
    radius_m_ = std::exp2(std::ceil(std::log2(std::max(1.0, radius_px) * mpp)));
    radius_px_ = radius_m_ / mpp;
    const double dx = std::sqrt(3.0) * radius_m_, dy = 1.5 * radius_m_;

    // The hexagons that reach into the view, in offset coordinates; the incidents counted are those in them.
    const WorldBox view = camera.visible_box(2 * radius_px_);
    row0_ = static_cast<std::int64_t>(std::floor((MapCamera::kHalfWorld - view.max_y) / dy)) - 1;
    const std::int64_t row1 = static_cast<std::int64_t>(std::ceil((MapCamera::kHalfWorld - view.min_y) / dy)) + 1;
    col0_ = static_cast<std::int64_t>(std::floor((view.min_x + MapCamera::kHalfWorld) / dx)) - 1;
    const std::int64_t col1 = static_cast<std::int64_t>(std::ceil((view.max_x + MapCamera::kHalfWorld) / dx)) + 1;
    rows_ = row1 - row0_ + 1;
    cols_ = col1 - col0_ + 1;
    if (rows_ <= 0 || cols_ <= 0 || rows_ * cols_ > 4'000'000) return {};
    slot_.assign(static_cast<std::size_t>(rows_ * cols_), 0);

    // Each incident's hexagon where it lies (world copy 0), kept while the size and the points stay the same: a
    // pan only counts.
    if (keyed_radius_m_ != radius_m_ || keyed_version_ != points_version || keyed_rows_.size() != points.x.size()) {
        keyed_rows_.resize(points.x.size());
        keyed_cols_.resize(points.x.size());
        for (std::size_t i = 0; i < points.x.size(); ++i) {
            const Key key = key_of(points.x[i], points.y[i]);
            keyed_rows_[i] = static_cast<std::int32_t>(key.row);
            keyed_cols_[i] = static_cast<std::int32_t>(key.column);
        }
        keyed_radius_m_ = radius_m_;
        keyed_version_ = points_version;
    }
    const auto severities = set.severities();
    for (const std::uint32_t i : shown) {
        const double y = points.y[i];
        if (y < view.min_y || y > view.max_y) continue;
        const Copies c = copies_in(points.x[i], view.min_x, view.max_x);
        for (std::int64_t k = c.k0; k <= c.k1; ++k) {
            const Key key = k == 0 ? Key{keyed_rows_[i], keyed_cols_[i]} : key_of(points.x[i] + static_cast<double>(k) * MapCamera::kWorldWidth, y);
            const std::int64_t rr = key.row - row0_, cc = key.column - col0_;
            if (rr < 0 || rr >= rows_ || cc < 0 || cc >= cols_) continue;
            std::uint32_t& s = slot_[static_cast<std::size_t>(rr * cols_ + cc)];
            if (s == 0) {
                Hexbin h;
                h.first = i;
                h.row = key.row;
                h.column = key.column;
                const double u = dx * (static_cast<double>(key.column) + 0.5 * static_cast<double>(key.row & 1)), v = dy * static_cast<double>(key.row);
                h.at = camera.world_to_screen({u - MapCamera::kHalfWorld, MapCamera::kHalfWorld - v});
                hexes_.push_back(h);
                s = static_cast<std::uint32_t>(hexes_.size());
            }
            Hexbin& h = hexes_[s - 1];
            ++h.count;
            ++h.by_severity[static_cast<std::size_t>(core::rank(severities[i]))];
            max_count_ = std::max(max_count_, h.count);
        }
    }
    return hexes_;
}

const Hexbin* HexbinBuilder::at(ScreenPoint p) const {
    if (hexes_.empty()) return nullptr;
    const Key key = key_of(screen_origin_.x + p.x * mpp_, screen_origin_.y - p.y * mpp_);
    const std::int64_t rr = key.row - row0_, cc = key.column - col0_;
    if (rr < 0 || rr >= rows_ || cc < 0 || cc >= cols_) return nullptr;
    const std::uint32_t s = slot_[static_cast<std::size_t>(rr * cols_ + cc)];
    return s ? &hexes_[s - 1] : nullptr;
}

std::vector<std::uint32_t> HexbinBuilder::members(const Hexbin& hex, const MercatorPoints& points, std::span<const std::uint32_t> shown) const {
    std::vector<std::uint32_t> out;
    if (radius_m_ <= 0) return out;
    const double centre_x = std::sqrt(3.0) * radius_m_ * (static_cast<double>(hex.column) + 0.5 * static_cast<double>(hex.row & 1)) - MapCamera::kHalfWorld;
    for (const std::uint32_t i : shown) {
        // The world copy of the incident nearest the hexagon.
        const double x = points.x[i] + MapCamera::kWorldWidth * std::round((centre_x - points.x[i]) / MapCamera::kWorldWidth);
        const Key key = key_of(x, points.y[i]);
        if (key.row == hex.row && key.column == hex.column) out.push_back(i);
    }
    return out;
}

}  // namespace incidentmap::viewer
