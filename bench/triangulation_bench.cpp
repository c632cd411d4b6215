// Filling basemap polygons: the viewer's ear clipping (viewer/detail/ear_clipping.cpp) against GEOS 3.11's
// constrained Delaunay triangulation, on every polygon of a vector dataset (default: the embedded Natural Earth land
// at 1:50m, what the viewer triangulates at start-up). Both get the same rings in Web Mercator metres; each is
// timed over the whole dataset, best of RUNS, and its triangles' area is compared with the polygons' (shoelace).
//   incidentmap_bench_triangulation [DATASET] [RUNS]

#include "core/assets.hpp"
#include "core/gdal.hpp"
#include "viewer/detail/ear_clipping.hpp"

#include <geos_c.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <vector>

using namespace incidentmap;

namespace {

struct Polygon {
    std::vector<double> xy;              // x0, y0, ... every ring
    std::vector<std::uint32_t> ends;     // ring ends, in points
};

void add(const OGRPolygon& p, std::vector<Polygon>& out) {
    Polygon poly;
    auto ring = [&](const OGRLinearRing* r) {
        if (!r) return;
        for (int i = 0; i + 1 < r->getNumPoints(); ++i) {  // without the closing point
            const double lat = std::clamp(r->getY(i), -85.0, 85.0) * std::numbers::pi / 180;
            poly.xy.push_back(6378137.0 * r->getX(i) * std::numbers::pi / 180);
            poly.xy.push_back(6378137.0 * std::log(std::tan(std::numbers::pi / 4 + lat / 2)));
        }
        poly.ends.push_back(static_cast<std::uint32_t>(poly.xy.size() / 2));
    };
    ring(p.getExteriorRing());
    for (int i = 0; i < p.getNumInteriorRings(); ++i) ring(p.getInteriorRing(i));
    if (poly.ends.front() >= 3) out.push_back(std::move(poly));
}

double ring_area(const double* xy, std::uint32_t n) {
    double a = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t j = (i + 1) % n;
        a += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
    }
    return std::abs(a) / 2;
}

double polygon_area(const Polygon& p) {
    double a = 0;
    std::uint32_t begin = 0;
    for (std::size_t r = 0; r < p.ends.size(); ++r) {
        const double ra = ring_area(p.xy.data() + 2 * begin, p.ends[r] - begin);
        a += r == 0 ? ra : -ra;
        begin = p.ends[r];
    }
    return a;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : core::find_asset("basemap/land-50m.json").string();
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    auto ds = core::gdal::Dataset::open_vector(path);
    std::vector<Polygon> polygons;
    for (int l = 0; l < ds.layer_count(); ++l) {
        auto layer = ds.layer(l);
        layer.reset_reading();
        while (auto f = layer.next_feature()) {
            const OGRGeometry* g = f->GetGeometryRef();
            if (!g) continue;
            if (wkbFlatten(g->getGeometryType()) == wkbPolygon) add(*g->toPolygon(), polygons);
            else if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
                for (const OGRPolygon* p : *g->toMultiPolygon()) add(*p, polygons);
        }
    }
    // GEOS polygons of the same rings, and which are valid (Antarctica, cut at Mercator's edge, is not): the areas
    // below compare the triangles with the valid polygons only.
    GEOSContextHandle_t ctx = GEOS_init_r();
    auto make_polygon = [&](const Polygon& p) {
        std::vector<GEOSGeometry*> rings;
        std::uint32_t begin = 0;
        for (const std::uint32_t end : p.ends) {
            GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, end - begin + 1, 2);
            for (std::uint32_t i = begin; i <= end; ++i) {
                const std::uint32_t k = i == end ? begin : i;
                GEOSCoordSeq_setXY_r(ctx, seq, i - begin, p.xy[2 * k], p.xy[2 * k + 1]);
            }
            rings.push_back(GEOSGeom_createLinearRing_r(ctx, seq));
            begin = end;
        }
        return GEOSGeom_createPolygon_r(ctx, rings[0], rings.data() + 1, static_cast<unsigned>(rings.size() - 1));
    };
    std::vector<bool> valid;
    std::size_t points = 0, invalid = 0;
    double area = 0;
    for (const Polygon& p : polygons) {
        GEOSGeometry* g = make_polygon(p);
        valid.push_back(GEOSisValid_r(ctx, g) == 1);
        GEOSGeom_destroy_r(ctx, g);
        points += p.ends.back();
        if (valid.back()) area += polygon_area(p);
        else ++invalid;
    }
    std::printf("%s: %zu polygons (%zu invalid, left out of the areas), %zu points\n", path.c_str(), polygons.size(), invalid, points);

    // Ear clipping.
    double ear_best = 1e9, ear_area = 0;
    std::size_t ear_triangles = 0;
    for (int r = 0; r < runs; ++r) {
        ear_area = 0;
        ear_triangles = 0;
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t n = 0; n < polygons.size(); ++n) {
            const Polygon& p = polygons[n];
            const auto ix = viewer::detail::triangulate(p.xy, p.ends);
            ear_triangles += ix.size() / 3;
            if (valid[n])
                for (std::size_t k = 0; k + 2 < ix.size(); k += 3) {
                const double* a = &p.xy[2 * ix[k]];
                const double* b = &p.xy[2 * ix[k + 1]];
                const double* c = &p.xy[2 * ix[k + 2]];
                ear_area += std::abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
            }
        }
        ear_best = std::min(ear_best, seconds_since(t0));
    }

    // GEOS: build the polygon (as the viewer would have to), triangulate, read the triangles back.
    double geos_best = 1e9, geos_area = 0;
    std::size_t geos_triangles = 0, geos_failed = 0;
    for (int r = 0; r < runs; ++r) {
        geos_area = 0;
        geos_triangles = 0;
        geos_failed = 0;
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t m = 0; m < polygons.size(); ++m) {
            GEOSGeometry* poly = make_polygon(polygons[m]);
            GEOSGeometry* tris = GEOSConstrainedDelaunayTriangulation_r(ctx, poly);
            if (!tris) {
                ++geos_failed;
            } else {
                const int n = GEOSGetNumGeometries_r(ctx, tris);
                geos_triangles += static_cast<std::size_t>(n);
                for (int k = 0; k < n && valid[m]; ++k) {
                    double a = 0;
                    GEOSArea_r(ctx, GEOSGetGeometryN_r(ctx, tris, k), &a);
                    geos_area += a;
                }
                GEOSGeom_destroy_r(ctx, tris);
            }
            GEOSGeom_destroy_r(ctx, poly);
        }
        geos_best = std::min(geos_best, seconds_since(t0));
    }
    GEOS_finish_r(ctx);

    std::printf("| method | best of %d (ms) | triangles | area covered / polygons' area | failed polygons |\n|---|---:|---:|---:|---:|\n", runs);
    std::printf("| ear clipping (viewer/detail/ear_clipping.cpp) | %.1f | %zu | %.6f | 0 |\n", ear_best * 1000, ear_triangles, ear_area / area);
    std::printf("| GEOS %s constrained Delaunay | %.1f | %zu | %.6f | %zu |\n", GEOSversion(), geos_best * 1000, geos_triangles,
                geos_area / area, geos_failed);
    return 0;
}
