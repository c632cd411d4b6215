#include "viewer/viewer.hpp"

#include "gazetteer/gazetteer.hpp"

#include <imgui.h>

#include <iostream>

namespace incidentmap::viewer {

Viewer::Viewer(Window& window, BasemapSettings basemaps, const BasemapOptions& options)
    : window_(window),
      camera_(window.framebuffer_width(), window.framebuffer_height()),
      basemaps_(std::move(basemaps), options),
      map_(camera_, &basemaps_, window.fonts(), window.content_scale()),
      info_(camera_),
      layers_(basemaps_) {
    if (!window_.font_warning().empty()) info_.add_problem(window_.font_warning());
    // The inhabited world, as `incidentmap render` shows it by default.
    camera_.fit(core::LatLon::degrees(-58, -180), core::LatLon::degrees(82, 180), 0);
}

void Viewer::frame() {
    basemaps_.update();
    for (const std::string& m : basemaps_.take_messages()) {
        std::cerr << "incidentmap: " << m << "\n";
        info_.add_problem(m);
    }
    window_.begin_frame();
    map_.draw();
    info_.draw();
    layers_.draw();
    window_.end_frame();
}

void run_viewer(const ViewerOptions& options) {
    Window window(options.window);
    BasemapOptions basemap_options = options.basemap_options;
    if (basemap_options.gazetteer.empty()) basemap_options.gazetteer = gazetteer::Gazetteer::default_path();
    Viewer viewer(window, options.basemaps, basemap_options);
    for (const auto& note : options.notes) viewer.info().set_message(note);
    for (int n = 1; !window.should_close(); ++n) {
        // ImGui lays windows out over the first frames: keep polling while a frame budget is set.
        const ImGuiIO& io = ImGui::GetIO();
        const bool animating = options.frames > 0 || io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
        window.wait_events(animating, viewer.busy() ? 0.05 : 0.5);
        viewer.frame();
        const bool last = options.frames > 0 && n >= options.frames;
        if (last && options.screenshot) core::io::write_png(window.read_back_buffer(), *options.screenshot);
        window.present();
        if (last) break;
    }
}

}  // namespace incidentmap::viewer
