#pragma once
// RAII around the GEOS C API (reentrant _r functions): a context per thread, and owned geometries that remember
// the context that made them.
//
// Guarantees:
//  - A Geometry is never null; parsing and operations that fail throw GeometryError with GEOS's own message
//    (what GEOS reported on the context's error handler) and the input that caused it.
//  - A Geometry borrows its Context: the Context must outlive it. Context is neither copyable nor movable, so a
//    Geometry's pointer to it stays valid.
// Thread safety: one Context per thread; geometries are used on their context's thread.
// GEOS's headers are not included here (GEOS's CMake target adds -DNDEBUG to whoever includes them).

#include "core/error.hpp"
#include "core/lat_lon.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>

struct GEOSContextHandle_HS;
struct GEOSGeom_t;

namespace incidentmap::core::geos {

// "GEOS 3.11.1-CAPI-1.17.1"
std::string version();

class Context {
public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    GEOSContextHandle_HS* get() const { return handle_; }
    // The last error GEOS reported on this context; cleared by take_error().
    std::string take_error();

private:
    static void on_error(const char* message, void* user);
    GEOSContextHandle_HS* handle_;
    std::string last_error_;
};

class Geometry {
public:
    static Geometry from_wkt(Context& ctx, std::string_view wkt);
    static Geometry from_wkb(Context& ctx, std::span<const unsigned char> wkb);
    static Geometry point(Context& ctx, LatLon p);  // x = longitude, y = latitude

    Geometry(Geometry&&) noexcept = default;
    Geometry& operator=(Geometry&&) noexcept = default;

    GEOSGeom_t* get() const { return geom_.get(); }
    Context& context() const { return *geom_.get_deleter().ctx; }

    std::string to_wkt(int decimals = 7) const;
    bool is_empty() const;
    // A point guaranteed to lie inside the geometry (GEOSPointOnSurface), as LatLon when x/y are lon/lat degrees.
    LatLon point_on_surface() const;
    LatLon centroid() const;
    bool contains(const Geometry& other) const;
    double area() const;  // in squared CRS units

private:
    struct Destroy {
        Context* ctx;
        void operator()(GEOSGeom_t* g) const;
    };
    Geometry(Context& ctx, GEOSGeom_t* g) : geom_(g, Destroy{&ctx}) {}
    static Geometry take(Context& ctx, GEOSGeom_t* g, const std::string& what);
    LatLon as_lat_lon(const Geometry& point, const char* what) const;

    std::unique_ptr<GEOSGeom_t, Destroy> geom_;
};

}  // namespace incidentmap::core::geos
