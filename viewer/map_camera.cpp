#include "viewer/map_camera.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incidentmap::viewer {

MapCamera::MapCamera(int viewport_width, int viewport_height)
    : merc_(core::proj::Transformation::wgs84_to_web_mercator(ctx_)), width_(1), height_(1) {
    set_viewport(viewport_width, viewport_height);
    // Start on the whole world, fitted to the viewport.
    mpp_ = std::clamp(kWorldWidth / std::max(width_, 1), kMinMetersPerPixel, kMaxMetersPerPixel);
}

void MapCamera::set_viewport(int width, int height) {
    width_ = std::max(width, 1);
    height_ = std::max(height, 1);
}

double MapCamera::zoom_level() const { return std::log2(kWorldWidth / (256.0 * mpp_)); }

ScreenPoint MapCamera::world_to_screen(core::proj::XY w) const {
    return {(w.x - center_.x) / mpp_ + width_ / 2.0, (center_.y - w.y) / mpp_ + height_ / 2.0};
}

core::proj::XY MapCamera::screen_to_world(ScreenPoint s) const {
    return {center_.x + (s.x - width_ / 2.0) * mpp_, center_.y - (s.y - height_ / 2.0) * mpp_};
}

std::optional<ScreenPoint> MapCamera::to_screen(core::LatLon p) const {
    const auto w = merc_.forward(p);
    if (!w) return std::nullopt;
    return world_to_screen(*w);
}

std::optional<core::LatLon> MapCamera::lat_lon_at(ScreenPoint s) const {
    core::proj::XY w = screen_to_world(s);
    if (std::abs(w.y) > kHalfWorld) return std::nullopt;  // above or below the Mercator square
    w.x = std::remainder(w.x, kWorldWidth);                 // wrap round the globe
    const auto g = merc_.inverse(w);
    if (!g) return std::nullopt;
    return core::LatLon::try_degrees(g->y, g->x);
}

void MapCamera::pan_pixels(double dx, double dy) {
    center_.x -= dx * mpp_;
    center_.y += dy * mpp_;
    clamp();
}

void MapCamera::zoom_about(ScreenPoint anchor, double factor) {
    if (!(factor > 0) || !std::isfinite(factor)) return;
    const core::proj::XY fixed = screen_to_world(anchor);
    mpp_ = std::clamp(mpp_ / factor, kMinMetersPerPixel, kMaxMetersPerPixel);
    center_.x = fixed.x - (anchor.x - width_ / 2.0) * mpp_;
    center_.y = fixed.y + (anchor.y - height_ / 2.0) * mpp_;
    clamp();
}

void MapCamera::look_at(core::LatLon c, double meters_per_pixel) {
    if (const auto w = merc_.forward(c)) center_ = *w;
    mpp_ = std::clamp(meters_per_pixel, kMinMetersPerPixel, kMaxMetersPerPixel);
    clamp();
}

void MapCamera::look_at(core::proj::XY c, double meters_per_pixel) {
    center_ = c;
    mpp_ = std::clamp(meters_per_pixel, kMinMetersPerPixel, kMaxMetersPerPixel);
    clamp();
}

void MapCamera::fit(core::LatLon sw, core::LatLon ne, double margin_px) {
    const auto a = merc_.forward(sw), b = merc_.forward(ne);
    if (!a || !b) return;
    WorldBox box;
    box.extend(a->x, a->y);
    box.extend(b->x, b->y);
    fit(box, margin_px);
}

void MapCamera::fit(const WorldBox& box, double margin_px, double left_inset_px, double right_inset_px) {
    if (box.empty()) return;
    double left = std::max(0.0, left_inset_px), right = std::max(0.0, right_inset_px);
    if (const double most = 0.7 * width_; left + right > most) {
        const double k = most / (left + right);
        left *= k;
        right *= k;
    }
    const double w_px = std::max(1.0, width_ - left - right - 2 * margin_px), h_px = std::max(1.0, height_ - 2 * margin_px);
    mpp_ = std::clamp(std::max({box.width() / w_px, box.height() / h_px, kMinMetersPerPixel}), kMinMetersPerPixel,
                      kMaxMetersPerPixel);
    // The box's centre in the middle of the uncovered part.
    center_ = {(box.min_x + box.max_x) / 2 - (left - right) / 2 * mpp_, (box.min_y + box.max_y) / 2};
    clamp();
}

WorldBox MapCamera::visible_box(double margin_px) const {
    const core::proj::XY a = screen_to_world({-margin_px, height_ + margin_px});
    const core::proj::XY b = screen_to_world({width_ + margin_px, -margin_px});
    return {a.x, a.y, b.x, b.y};
}

core::Meters MapCamera::ground_meters_per_pixel() const {
    // Inverse Gudermannian of the centre's y gives its latitude; the Mercator scale factor is 1/cos(lat).
    const double lat = std::atan(std::sinh(center_.y / (kWorldWidth / (2 * std::numbers::pi))));
    return core::Meters(mpp_ * std::cos(lat));
}

void MapCamera::clamp() {
    center_.x = std::remainder(center_.x, kWorldWidth);
    if (center_.x >= kHalfWorld) center_.x -= kWorldWidth;
    center_.y = std::clamp(center_.y, -kHalfWorld, kHalfWorld);
}

}  // namespace incidentmap::viewer
