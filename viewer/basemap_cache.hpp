#pragma once
// The basemap's picture kept in a texture between frames, so that a frame in which the basemap did not change, or
// only moved, costs one textured quad instead of tessellating and rasterising every coastline and polygon again.
// On a machine without a GPU (Mesa llvmpipe) rasterising the world's polygons is most of a frame's cost.
//
// How: the picture is rendered for the camera's scale into an off-screen texture a margin larger than the view on
// every side. Later frames at the same scale whose view lies inside it show the texture shifted, pixel for pixel
// what a new rendering would give (the offset is rounded to whole framebuffer pixels). While the camera zooms, the
// texture is shown scaled as a stand-in for as long as it covers the view and the scale is within a factor of
// two; the first frame in which the camera stands still renders the exact picture again (settling() says one is
// due, so that the caller draws that frame instead of sleeping).
//
// Guarantees:
//  - A new `key` (other layers, settings, style, or tiles that arrived) always renders anew: nothing stale is shown
//    once the caller's key says the picture changed.
//  - What the painter draws for a camera is what the frame shows, at rest, up to the half-pixel rounding above.
// GL objects: create, use and destroy on the UI thread with its context current, between ImGui::NewFrame() and
// ImGui::Render() (it renders through ImGui's OpenGL 3 backend).

#include "viewer/gl_texture.hpp"
#include "viewer/map_camera.hpp"

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>

namespace incidentmap::viewer {

class BasemapCache {
public:
    using Painter = std::function<void(ImDrawList&, const MapCamera&)>;

    struct Stats {
        std::uint64_t renders = 0;   // frames that rendered the picture anew
        std::uint64_t reused = 0;    // frames that showed the texture at its own scale
        std::uint64_t stand_ins = 0; // frames that showed it scaled while the camera moved
    };

    BasemapCache();
    ~BasemapCache();
    BasemapCache(const BasemapCache&) = delete;
    BasemapCache& operator=(const BasemapCache&) = delete;

    // Adds the picture for `camera` to `dl`, from the texture or rendered anew with `paint`. `key` stands for
    // everything the painter's picture depends on apart from the camera.
    void draw(ImDrawList& dl, const MapCamera& camera, std::uint64_t key, const Painter& paint);
    // True when the last draw() showed a scaled stand-in.
    bool settling() const { return settling_; }
    const Stats& stats() const { return stats_; }

private:
    void render(const MapCamera& camera, const Painter& paint);
    void ensure_target(int width, int height);

    MapCamera picture_camera_{1, 1};  // the camera the texture was rendered with (viewport = texture, in points)
    ImDrawList list_;
    unsigned int framebuffer_ = 0;
    std::optional<GlTexture> texture_;
    int texture_width_ = 0, texture_height_ = 0;  // framebuffer pixels
    ImVec2 framebuffer_scale_{1, 1};
    std::uint64_t key_ = 0;
    bool valid_ = false;
    bool settling_ = false;
    core::proj::XY last_center_{};
    double last_mpp_ = 0;
    Stats stats_;
};

}  // namespace incidentmap::viewer
