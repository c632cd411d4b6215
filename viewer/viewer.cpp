#include "viewer/viewer.hpp"

#include <imgui.h>

namespace incidentmap::viewer {

Viewer::Viewer(Window& window)
    : window_(window), camera_(window.framebuffer_width(), window.framebuffer_height()), map_(camera_), info_(camera_) {
    if (!window_.font_warning().empty()) info_.set_message(window_.font_warning());
}

void Viewer::frame() {
    window_.begin_frame();
    map_.draw();
    info_.draw();
    window_.end_frame();
}

void run_viewer(const ViewerOptions& options) {
    Window window(options.window);
    Viewer viewer(window);
    for (int n = 1; !window.should_close(); ++n) {
        // ImGui lays windows out over the first frames: keep polling while a frame budget is set.
        window.wait_events(options.frames > 0 || ImGui::GetIO().MouseDelta.x != 0 || ImGui::GetIO().MouseDelta.y != 0);
        viewer.frame();
        const bool last = options.frames > 0 && n >= options.frames;
        if (last && options.screenshot) core::io::write_png(window.read_back_buffer(), *options.screenshot);
        window.present();
        if (last) break;
    }
}

}  // namespace incidentmap::viewer
