#pragma once
// The map canvas: draws the map into an ImDrawList and turns mouse and keyboard input over it into camera moves
// (drag to pan, wheel to zoom about the cursor, double click to zoom in, arrows and +/- keys). Input that ImGui's
// panels claim is left to them.
//
// Drawing order: the ocean, the graticule lines, the basemap layers bottom to top (land, user data, borders,
// labels), then the overlays (graticule degrees, scale bar, coordinates under the cursor). draw_map() is the
// whole picture and takes no input: the desktop window and the off-screen renderer both call it, so a rendered
// PNG shows exactly what the window shows.

#include "viewer/basemap_stack.hpp"
#include "viewer/fonts.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/map_style.hpp"

#include <imgui.h>

namespace incidentmap::viewer {

struct MapOverlays {
    bool graticule = true;
    bool scale_bar = true;
    bool cursor_position = true;  // only drawn while the mouse is over the map
};

class MapView {
public:
    // `basemaps` may be null (the ocean and overlays only). Both references must outlive the view.
    MapView(MapCamera& camera, BasemapStack* basemaps, const MapFonts& fonts, float scale = 1.0f)
        : camera_(camera), basemaps_(basemaps), fonts_(fonts), scale_(scale) {}

    // Handles this frame's input and draws the map over the whole display, under every panel.
    void draw();
    // Draws the map for the camera's viewport into `dl` (no input handling).
    void draw_map(ImDrawList& dl) const;

    const MapStyle& style() const { return style_; }
    MapStyle& style() { return style_; }
    MapOverlays& overlays() { return overlays_; }

private:
    void handle_input();
    void draw_graticule_lines(ImDrawList& dl) const;
    void draw_graticule_labels(ImDrawList& dl) const;
    void draw_scale_bar(ImDrawList& dl) const;
    void draw_cursor_position(ImDrawList& dl) const;

    MapCamera& camera_;
    BasemapStack* basemaps_;
    const MapFonts& fonts_;
    float scale_;
    MapStyle style_;
    MapOverlays overlays_;
};

}  // namespace incidentmap::viewer
