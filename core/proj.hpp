#pragma once
// RAII around PROJ: a context per thread, and transformations between two CRS with the axis order normalised for
// visualisation (x = longitude or easting, y = latitude or northing), whatever the CRS definitions say.
//
// Guarantees:
//  - Context and Transformation never hold null handles: construction throws CrsError naming the CRS and PROJ's
//    own message. PROJ's log goes to the context, not to stderr.
//  - A Transformation borrows its Context: the Context must outlive it (moving the Context is fine).
//  - forward()/inverse() of a point outside the CRS's domain return nullopt; the bulk forms write HUGE_VAL there.
// Thread safety: a Context and its Transformations belong to one thread at a time.

#include "core/error.hpp"
#include "core/lat_lon.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>

#include <proj.h>

namespace incidentmap::core::proj {

// "PROJ 9.1.1"
std::string version();

struct XY {
    double x = 0;
    double y = 0;
};

class Context {
public:
    Context();
    Context(Context&&) noexcept = default;
    Context& operator=(Context&&) noexcept = default;

    PJ_CONTEXT* get() const { return ctx_.get(); }
    // PROJ's last log message of error level on this context, or its errno string.
    std::string last_error() const;

private:
    struct Destroy {
        void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
    };
    static void log(void* user, int level, const char* msg);
    std::unique_ptr<PJ_CONTEXT, Destroy> ctx_;
    std::unique_ptr<std::string> last_log_;  // stable address, handed to PROJ as log user data
};

class Transformation {
public:
    // From `source` to `target`, each anything proj_create accepts ("EPSG:4326", a PROJ string, WKT, PROJJSON).
    static Transformation between(Context& ctx, const std::string& source, const std::string& target);
    // WGS84 geographic (EPSG:4326) to Web Mercator (EPSG:3857), in metres.
    static Transformation wgs84_to_web_mercator(Context& ctx) { return between(ctx, "EPSG:4326", "EPSG:3857"); }

    std::optional<XY> forward(XY p) const;
    std::optional<XY> inverse(XY p) const;
    // LatLon to target CRS (the source must be geographic in degrees).
    std::optional<XY> forward(LatLon p) const { return forward(XY{p.lon_deg(), p.lat_deg()}); }

    // In place, for many points at once; points PROJ cannot transform become HUGE_VAL. xs and ys have equal size.
    void forward(std::span<double> xs, std::span<double> ys) const;
    void inverse(std::span<double> xs, std::span<double> ys) const;

    const std::string& source() const { return source_; }
    const std::string& target() const { return target_; }
    PJ* get() const { return pj_.get(); }

private:
    struct Destroy {
        void operator()(PJ* p) const { proj_destroy(p); }
    };
    Transformation(std::unique_ptr<PJ, Destroy> pj, std::string source, std::string target)
        : pj_(std::move(pj)), source_(std::move(source)), target_(std::move(target)) {}
    std::optional<XY> trans(PJ_DIRECTION dir, XY p) const;
    void trans(PJ_DIRECTION dir, std::span<double> xs, std::span<double> ys) const;

    std::unique_ptr<PJ, Destroy> pj_;
    std::string source_;
    std::string target_;
};

}  // namespace incidentmap::core::proj
