#include "core/geos.hpp"

#include <geos_c.h>

namespace incidentmap::core::geos {

std::string version() { return std::string("GEOS ") + GEOSversion(); }

Context::Context() : handle_(GEOS_init_r()) {
    if (!handle_) throw Error("GEOS: cannot create a context (out of memory?)");
    GEOSContext_setErrorMessageHandler_r(handle_, &Context::on_error, this);
}

Context::~Context() { GEOS_finish_r(handle_); }

void Context::on_error(const char* message, void* user) {
    if (user && message) static_cast<Context*>(user)->last_error_ = message;
}

std::string Context::take_error() {
    std::string e = last_error_.empty() ? "GEOS gave no reason" : std::move(last_error_);
    last_error_.clear();
    return e;
}

void Geometry::Destroy::operator()(GEOSGeom_t* g) const { GEOSGeom_destroy_r(ctx->get(), g); }

Geometry Geometry::take(Context& ctx, GEOSGeom_t* g, const std::string& what) {
    if (!g) throw GeometryError(what, ctx.take_error());
    return Geometry(ctx, g);
}

Geometry Geometry::from_wkt(Context& ctx, std::string_view wkt) {
    GEOSWKTReader* r = GEOSWKTReader_create_r(ctx.get());
    const std::string text(wkt);
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx.get(), r, text.c_str());
    GEOSWKTReader_destroy_r(ctx.get(), r);
    const std::string shown = text.size() > 60 ? text.substr(0, 57) + "..." : text;
    return take(ctx, g, "WKT '" + shown + "'");
}

Geometry Geometry::from_wkb(Context& ctx, std::span<const unsigned char> wkb) {
    GEOSWKBReader* r = GEOSWKBReader_create_r(ctx.get());
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx.get(), r, wkb.data(), wkb.size());
    GEOSWKBReader_destroy_r(ctx.get(), r);
    return take(ctx, g, "WKB of " + std::to_string(wkb.size()) + " bytes");
}

Geometry Geometry::point(Context& ctx, LatLon p) {
    return take(ctx, GEOSGeom_createPointFromXY_r(ctx.get(), p.lon_deg(), p.lat_deg()), "point " + p.to_string());
}

std::string Geometry::to_wkt(int decimals) const {
    Context& ctx = context();
    GEOSWKTWriter* w = GEOSWKTWriter_create_r(ctx.get());
    GEOSWKTWriter_setRoundingPrecision_r(ctx.get(), w, decimals);
    GEOSWKTWriter_setTrim_r(ctx.get(), w, 1);
    char* s = GEOSWKTWriter_write_r(ctx.get(), w, geom_.get());
    GEOSWKTWriter_destroy_r(ctx.get(), w);
    if (!s) throw GeometryError("geometry", "cannot write WKT: " + ctx.take_error());
    std::string out(s);
    GEOSFree_r(ctx.get(), s);
    return out;
}

bool Geometry::is_empty() const {
    const char r = GEOSisEmpty_r(context().get(), geom_.get());
    if (r == 2) throw GeometryError("geometry", context().take_error());
    return r == 1;
}

LatLon Geometry::as_lat_lon(const Geometry& point, const char* what) const {
    double x = 0, y = 0;
    if (!GEOSGeomGetX_r(context().get(), point.get(), &x) || !GEOSGeomGetY_r(context().get(), point.get(), &y))
        throw GeometryError(what, context().take_error());
    if (auto p = LatLon::try_degrees(y, x)) return *p;
    throw GeometryError(what, "result is not a longitude/latitude position");
}

LatLon Geometry::point_on_surface() const {
    if (is_empty()) throw GeometryError("point on surface", "the geometry is empty");
    return as_lat_lon(take(context(), GEOSPointOnSurface_r(context().get(), geom_.get()), "point on surface"), "point on surface");
}

LatLon Geometry::centroid() const {
    if (is_empty()) throw GeometryError("centroid", "the geometry is empty");
    return as_lat_lon(take(context(), GEOSGetCentroid_r(context().get(), geom_.get()), "centroid"), "centroid");
}

bool Geometry::contains(const Geometry& other) const {
    const char r = GEOSContains_r(context().get(), geom_.get(), other.get());
    if (r == 2) throw GeometryError("contains", context().take_error());
    return r == 1;
}

double Geometry::area() const {
    double a = 0;
    if (!GEOSArea_r(context().get(), geom_.get(), &a)) throw GeometryError("area", context().take_error());
    return a;
}

}  // namespace incidentmap::core::geos
