#include "viewer/map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace incidentmap::viewer {

namespace {

constexpr double kMaxMercatorLat = 85.05112878;

// The graticule step, in degrees, that puts lines at least `min_px` apart.
double graticule_step(double px_per_degree, double min_px) {
    static const double kSteps[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30};
    for (double s : kSteps)
        if (s * px_per_degree >= min_px) return s;
    return 30;
}

// A round length (1, 2 or 5 times a power of ten) no longer than `max_m`.
double round_length(double max_m) {
    const double p = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double f : {5.0, 2.0, 1.0})
        if (f * p <= max_m) return f * p;
    return p;
}

}  // namespace

void MapView::draw() {
    const ImGuiIO& io = ImGui::GetIO();
    camera_.set_viewport(static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    handle_input();

    ImDrawList& dl = *ImGui::GetBackgroundDrawList();
    dl.AddRectFilled(ImVec2(0, 0), io.DisplaySize, style_.ocean);
    draw_graticule(dl);
    draw_scale_bar(dl);
    draw_cursor_position(dl);
}

void MapView::handle_input() {
    const ImGuiIO& io = ImGui::GetIO();
    const ScreenPoint mouse{io.MousePos.x, io.MousePos.y};
    if (!io.WantCaptureMouse) {
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) camera_.pan_pixels(io.MouseDelta.x, io.MouseDelta.y);
        if (io.MouseWheel != 0) camera_.zoom_about(mouse, std::pow(1.25, io.MouseWheel));
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) camera_.zoom_about(mouse, 2.0);
    }
    if (!io.WantCaptureKeyboard) {
        const ScreenPoint centre{camera_.viewport_width() / 2.0, camera_.viewport_height() / 2.0};
        const double step = 100.0;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) camera_.pan_pixels(step, 0);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) camera_.pan_pixels(-step, 0);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) camera_.pan_pixels(0, step);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) camera_.pan_pixels(0, -step);
        for (ImWchar c : io.InputQueueCharacters) {
            if (c == '+' || c == '=') camera_.zoom_about(centre, 2.0);
            if (c == '-' || c == '_') camera_.zoom_about(centre, 0.5);
        }
    }
}

void MapView::draw_graticule(ImDrawList& dl) const {
    const double w = camera_.viewport_width(), h = camera_.viewport_height();
    const double px_per_degree = MapCamera::kWorldWidth / 360.0 / camera_.meters_per_pixel();
    const double step = graticule_step(px_per_degree, 90.0);
    char text[32];

    // Meridians: Mercator x is linear in longitude, so the visible range may run past +-180 (world wrap).
    const double west = camera_.screen_to_world({0, 0}).x / MapCamera::kWorldWidth * 360.0;
    const double east = camera_.screen_to_world({w, 0}).x / MapCamera::kWorldWidth * 360.0;
    for (double lon = std::ceil(west / step) * step; lon <= east; lon += step) {
        const double x = camera_.world_to_screen({lon / 360.0 * MapCamera::kWorldWidth, 0}).x;
        dl.AddLine(ImVec2(static_cast<float>(x), 0), ImVec2(static_cast<float>(x), static_cast<float>(h)), style_.graticule);
        const double shown = std::remainder(lon, 360.0);
        std::snprintf(text, sizeof text, "%g°%s", std::abs(shown), shown < 0 ? "W" : (shown > 0 && shown < 180 ? "E" : ""));
        dl.AddText(ImVec2(static_cast<float>(x) + 3, 3), style_.label, text);
    }

    // Parallels, clipped to the Mercator square.
    const auto top = camera_.lat_lon_at({0, 0}), bottom = camera_.lat_lon_at({0, h});
    const double north = top ? top->lat_deg() : kMaxMercatorLat;
    const double south = bottom ? bottom->lat_deg() : -kMaxMercatorLat;
    for (double lat = std::ceil(south / step) * step; lat <= north; lat += step) {
        const auto s = camera_.to_screen(core::LatLon::degrees(std::clamp(lat, -90.0, 90.0), 0));
        if (!s) continue;
        dl.AddLine(ImVec2(0, static_cast<float>(s->y)), ImVec2(static_cast<float>(w), static_cast<float>(s->y)), style_.graticule);
        std::snprintf(text, sizeof text, "%g°%s", std::abs(lat), lat < 0 ? "S" : (lat > 0 ? "N" : ""));
        dl.AddText(ImVec2(static_cast<float>(w) - 60, static_cast<float>(s->y) - 16), style_.label, text);
    }
}

void MapView::draw_scale_bar(ImDrawList& dl) const {
    const double mpp = camera_.ground_meters_per_pixel().value();
    const double length_m = round_length(150.0 * mpp);
    const float px = static_cast<float>(length_m / mpp);
    const float x0 = 16, y0 = static_cast<float>(camera_.viewport_height()) - 24;
    char text[32];
    if (length_m >= 1000) std::snprintf(text, sizeof text, "%g km", length_m / 1000);
    else std::snprintf(text, sizeof text, "%g m", length_m);
    dl.AddRectFilled(ImVec2(x0 - 6, y0 - 22), ImVec2(x0 + px + 6, y0 + 10), style_.overlay_background, 3);
    dl.AddLine(ImVec2(x0, y0), ImVec2(x0 + px, y0), style_.label, 2);
    dl.AddLine(ImVec2(x0, y0 - 5), ImVec2(x0, y0 + 4), style_.label, 2);
    dl.AddLine(ImVec2(x0 + px, y0 - 5), ImVec2(x0 + px, y0 + 4), style_.label, 2);
    dl.AddText(ImVec2(x0, y0 - 20), style_.label, text);
}

void MapView::draw_cursor_position(ImDrawList& dl) const {
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsMousePosValid(&io.MousePos)) return;
    const auto p = camera_.lat_lon_at({io.MousePos.x, io.MousePos.y});
    if (!p) return;
    char text[64];
    std::snprintf(text, sizeof text, "%.5f°%c  %.5f°%c  z%.1f", std::abs(p->lat_deg()), p->lat_deg() < 0 ? 'S' : 'N',
                  std::abs(p->lon_deg()), p->lon_deg() < 0 ? 'W' : 'E', camera_.zoom_level());
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 at(io.DisplaySize.x - size.x - 12, io.DisplaySize.y - size.y - 10);
    dl.AddRectFilled(ImVec2(at.x - 6, at.y - 4), ImVec2(at.x + size.x + 6, at.y + size.y + 4), style_.overlay_background, 3);
    dl.AddText(at, style_.label, text);
}

}  // namespace incidentmap::viewer
