#include "viewer/basemap_cache.hpp"

#include "core/error.hpp"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace incidentmap::viewer {

namespace {

// How far the picture reaches beyond the view on each side, as a share of the view's longer side: room for a drag
// of that many pixels, or a zoom out by one wheel step, before a new rendering.
constexpr double kMarginShare = 0.15;
// How far the stand-in may be scaled while the camera zooms.
constexpr double kMaxStandInScale = 2.0;

}  // namespace

BasemapCache::BasemapCache() : list_(ImGui::GetDrawListSharedData()) {}

BasemapCache::~BasemapCache() {
    if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
}

void BasemapCache::draw(ImDrawList& dl, const MapCamera& camera, std::uint64_t key, const Painter& paint) {
    const bool camera_still = camera.center().x == last_center_.x && camera.center().y == last_center_.y &&
                              camera.meters_per_pixel() == last_mpp_;
    last_center_ = camera.center();
    last_mpp_ = camera.meters_per_pixel();
    const ImVec2 fb_scale = ImGui::GetIO().DisplayFramebufferScale;

    // Where the picture's centre and edges fall on screen, and at what scale.
    auto placement = [&](double& scale, ImVec2& p0, ImVec2& p1) {
        const MapCamera& pc = picture_camera_;
        scale = pc.meters_per_pixel() / camera.meters_per_pixel();
        const double cx = camera.viewport_width() / 2.0 +
                          std::remainder(pc.center().x - camera.center().x, MapCamera::kWorldWidth) / camera.meters_per_pixel();
        const double cy = camera.viewport_height() / 2.0 + (camera.center().y - pc.center().y) / camera.meters_per_pixel();
        const double half_w = pc.viewport_width() * scale / 2, half_h = pc.viewport_height() * scale / 2;
        p0 = ImVec2(static_cast<float>(cx - half_w), static_cast<float>(cy - half_h));
        p1 = ImVec2(static_cast<float>(cx + half_w), static_cast<float>(cy + half_h));
    };
    auto covers_view = [&](ImVec2 p0, ImVec2 p1) {
        return p0.x <= 0.5f && p0.y <= 0.5f && p1.x >= static_cast<float>(camera.viewport_width()) - 0.5f &&
               p1.y >= static_cast<float>(camera.viewport_height()) - 0.5f;
    };

    settling_ = false;
    double scale = 1;
    ImVec2 p0, p1;
    bool shown = false;
    if (valid_ && key == key_ && fb_scale.x == framebuffer_scale_.x && fb_scale.y == framebuffer_scale_.y) {
        placement(scale, p0, p1);
        if (std::abs(scale - 1) < 1e-9 && covers_view(p0, p1)) {
            ++stats_.reused;
            shown = true;
        } else if (!camera_still && scale <= kMaxStandInScale && scale >= 1 / kMaxStandInScale && covers_view(p0, p1)) {
            ++stats_.stand_ins;
            settling_ = true;
            shown = true;
        }
    }
    if (!shown) {
        framebuffer_scale_ = fb_scale;
        render(camera, paint);
        key_ = key;
        valid_ = true;
        ++stats_.renders;
        placement(scale, p0, p1);
    }
    if (!settling_) {
        // At the picture's own scale, whole framebuffer pixels map texel to pixel: the shift is exact.
        const float dx = std::round(p0.x * fb_scale.x) / fb_scale.x - p0.x, dy = std::round(p0.y * fb_scale.y) / fb_scale.y - p0.y;
        p0 = ImVec2(p0.x + dx, p0.y + dy);
        p1 = ImVec2(p1.x + dx, p1.y + dy);
    }
    // The texture's first row is the bottom of the picture (OpenGL's origin).
    dl.AddImage(texture_->id(), p0, p1, ImVec2(0, 1), ImVec2(1, 0));
}

void BasemapCache::render(const MapCamera& camera, const Painter& paint) {
    const int margin = static_cast<int>(std::ceil(kMarginShare * std::max(camera.viewport_width(), camera.viewport_height())));
    const int width = camera.viewport_width() + 2 * margin, height = camera.viewport_height() + 2 * margin;
    picture_camera_.set_viewport(width, height);
    picture_camera_.look_at(camera.center(), camera.meters_per_pixel());
    ensure_target(static_cast<int>(std::lround(width * framebuffer_scale_.x)),
                  static_cast<int>(std::lround(height * framebuffer_scale_.y)));

    // A draw list set up as ImGui sets up its own each frame, with the picture's size as the screen.
    list_._ResetForNewFrame();
    list_.Flags = ImGui::GetBackgroundDrawList()->Flags;
    list_.PushClipRect(ImVec2(0, 0), ImVec2(static_cast<float>(width), static_cast<float>(height)));
    list_.PushTextureID(ImGui::GetIO().Fonts->TexID);
    paint(list_, picture_camera_);

    ImDrawList* lists[] = {&list_};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = 1;
    data.TotalVtxCount = list_.VtxBuffer.Size;
    data.TotalIdxCount = list_.IdxBuffer.Size;
    data.DisplayPos = ImVec2(0, 0);
    data.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    data.FramebufferScale = framebuffer_scale_;

    GLint previous_framebuffer = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous_framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&data);  // restores the viewport and the rest of the GL state it touches
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous_framebuffer));
}

void BasemapCache::ensure_target(int width, int height) {
    if (texture_ && width == texture_width_ && height == texture_height_) return;
    if (!framebuffer_) glGenFramebuffers(1, &framebuffer_);
    texture_.reset();  // the old storage goes before the new is made
    texture_.emplace(width, height);
    GLint previous_framebuffer = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous_framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_->name(), 0);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous_framebuffer));
    if (status != GL_FRAMEBUFFER_COMPLETE)
        throw core::Error("viewer: the basemap's " + std::to_string(width) + "x" + std::to_string(height) +
                          " off-screen picture cannot be rendered (framebuffer status " + std::to_string(status) + ")");
    texture_width_ = width;
    texture_height_ = height;
}

}  // namespace incidentmap::viewer
