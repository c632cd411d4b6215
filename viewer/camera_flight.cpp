#include "viewer/camera_flight.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incidentmap::viewer {

namespace {

// van Wijk and Nuij's trade-off between zooming and panning; sqrt(2) is their recommended value.
constexpr double kRho = std::numbers::sqrt2;
constexpr double kRho2 = kRho * kRho;
constexpr double kRho4 = kRho2 * kRho2;

double smoothstep(double t) { return t * t * (3 - 2 * t); }

double clamp_scale(double mpp) {
    return std::clamp(mpp, MapCamera::kMinMetersPerPixel, MapCamera::kMaxMetersPerPixel);
}

}  // namespace

void CameraFlight::start(const MapCamera& camera, core::LatLon target, double target_meters_per_pixel,
                         double duration_s) {
    const auto to = camera.to_world(target);
    if (!to || !std::isfinite(to->x) || std::isnan(to->y)) return;  // y is infinite at a pole: clamped below
    active_ = true;
    target_ = target;
    target_mpp_ = std::isfinite(target_meters_per_pixel) ? clamp_scale(target_meters_per_pixel)
                                                          : camera.meters_per_pixel();
    duration_s_ = duration_s > 0 ? duration_s : 0;
    elapsed_s_ = 0;

    start_ = camera.center();
    // The short way round: the x difference wrapped into [-W/2, W/2]. The camera keeps y inside the square.
    const double dx = std::remainder(to->x - start_.x, MapCamera::kWorldWidth);
    const double dy = std::clamp(to->y, -MapCamera::kHalfWorld, MapCamera::kHalfWorld) - start_.y;
    end_ = {start_.x + dx, start_.y + dy};
    u1_ = std::hypot(dx, dy);
    dir_ = u1_ > 0 ? core::proj::XY{dx / u1_, dy / u1_} : core::proj::XY{1, 0};

    view_px_ = std::max(1, std::min(camera.viewport_width(), camera.viewport_height()));
    w0_ = camera.meters_per_pixel() * view_px_;
    w1_ = target_mpp_ * view_px_;

    // Centres closer than a millionth of the view: the arc's formulas divide by u1, so zoom in place instead.
    pure_zoom_ = u1_ <= 1e-6 * std::min(w0_, w1_);
    if (pure_zoom_) {
        s_end_ = std::abs(std::log(w1_ / w0_)) / kRho;
        return;
    }
    const double b0 = (w1_ * w1_ - w0_ * w0_ + kRho4 * u1_ * u1_) / (2 * w0_ * kRho2 * u1_);
    const double b1 = (w1_ * w1_ - w0_ * w0_ - kRho4 * u1_ * u1_) / (2 * w1_ * kRho2 * u1_);
    // r = ln(-b + sqrt(b^2 + 1)) = -asinh(b), without the cancellation for large b.
    r0_ = -std::asinh(b0);
    const double r1 = -std::asinh(b1);
    s_end_ = std::max(0.0, (r1 - r0_) / kRho);
}

FlightPose CameraFlight::pose_at(double fraction) const {
    if (!(fraction < 1)) return {end_, target_mpp_};
    const double t = smoothstep(std::max(0.0, fraction));
    const double s = s_end_ * t;
    double u, w;
    if (pure_zoom_) {
        u = u1_ * t;
        w = s_end_ > 0 ? w0_ * std::exp((w1_ < w0_ ? -kRho : kRho) * s) : w0_;
    } else {
        const double a = kRho * s + r0_;
        u = w0_ / kRho2 * (std::cosh(r0_) * std::tanh(a) - std::sinh(r0_));
        w = w0_ * std::cosh(r0_) / std::cosh(a);
    }
    u = std::clamp(u, 0.0, u1_);
    const double mpp = std::isfinite(w) ? clamp_scale(w / view_px_) : MapCamera::kMaxMetersPerPixel;
    return {{start_.x + dir_.x * u, start_.y + dir_.y * u}, mpp};
}

void CameraFlight::step(MapCamera& camera, double dt_s) {
    if (!active_) return;
    if (dt_s > 0) elapsed_s_ += dt_s;
    if (elapsed_s_ >= duration_s_) {
        camera.look_at(target_, target_mpp_);
        active_ = false;
        return;
    }
    // The camera takes a centre only as a LatLon; look at the target at the pose's scale, then pan by the rest in
    // Mercator metres, which keeps the centre exact and lets the camera wrap it.
    const FlightPose p = pose_at(elapsed_s_ / duration_s_);
    camera.look_at(target_, p.meters_per_pixel);
    const core::proj::XY c = camera.center();
    const double mpp = camera.meters_per_pixel();
    camera.pan_pixels(-(p.center.x - c.x) / mpp, (p.center.y - c.y) / mpp);
}

core::Meters framing_radius(gazetteer::PlaceClass place_class, core::Meters gazetteer_radius) {
    constexpr core::Meters kFloor(150);
    if (gazetteer_radius.value() > 0) return std::max(gazetteer_radius, kFloor);
    using gazetteer::PlaceClass;
    switch (place_class) {
        case PlaceClass::country: return core::Meters::kilometers(500);
        case PlaceClass::admin_region: return core::Meters::kilometers(150);
        case PlaceClass::city: return core::Meters::kilometers(15);
        case PlaceClass::district: return core::Meters::kilometers(2);
        case PlaceClass::street: return core::Meters(500);
        case PlaceClass::square:
        case PlaceClass::landmark: return core::Meters(300);
        case PlaceClass::natural: return core::Meters::kilometers(5);
    }
    return core::Meters::kilometers(15);
}

double meters_per_pixel_to_show(core::Meters radius, core::LatLon where, int viewport_px) {
    constexpr double kSpan = 0.6;                  // of the viewport the circle's diameter covers
    constexpr double kMaxMercatorLat = 85.0511287798;  // where the Mercator square ends
    const double lat = std::min(std::abs(where.lat_deg()), kMaxMercatorLat) * std::numbers::pi / 180;
    const double ground = 2 * std::max(radius.value(), 0.0) / (kSpan * std::max(viewport_px, 1));
    return clamp_scale(ground / std::cos(lat));
}

}  // namespace incidentmap::viewer
