#pragma once
// The interactive viewer: the window, the map canvas and the panels, and its main loop.
//
// run_viewer() opens a window and runs until it is closed. With `frames` > 0 it renders that many frames and stops,
// and with a `screenshot` path it writes the last frame there as PNG (atomically) before stopping: that is how the
// viewer is tested under Xvfb and how screenshots for the documentation are made.

#include "viewer/map_camera.hpp"
#include "viewer/map_view.hpp"
#include "viewer/panels/info_panel.hpp"
#include "viewer/window.hpp"

#include <filesystem>
#include <optional>

namespace incidentmap::viewer {

struct ViewerOptions {
    WindowOptions window;
    int frames = 0;                                   // 0: until the window is closed
    std::optional<std::filesystem::path> screenshot;  // written after the last frame
};

class Viewer {
public:
    explicit Viewer(Window& window);
    // One frame: input, UI, render into the back buffer. Call present() on the window afterwards.
    void frame();
    MapCamera& camera() { return camera_; }

private:
    Window& window_;
    MapCamera camera_;
    MapView map_;
    InfoPanel info_;
};

// Returns when the window closes or the frame budget is spent. Throws core::Error if no window can be opened.
void run_viewer(const ViewerOptions& options);

}  // namespace incidentmap::viewer
