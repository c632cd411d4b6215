#include "viewer/map_render.hpp"

#include "viewer/offscreen_context.hpp"

#include <imgui.h>

#include <thread>

namespace incidentmap::viewer {

GeoBox world_box() { return {core::LatLon::degrees(-58, -180), core::LatLon::degrees(82, 180)}; }

MapCamera camera_for(const GeoBox& box, int width, int height) {
    MapCamera camera(width, height);
    const auto sw = camera.to_world(box.south_west), ne = camera.to_world(box.north_east);
    if (!sw || !ne) return camera;
    WorldBox world;
    world.extend(sw->x, sw->y);
    // A box across the antimeridian: its east edge lies one world further east.
    world.extend(ne->x < sw->x ? ne->x + MapCamera::kWorldWidth : ne->x, ne->y);
    camera.fit(world, 0);
    return camera;
}

RenderResult render_map(RenderOptions options) {
    OffscreenContext gl(options.width, options.height, options.scale);
    RenderResult result{core::io::RgbaImage(options.width, options.height), {}, gl.renderer()};
    MapCamera camera = camera_for(options.bbox.value_or(world_box()), options.width, options.height);
    IncidentLayer incidents;
    if (options.incidents) {
        incidents.set_incidents(std::move(*options.incidents));
        incidents.filter() = options.filter;
        incidents.set_aggregation(options.aggregation);
        incidents.refresh();
        if (const WorldBox box = incidents.shown_bounds(); !options.bbox && !box.empty()) camera.fit(box, 70 * options.scale);
    }
    {
        // The stack holds GL textures: it lives inside the GL context's lifetime.
        BasemapStack basemaps(options.basemaps, options.basemap_options);
        MapView view(camera, &basemaps, gl.fonts(), options.scale);
        view.overlays() = options.overlays;
        view.overlays().cursor_position = false;
        if (options.incidents) view.set_incidents(&incidents);
        else view.overlays().legend = false;

        auto frame = [&] {
            gl.begin_frame();
            view.draw_map(*ImGui::GetBackgroundDrawList());
            result.image = gl.end_frame();
        };
        // Draw, wait for the tiles the frame asked for, draw again with them; a few rounds at most (coarser tiles
        // stand in first, so each round only sharpens the picture).
        const auto deadline = std::chrono::steady_clock::now() + options.tile_wait;
        basemaps.update();
        frame();
        for (int round = 0; round < 8; ++round) {
            while (basemaps.pending() && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            if (!basemaps.update()) break;
            frame();
        }
        result.messages = basemaps.take_messages();
        if (options.incidents) result.incidents_drawn = incidents.counts_in_view(camera).drawn;
    }
    return result;
}

}  // namespace incidentmap::viewer
