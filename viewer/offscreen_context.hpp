#pragma once
// Off-screen rendering without any display server: an OpenGL 3.3+ core context on EGL's Mesa surfaceless platform
// (EGL_PLATFORM_SURFACELESS_MESA; llvmpipe when there is no GPU), a framebuffer object of the requested size to
// draw into, and an ImGui context with the OpenGL3 backend and the map fonts (fonts.hpp), so that the very same
// ImDrawList code that draws the window draws here. `incidentmap render` and the rendering tests use it.
//
// Guarantees:
//  - Construction yields a working context and framebuffer or throws core::Error naming the step that failed and
//    EGL's error code ("eglInitialize failed: EGL_NOT_INITIALIZED (0x3001)") or the framebuffer status.
//  - Destruction releases, in order, the ImGui backend and context, the framebuffer and the GL context. The EGL
//    display is process-wide: initialised on first use and kept (terminating it would unload Mesa's driver, which
//    leaks). Several OffscreenContexts may exist one after another or at once.
//  - end_frame() returns the frame as RGBA, top row first, exactly width() x height(), opaque.
// Thread safety: use one OffscreenContext from one thread. begin_frame() makes its GL and ImGui contexts current
// (and end_frame() restores the ImGui context that was current before), so it can live beside a Window.

#include "core/io/rgba_image.hpp"
#include "viewer/fonts.hpp"

#include <memory>
#include <string>

namespace incidentmap::viewer {

class OffscreenContext {
public:
    // `scale` multiplies font sizes (as a monitor's content scale does in the window).
    OffscreenContext(int width, int height, float scale = 1.0f);
    ~OffscreenContext();
    OffscreenContext(const OffscreenContext&) = delete;
    OffscreenContext& operator=(const OffscreenContext&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    float scale() const { return scale_; }
    const MapFonts& fonts() const { return fonts_; }
    // GL_RENDERER and GL_VERSION, e.g. "llvmpipe (LLVM 15.0.6, 256 bits), 4.5 (Core Profile) Mesa 22.3.6".
    const std::string& renderer() const { return renderer_; }

    // Makes the contexts current and starts an ImGui frame covering the framebuffer; then draw with ImGui (the
    // background draw list is the map canvas).
    void begin_frame();
    // Renders the ImGui frame into the framebuffer and reads it back.
    core::io::RgbaImage end_frame();

private:
    struct Gl;  // EGL display and context, GL entry points, framebuffer (offscreen_context.cpp)
    int width_;
    int height_;
    float scale_;
    std::unique_ptr<Gl> gl_;
    struct ImGuiState;  // the ImGui context and its OpenGL3 backend
    std::unique_ptr<ImGuiState> imgui_;
    MapFonts fonts_;
    std::string renderer_;
    ImGuiContext* previous_imgui_ = nullptr;  // current before begin_frame(), restored by end_frame()
};

}  // namespace incidentmap::viewer
