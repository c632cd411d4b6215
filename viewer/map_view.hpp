#pragma once
// The map canvas: draws the map into ImGui's background draw list under every panel and turns mouse and keyboard
// input over it into camera moves (drag to pan, wheel to zoom about the cursor, double click to zoom in, arrows and
// +/- keys). Input that ImGui's panels claim is left to them.
//
// What it draws now: the ocean, a graticule whose spacing follows the zoom (with world wrap), the coordinates under
// the cursor and a scale bar. Basemap and incident layers draw between the ocean and the overlays.

#include "viewer/map_camera.hpp"

#include <imgui.h>

namespace incidentmap::viewer {

struct MapStyle {
    ImU32 ocean = IM_COL32(170, 211, 223, 255);
    ImU32 graticule = IM_COL32(120, 160, 175, 255);
    ImU32 label = IM_COL32(40, 60, 70, 255);
    ImU32 overlay_background = IM_COL32(255, 255, 255, 200);
};

class MapView {
public:
    explicit MapView(MapCamera& camera) : camera_(camera) {}

    // Handles this frame's input and draws the canvas over the whole display.
    void draw();
    const MapStyle& style() const { return style_; }

private:
    void handle_input();
    void draw_graticule(ImDrawList& dl) const;
    void draw_scale_bar(ImDrawList& dl) const;
    void draw_cursor_position(ImDrawList& dl) const;

    MapCamera& camera_;
    MapStyle style_;
};

}  // namespace incidentmap::viewer
