// The calendar of the time bar: steps that keep to midnights and month starts, ticks labelled for the range shown,
// the view's zoom and pan, and the bars counted under the severity and event-type switches.

#include "viewer/time_axis.hpp"
#include "viewer/time_histogram.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap;
using namespace std::chrono;
using viewer::Seconds;
using viewer::TimeStep;
using Unit = viewer::TimeStep::Unit;

namespace {

Seconds at(year_month_day d, hours h = hours{0}, minutes m = minutes{0}) { return Seconds{sys_days{d}} + h + m; }

}  // namespace

TEST_CASE("time steps keep to the calendar", "[viewer][time]") {
    const Seconds t = at(2022y / January / 6, hours{18}, minutes{47});
    CHECK(TimeStep{Unit::minute, 15}.floor(t) == at(2022y / January / 6, hours{18}, minutes{45}));
    CHECK(TimeStep{Unit::hour, 6}.floor(t) == at(2022y / January / 6, hours{18}));
    CHECK(TimeStep{Unit::day, 1}.floor(t) == at(2022y / January / 6));
    CHECK(TimeStep{Unit::day, 7}.floor(t) == at(2022y / January / 3));  // a Monday
    CHECK(TimeStep{Unit::month, 1}.floor(t) == at(2022y / January / 1));
    CHECK(TimeStep{Unit::month, 3}.floor(at(2022y / May / 20)) == at(2022y / April / 1));
    CHECK(TimeStep{Unit::year, 10}.floor(t) == at(2020y / January / 1));
    // Months of every length: the 1st to the 1st.
    const TimeStep month{Unit::month, 1};
    CHECK(month.next(at(2022y / January / 1)) == at(2022y / February / 1));
    CHECK(month.next(at(2022y / February / 1)) == at(2022y / March / 1));
    CHECK(month.next(at(2022y / December / 1)) == at(2023y / January / 1));
    CHECK(month.previous(at(2022y / January / 1)) == at(2021y / December / 1));
    // Before the epoch too.
    CHECK(TimeStep{Unit::day, 7}.floor(at(1969y / December / 31)) == at(1969y / December / 29));
    CHECK(TimeStep{Unit::hour, 3}.floor(at(1969y / December / 31, hours{4}, minutes{5})) == at(1969y / December / 31, hours{3}));
}

TEST_CASE("the tick step is the finest that leaves room for its labels", "[viewer][time]") {
    // Four days over 1000 px, labels 80 px apart: 12 hours is 125 px, 6 hours 62.
    CHECK(viewer::choose_step(4 * 86400, 1000, 80) == TimeStep{Unit::hour, 12});
    // Two years over 1000 px: a month is 42 px, three months 125.
    CHECK(viewer::choose_step(2 * 365.25 * 86400, 1000, 80) == TimeStep{Unit::month, 3});
    CHECK(viewer::choose_step(3600, 1000, 80) == TimeStep{Unit::minute, 5});
}

TEST_CASE("ticks are labelled as the range needs and major at the larger unit", "[viewer][time]") {
    const auto hourly = viewer::ticks(at(2022y / January / 5, hours{17}), at(2022y / January / 6, hours{7}), {Unit::hour, 6});
    REQUIRE(hourly.size() == 3);
    CHECK(hourly[0].label == "5 Jan 18:00");  // the first names its day
    CHECK(hourly[1].label == "6 Jan");        // midnight: major, the day's name
    CHECK(hourly[1].major);
    CHECK(hourly[2].label == "06:00");
    CHECK_FALSE(hourly[2].major);

    const auto monthly = viewer::ticks(at(2021y / November / 10), at(2022y / March / 1), {Unit::month, 1});
    REQUIRE(monthly.size() == 4);
    CHECK(monthly[0].label == "Dec 2021");
    CHECK(monthly[1].label == "Jan 2022");
    CHECK(monthly[1].major);
    CHECK(monthly[2].label == "Feb");
    CHECK(monthly[3].label == "Mar");

    const auto daily = viewer::ticks(at(2022y / January / 30), at(2022y / February / 2), {Unit::day, 1});
    REQUIRE(daily.size() == 4);
    CHECK(daily[0].label == "30 Jan 2022");
    CHECK(daily[2].label == "1 Feb");
    CHECK(daily[2].major);
}

TEST_CASE("the time view zooms about the pointer and pans by its span", "[viewer][time]") {
    viewer::TimeView view(at(2022y / January / 1), at(2022y / January / 11));
    const Seconds pivot = view.at(0.25);
    view.zoom(0.5, 0.25);
    CHECK(view.span_s() == Approx(5 * 86400));
    CHECK(view.at(0.25) == pivot);
    view.pan(1.0);
    CHECK(view.begin() == pivot - hours{30} + days{5});
    view.zoom(1e-9, 0.5);  // never under a minute
    CHECK(view.span_s() == Approx(60));
    viewer::TimeView far(at(2022y / January / 1), at(2022y / January / 2));
    far.keep_in_view(at(2022y / January / 10));
    CHECK(far.begin() < at(2022y / January / 10));
    CHECK(far.end() > at(2022y / January / 10));
    CHECK(far.span_s() == Approx(86400));
}

TEST_CASE("the bars count in calendar bins under the severity and event-type switches", "[viewer][time]") {
    auto make = [](int day, core::Severity s, core::EventType type) {
        core::Incident in;
        in.time = core::TimeSpan::day(2022y / January / day);
        in.severity = s;
        in.event_type = type;
        return in;
    };
    const core::IncidentSet set(std::vector<core::Incident>{
        make(3, core::Severity::disruptive, core::EventType::protests), make(5, core::Severity::fatal, core::EventType::battles),
        make(5, core::Severity::injuries, core::EventType::riots), make(20, core::Severity::fatal, core::EventType::riots),
        core::Incident{}});
    viewer::IncidentFilter filter;
    viewer::TimeHistogram h;
    h.build(set, filter, at(2022y / January / 2, hours{12}), at(2022y / January / 8), {Unit::day, 1});
    REQUIRE(h.bins() == 6);  // 2 to 8 January
    CHECK(h.bin_start(0) == at(2022y / January / 2));
    CHECK(h.bin_start(6) == at(2022y / January / 8));
    CHECK(h.total(1) == 1);
    CHECK(h.total(3) == 2);
    CHECK(h.counts(3)[4] == 1);
    CHECK(h.undated() == 1);
    CHECK(h.max_total() == 2);

    filter.event_type[static_cast<std::size_t>(core::EventType::battles)] = false;
    h.build(set, filter, at(2022y / January / 2), at(2022y / January / 8), {Unit::day, 1});
    CHECK(h.total(3) == 1);
    CHECK(h.counts(3)[4] == 0);
    filter.severity[static_cast<std::size_t>(core::rank(core::Severity::injuries))] = false;
    h.build(set, filter, at(2022y / January / 1), at(2022y / February / 1), {Unit::day, 7});
    std::uint32_t all = 0;
    for (std::size_t b = 0; b < h.bins(); ++b) all += h.total(b);
    CHECK(all == 2);  // the protest and the fatal riot of the 20th
}
