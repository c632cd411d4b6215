#pragma once
// The side panel that says what is on the map: the view's position and zoom, and what is loaded.
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "viewer/map_camera.hpp"
#include "viewer/panels/panel_slot.hpp"

#include <string>
#include <vector>

namespace incidentmap::viewer {

class InfoPanel {
public:
    explicit InfoPanel(const MapCamera& camera) : camera_(camera) {}
    // In its slot of the layout; returns the height it took (0 when not shown).
    float draw(const PanelSlot& slot);
    // What is loaded ("No incidents loaded." until set).
    void set_message(std::string message) { message_ = std::move(message); }
    // A problem to show (a basemap that failed); the last few are kept.
    void add_problem(std::string problem);

private:
    void draw_content();
    const MapCamera& camera_;
    std::string message_;
    std::vector<std::string> problems_;
};

}  // namespace incidentmap::viewer
