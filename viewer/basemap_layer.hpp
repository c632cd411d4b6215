#pragma once
// One layer of the basemap, as the map canvas draws it. Implementations: VectorLayer (Natural Earth and any GDAL
// vector dataset), RasterLayer (GeoTIFF, MBTiles, XYZ tiles through GDAL's WMS driver) and PlaceLabelLayer.
//
// Protocol, on the UI thread (the one that owns the GL context): once per frame update(), then draw(). A layer
// may do work in the background (RasterLayer loads tiles on a worker thread); update() hands its results over
// and draw() never waits for it.

#include "viewer/fonts.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/map_style.hpp"

#include <imgui.h>

#include <span>
#include <string>

namespace incidentmap::viewer {

struct DrawContext {
    ImDrawList& draw_list;
    const MapCamera& camera;
    const MapFonts& fonts;
    const MapStyle& style;
    float opacity = 1.0f;  // the layer's opacity, 0..1
    float scale = 1.0f;    // content scale: line widths and marker sizes are multiplied by it
    // Screen rectangles (x0, y0, x1, y1) the map's overlays cover: labels keep out of them.
    std::span<const ImVec4> reserved = {};
    // Rectangles that text must keep clear of although a place's dot may lie under them (incident markers: the
    // town where an incident happened keeps its label, beside the marker).
    std::span<const ImVec4> text_reserved = {};
};

class BasemapLayer {
public:
    virtual ~BasemapLayer() = default;

    // Takes the results of background work (uploads tiles as textures). Returns true when the layer's picture
    // changed since the last draw(), so that a frame is worth drawing.
    virtual bool update() { return false; }
    // True while background work is queued or running (the caller keeps drawing frames instead of sleeping).
    virtual bool pending() const { return false; }
    virtual void draw(const DrawContext& ctx) = 0;
    // Text drawn over every layer's picture each frame, never kept in the basemap's texture: names along streets
    // and on areas keep clear of the overlays, the markers and each other (BasemapStack::draw_labels).
    virtual void draw_labels(const DrawContext&) {}
    // True when the picture depends on the camera, the settings and update() alone, so that the map may keep it in a
    // texture between frames (basemap_cache.hpp). Place labels are not: they make way for overlays and markers.
    virtual bool cacheable() const { return true; }

    // What went wrong since the layer opened (tiles that failed to load), or empty. The text changes only when
    // the problem does, so a caller can report each new one once.
    virtual std::string problem() const { return {}; }
    // One line for the layer list: what the layer shows and from where.
    virtual std::string description() const = 0;
};

}  // namespace incidentmap::viewer
