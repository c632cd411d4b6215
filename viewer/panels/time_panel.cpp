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
using std::chrono::seconds;

constexpr std::array<seconds, 5> kSpeeds{hours{1}, hours{6}, days{1}, days{7}, days{30}};
constexpr std::array<const char*, 5> kSpeedNames{"1 hour/s", "6 hours/s", "1 day/s", "1 week/s", "30 days/s"};
constexpr std::array<seconds, 6> kWindows{hours{1}, hours{6}, days{1}, days{3}, days{7}, days{30}};

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
    if (f.time >= range->end) playing_ = false;
}

void TimePanel::rebuild_if_needed() {
    if (histogram_version_ == layer_.version()) return;
    histogram_.build(layer_.incidents());
    histogram_version_ = layer_.version();
}

void TimePanel::draw(double dt_s, bool shown) {
    rebuild_if_needed();
    if (playing_) advance(dt_s);
    if (!shown) {
        height_ = 0;
        return;
    }
    const float s = ImGui::GetFontSize() / 15.0f;
    const ImGuiIO& io = ImGui::GetIO();
    height_ = 150 * s;
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - height_), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height_), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar;
    if (ImGui::Begin("Time", nullptr, flags)) draw_content();
    ImGui::End();
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
    if (ImGui::Button(playing_ ? "Pause" : "Play", ImVec2(ImGui::GetFontSize() * 4, 0))) playing_ ? pause() : play();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::Combo("##speed", &speed_index_, kSpeedNames.data(), static_cast<int>(kSpeedNames.size()));
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
    int mode = static_cast<int>(f.mode);
    ImGui::RadioButton("All dates", &mode, static_cast<int>(TimeMode::all));
    ImGui::SameLine();
    ImGui::RadioButton("Window", &mode, static_cast<int>(TimeMode::window));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::BeginCombo("##window", describe_window(f.window).c_str())) {
        for (const seconds w : kWindows)
            if (ImGui::Selectable(describe_window(w).c_str(), w == f.window)) {
                f.window = w;
                mode = static_cast<int>(TimeMode::window);
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::RadioButton("Up to the slider", &mode, static_cast<int>(TimeMode::accumulate));
    f.mode = static_cast<TimeMode>(mode);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
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
    draw_histogram(width, std::max(20.0f, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - 2));

    // The slider over the data's range, in whole minutes.
    std::int64_t t = f.time.time_since_epoch().count() / 60;
    const std::int64_t lo = range->begin.time_since_epoch().count() / 60, hi = (range->end.time_since_epoch().count() + 59) / 60;
    ImGui::SetNextItemWidth(width - ImGui::CalcTextSize("2022-01-06 18:00").x - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::SliderScalar("##time", ImGuiDataType_S64, &t, &lo, &hi, "")) {
        f.time = core::TimeSpan::Seconds{seconds{t * 60}};
        if (f.mode == TimeMode::all) f.mode = TimeMode::accumulate;
    }
    ImGui::SameLine();
    const std::string now = core::format_iso_datetime(f.time).substr(0, 16);
    ImGui::TextUnformatted((now.substr(0, 10) + " " + now.substr(11)).c_str());
}

void TimePanel::draw_histogram(float width, float height) {
    IncidentFilter& f = layer_.filter();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##histogram", ImVec2(width, height));
    const bool scrubbing = ImGui::IsItemActive();
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    dl.AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), IM_COL32(30, 34, 40, 255), 3);
    if (histogram_.empty()) return;

    const double span = static_cast<double>((histogram_.end() - histogram_.begin()).count());
    auto x_of = [&](core::TimeSpan::Seconds t) {
        return p0.x + static_cast<float>(static_cast<double>((t - histogram_.begin()).count()) / span) * width;
    };
    // The interval shown, behind the bars.
    if (const auto interval = f.interval(layer_.incidents())) {
        const float x0 = std::max(p0.x, x_of(interval->from)), x1 = std::min(p0.x + width, x_of(interval->to));
        if (x1 > x0) dl.AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + height), IM_COL32(90, 110, 140, 150));
    }
    const float bar_w = width / static_cast<float>(histogram_.bins());
    const float max_total = static_cast<float>(std::max<std::uint32_t>(1, histogram_.max_total()));
    for (std::size_t b = 0; b < histogram_.bins(); ++b) {
        float y = p0.y + height;
        const float x0 = p0.x + bar_w * static_cast<float>(b), x1 = std::max(x0 + 1.0f, x0 + bar_w - (bar_w > 3 ? 1.0f : 0.0f));
        for (std::size_t k = 0; k < core::kSeverityCount; ++k) {
            const std::uint32_t c = histogram_.counts(b)[k];
            if (c == 0) continue;
            const float h = (height - 4) * static_cast<float>(c) / max_total;
            const ImU32 color = f.severity[k] ? style_.severity[k] : with_opacity(style_.severity[k], 0.3f);
            dl.AddRectFilled(ImVec2(x0, y - h), ImVec2(x1, y), color);
            y -= h;
        }
    }
    if (f.mode != TimeMode::all) {
        const float x = x_of(f.time);
        dl.AddLine(ImVec2(x, p0.y), ImVec2(x, p0.y + height), IM_COL32(255, 255, 255, 255), 2);
    }
    // Hover: the bin's date and counts; drag: move the slider.
    if (ImGui::IsItemHovered() || scrubbing) {
        const float mx = std::clamp(ImGui::GetIO().MousePos.x, p0.x, p0.x + width - 1);
        const auto b = std::min(histogram_.bins() - 1, static_cast<std::size_t>((mx - p0.x) / bar_w));
        if (!scrubbing)
            ImGui::SetTooltip("%s\n%u incidents starting", describe_interval(histogram_.bin_start(b), histogram_.bin_start(b + 1)).c_str(),
                              histogram_.total(b));
        if (scrubbing) {
            f.time = histogram_.begin() + seconds(static_cast<std::int64_t>(static_cast<double>((mx - p0.x) / width) * span));
            if (f.mode == TimeMode::all) f.mode = TimeMode::accumulate;
        }
    }
}

}  // namespace incidentmap::viewer
