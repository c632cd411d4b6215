#pragma once
// An axis-aligned box in Web Mercator metres (x east, y north), and the world copies that cover a view.
//
// A default box is empty (min > max) and intersects nothing; extend() grows it. Boxes are not wrapped: a box may
// reach past +-half the world width, which is how a view across the antimeridian is expressed.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace incidentmap::viewer {

struct WorldBox {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(min_x <= max_x && min_y <= max_y); }
    double width() const { return empty() ? 0 : max_x - min_x; }
    double height() const { return empty() ? 0 : max_y - min_y; }
    void extend(double x, double y) {
        min_x = std::min(min_x, x);
        min_y = std::min(min_y, y);
        max_x = std::max(max_x, x);
        max_y = std::max(max_y, y);
    }
    void extend(const WorldBox& b) {
        if (b.empty()) return;
        extend(b.min_x, b.min_y);
        extend(b.max_x, b.max_y);
    }
    bool intersects(const WorldBox& b) const {
        return !empty() && !b.empty() && min_x <= b.max_x && b.min_x <= max_x && min_y <= b.max_y && b.min_y <= max_y;
    }
    WorldBox shifted_x(double dx) const { return {min_x + dx, min_y, max_x + dx, max_y}; }
};

// The multiples of `world_width` by which `data` must be shifted to intersect `view`, west to east (world wrap:
// a view across the antimeridian needs two copies of the data, a view wider than the world needs more).
inline std::vector<double> wrap_offsets(const WorldBox& data, const WorldBox& view, double world_width) {
    std::vector<double> offsets;
    if (data.empty() || view.empty()) return offsets;
    const double first = std::floor((view.min_x - data.max_x) / world_width);
    const double last = std::ceil((view.max_x - data.min_x) / world_width);
    for (double k = first; k <= last && offsets.size() < 64; ++k)
        if (data.shifted_x(k * world_width).intersects(view)) offsets.push_back(k * world_width);
    return offsets;
}

}  // namespace incidentmap::viewer
