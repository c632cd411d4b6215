#include "viewer/gl_texture.hpp"

#include "core/error.hpp"

#include <GL/gl.h>

#include <string>

namespace incidentmap::viewer {

GlTexture::GlTexture(const core::io::RgbaImage& image) { create(image.width(), image.height(), image.pixels().data()); }

GlTexture::GlTexture(int width, int height) { create(width, height, nullptr); }

void GlTexture::create(int width, int height, const void* pixels) {
    width_ = width;
    height_ = height;
    glGenTextures(1, &id_);
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, id_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
    if (const GLenum err = glGetError(); err != GL_NO_ERROR) {
        glDeleteTextures(1, &id_);
        id_ = 0;
        throw core::Error("viewer: uploading a " + std::to_string(width) + "x" + std::to_string(height) +
                          " texture failed (OpenGL error " + std::to_string(err) + ")");
    }
}

void GlTexture::update(const core::io::RgbaImage& image) {
    if (image.width() != width_ || image.height() != height_ || id_ == 0) {
        *this = GlTexture(image);
        return;
    }
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, id_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels().data());
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
}

GlTexture::~GlTexture() {
    if (id_) glDeleteTextures(1, &id_);
}

GlTexture& GlTexture::operator=(GlTexture&& other) noexcept {
    if (this != &other) {
        if (id_) glDeleteTextures(1, &id_);
        id_ = other.id_;
        width_ = other.width_;
        height_ = other.height_;
        other.id_ = 0;
    }
    return *this;
}

}  // namespace incidentmap::viewer
