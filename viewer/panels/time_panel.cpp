#include "viewer/panels/time_panel.hpp"

#include "viewer/incident_text.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace incidentmap::viewer {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::array<seconds, 5> kSpeeds{hours{1}, hours{6}, days{1}, days{7}, days{30}};
constexpr std::array<const char*, 5> kSpeedNames{"1 hour/s", "6 hours/s", "1 day/s", "1 week/s", "30 days/s"};

struct LengthUnit {
    const char* one;
    const char* many;
    seconds length;
};
constexpr std::array<LengthUnit, 4> kLengthUnits{{{"minute", "minutes", minutes{1}},
                                                  {"hour", "hours", hours{1}},
                                                  {"day", "days", days{1}},
                                                  {"week", "weeks", days{7}}}};

constexpr float kBrushMinPx = 4;  // a left press that moves less is a click

// The step boundary nearest t.
Seconds snap(Seconds t, TimeStep step) {
    const Seconds lo = step.floor(t), hi = step.next(lo);
    return t - lo < hi - t ? lo : hi;
}

}  // namespace

std::chrono::seconds TimePanel::speed() const { return kSpeeds[static_cast<std::size_t>(speed_index_)]; }

void TimePanel::set_speed(std::chrono::seconds data_per_second) {
    // The nearest offered speed.
    std::size_t best = 0;
    for (std::size_t i = 1; i < kSpeeds.size(); ++i)
        if (std::abs(std::log(static_cast<double>(kSpeeds[i].count()) / static_cast<double>(data_per_second.count()))) <
            std::abs(std::log(static_cast<double>(kSpeeds[best].count()) / static_cast<double>(data_per_second.count()))))
            best = i;
    speed_index_ = static_cast<int>(best);
}

void TimePanel::play() {
    const auto range = layer_.incidents().time_range();
    if (!range) return;
    IncidentFilter& f = layer_.filter();
    if (f.mode == TimeMode::all) f.mode = TimeMode::accumulate;
    if (f.time >= range->end || f.time < range->begin) f.time = range->begin + (f.mode == TimeMode::window ? f.window : seconds{0});
    playing_ = true;
    pending_s_ = 0;
}

void TimePanel::advance(double dt_s) {
    const auto range = layer_.incidents().time_range();
    if (!range) return;
    pending_s_ += dt_s * static_cast<double>(speed().count());
    const auto step = seconds(static_cast<std::int64_t>(pending_s_));
    pending_s_ -= static_cast<double>(step.count());
    IncidentFilter& f = layer_.filter();
    f.time = std::min(f.time + step, range->end);
    if (f.time >= range->end) {
        if (loop_) f.time = range->begin + (f.mode == TimeMode::window ? f.window : seconds{0});
        else playing_ = false;
    }
    view_.keep_in_view(f.time);
}

void TimePanel::step(int direction) {
    const auto range = layer_.incidents().time_range();
    if (!range || direction == 0) return;
    IncidentFilter& f = layer_.filter();
    if (f.mode == TimeMode::all) {
        f.mode = TimeMode::window;
        f.time = range->begin + f.window;
    } else {
        // By the window's length (or one bar), keeping to that grid; not to a window that ends before the first
        // incident starts or begins after the last one ends.
        Seconds to = f.time;
        if (f.mode == TimeMode::window) {
            to += direction > 0 ? f.window : -f.window;
        } else {
            const TimeStep bar = histogram_.empty() ? TimeStep{} : histogram_.step();
            const Seconds at = bar.floor(f.time);
            to = direction > 0 ? bar.next(at) : (at < f.time ? at : bar.previous(at));
        }
        const Seconds from = f.mode == TimeMode::window ? to - f.window : to;
        if (to > range->begin && from < range->end) f.time = to;
        else if (f.mode == TimeMode::accumulate && direction > 0) f.time = range->end;
    }
    view_.keep_in_view(f.time);
}

void TimePanel::follow_data() {
    const auto range = layer_.incidents().time_range();
    if (range == data_range_) return;
    data_range_ = range;
    if (range) view_ = view_of(range->begin, range->end);
}

void TimePanel::draw(double dt_s, bool shown) {
    follow_data();
    if (playing_) advance(dt_s);
    if (!shown) {
        height_ = 0;
        return;
    }
    const float s = ImGui::GetFontSize() / 15.0f;
    const ImGuiIO& io = ImGui::GetIO();
    height_ = 160 * s;
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - height_), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height_), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    if (ImGui::Begin("Time", nullptr, flags)) draw_content();
    ImGui::End();
}

void TimePanel::draw_window_length() {
    IncidentFilter& f = layer_.filter();
    std::size_t u = 0;  // the largest unit the window is a whole number of
    for (std::size_t k = 0; k < kLengthUnits.size(); ++k)
        if (f.window.count() % kLengthUnits[k].length.count() == 0) u = k;
    const seconds unit = kLengthUnits[u].length;
    int n = static_cast<int>(std::min<std::int64_t>(f.window / unit, 1'000'000));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.5f);
    if (ImGui::InputInt("##window-count", &n, 1, 10, ImGuiInputTextFlags_EnterReturnsTrue) ||
        (ImGui::IsItemDeactivatedAfterEdit() && n != f.window / unit)) {
        f.window = unit * std::clamp(n, 1, 1'000'000);
        f.mode = TimeMode::window;
    }
    ImGui::SameLine(0, 4);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    if (ImGui::BeginCombo("##window-unit", n == 1 ? kLengthUnits[u].one : kLengthUnits[u].many)) {
        for (std::size_t k = 0; k < kLengthUnits.size(); ++k)
            if (ImGui::Selectable(n == 1 ? kLengthUnits[k].one : kLengthUnits[k].many, k == u)) {
                f.window = kLengthUnits[k].length * std::max(n, 1);
                f.mode = TimeMode::window;
            }
        ImGui::EndCombo();
    }
}

void TimePanel::draw_content() {
    layer_.refresh();  // the counts below are of this frame's filter
    IncidentFilter& f = layer_.filter();
    const auto range = layer_.incidents().time_range();
    if (!range) {
        ImGui::TextDisabled(layer_.empty() ? "No incidents loaded: open incident files (incidentmap view FILE...)."
                                           : "No dated incidents: the time filter has nothing to work on.");
        return;
    }
    const float em = ImGui::GetFontSize();
    if (ImGui::Button(playing_ ? "Pause" : "Play", ImVec2(em * 4, 0))) playing_ ? pause() : play();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 6.5f);
    ImGui::Combo("##speed", &speed_index_, kSpeedNames.data(), static_cast<int>(kSpeedNames.size()));
    ImGui::SameLine();
    if (ImGui::Button("|<")) step(-1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back by the window");
    ImGui::SameLine(0, 2);
    if (ImGui::Button(">|")) step(1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step forward by the window");
    ImGui::SameLine();
    ImGui::Checkbox("Loop", &loop_);
    ImGui::SameLine(0, em * 1.2f);
    int mode = static_cast<int>(f.mode);
    ImGui::RadioButton("All dates", &mode, static_cast<int>(TimeMode::all));
    ImGui::SameLine();
    ImGui::RadioButton("Window", &mode, static_cast<int>(TimeMode::window));
    f.mode = static_cast<TimeMode>(mode);
    ImGui::SameLine();
    draw_window_length();
    ImGui::SameLine();
    mode = static_cast<int>(f.mode);
    ImGui::RadioButton("Up to the slider", &mode, static_cast<int>(TimeMode::accumulate));
    f.mode = static_cast<TimeMode>(mode);
    ImGui::SameLine(0, em * 1.2f);
    const FilterCounts& counts = layer_.filtered().counts();
    if (const auto interval = f.interval(layer_.incidents()))
        ImGui::Text("%s  ·  %zu in time, %zu shown", describe_interval(interval->from, interval->to).c_str(), counts.in_time, counts.shown);
    else
        ImGui::Text("All dates  ·  %zu shown", counts.shown);
    if (histogram_.undated() > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%zu undated: shown with All dates only)", histogram_.undated());
    }

    const float width = ImGui::GetContentRegionAvail().x;
    draw_histogram(width, std::max(30.0f, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - 2));

    // The slider over the data's whole range, in whole minutes.
    std::int64_t t = f.time.time_since_epoch().count() / 60;
    const std::int64_t lo = range->begin.time_since_epoch().count() / 60, hi = (range->end.time_since_epoch().count() + 59) / 60;
    ImGui::SetNextItemWidth(width - ImGui::CalcTextSize("2022-01-06 18:00").x - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::SliderScalar("##time", ImGuiDataType_S64, &t, &lo, &hi, "")) {
        f.time = core::TimeSpan::Seconds{seconds{t * 60}};
        if (f.mode == TimeMode::all) f.mode = TimeMode::accumulate;
        view_.keep_in_view(f.time);
    }
    ImGui::SameLine();
    const std::string now = core::format_iso_datetime(f.time).substr(0, 16);
    ImGui::TextUnformatted((now.substr(0, 10) + " " + now.substr(11)).c_str());
}

void TimePanel::draw_histogram(float width, float height) {
    IncidentFilter& f = layer_.filter();
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##histogram", ImVec2(width, height),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
    const float mx = std::clamp(io.MousePos.x, p0.x, p0.x + width);
    const double mf = static_cast<double>((mx - p0.x) / width);

    // The analyst's hand on the view: wheel zooms about the pointer, right or middle drag pans, double-click resets.
    if (hovered && io.MouseWheel != 0) view_.zoom(std::pow(0.8, static_cast<double>(io.MouseWheel)), mf);
    if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0)))
        view_.pan(-static_cast<double>(io.MouseDelta.x / width));
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        const auto range = layer_.incidents().time_range();
        if (range) view_ = view_of(range->begin, range->end);
    }

    const float axis_h = ImGui::GetTextLineHeight() + 6;
    const float bars_h = std::max(8.0f, height - axis_h);
    bars_area_ = ImVec4(p0.x, p0.y, p0.x + width, p0.y + bars_h);
    const TimeStep bar = choose_step(view_.span_s(), width, 6);
    const Built key{layer_.version(), view_, bar, f.severity, f.event_type};
    if (!(key == built_)) {
        histogram_.build(layer_.incidents(), f, view_.begin(), view_.end(), bar);
        built_ = key;
    }
    const float label_w = ImGui::CalcTextSize("30 Sep 2022").x + 12;
    ticks_ = ticks(view_.begin(), view_.end(), choose_step(view_.span_s(), width, label_w));

    auto x_of = [&](Seconds t) { return p0.x + static_cast<float>(view_.fraction(t)) * width; };
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    dl.PushClipRect(p0, ImVec2(p0.x + width, p0.y + height), true);
    dl.AddRectFilled(p0, ImVec2(p0.x + width, p0.y + bars_h), IM_COL32(30, 34, 40, 255), 3);
    const float base = p0.y + bars_h;

    // The interval shown, behind the bars.
    if (const auto interval = f.interval(layer_.incidents())) {
        const float x0 = std::max(p0.x, x_of(interval->from)), x1 = std::min(p0.x + width, x_of(interval->to));
        if (x1 > x0) dl.AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, base), IM_COL32(90, 110, 140, 150));
    }
    // Grid lines at the major ticks, then the bars.
    for (const TimeTick& t : ticks_)
        if (t.major) dl.AddLine(ImVec2(x_of(t.at), p0.y), ImVec2(x_of(t.at), base), IM_COL32(255, 255, 255, 40));
    const float max_total = static_cast<float>(std::max<std::uint32_t>(1, histogram_.max_total()));
    for (std::size_t b = 0; b < histogram_.bins(); ++b) {
        if (histogram_.total(b) == 0) continue;
        const float x0 = x_of(histogram_.bin_start(b)), x1e = x_of(histogram_.bin_start(b + 1));
        const float x1 = std::max(x0 + 1.0f, x1e - (x1e - x0 > 3 ? 1.0f : 0.0f));
        float y = base;
        for (std::size_t k = 0; k < core::kSeverityCount; ++k) {
            const std::uint32_t c = histogram_.counts(b)[k];
            if (c == 0) continue;
            const float h = (bars_h - 4) * static_cast<float>(c) / max_total;
            dl.AddRectFilled(ImVec2(x0, y - h), ImVec2(x1, y), style_.severity[k]);
            y -= h;
        }
    }
    if (f.mode != TimeMode::all) {
        const float x = x_of(f.time);
        dl.AddLine(ImVec2(x, p0.y), ImVec2(x, base), IM_COL32(255, 255, 255, 255), 2);
    }
    // The axis: a tick and its label at each step, the major ones brighter.
    for (const TimeTick& t : ticks_) {
        const float x = x_of(t.at);
        const ImU32 color = t.major ? IM_COL32(235, 235, 235, 255) : IM_COL32(170, 175, 185, 255);
        dl.AddLine(ImVec2(x, base), ImVec2(x, base + 3), color);
        const float w = ImGui::CalcTextSize(t.label.c_str()).x;
        dl.AddText(ImVec2(std::max(p0.x + 2, x - w / 2), base + 3), color, t.label.c_str());
    }

    // Left button: a drag brushes a window, a click puts the slider there.
    if (ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) brush_from_ = view_.at(mf);
    if (brush_from_) {
        const float x_from = x_of(*brush_from_);
        const bool brushing = std::abs(mx - x_from) >= kBrushMinPx;
        Seconds a = std::min(*brush_from_, view_.at(mf)), b = std::max(*brush_from_, view_.at(mf));
        if (bar.unit != TimeStep::Unit::minute) a = snap(a, bar), b = snap(b, bar);
        if (brushing) {
            dl.AddRectFilled(ImVec2(x_of(a), p0.y), ImVec2(x_of(b), base), IM_COL32(255, 255, 255, 50));
            dl.AddRect(ImVec2(x_of(a), p0.y), ImVec2(x_of(b), base), IM_COL32(255, 255, 255, 200));
        }
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            if (brushing && b > a) {
                f.mode = TimeMode::window;
                f.window = std::max<seconds>(minutes{1}, std::chrono::round<minutes>(b - a));
                f.time = a + f.window;
            } else {
                f.time = view_.at(mf);
                if (f.mode == TimeMode::all) f.mode = TimeMode::accumulate;
            }
            brush_from_.reset();
        }
    }
    dl.PopClipRect();

    if (hovered && !active && !histogram_.empty() && io.MousePos.y < base) {
        const Seconds t = view_.at(mf);
        for (std::size_t b = 0; b < histogram_.bins(); ++b)
            if (histogram_.bin_start(b) <= t && t < histogram_.bin_start(b + 1)) {
                ImGui::SetTooltip("%s\n%u incidents starting\nwheel: zoom, right-drag: pan, drag: choose a window",
                                  describe_interval(histogram_.bin_start(b), histogram_.bin_start(b + 1)).c_str(), histogram_.total(b));
                break;
            }
    }
}

}  // namespace incidentmap::viewer
