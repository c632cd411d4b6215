#pragma once
// The time panel along the bottom of the window: the incidents over time as stacked bars coloured by severity, the
// slider over the data's time range (drag on the bars or on the slider), the mode (all dates, a window of the last
// N hours or days, or everything up to the slider), and playback with a speed.
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "viewer/incident_layer.hpp"
#include "viewer/map_style.hpp"
#include "viewer/time_histogram.hpp"

#include <chrono>
#include <cstdint>

namespace incidentmap::viewer {

class TimePanel {
public:
    TimePanel(IncidentLayer& layer, const MapStyle& style) : layer_(layer), style_(style) {}
    // Draws the panel and, while playing, moves the slider by `dt_s` seconds of wall time times the speed.
    // Playback advances by dt_s; the bar is drawn when `shown` (else its height is 0).
    void draw(double dt_s, bool shown = true);

    // Playback, also for scripts: play() switches an unfiltered view to accumulate mode and starts from the
    // beginning when the slider is at the end.
    void play();
    void pause() { playing_ = false; }
    bool playing() const { return playing_; }
    // Data seconds per wall-clock second.
    std::chrono::seconds speed() const;
    void set_speed(std::chrono::seconds data_per_second);
    // Moves the slider as `dt_s` seconds of playback do; stops at the end of the data.
    void advance(double dt_s);
    // The panel's height in pixels (the map keeps its overlays above it).
    float height() const { return height_; }

private:
    void draw_content();
    void draw_histogram(float width, float height);
    void rebuild_if_needed();

    IncidentLayer& layer_;
    const MapStyle& style_;
    TimeHistogram histogram_;
    std::uint64_t histogram_version_ = ~std::uint64_t{0};
    bool playing_ = false;
    int speed_index_ = 2;
    double pending_s_ = 0;  // playback time not yet applied (sub-second steps)
    float height_ = 0;
};

}  // namespace incidentmap::viewer
