#pragma once
// The interactive viewer: the window, the map canvas with its basemap layers, the panels, and its main loop.
//
// run_viewer() opens a window and runs until it is closed. With `frames` > 0 it renders that many frames and stops,
// and with a `screenshot` path it writes the last frame there as PNG (atomically) before stopping: that is how the
// viewer is tested under Xvfb and how screenshots for the documentation are made.
// Basemap problems (a missing file, tiles that fail) never stop the viewer: each is printed on stderr once and
// listed in the info panel and the layer panel.

#include "viewer/basemap_settings.hpp"
#include "viewer/basemap_stack.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/map_view.hpp"
#include "viewer/panels/info_panel.hpp"
#include "viewer/panels/layer_panel.hpp"
#include "viewer/window.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace incidentmap::viewer {

struct ViewerOptions {
    WindowOptions window;
    int frames = 0;                                   // 0: until the window is closed
    std::optional<std::filesystem::path> screenshot;  // written after the last frame
    BasemapSettings basemaps = BasemapSettings::defaults();
    BasemapOptions basemap_options;                   // run_viewer fills an empty gazetteer path with the default
    std::vector<std::string> notes;                   // shown in the info panel
};

class Viewer {
public:
    Viewer(Window& window, BasemapSettings basemaps = BasemapSettings::defaults(), const BasemapOptions& options = {});
    // One frame: input, UI, render into the back buffer. Call present() on the window afterwards.
    void frame();
    // True while basemap layers load in the background (the caller keeps drawing frames).
    bool busy() const { return basemaps_.pending(); }
    MapCamera& camera() { return camera_; }
    BasemapStack& basemaps() { return basemaps_; }
    InfoPanel& info() { return info_; }

private:
    Window& window_;
    MapCamera camera_;
    BasemapStack basemaps_;
    MapView map_;
    InfoPanel info_;
    LayerPanel layers_;
};

// Returns when the window closes or the frame budget is spent. Throws core::Error if no window can be opened.
void run_viewer(const ViewerOptions& options);

}  // namespace incidentmap::viewer
