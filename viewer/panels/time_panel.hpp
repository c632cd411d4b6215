#pragma once
// The time bar along the bottom of the window: the incidents over time as stacked bars coloured by severity in
// calendar bins, a date axis whose ticks adapt to the range shown, the slider over the data's whole range, the mode
// (all dates, a window of any length ending at the slider, or everything up to it), stepping by the window,
// playback with a speed and a loop.
//
// The bars show a part of time (a TimeView) that the analyst zooms with the wheel, pans by dragging with the right
// or middle button and resets by double-clicking; a left drag across the bars brushes a window (window mode, its
// length and end at the brush), a left click puts the slider there. Playback keeps the slider in view.
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "viewer/incident_layer.hpp"
#include "viewer/map_style.hpp"
#include "viewer/time_axis.hpp"
#include "viewer/time_histogram.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

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
    // At the end of the data playback starts again from the beginning instead of stopping.
    void set_loop(bool loop) { loop_ = loop; }
    bool loop() const { return loop_; }
    // Data seconds per wall-clock second.
    std::chrono::seconds speed() const;
    void set_speed(std::chrono::seconds data_per_second);
    // Moves the slider as `dt_s` seconds of playback do; stops (or loops) at the end of the data.
    void advance(double dt_s);
    // Moves the slider one window later (direction 1) or earlier (-1): the window's length in window mode, one bar
    // otherwise; mode `all` becomes window mode at the first window.
    void step(int direction);

    // The part of time the bars show; reset to the data's range when the incidents change.
    const TimeView& view() const { return view_; }
    void set_view(const TimeView& view) { view_ = view; }
    // The ticks and the bars of the last frame drawn.
    const std::vector<TimeTick>& axis_ticks() const { return ticks_; }
    const TimeHistogram& histogram() const { return histogram_; }
    // Where the bars were drawn in the last frame, (x0, y0, x1, y1) in window pixels: the tests aim at it.
    ImVec4 bars_area() const { return bars_area_; }
    // The panel's height in pixels (the map keeps its overlays above it).
    float height() const { return height_; }

private:
    void draw_content();
    void draw_histogram(float width, float height);
    void draw_window_length();
    void follow_data();

    IncidentLayer& layer_;
    const MapStyle& style_;
    TimeView view_;
    std::optional<core::IncidentSet::TimeRange> data_range_;  // the range view_ was reset to
    TimeHistogram histogram_;
    struct Built {  // what histogram_ was built from: rebuilt only when one of them changes
        std::uint64_t version = ~std::uint64_t{0};
        TimeView view;
        TimeStep step;
        std::array<bool, core::kSeverityCount> severity{};
        std::array<bool, kEventTypeSlots> event_type{};
        bool operator==(const Built&) const = default;
    } built_;
    std::vector<TimeTick> ticks_;
    std::optional<Seconds> brush_from_;  // where a left drag on the bars began
    bool playing_ = false;
    bool loop_ = false;
    int speed_index_ = 2;
    double pending_s_ = 0;  // playback time not yet applied (sub-second steps)
    float height_ = 0;
    ImVec4 bars_area_{};
};

}  // namespace incidentmap::viewer
