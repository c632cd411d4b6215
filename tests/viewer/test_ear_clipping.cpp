#include "core/assets.hpp"
#include "core/gdal.hpp"
#include "viewer/detail/ear_clipping.hpp"
#include "viewer/vector_geometry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace incidentmap;
using viewer::detail::triangulate;

namespace {

double ring_area(const std::vector<double>& xy, std::uint32_t begin, std::uint32_t end) {
    double a = 0;
    for (std::uint32_t i = begin, j = end - 1; i < end; j = i++)
        a += (xy[2 * j] - xy[2 * i]) * (xy[2 * j + 1] + xy[2 * i + 1]);
    return std::abs(a) / 2;
}

double triangles_area(const std::vector<double>& xy, const std::vector<std::uint32_t>& t) {
    double sum = 0;
    for (std::size_t k = 0; k + 2 < t.size(); k += 3) {
        const double ax = xy[2 * t[k]], ay = xy[2 * t[k] + 1];
        const double bx = xy[2 * t[k + 1]], by = xy[2 * t[k + 1] + 1];
        const double cx = xy[2 * t[k + 2]], cy = xy[2 * t[k + 2] + 1];
        sum += std::abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2;
    }
    return sum;
}

}  // namespace

TEST_CASE("ear clipping covers convex, concave and holed polygons exactly", "[viewer][triangulation]") {
    SECTION("a square gives two triangles") {
        const std::vector<double> xy = {0, 0, 10, 0, 10, 10, 0, 10};
        const std::vector<std::uint32_t> ends = {4};
        const auto t = triangulate(xy, ends);
        CHECK(t.size() == 6);
        CHECK(triangles_area(xy, t) == Approx(100));
    }
    SECTION("a concave L shape, either winding, with a repeated closing point") {
        std::vector<double> xy = {0, 0, 4, 0, 4, 1, 1, 1, 1, 4, 0, 4, 0, 0};
        const std::vector<std::uint32_t> ends = {7};
        CHECK(triangles_area(xy, triangulate(xy, ends)) == Approx(7));
        std::vector<double> reversed;
        for (std::size_t i = xy.size(); i >= 2; i -= 2) reversed.insert(reversed.end(), {xy[i - 2], xy[i - 1]});
        CHECK(triangles_area(reversed, triangulate(reversed, ends)) == Approx(7));
    }
    SECTION("a square with a square hole") {
        const std::vector<double> xy = {0, 0, 10, 0, 10, 10, 0, 10, 2, 2, 2, 8, 8, 8, 8, 2};
        const std::vector<std::uint32_t> ends = {4, 8};
        const auto t = triangulate(xy, ends);
        for (auto i : t) CHECK(i < 8);
        CHECK(triangles_area(xy, t) == Approx(100 - 36));
    }
    SECTION("degenerate input yields nothing, not a crash") {
        const std::vector<double> xy = {0, 0, 1, 1};
        const std::vector<std::uint32_t> ends = {2};
        CHECK(triangulate(xy, ends).empty());
        CHECK(triangulate({}, {}).empty());
    }
}

TEST_CASE("ear clipping fills Natural Earth's land exactly", "[viewer][triangulation]") {
    // Every polygon of the embedded land, projected: the triangles' areas add up to the polygon's.
    auto ds = core::gdal::Dataset::open_vector(core::find_asset("basemap/land-50m.json").string());
    const auto geometry = viewer::VectorGeometry::load(ds, {"land"}, {.fill_polygons = true, .read_styles = false});
    REQUIRE(geometry.fill_chunks().size() > 1000);
    double filled = 0;
    for (const auto& c : geometry.fill_chunks()) {
        for (std::uint32_t k = 0; k + 2 < c.index_count; k += 3) {
            const auto& a = geometry.fill_vertices()[c.first_vertex + geometry.fill_indices()[c.first_index + k]];
            const auto& b = geometry.fill_vertices()[c.first_vertex + geometry.fill_indices()[c.first_index + k + 1]];
            const auto& d = geometry.fill_vertices()[c.first_vertex + geometry.fill_indices()[c.first_index + k + 2]];
            filled += std::abs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) / 2;
        }
    }
    // The outlines: outer rings count positive, holes (the Caspian) negative.
    double outlined = 0;
    std::vector<double> xy;
    for (const auto& p : geometry.paths()) {
        xy.clear();
        for (std::uint32_t i = 0; i < p.count; ++i) {
            xy.push_back(geometry.points()[p.first + i].x);
            xy.push_back(geometry.points()[p.first + i].y);
        }
        outlined += ring_area(xy, 0, p.count);
    }
    CHECK(filled < outlined);               // the holes are not filled
    CHECK(filled > outlined * 0.97);        // and nothing else is left out
}
