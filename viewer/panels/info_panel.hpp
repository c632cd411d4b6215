#pragma once
// The side panel that says what is on the map: the view's position and zoom, and what is loaded.
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "viewer/map_camera.hpp"

#include <string>

namespace incidentmap::viewer {

class InfoPanel {
public:
    explicit InfoPanel(const MapCamera& camera) : camera_(camera) {}
    void draw();
    void set_message(std::string message) { message_ = std::move(message); }

private:
    void draw_content();
    const MapCamera& camera_;
    std::string message_;
};

}  // namespace incidentmap::viewer
