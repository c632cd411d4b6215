#pragma once
// A desktop window with an OpenGL 3.3 core context and Dear ImGui set up on it (GLFW and OpenGL3 backends).
//
// Guarantees:
//  - Construction either yields a usable window or throws core::Error with GLFW's own reason (for instance "no
//    display" when run without X or Wayland); destruction shuts ImGui, the backends and GLFW down in order.
//  - One Window per process (ImGui and GLFW are process-wide here); a second concurrent one throws.
//  - Text is drawn with DejaVu Sans (Latin, Latin Extended, Cyrillic) when the font file is found, scaled by the
//    monitor's content scale; otherwise with ImGui's built-in font, and font_warning() says so (see fonts.hpp:
//    the off-screen renderer loads the same fonts).
// Frame protocol: begin_frame(), build the UI with ImGui calls, end_frame() (renders into the back buffer),
// optionally read_back_buffer(), then present().

#include "core/io/rgba_image.hpp"
#include "viewer/fonts.hpp"

#include <string>
#include <utility>
#include <vector>

struct GLFWwindow;

namespace incidentmap::viewer {

// Input that replaces the user's for one frame (scripted GUI tests, benchmarks): the pointer, the left button,
// wheel clicks and typed characters, handed to ImGui exactly as the GLFW backend hands real input.
struct InjectedInput {
    float mouse_x = -1, mouse_y = -1;
    bool left_down = false;
    bool right_down = false;
    float wheel = 0;
    std::u32string chars;
    bool tab = false;  // the Tab key held down
    std::vector<std::string> dropped;  // files dropped on the window in this frame
};

struct WindowOptions {
    int width = 1280;
    int height = 800;
    std::string title = "incidentmap";
    bool visible = true;
};

class Window {
public:
    explicit Window(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool should_close() const;
    void request_close();
    // Sleeps until input arrives (or `timeout_s` passes) when idle; only polls when something is animating.
    void wait_events(bool animating, double timeout_s = 0.5);

    // With `input`, this frame sees it instead of the real pointer and keyboard.
    void begin_frame(const InjectedInput* input = nullptr);
    void end_frame();
    void present();
    // The back buffer as last rendered by end_frame(), top row first, framebuffer size (content scale applied).
    core::io::RgbaImage read_back_buffer() const;

    int framebuffer_width() const;
    int framebuffer_height() const;
    float content_scale() const { return content_scale_; }
    const std::string& font_warning() const { return fonts_.warning; }
    const MapFonts& fonts() const { return fonts_; }
    GLFWwindow* handle() const { return window_; }
    // The files dropped on the window (from a file manager) since the last call.
    std::vector<std::string> take_dropped() { return std::exchange(dropped_, {}); }

private:
    static void on_drop(GLFWwindow* window, int count, const char** paths);
    GLFWwindow* window_ = nullptr;
    std::vector<std::string> dropped_;
    float content_scale_ = 1.0f;
    MapFonts fonts_;
};

}  // namespace incidentmap::viewer
