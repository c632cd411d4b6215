#pragma once
// The incidents the map shows as a density rather than as markers, for data too dense to read one by one: a
// heatmap (a kernel density on the screen) and hexbins (counts in hexagons fixed to the ground). No ImGui and no
// GL: the window, `render`, the tests and the benchmarks compute them the same way; IncidentLayer draws them.
//
// Heatmap: the shown incidents inside the view (grown by the kernel's reach, so that the edges do not fade) are
// counted on a grid of `cell_px` screen cells, blurred by three box passes (a close approximation of a Gaussian of
// the given radius, O(cells) whatever the radius) and coloured from transparent yellow to dark red on a
// logarithmic scale of the densest cell in view: a lone incident still shows, a capital's thousands do not burn
// out the rest. The grid is anchored to the screen, drawn with linear filtering: no grid appears.
//
// Hexbins: pointy-top hexagons whose size is fixed on the ground at each power of two (so that they do not move
// while the map pans and halve from zoom level to zoom level), between `radius_px` and twice that on screen. Each
// holds the count and the severity mix of its incidents; they are coloured on the same scale as the heatmap.
//
// Guarantees:
//  - Every shown incident inside the view is counted once per world copy on screen (as markers are).
//  - One pass over the shown incidents and one over the cells: O(k + cells), no allocation once warm.

#include "core/io/rgba_image.hpp"
#include "core/severity.hpp"
#include "viewer/aggregation.hpp"
#include "viewer/incident_markers.hpp"
#include "viewer/map_camera.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace incidentmap::viewer {

// The colour of a density at t in [0, 1] of the scale (0 the least, 1 the densest in view): the ramp the heatmap,
// the hexbins and their legend share. Alpha rises from 0 with t for the heatmap; hexbins draw it opaque.
core::io::Rgba density_color(double t);

class Heatmap {
public:
    struct Options {
        double cell_px = 4;     // the grid's cell: the image is the viewport divided by this
        double radius_px = 22;  // the kernel's reach (about two standard deviations)
    };
    // Builds the density of `shown` (indices into `points`) for `camera`.
    void build(const MercatorPoints& points, std::span<const std::uint32_t> shown, const MapCamera& camera, const Options& options);

    // The coloured density, one pixel per cell, to be stretched over [origin, origin + size] on screen.
    const core::io::RgbaImage& image() const { return image_; }
    ScreenPoint origin() const { return origin_; }
    ScreenPoint size() const { return size_; }
    // The densest cell in view, in incidents per kernel (a lone incident's peak is 1): the top of the legend.
    double peak() const { return peak_; }
    std::size_t counted() const { return counted_; }

private:
    std::vector<float> grid_, scratch_;
    core::io::RgbaImage image_{1, 1};
    ScreenPoint origin_{}, size_{};
    double peak_ = 0;
    std::size_t counted_ = 0;
};

struct Hexbin {
    ScreenPoint at;  // the hexagon's centre on screen
    std::uint32_t count = 0;
    std::uint32_t first = 0;  // its first incident (an IncidentSet index)
    std::array<std::uint32_t, core::kSeverityCount> by_severity{};
    std::int64_t row = 0, column = 0;  // the hexagon on its ground grid (offset coordinates, columns unwrapped)
};

class HexbinBuilder {
public:
    // Folds `shown` into hexagons for `camera`, the hexagons radius_px to 2 * radius_px across on screen.
    // `points_version` changes whenever `points` do: each point's hexagon is kept between builds at one size.
    std::span<const Hexbin> build(const MercatorPoints& points, std::span<const std::uint32_t> shown, const core::IncidentSet& set,
                                  const MapCamera& camera, double radius_px = 18, std::uint64_t points_version = 0);
    // The hexagons' circumradius on screen in the last build.
    double radius_px() const { return radius_px_; }
    std::uint32_t max_count() const { return max_count_; }
    // The hexagon of the last build whose area holds `p`; nullptr when none does.
    const Hexbin* at(ScreenPoint p) const;
    // Its incidents, ascending.
    std::vector<std::uint32_t> members(const Hexbin& hex, const MercatorPoints& points, std::span<const std::uint32_t> shown) const;

private:
    struct Key {
        std::int64_t row, column;
    };
    Key key_of(double x, double y) const;  // the hexagon of Mercator metres (x unwrapped)

    std::vector<std::uint32_t> slot_;  // per grid position in view: 1 + index into hexes_, or 0
    std::vector<std::int32_t> keyed_rows_, keyed_cols_;  // each point's hexagon in world copy 0 (under 2^31 at any zoom) ...
    double keyed_radius_m_ = 0;                          // ... at this size ...
    std::uint64_t keyed_version_ = ~std::uint64_t{0};    // ... for these points
    std::vector<Hexbin> hexes_;
    std::int64_t row0_ = 0, col0_ = 0, rows_ = 0, cols_ = 0;
    double radius_m_ = 0, radius_px_ = 0;
    std::uint32_t max_count_ = 0;
    core::proj::XY screen_origin_{};  // the world point at screen (0, 0) in the last build
    double mpp_ = 1;
};

}  // namespace incidentmap::viewer
