#pragma once
// The incidents the map shows, folded into the markers a person can see: one marker per incident where markers
// stand apart, one counted cluster where they would overlap (the level of detail Tracy uses for sub-pixel zones).
// No ImGui and no GL: the window, `render`, the tests and the benchmarks compute markers the same way.
//
// How: the Web Mercator square is cut into 2^k x 2^k square cells, k the largest level whose cells are at least
// `cell_px` pixels wide. An incident falls in one cell; a cell holding one incident gives a marker at the
// incident, a cell holding several a cluster at their mean position. Cells anchored at the square's corner and
// halved from level to level keep clusters still while the map pans and stable between zoom steps.
// Positions are kept as 32-bit grid coordinates over the square (MercatorPoints::gx, gy), so that a cell is a
// prefix of their bits and the pass over a million incidents is integer shifts and masks, world wrap included
// (unsigned arithmetic wraps round the antimeridian by itself).
//
// Guarantees:
//  - Every shown incident inside the view (grown by `margin_px`) is counted in exactly one marker per world copy
//    on screen (the view may show the world several times when zoomed out); incidents outside are culled.
//  - No two markers overlap: after the cells, markers whose discs would touch fold into the larger, largest first
//    (as supercluster does), so that dense data shows separate clusters at their incidents' mean, not the cells'
//    square grid.
//  - Markers come ordered by severity, least grave first, so that the gravest draw on top.
//  - One pass over the shown incidents and one over the cells: O(k + cells), no allocation once warm.
// The Mercator positions are computed once per incident set (MercatorPoints) with the spherical formulas of
// EPSG:3857, clamped to its latitude limit.

#include "core/incident_set.hpp"
#include "core/lat_lon.hpp"
#include "core/severity.hpp"
#include "viewer/map_camera.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace incidentmap::viewer {

// Web Mercator x and y of each incident, computed once when the set changes, and the same on the 2^32 grid over
// the Mercator square: gx eastwards from the antimeridian, gy southwards from the square's north edge.
struct MercatorPoints {
    std::vector<double> x, y;
    std::vector<std::uint32_t> gx, gy;

    void assign(std::span<const core::LatLon> locations);
    void set(std::size_t i, core::LatLon location);
};

// EPSG:3857 metres of a point (spherical formulas; latitudes beyond +-85.0511 clamped).
core::proj::XY mercator(core::LatLon p);

struct Marker {
    ScreenPoint at;                 // centre on screen
    std::uint32_t count = 0;        // incidents in the marker; 1 is a single incident
    std::uint32_t first = 0;        // the first of them (an IncidentSet index): the incident when count == 1
    core::Severity severity{};      // the gravest among them
    std::int64_t casualties = 0;    // killed plus wounded, as far as reported
    std::array<std::uint32_t, core::kSeverityCount> by_severity{};
    double spread_px = 0;           // the larger side of the box its incidents span, in pixels
    std::int64_t cell_x = 0, cell_y = 0;  // the cell (column unwrapped: a world copy east or west), to list its incidents
    std::uint32_t folded_from = 0, folded = 0;  // the other cells folded into it: MarkerBuilder's list, [from, from + n)
};

struct MarkerOptions {
    double cell_px = 28;    // clusters form where incidents lie closer than about this
    double margin_px = 30;  // markers reaching into the view from outside still drawn
    float scale = 1;        // marker sizes (marker_radius) times this: what the overlap test measures
};

class MarkerBuilder {
public:
    // Folds `shown` (indices into `points`) into markers for `camera`. The result is valid until the next build().
    std::span<const Marker> build(const MercatorPoints& points, std::span<const std::uint32_t> shown,
                                  const core::IncidentSet& set, const MapCamera& camera, const MarkerOptions& options = {});
    // The incidents of `marker` from the last build(), ascending.
    std::vector<std::uint32_t> members(const Marker& marker, const MercatorPoints& points,
                                       std::span<const std::uint32_t> shown) const;
    // The side of the last build's cells, in Mercator metres.
    double cell_meters() const { return cell_m_; }

private:
    void fold_overlapping(float scale);

    struct Cell {
        std::uint32_t count = 0;
        std::uint32_t first = 0;
        std::int64_t sum_x = 0, sum_y = 0;  // unwrapped grid coordinates
        std::uint32_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
        std::int64_t casualties = 0;
        std::array<std::uint32_t, core::kSeverityCount> by_severity{};
    };
    std::vector<Cell> cells_;
    std::vector<std::uint32_t> touched_;
    std::vector<Marker> markers_;
    std::vector<std::pair<std::int64_t, std::int64_t>> folded_cells_;  // cells folded into other markers, by marker
    std::vector<std::uint32_t> order_, into_;                          // reused by fold_overlapping
    double cell_m_ = 0;
    int shift_ = 32;  // a cell is 2^shift_ grid units wide
};

// The marker's radius in pixels at scale 1: a single incident grows with its casualties (square root, capped), a
// cluster with the logarithm of its count and never less than its printed count needs (short_count's characters).
float marker_radius(const Marker& marker);

}  // namespace incidentmap::viewer
