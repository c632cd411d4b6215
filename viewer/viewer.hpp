#pragma once
// The interactive viewer: the window, the map canvas with its basemap layers, the panels, and its main loop.
//
// Layout, worked out each frame (ImGui 1.86 has no docking): a column on the left (the info panel, then the
// incident list), a column on the right (the layers, then the inspector), place search at the top between them,
// the time bar along the bottom. No panel covers the time bar or another: each sizes itself to its content within
// the height its column has left, scrolls beyond, collapses to its title bar (the column closes up under it), and
// Tab hides them all, the time bar too, for the map alone. Fits leave the columns out.
//
// run_viewer() opens a window and runs until it is closed. With `frames` > 0 it renders that many frames and stops,
// and with a `screenshot` path it writes the last frame there as PNG (atomically) before stopping: that is how the
// viewer is tested under Xvfb and how screenshots for the documentation are made.
// Basemap problems (a missing file, tiles that fail) never stop the viewer: each is printed on stderr once and
// listed in the info panel and the layer panel.

#include "viewer/basemap_settings.hpp"
#include "viewer/basemap_stack.hpp"
#include "viewer/camera_flight.hpp"
#include "viewer/incident_files.hpp"
#include "viewer/incident_layer.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/map_view.hpp"
#include "viewer/panels/incident_panel.hpp"
#include "viewer/panels/info_panel.hpp"
#include "viewer/panels/inspector_panel.hpp"
#include "viewer/panels/layer_panel.hpp"
#include "viewer/panels/search_panel.hpp"
#include "viewer/panels/time_panel.hpp"
#include "viewer/view_state.hpp"
#include "viewer/window.hpp"

#include "gazetteer/gazetteer.hpp"
#include "store/project.hpp"

#include <filesystem>
#include <map>
#include <memory>
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
    std::vector<std::string> incident_files;          // read at start; a file that fails is reported, not fatal
    std::optional<std::filesystem::path> script;      // a UI script (ui_script.hpp) to run; the viewer ends with it
    std::optional<std::filesystem::path> state;       // a saved view to open (view_state.hpp): camera, layers, filters, files
    std::size_t bench_incidents = 0;                  // > 0: run view_benchmark.hpp with that many synthetic incidents
    std::optional<Aggregation> style;                 // how incidents are drawn, over what a saved view says
};

class Viewer {
public:
    Viewer(Window& window, BasemapSettings basemaps = BasemapSettings::defaults(), const BasemapOptions& options = {});
    // One frame: input (the user's, or `input` instead), UI, render into the back buffer. Call present() on the
    // window afterwards.
    void frame(const InjectedInput* input = nullptr);
    // True while basemap layers load in the background (the caller keeps drawing frames).
    bool busy() const { return basemaps_.pending(); }
    MapCamera& camera() { return camera_; }
    MapView& map() { return map_; }
    BasemapStack& basemaps() { return basemaps_; }
    InfoPanel& info() { return info_; }
    IncidentLayer& incidents() { return incidents_; }
    TimePanel& time() { return time_; }
    IncidentPanel& incident_panel() { return incident_panel_; }
    InspectorPanel& inspector() { return inspector_; }
    SearchPanel& search() { return search_; }
    CameraFlight& flight() { return flight_; }
    // Shows the loaded incidents (replacing any), reports the files that failed (stderr and the panels) and fits
    // the view to the incidents.
    void load(LoadedIncidents loaded);
    // Fits the view to the incidents shown, in the part of the map the panels leave free.
    void fit_to_shown();
    // The panels and the time bar, or the map alone (Tab switches).
    bool panels_shown() const { return panels_shown_; }
    void set_panels_shown(bool shown) { panels_shown_ = shown; }
    // Incident files that could not be read, over every load() so far.
    std::size_t unreadable_files() const { return unreadable_files_; }
    // Opens the files (absolute paths are kept for a saved view) and load()s them.
    void open_files(const std::vector<std::string>& files);
    // Opens `files` besides those open (dropped on the window, or chosen in the Incidents panel).
    void add_files(const std::vector<std::string>& files);
    // The view as a saved file keeps it, and back. apply() reopens the view's incident files when they differ from
    // the open ones, rebuilds the basemaps when the layer list differs, then sets the filter and the camera.
    ViewState view_state() const;
    void apply(const ViewState& state);
    // Reads a saved view over the viewer's own state and applies it: what the file leaves out stays as it is (a
    // file that gives only a camera keeps the open files and the time slider). A file that names other incident
    // files has them opened first, so that a time it leaves out is the new data's. Throws core::InputError naming
    // the file, and then changes nothing.
    void open_view(const std::filesystem::path& path);

private:
    Window& window_;
    MapCamera camera_;
    BasemapStack basemaps_;
    IncidentLayer incidents_;
    std::unique_ptr<gazetteer::Gazetteer> gazetteer_;  // place search; null when the index cannot be opened
    CameraFlight flight_;
    MapView map_;
    InfoPanel info_;
    LayerPanel layers_;
    TimePanel time_;
    IncidentPanel incident_panel_;
    InspectorPanel inspector_;
    SearchPanel search_;
    BasemapOptions basemap_options_;
    std::vector<std::string> incident_files_;
    std::map<std::string, store::Project> projects_;  // the incident files that are projects, opened when first asked
    std::vector<SourceItem> sources_of(const core::Incident& in);
    std::size_t unreadable_files_ = 0;
    bool panels_shown_ = true;
    // The widths the two columns of panels cover at the window's edges (none while Tab hides them).
    struct Insets {
        float left, right;
    };
    Insets column_insets() const;
    // Lays the panels out (see viewer.cpp) and draws them.
    void draw_panels();
};

struct ViewerRun {
    std::size_t unreadable_files = 0;  // incident files that could not be read (each named on stderr)
};

// Returns when the window closes or the frame budget is spent. Throws core::Error if no window can be opened.
ViewerRun run_viewer(const ViewerOptions& options);

}  // namespace incidentmap::viewer
