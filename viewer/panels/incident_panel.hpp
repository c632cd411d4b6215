#pragma once
// The incidents panel: what is loaded (and what could not be), one switch per severity and per event type with the
// number of incidents of each in the current time window, and export of what the filters show to GeoJSON or
// GeoPackage.
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "viewer/incident_layer.hpp"
#include "viewer/map_style.hpp"
#include "viewer/panels/panel_slot.hpp"

#include <functional>
#include <string>
#include <vector>

namespace incidentmap::viewer {

class IncidentPanel {
public:
    IncidentPanel(IncidentLayer& layer, const MapStyle& style) : layer_(layer), style_(style) {}
    // In its slot of the layout; returns the height it took (0 when not shown).
    float draw(const PanelSlot& slot);

    // What the header lists: "events.geojson: 812 incidents", and the files that failed with their reason.
    void set_sources(std::vector<std::string> loaded, std::vector<std::string> problems);
    // Writes the incidents the filters show to `path` (format from the extension). Returns the message shown in
    // the panel; never throws (a failure is the message, the old file intact).
    std::string export_shown(const std::string& path);
    // Save and open the view (set by the viewer, which owns the camera and layers): each returns the message to
    // show and may throw; the panel shows the error instead.
    std::function<std::string(const std::string&)> on_save_view, on_load_view;
    // Opens more incident files (a path, or several separated by ';'); returns what the panel then says.
    std::function<std::string(const std::vector<std::string>&)> on_open_files;

private:
    void draw_content();
    void draw_view_file();
    void draw_unlocated();

    IncidentLayer& layer_;
    const MapStyle& style_;
    std::vector<std::string> loaded_, problems_;
    char export_path_[512] = "incidents-filtered.geojson";
    char view_path_[512] = "incidentmap-view.json";
    char open_path_[1024] = "";
    void draw_open_files();
    std::string export_message_;
    bool export_failed_ = false;
};

}  // namespace incidentmap::viewer
