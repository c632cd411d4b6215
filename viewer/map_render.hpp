#pragma once
// Renders the map off screen into an image: what `incidentmap render` writes and what the rendering tests check.
// It draws with the same MapView and basemap layers as the window (see offscreen_context.hpp), waits for raster
// tiles up to a deadline, and reports every basemap problem as a message instead of failing.
//
// Guarantees:
//  - Returns an image of exactly width x height whatever the basemaps do: layers that cannot be opened or whose
//    tiles fail are left out and named in `messages`.
//  - Throws core::Error only when off-screen rendering itself is impossible (no EGL, no OpenGL 3.3).

#include "core/io/rgba_image.hpp"
#include "core/lat_lon.hpp"
#include "viewer/basemap_settings.hpp"
#include "viewer/basemap_stack.hpp"
#include "viewer/incident_filter.hpp"
#include "viewer/map_view.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace incidentmap::viewer {

// A box of longitudes and latitudes. west > east means the box crosses the antimeridian.
struct GeoBox {
    core::LatLon south_west;
    core::LatLon north_east;
};

// The whole inhabited world: every longitude, latitudes 58 degrees south to 82 north.
GeoBox world_box();

struct RenderOptions {
    int width = 1280;
    int height = 800;
    std::optional<GeoBox> bbox;  // the area to show, fitted into the image; world_box() when absent
    BasemapSettings basemaps = BasemapSettings::defaults();
    BasemapOptions basemap_options;
    MapOverlays overlays{.legend = true, .attribution = true, .title = {}, .subtitle = {}};
    float scale = 1.0f;  // text and line sizes
    // Incidents drawn over the basemaps, those the filter keeps; with no bbox the view fits them. The legend
    // overlay (severity colours, counts, the time shown) is drawn when there are incidents and overlays.legend.
    std::optional<core::IncidentSet> incidents;
    IncidentFilter filter;
    Aggregation aggregation = Aggregation::clusters;  // markers and clusters, a heatmap or hexbins
    std::chrono::milliseconds tile_wait{20'000};  // how long to wait for raster tiles in all
};

struct RenderResult {
    core::io::RgbaImage image;
    std::vector<std::string> messages;  // basemap problems, each once
    std::string renderer;               // the OpenGL renderer used
    std::size_t incidents_drawn = 0;    // those the filter keeps inside the picture (what the legend counts)
};

// The camera that shows `box` in a width x height viewport (for mapping geographic points to pixels in tests).
MapCamera camera_for(const GeoBox& box, int width, int height);

RenderResult render_map(RenderOptions options);  // by value: the incidents are moved into the drawing, not copied

}  // namespace incidentmap::viewer
