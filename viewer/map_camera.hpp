#pragma once
// The map's view onto the world: a Web Mercator (EPSG:3857) centre, a scale in Mercator metres per screen pixel,
// and the size of the viewport in pixels. Screen y grows downwards.
//
// Guarantees:
//  - world_to_screen and screen_to_world are exact inverses of each other (up to floating point).
//  - zoom_about(p, f) keeps the world point under screen point p where it is.
//  - The centre's x is kept within one world width ([-W/2, W/2)), so panning round the globe never drifts; the
//    centre's y stays within the Mercator square. The scale stays between kMinMetersPerPixel (street level) and
//    the scale at which the whole world is 256 pixels wide.
//  - LatLon conversions go through PROJ (EPSG:4326 <-> EPSG:3857, axis order normalised).
// The camera holds no GL or ImGui state: it can be used and tested without a window.

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "core/proj.hpp"
#include "viewer/world_box.hpp"

#include <optional>

namespace incidentmap::viewer {

struct ScreenPoint {
    double x = 0;
    double y = 0;
};

class MapCamera {
public:
    static constexpr double kWorldWidth = 40'075'016.685578488;  // Web Mercator metres for 360 degrees
    static constexpr double kHalfWorld = kWorldWidth / 2;
    static constexpr double kMinMetersPerPixel = 0.1;
    static constexpr double kMaxMetersPerPixel = kWorldWidth / 256;

    MapCamera(int viewport_width, int viewport_height);

    void set_viewport(int width, int height);
    int viewport_width() const { return width_; }
    int viewport_height() const { return height_; }

    core::proj::XY center() const { return center_; }
    double meters_per_pixel() const { return mpp_; }
    // Slippy-map zoom level: 0 shows the world in 256 pixels, each level doubles the scale.
    double zoom_level() const;

    ScreenPoint world_to_screen(core::proj::XY world) const;
    core::proj::XY screen_to_world(ScreenPoint screen) const;
    std::optional<ScreenPoint> to_screen(core::LatLon p) const;
    std::optional<core::LatLon> lat_lon_at(ScreenPoint screen) const;
    std::optional<core::proj::XY> to_world(core::LatLon p) const { return merc_.forward(p); }
    // The part of the (unwrapped) Mercator plane the viewport shows, grown by `margin_px` pixels on each side.
    WorldBox visible_box(double margin_px = 0) const;

    void pan_pixels(double dx, double dy);
    void zoom_about(ScreenPoint anchor, double factor);
    void look_at(core::LatLon center, double meters_per_pixel);
    void look_at(core::proj::XY center, double meters_per_pixel);
    // Centres on the box and picks the scale that shows all of it with `margin_px` pixels to spare on each side.
    void fit(core::LatLon south_west, core::LatLon north_east, double margin_px = 20);
    // The same for a box in Mercator metres; max_x may exceed half the world (a box across the antimeridian).
    // `left_inset_px`, `right_inset_px`: strips at the viewport's edges that panels cover, left out of the fit
    // (together at most seven tenths of the width).
    void fit(const WorldBox& box, double margin_px = 20, double left_inset_px = 0, double right_inset_px = 0);

    // Ground distance covered by one pixel at the centre of the view (Mercator scale shrinks by cos(latitude)).
    core::Meters ground_meters_per_pixel() const;

private:
    void clamp();

    core::proj::Context ctx_;
    core::proj::Transformation merc_;
    int width_;
    int height_;
    core::proj::XY center_{0, 0};
    double mpp_ = kMaxMetersPerPixel;
};

}  // namespace incidentmap::viewer
