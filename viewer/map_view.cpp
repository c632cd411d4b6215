#include "viewer/map_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace incidentmap::viewer {

namespace {

constexpr double kMaxMercatorLat = 85.05112878;

// The graticule step, in degrees, that puts lines at least `min_px` apart.
double graticule_step(double px_per_degree, double min_px) {
    static const double kSteps[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45, 90};
    for (double s : kSteps)
        if (s * px_per_degree >= min_px) return s;
    return 90;
}

// A round length (1, 2 or 5 times a power of ten) no longer than `max_m`.
double round_length(double max_m) {
    const double p = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double f : {5.0, 2.0, 1.0})
        if (f * p <= max_m) return f * p;
    return p;
}

// Text with a thin light outline, readable over land, water and imagery alike.
void outlined_text(ImDrawList& dl, ImVec2 at, ImU32 color, const char* text) {
    const ImU32 halo = IM_COL32(255, 255, 255, 170);
    for (const auto& d : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
        dl.AddText(ImVec2(at.x + d.x, at.y + d.y), halo, text);
    dl.AddText(at, color, text);
}

}  // namespace

void MapView::draw() {
    const ImGuiIO& io = ImGui::GetIO();
    camera_.set_viewport(static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    handle_input();
    draw_map(*ImGui::GetBackgroundDrawList());
}

void MapView::draw_map(ImDrawList& dl) const {
    dl.AddRectFilled(ImVec2(0, 0), ImVec2(static_cast<float>(camera_.viewport_width()), static_cast<float>(camera_.viewport_height())),
                     style_.ocean);
    if (overlays_.graticule) draw_graticule_lines(dl);
    if (basemaps_) {
        // Where the overlays go, so that place labels keep clear of them.
        const float w = static_cast<float>(camera_.viewport_width()), h = static_cast<float>(camera_.viewport_height());
        const float s = scale_;
        std::vector<ImVec4> reserved;
        if (overlays_.graticule) {
            reserved.emplace_back(0.0f, 0.0f, w, ImGui::GetFontSize() + 5 * s);
            reserved.emplace_back(w - ImGui::CalcTextSize("88°N").x - 8 * s, 0.0f, w, h);
        }
        if (overlays_.scale_bar) reserved.emplace_back(0.0f, h - 50 * s, 190 * s, h);
        if (overlays_.cursor_position && ImGui::IsMousePosValid()) reserved.emplace_back(w - 300 * s, h - 36 * s, w, h);
        basemaps_->draw(dl, camera_, fonts_, style_, scale_, reserved);
    }
    if (overlays_.graticule) draw_graticule_labels(dl);
    if (overlays_.scale_bar) draw_scale_bar(dl);
    if (overlays_.cursor_position) draw_cursor_position(dl);
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

namespace {

struct GraticuleLines {
    double step = 30;
    std::vector<double> meridians;  // screen x, with the longitude each shows
    std::vector<double> meridian_lons;
    std::vector<double> parallels;  // screen y
    std::vector<double> parallel_lats;
};

GraticuleLines graticule_lines(const MapCamera& camera) {
    GraticuleLines g;
    const double w = camera.viewport_width(), h = camera.viewport_height();
    const double px_per_degree = MapCamera::kWorldWidth / 360.0 / camera.meters_per_pixel();
    g.step = graticule_step(px_per_degree, 90.0);
    // Meridians: Mercator x is linear in longitude, so the visible range may run past +-180 (world wrap).
    const double west = camera.screen_to_world({0, 0}).x / MapCamera::kWorldWidth * 360.0;
    const double east = camera.screen_to_world({w, 0}).x / MapCamera::kWorldWidth * 360.0;
    for (double lon = std::ceil(west / g.step) * g.step; lon <= east; lon += g.step) {
        g.meridians.push_back(camera.world_to_screen({lon / 360.0 * MapCamera::kWorldWidth, 0}).x);
        g.meridian_lons.push_back(lon);
    }
    // Parallels, clipped to the Mercator square.
    const auto top = camera.lat_lon_at({0, 0}), bottom = camera.lat_lon_at({0, h});
    const double north = top ? top->lat_deg() : kMaxMercatorLat;
    const double south = bottom ? bottom->lat_deg() : -kMaxMercatorLat;
    for (double lat = std::ceil(south / g.step) * g.step; lat <= north; lat += g.step) {
        const auto s = camera.to_screen(core::LatLon::degrees(std::clamp(lat, -90.0, 90.0), 0));
        if (!s) continue;
        g.parallels.push_back(s->y);
        g.parallel_lats.push_back(lat);
    }
    return g;
}

}  // namespace

void MapView::draw_graticule_lines(ImDrawList& dl) const {
    const float w = static_cast<float>(camera_.viewport_width()), h = static_cast<float>(camera_.viewport_height());
    const GraticuleLines g = graticule_lines(camera_);
    for (double x : g.meridians)
        dl.AddLine(ImVec2(static_cast<float>(x), 0), ImVec2(static_cast<float>(x), h), style_.graticule);
    for (double y : g.parallels)
        dl.AddLine(ImVec2(0, static_cast<float>(y)), ImVec2(w, static_cast<float>(y)), style_.graticule);
}

void MapView::draw_graticule_labels(ImDrawList& dl) const {
    const float w = static_cast<float>(camera_.viewport_width());
    const GraticuleLines g = graticule_lines(camera_);
    char text[32];
    for (std::size_t i = 0; i < g.meridians.size(); ++i) {
        const double shown = std::remainder(g.meridian_lons[i], 360.0);
        std::snprintf(text, sizeof text, "%g°%s", std::abs(shown), shown < 0 && shown > -180 ? "W" : (shown > 0 && shown < 180 ? "E" : ""));
        outlined_text(dl, ImVec2(static_cast<float>(g.meridians[i]) + 3, 3), style_.label, text);
    }
    for (std::size_t i = 0; i < g.parallels.size(); ++i) {
        const double lat = g.parallel_lats[i];
        std::snprintf(text, sizeof text, "%g°%s", std::abs(lat), lat < 0 ? "S" : (lat > 0 ? "N" : ""));
        const float tw = ImGui::CalcTextSize(text).x;
        outlined_text(dl, ImVec2(w - tw - 4, static_cast<float>(g.parallels[i]) - ImGui::GetFontSize() - 1), style_.label, text);
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
