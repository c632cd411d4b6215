#include "viewer/time_axis.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace incidentmap::viewer {

namespace {

using namespace std::chrono;
using Unit = TimeStep::Unit;

constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The ladder, finest first.
constexpr std::array<TimeStep, 24> kLadder{{
    {Unit::minute, 1}, {Unit::minute, 5}, {Unit::minute, 15}, {Unit::minute, 30},
    {Unit::hour, 1},   {Unit::hour, 3},   {Unit::hour, 6},    {Unit::hour, 12},
    {Unit::day, 1},    {Unit::day, 2},    {Unit::day, 7},
    {Unit::month, 1},  {Unit::month, 3},  {Unit::month, 6},
    {Unit::year, 1},   {Unit::year, 2},   {Unit::year, 5},    {Unit::year, 10},
    {Unit::year, 25},  {Unit::year, 50},  {Unit::year, 100},  {Unit::year, 250},
    {Unit::year, 500}, {Unit::year, 1000},
}};

constexpr std::int64_t kMonday = 4;  // 1970-01-05, days after the epoch

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Months since year 0 of the first of the month at or before d.
std::int64_t month_index(sys_days d) {
    const year_month_day ymd{d};
    return static_cast<std::int64_t>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month()) - 1;
}

Seconds first_of_month(std::int64_t index) {
    const auto y = static_cast<int>(floor_div(index, 12));
    const auto m = static_cast<unsigned>(index - static_cast<std::int64_t>(y) * 12 + 1);
    return Seconds{sys_days{year{y} / month{m} / 1}};
}

const Seconds kEarliest{sys_days{year{1} / January / 1}};
const Seconds kLatest{sys_days{year{9999} / December / 31}};

}  // namespace

Seconds TimeStep::floor(Seconds t) const {
    const sys_days day = std::chrono::floor<days>(t);
    const std::int64_t d = day.time_since_epoch().count();
    switch (unit) {
        case Unit::minute:
        case Unit::hour: {
            const std::int64_t step = (unit == Unit::minute ? 60 : 3600) * std::int64_t{count};
            const std::int64_t into_day = (t - Seconds{day}).count();
            return Seconds{day} + seconds{into_day - into_day % step};
        }
        case Unit::day: {
            const std::int64_t origin = count == 7 ? kMonday : 0;
            return Seconds{sys_days{days{origin + floor_div(d - origin, count) * count}}};
        }
        case Unit::month: return first_of_month(floor_div(month_index(day), count) * count);
        case Unit::year: {
            const int y = static_cast<int>(year_month_day{day}.year());
            return Seconds{sys_days{year{static_cast<int>(floor_div(y, count) * count)} / January / 1}};
        }
    }
    return t;
}

Seconds TimeStep::next(Seconds b) const {
    switch (unit) {
        case Unit::minute: return b + minutes{count};
        case Unit::hour: return b + hours{count};
        case Unit::day: return b + days{count};
        case Unit::month: return first_of_month(month_index(std::chrono::floor<days>(b)) + count);
        case Unit::year: return first_of_month(month_index(std::chrono::floor<days>(b)) + 12 * std::int64_t{count});
    }
    return b;
}

Seconds TimeStep::previous(Seconds b) const {
    switch (unit) {
        case Unit::minute: return b - minutes{count};
        case Unit::hour: return b - hours{count};
        case Unit::day: return b - days{count};
        case Unit::month: return first_of_month(month_index(std::chrono::floor<days>(b)) - count);
        case Unit::year: return first_of_month(month_index(std::chrono::floor<days>(b)) - 12 * std::int64_t{count});
    }
    return b;
}

double TimeStep::nominal_seconds() const {
    constexpr double kUnit[] = {60, 3600, 86400, 30.436875 * 86400, 365.2425 * 86400};
    return kUnit[static_cast<int>(unit)] * count;
}

std::string TimeStep::name() const {
    if (unit == Unit::day && count == 7) return "1 week";
    constexpr const char* kNames[] = {"minute", "hour", "day", "month", "year"};
    std::string out = std::to_string(count) + " " + kNames[static_cast<int>(unit)];
    if (count != 1) out += "s";
    return out;
}

TimeStep choose_step(double span_s, double width_px, double min_px) {
    if (!(span_s > 0) || !(width_px > 0)) return kLadder.back();
    for (const TimeStep& s : kLadder)
        if (s.nominal_seconds() / span_s * width_px >= min_px) return s;
    return kLadder.back();
}

std::vector<TimeTick> ticks(Seconds from, Seconds to, TimeStep step) {
    std::vector<TimeTick> out;
    if (to < from) return out;
    constexpr std::size_t kMost = 400;
    for (Seconds b = step.floor(from); b <= to && out.size() < kMost; b = step.next(b)) {
        if (b < from) continue;
        const sys_days day = std::chrono::floor<days>(b);
        const year_month_day ymd{day};
        const int y = static_cast<int>(ymd.year());
        const unsigned m = static_cast<unsigned>(ymd.month()), dm = static_cast<unsigned>(ymd.day());
        const char* mon = kMonths[m - 1];
        char text[40];
        bool major = false;
        switch (step.unit) {
            case Unit::year: std::snprintf(text, sizeof text, "%d", y); break;
            case Unit::month:
                major = m == 1;
                if (major || out.empty()) std::snprintf(text, sizeof text, "%s %d", mon, y);
                else std::snprintf(text, sizeof text, "%s", mon);
                break;
            case Unit::day:
                major = dm == 1 && step.count < 7;
                if ((m == 1 && dm == 1) || out.empty()) std::snprintf(text, sizeof text, "%u %s %d", dm, mon, y);
                else std::snprintf(text, sizeof text, "%u %s", dm, mon);
                break;
            case Unit::hour:
            case Unit::minute: {
                const hh_mm_ss hms{b - Seconds{day}};
                major = b == Seconds{day};
                if (major) std::snprintf(text, sizeof text, "%u %s", dm, mon);
                else if (out.empty()) std::snprintf(text, sizeof text, "%u %s %02d:%02d", dm, mon, static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
                else std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
                break;
            }
        }
        out.push_back({b, text, major});
    }
    return out;
}

TimeView::TimeView(Seconds begin, Seconds end) : begin_(begin), end_(end) { clamp(); }

Seconds TimeView::at(double f) const {
    return begin_ + seconds(static_cast<std::int64_t>(std::llround(f * span_s())));
}

double TimeView::fraction(Seconds t) const { return static_cast<double>((t - begin_).count()) / span_s(); }

void TimeView::zoom(double factor, double anchor) {
    if (!(factor > 0)) return;
    const double a = std::clamp(anchor, 0.0, 1.0);
    const double pivot = static_cast<double>(begin_.time_since_epoch().count()) + a * span_s();
    const double span = std::clamp(span_s() * factor, 60.0, static_cast<double>((kLatest - kEarliest).count()));
    begin_ = Seconds{seconds{std::llround(pivot - a * span)}};
    end_ = begin_ + seconds{std::llround(span)};
    clamp();
}

void TimeView::pan(double fraction) {
    const auto by = seconds{std::llround(fraction * span_s())};
    begin_ += by;
    end_ += by;
    clamp();
}

void TimeView::keep_in_view(Seconds t, double margin) {
    const auto room = seconds{std::llround(margin * span_s())};
    if (t > end_ - room) pan(static_cast<double>((t - (end_ - room)).count()) / span_s());
    else if (t < begin_ + room) pan(-static_cast<double>(((begin_ + room) - t).count()) / span_s());
}

void TimeView::clamp() {
    if (end_ - begin_ < minutes{1}) end_ = begin_ + minutes{1};
    const auto span = std::min(end_ - begin_, kLatest - kEarliest);
    if (begin_ < kEarliest) begin_ = kEarliest;
    if (begin_ + span > kLatest) begin_ = kLatest - span;
    end_ = begin_ + span;
}

TimeView view_of(Seconds from, Seconds to) {
    if (to <= from) return TimeView(from - hours{12}, from + hours{12});
    const auto room = std::max<seconds>(seconds{60}, (to - from) / 40);
    return TimeView(from - room, to + room);
}

}  // namespace incidentmap::viewer
