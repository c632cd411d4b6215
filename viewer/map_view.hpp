#pragma once
// The map canvas: draws the map into an ImDrawList and turns mouse and keyboard input over it into camera moves
// (drag to pan, wheel to zoom about the cursor, double click to zoom in, arrows and +/- keys). Input that ImGui's
// panels claim is left to them.
//
// Drawing order: the ocean, the graticule lines, the basemap layers bottom to top (land, user data, borders,
// labels), the incidents, then the overlays (graticule degrees, scale bar, attribution, coordinates under the cursor,
// caption, legend); every overlay's size follows the view's scale. draw_map() is the
// whole picture and takes no input: the desktop window and the off-screen renderer both call it, so a rendered
// PNG shows exactly what the window shows.

#include "viewer/basemap_cache.hpp"
#include "viewer/basemap_stack.hpp"
#include "viewer/fonts.hpp"
#include "viewer/incident_layer.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/map_style.hpp"

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace incidentmap::viewer {

struct MapOverlays {
    bool graticule = true;
    bool scale_bar = true;
    bool cursor_position = true;  // only drawn while the mouse is over the map
    bool legend = false;          // severity colours with counts of what is drawn and the time shown (the window has its panels)
    bool attribution = true;      // the credits of the basemap layers drawn (BasemapStack::attributions), bottom right
    std::string title, subtitle;  // a caption at the top left, above the legend; none when empty
};

class MapView {
public:
    // `basemaps` may be null (the ocean and overlays only). Both references must outlive the view.
    MapView(MapCamera& camera, BasemapStack* basemaps, const MapFonts& fonts, float scale = 1.0f)
        : camera_(camera), basemaps_(basemaps), fonts_(fonts), scale_(scale) {}

    // Handles this frame's input and draws the map over the display, under every panel, down to `bottom_inset`
    // pixels above its bottom edge (where a panel covers the display's width).
    void draw(float bottom_inset = 0);
    // Draws the map for the camera's viewport into `dl` (no input handling).
    void draw_map(ImDrawList& dl) const;

    const MapStyle& style() const { return style_; }
    MapStyle& style() { return style_; }
    MapOverlays& overlays() { return overlays_; }
    // Strips at the left and right edges that panels cover: the overlays along the bottom (scale bar, credits,
    // coordinates) keep out of them.
    void set_insets(float left, float right) {
        inset_left_ = left;
        inset_right_ = right;
    }
    // A pin over everything at a place (the one chosen in search), labelled; none when nullopt.
    struct Pin {
        core::LatLon at;
        std::string label;
    };
    void set_pin(std::optional<Pin> pin) { pin_ = std::move(pin); }
    const std::optional<Pin>& pin() const { return pin_; }
    // The incidents drawn over the basemaps (may be null). Must outlive the view.
    void set_incidents(IncidentLayer* incidents) { incidents_ = incidents; }
    // Keeps the basemap's picture below the labels in a texture between frames (basemap_cache.hpp): what the
    // window does. Off by default, so that a single off-screen rendering draws directly. Takes effect at the next
    // draw, inside an ImGui frame with the GL context current.
    void set_basemap_cache(bool on) { use_cache_ = on; }
    // True when the last frame showed a scaled stand-in of the basemap: draw one more frame once the camera rests.
    bool settling() const { return cache_ && cache_->settling(); }
    const BasemapCache* basemap_cache() const { return cache_.get(); }

private:
    void handle_input();
    // Hover tooltips, click to select or open a cluster, drag the selected incident to correct its location.
    // Returns true while it owns the mouse drag (the map does not pan then).
    bool handle_incident_input();
    struct Legend {
        std::string title, when;
        std::string rows[core::kSeverityCount];
        float line = 0;
        ImVec4 rect;  // x0, y0, x1, y1
    };
    // Below the caption, if any.
    Legend legend(float top) const;
    void draw_legend(ImDrawList& dl, const Legend& l) const;
    // The caption's rectangle (x0, y0, x1, y1) from the top left; empty (y1 == y0) without a title.
    ImVec4 caption_rect() const;
    float caption_wrap() const;  // the width at which the caption's lines wrap
    void draw_caption(ImDrawList& dl, const ImVec4& rect) const;
    // The attribution line, wrapped to the width the scale bar leaves; its rectangle, empty when there is none.
    std::string attribution_text() const;
    ImVec4 attribution_rect(const std::string& text) const;
    void draw_attribution(ImDrawList& dl, const std::string& text, const ImVec4& rect) const;
    // The ocean, the graticule lines and the basemap layers [0, end) for `camera`: the part of the picture that
    // depends on nothing but the camera and the settings.
    void draw_picture(ImDrawList& dl, const MapCamera& camera, std::size_t end) const;
    std::uint64_t picture_key(std::size_t end) const;
    void draw_graticule_lines(ImDrawList& dl, const MapCamera& camera) const;
    void draw_graticule_labels(ImDrawList& dl) const;
    // Where draw_graticule_labels() writes, as (x0, y0, x1, y1) rectangles, for the place labels to keep clear of.
    void graticule_label_rects(std::vector<ImVec4>& out) const;
    void draw_scale_bar(ImDrawList& dl) const;
    // Above the attribution line, whose top is `bottom`.
    void draw_cursor_position(ImDrawList& dl, float bottom) const;

    MapCamera& camera_;
    BasemapStack* basemaps_;
    const MapFonts& fonts_;
    float scale_;
    MapStyle style_;
    MapOverlays overlays_;
    IncidentLayer* incidents_ = nullptr;
    void draw_pin(ImDrawList& dl) const;
    std::optional<Pin> pin_;
    float inset_left_ = 0, inset_right_ = 0;
    bool dragging_incident_ = false;
    bool use_cache_ = false;
    mutable std::unique_ptr<BasemapCache> cache_;  // created at the first draw with use_cache_
};

}  // namespace incidentmap::viewer
