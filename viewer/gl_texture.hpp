#pragma once
// An OpenGL 2D texture holding an RGBA image, owned: created on construction, deleted on destruction. ImGui draws
// it through ImDrawList::AddImage(texture.id(), ...).
//
// Must be created, used and destroyed on the thread whose GL context is current (the UI thread), with that
// context current; moving transfers ownership.

#include "core/io/rgba_image.hpp"

#include <imgui.h>

#include <cstdint>

namespace incidentmap::viewer {

class GlTexture {
public:
    // Uploads the image with linear filtering, clamped to the edge. Throws core::Error with GL's error code.
    explicit GlTexture(const core::io::RgbaImage& image);
    // The same, width x height pixels whose content is left undefined (a target to render into).
    GlTexture(int width, int height);
    ~GlTexture();
    GlTexture(GlTexture&& other) noexcept : id_(other.id_), width_(other.width_), height_(other.height_) { other.id_ = 0; }
    GlTexture& operator=(GlTexture&& other) noexcept;
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;

    // Replaces the content with `image`: in place when the size is the same, else as a new texture.
    void update(const core::io::RgbaImage& image);
    int width() const { return width_; }
    int height() const { return height_; }

    // What the OpenGL3 backend of ImGui expects as ImTextureID: the texture name.
    ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id_)); }
    // The OpenGL texture name.
    unsigned int name() const { return id_; }

private:
    void create(int width, int height, const void* pixels);

    unsigned int id_ = 0;
    int width_ = 0, height_ = 0;
};

}  // namespace incidentmap::viewer
