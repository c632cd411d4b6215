#pragma once
// Triangulation of simple polygons with holes by ear clipping, for filling basemap polygons with triangles
// (ImGui's AddConvexPolyFilled only fills convex polygons).
//
// The algorithm follows mapbox/earcut (ISC licence): holes are bridged into the outer ring (Eberly), ears are
// found with a z-order curve index on large rings, and degenerate input (self-touching rings, collinear runs,
// small self-intersections) is cured locally or split instead of failing.
//
// Guarantees:
//  - Every returned index is < the number of points; indices come three per triangle.
//  - For a simple polygon whose holes lie inside its outer ring without crossing it, the triangles cover the
//    polygon exactly: their areas add up to the outer ring's area minus the holes' areas.
//  - Winding order of the input rings does not matter; a ring may repeat its first point at the end.
// It does not check validity: a self-crossing polygon yields triangles that cover it approximately.
// O(n log n) on typical rings, O(n^2) in the worst case; the rings of Natural Earth's 1:50m land take ~20 ms.

#include <cstdint>
#include <span>
#include <vector>

namespace incidentmap::viewer::detail {

// `xy` holds x0, y0, x1, y1, ... for every point of every ring; `ring_ends` holds the end (exclusive, in points)
// of each ring, the outer ring first, then the holes.
std::vector<std::uint32_t> triangulate(std::span<const double> xy, std::span<const std::uint32_t> ring_ends);

}  // namespace incidentmap::viewer::detail
