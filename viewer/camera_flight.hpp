#pragma once
// A camera flight: the map moves from where it is to a place, zooming out on the way when the two are far apart
// and back in as it arrives (van Wijk and Nuij's "smooth and efficient zooming and panning", 2003, with their
// rho = sqrt(2)). The path's parameter is eased with smoothstep, so the flight starts and stops gently; the centre
// moves along the straight line in Web Mercator metres, the scale along the path's arc.
//
// Guarantees:
//  - The last step of a flight leaves the camera exactly as MapCamera::look_at(target, target scale) would: the
//    same centre and the same scale, bit for bit. After it active() is false and step() does nothing.
//  - The flight takes the short way round: from 170 E to 170 W it crosses the antimeridian, never Greenwich.
//  - No pose on the way has a scale outside [kMinMetersPerPixel, kMaxMetersPerPixel]; a target scale outside
//    them is clamped at start(). Where the arc would rise above the whole-world scale the flight flies level.
//  - The path is planned once, at start(), for the viewport the camera had then; steps only evaluate it.
// A flight holds no camera: step() writes to the camera it is given and overrides whatever else moved it since,
// so the owner should cancel() the flight when the user takes over (drags or zooms). No GL or ImGui state.

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "core/proj.hpp"
#include "gazetteer/place_kind.hpp"
#include "viewer/map_camera.hpp"

namespace incidentmap::viewer {

// A camera position along a flight: the centre in (unwrapped) Web Mercator metres and the scale.
struct FlightPose {
    core::proj::XY center;
    double meters_per_pixel = 0;
};

class CameraFlight {
public:
    static constexpr double kDefaultDurationS = 0.8;

    // Plans a flight from the camera's current centre and scale to `target` at `target_meters_per_pixel` (NaN:
    // keep the camera's scale), replacing any flight under way: a start() in mid-flight sets off from where the
    // camera is. A duration of zero or less, or NaN, lands on the next step. A target beyond Mercator's
    // +-85.05 degrees ends on the edge of the Mercator square, as look_at does; one that PROJ cannot place at all
    // starts nothing and leaves a flight under way as it was.
    void start(const MapCamera& camera, core::LatLon target, double target_meters_per_pixel,
               double duration_s = kDefaultDurationS);
    bool active() const { return active_; }
    // Stops where the camera is; the camera is not touched.
    void cancel() { active_ = false; }
    // Advances the flight by `dt_s` seconds (a negative or NaN step counts as zero) and moves the camera there.
    // Does nothing when no flight is active.
    void step(MapCamera& camera, double dt_s);

    // The pose at `fraction` of the flight's duration (clamped to [0, 1]); pose_at(1) is the target. The centre is
    // not wrapped: its x may lie beyond half the world width on the way across the antimeridian.
    FlightPose pose_at(double fraction) const;

    core::LatLon target() const { return target_; }
    double target_meters_per_pixel() const { return target_mpp_; }
    double duration_s() const { return duration_s_; }
    double elapsed_s() const { return elapsed_s_; }

private:
    bool active_ = false;
    core::LatLon target_;
    double target_mpp_ = MapCamera::kMaxMetersPerPixel;
    double duration_s_ = 0;
    double elapsed_s_ = 0;
    // The plan: from start_ along the unit vector dir_ for u1_ metres; w is the view size in metres (scale times
    // view_px_), rho * S is the path's length in van Wijk and Nuij's parameter.
    core::proj::XY start_;
    core::proj::XY end_;  // start_ + dir_ * u1_, unwrapped
    core::proj::XY dir_{1, 0};
    double u1_ = 0;
    double w0_ = 0, w1_ = 0;
    double view_px_ = 1;
    double r0_ = 0;     // van Wijk and Nuij's r0, when u1_ > 0
    double s_end_ = 0;  // S, the parameter at arrival
    bool pure_zoom_ = true;  // the centres (nearly) coincide: w grows or shrinks exponentially, u moves linearly
};

// The ground radius to frame for a place: its gazetteer radius when it has one (at least 150 m, so that a small
// building does not zoom to street furniture), else a typical radius for its class: 500 km for a country, 150 km
// for a region, 15 km for a city, 2 km for a district, 500 m for a street, 300 m for a square or a landmark, 5 km
// for a natural feature.
core::Meters framing_radius(gazetteer::PlaceClass place_class, core::Meters gazetteer_radius);

// The Web Mercator scale (metres per pixel) at which a circle of `radius` ground metres around `where` spans 60 %
// of `viewport_px` pixels (pass the smaller side of the viewport), clamped to the camera's limits. Mercator
// stretches by 1 / cos(latitude); latitudes beyond Mercator's +-85.05 degrees count as 85.05.
double meters_per_pixel_to_show(core::Meters radius, core::LatLon where, int viewport_px);

}  // namespace incidentmap::viewer
