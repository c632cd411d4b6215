#pragma once
// The calendar under the time bar: steps of whole minutes, hours, days, months or years (so that a bar is "one day"
// and a tick falls on a midnight or the first of a month, as a person counts time), the ticks of a range with the
// labels that range needs ("2022", "Jan 2022", "6 Jan", "18:00"), and the view of the time bar: the part of time
// shown, zoomed and panned by the analyst. No ImGui: the panel, the tests and `render` share it.
//
// Guarantees:
//  - floor() and next() keep to the calendar: a month step goes from the 1st to the 1st whatever the month's
//    length; floor(t) <= t < next(floor(t)).
//  - choose_step() gives the smallest step of the ladder (1, 5, 15, 30 minutes; 1, 3, 6, 12 hours; 1, 2, 7 days;
//    1, 3, 6 months; 1, 2, 5, 10, 25, 50, 100 years) whose width on screen is at least the asked pixels.
//  - ticks() lists every step boundary inside [from, to], at most a few hundred; a tick that starts a larger unit
//    (a midnight among hours, a 1st of January among months) is major and its label names that unit.
//  - TimeView keeps begin < end, at least one minute apart, within the years 1..9999; zoom keeps the instant
//    under the pointer in place.

#include "core/time_span.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace incidentmap::viewer {

using Seconds = core::TimeSpan::Seconds;

struct TimeStep {
    enum class Unit : std::uint8_t { minute, hour, day, month, year };
    Unit unit = Unit::day;
    int count = 1;

    // The boundary at or before t: minutes and hours counted from midnight, single days at midnight, 2 days from
    // the unix epoch, weeks from a Monday, months from January, years from year 0.
    Seconds floor(Seconds t) const;
    // The boundary after a boundary b.
    Seconds next(Seconds b) const;
    // The boundary before a boundary b.
    Seconds previous(Seconds b) const;
    // Its typical length in seconds (a month 30.44 days): what choose_step() compares with the pixels.
    double nominal_seconds() const;
    // "1 hour", "1 day", "1 week", "3 months".
    std::string name() const;

    bool operator==(const TimeStep&) const = default;
};

// The smallest step of the ladder at least `min_px` wide when `span_s` seconds take `width_px` pixels; the largest
// step when none is.
TimeStep choose_step(double span_s, double width_px, double min_px);

struct TimeTick {
    Seconds at;
    std::string label;
    bool major = false;
};
std::vector<TimeTick> ticks(Seconds from, Seconds to, TimeStep step);

// The part of time the time bar shows.
class TimeView {
public:
    TimeView() = default;
    TimeView(Seconds begin, Seconds end);

    Seconds begin() const { return begin_; }
    Seconds end() const { return end_; }
    double span_s() const { return static_cast<double>((end_ - begin_).count()); }
    // The instant at fraction f of the view (0 its begin, 1 its end), and back.
    Seconds at(double f) const;
    double fraction(Seconds t) const;

    // Scales the span by `factor` (< 1 zooms in) about the instant at fraction `anchor`.
    void zoom(double factor, double anchor);
    // Moves the view by `fraction` of its span (positive: later).
    void pan(double fraction);
    // Moves the view, span kept, so that t is inside it with `margin` of the span to spare.
    void keep_in_view(Seconds t, double margin = 0.05);

    bool operator==(const TimeView&) const = default;

private:
    void clamp();
    Seconds begin_{}, end_{std::chrono::days{1}};
};

// The view that shows [from, to) with a little room on both sides (a day's room for one instant).
TimeView view_of(Seconds from, Seconds to);

}  // namespace incidentmap::viewer
