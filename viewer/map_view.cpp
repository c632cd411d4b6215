#include "viewer/map_view.hpp"

#include "viewer/detail/fnv1a.hpp"
#include "viewer/incident_text.hpp"

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

void MapView::draw(float bottom_inset) {
    const ImGuiIO& io = ImGui::GetIO();
    camera_.set_viewport(static_cast<int>(io.DisplaySize.x), std::max(1, static_cast<int>(io.DisplaySize.y - bottom_inset)));
    handle_input();
    draw_map(*ImGui::GetBackgroundDrawList());
}

void MapView::draw_picture(ImDrawList& dl, const MapCamera& camera, std::size_t end) const {
    dl.AddRectFilled(ImVec2(0, 0), ImVec2(static_cast<float>(camera.viewport_width()), static_cast<float>(camera.viewport_height())),
                     style_.ocean);
    if (overlays_.graticule) draw_graticule_lines(dl, camera);
    if (basemaps_ && end > 0) basemaps_->draw(dl, camera, fonts_, style_, scale_, {}, {}, 0, end);
}

std::uint64_t MapView::picture_key(std::size_t end) const {
    detail::Fnv1a h(basemaps_ ? basemaps_->picture_key(end) : 0);
    h.add(style_);  // colours and widths: 4-byte fields, no padding
    h.add(scale_);
    h.add(overlays_.graticule);
    return h.value();
}

void MapView::draw_map(ImDrawList& dl) const {
    // With the cache, the layers below the labels come from a texture; the labels and everything above are drawn
    // anew each frame, since they make way for the overlays and the markers.
    const std::size_t cached = basemaps_ ? basemaps_->cacheable_prefix() : 0;
    if (use_cache_) {
        if (!cache_) cache_ = std::make_unique<BasemapCache>();
        cache_->draw(dl, camera_, picture_key(cached),
                     [&](ImDrawList& list, const MapCamera& camera) { draw_picture(list, camera, cached); });
    } else {
        draw_picture(dl, camera_, cached);
    }
    const float w = static_cast<float>(camera_.viewport_width()), h = static_cast<float>(camera_.viewport_height());
    const float s = scale_;
    const ImVec4 caption = caption_rect();
    if (incidents_) incidents_->refresh();
    const std::optional<Legend> legend_box =
        overlays_.legend && incidents_ ? std::optional(legend(caption.w > caption.y ? caption.w + 6 * s : ImGui::GetFontSize() + 12 * s))
                                       : std::nullopt;
    const std::string credits = overlays_.attribution ? attribution_text() : std::string();
    const ImVec4 credits_rect = attribution_rect(credits);
    if (basemaps_) {
        // Where the overlays go, so that place labels keep clear of them.
        std::vector<ImVec4> reserved;
        if (overlays_.graticule) graticule_label_rects(reserved);
        if (overlays_.scale_bar) reserved.emplace_back(inset_left_, h - 50 * s, inset_left_ + 190 * s, h);
        if (caption.w > caption.y) reserved.push_back(caption);
        if (legend_box) reserved.push_back(legend_box->rect);
        if (!credits.empty()) reserved.push_back(credits_rect);
        if (overlays_.cursor_position && ImGui::IsMousePosValid())
            reserved.emplace_back(w - inset_right_ - 300 * s, credits_rect.y - 36 * s, w - inset_right_, credits_rect.y);
        std::vector<ImVec4> markers;
        if (incidents_) incidents_->prepare(camera_, scale_, &markers);
        basemaps_->draw(dl, camera_, fonts_, style_, scale_, reserved, markers, cached);
        basemaps_->draw_labels(dl, camera_, fonts_, style_, scale_, reserved, markers);
    } else if (incidents_) {
        incidents_->prepare(camera_, scale_);
    }
    if (incidents_) incidents_->draw(dl, camera_, style_, fonts_, scale_);
    if (pin_) draw_pin(dl);
    if (overlays_.graticule) draw_graticule_labels(dl);
    if (overlays_.scale_bar) draw_scale_bar(dl);
    if (!credits.empty()) draw_attribution(dl, credits, credits_rect);
    if (overlays_.cursor_position) draw_cursor_position(dl, credits.empty() ? h : credits_rect.y);
    if (caption.w > caption.y) draw_caption(dl, caption);
    if (legend_box) draw_legend(dl, *legend_box);
}

void MapView::handle_input() {
    const ImGuiIO& io = ImGui::GetIO();
    const ScreenPoint mouse{io.MousePos.x, io.MousePos.y};
    if (!io.WantCaptureMouse) {
        const bool incident_drag = incidents_ && handle_incident_input();
        if (!incident_drag && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) camera_.pan_pixels(io.MouseDelta.x, io.MouseDelta.y);
        if (io.MouseWheel != 0) camera_.zoom_about(mouse, std::pow(1.25, io.MouseWheel));
        // A double click on the selected incident starts moving it; elsewhere it zooms in.
        if (!incident_drag && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) camera_.zoom_about(mouse, 2.0);
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

void MapView::draw_graticule_lines(ImDrawList& dl, const MapCamera& camera) const {
    const float w = static_cast<float>(camera.viewport_width()), h = static_cast<float>(camera.viewport_height());
    const GraticuleLines g = graticule_lines(camera);
    for (double x : g.meridians)
        dl.AddLine(ImVec2(static_cast<float>(x), 0), ImVec2(static_cast<float>(x), h), style_.graticule);
    for (double y : g.parallels)
        dl.AddLine(ImVec2(0, static_cast<float>(y)), ImVec2(w, static_cast<float>(y)), style_.graticule);
}

namespace {

struct GraticuleLabel {
    ImVec2 at;
    char text[32];
};

// The degree labels at the top (meridians) and the right edge (parallels).
std::vector<GraticuleLabel> graticule_labels(const MapCamera& camera) {
    const float w = static_cast<float>(camera.viewport_width());
    const GraticuleLines g = graticule_lines(camera);
    std::vector<GraticuleLabel> labels(g.meridians.size() + g.parallels.size());
    for (std::size_t i = 0; i < g.meridians.size(); ++i) {
        GraticuleLabel& l = labels[i];
        const double shown = std::remainder(g.meridian_lons[i], 360.0);
        std::snprintf(l.text, sizeof l.text, "%g°%s", std::abs(shown), shown < 0 && shown > -180 ? "W" : (shown > 0 && shown < 180 ? "E" : ""));
        l.at = ImVec2(static_cast<float>(g.meridians[i]) + 3, 3);
    }
    for (std::size_t i = 0; i < g.parallels.size(); ++i) {
        GraticuleLabel& l = labels[g.meridians.size() + i];
        const double lat = g.parallel_lats[i];
        std::snprintf(l.text, sizeof l.text, "%g°%s", std::abs(lat), lat < 0 ? "S" : (lat > 0 ? "N" : ""));
        l.at = ImVec2(w - ImGui::CalcTextSize(l.text).x - 4, static_cast<float>(g.parallels[i]) - ImGui::GetFontSize() - 1);
    }
    return labels;
}

}  // namespace

void MapView::graticule_label_rects(std::vector<ImVec4>& out) const {
    for (const GraticuleLabel& l : graticule_labels(camera_)) {
        const ImVec2 size = ImGui::CalcTextSize(l.text);
        out.emplace_back(l.at.x - 2, l.at.y - 1, l.at.x + size.x + 2, l.at.y + size.y + 1);
    }
}

void MapView::draw_graticule_labels(ImDrawList& dl) const {
    for (const GraticuleLabel& l : graticule_labels(camera_)) outlined_text(dl, l.at, style_.label, l.text);
}

void MapView::draw_scale_bar(ImDrawList& dl) const {
    const float s = scale_;
    const double mpp = camera_.ground_meters_per_pixel().value();
    const double length_m = round_length(150.0 * s * mpp);
    const float px = static_cast<float>(length_m / mpp);
    const float x0 = inset_left_ + 16 * s, y0 = static_cast<float>(camera_.viewport_height()) - 24 * s;
    char text[32];
    if (length_m >= 1000) std::snprintf(text, sizeof text, "%g km", length_m / 1000);
    else std::snprintf(text, sizeof text, "%g m", length_m);
    const float text_h = ImGui::GetFontSize();
    dl.AddRectFilled(ImVec2(x0 - 6 * s, y0 - text_h - 8 * s), ImVec2(x0 + px + 6 * s, y0 + 10 * s), style_.overlay_background, 3 * s);
    dl.AddLine(ImVec2(x0, y0), ImVec2(x0 + px, y0), style_.label, 2 * s);
    dl.AddLine(ImVec2(x0, y0 - 5 * s), ImVec2(x0, y0 + 4 * s), style_.label, 2 * s);
    dl.AddLine(ImVec2(x0 + px, y0 - 5 * s), ImVec2(x0 + px, y0 + 4 * s), style_.label, 2 * s);
    dl.AddText(ImVec2(x0, y0 - text_h - 6 * s), style_.label, text);
}

void MapView::draw_pin(ImDrawList& dl) const {
    auto p = camera_.to_screen(pin_->at);
    if (!p) return;
    // The world copy nearest the view's centre.
    const double world_px = MapCamera::kWorldWidth / camera_.meters_per_pixel(), w = camera_.viewport_width();
    while (p->x > w && p->x - world_px > -w) p->x -= world_px;
    while (p->x < 0 && p->x + world_px < 2 * w) p->x += world_px;
    const float s = scale_;
    const ImVec2 tip(static_cast<float>(p->x), static_cast<float>(p->y));
    const ImVec2 head(tip.x, tip.y - 18 * s);
    const float r = 7 * s;
    // A head on a point: its tip on the place, unlike the incidents' discs centred on theirs.
    dl.AddTriangleFilled(ImVec2(head.x - r * 0.8f, head.y + r * 0.5f), ImVec2(head.x + r * 0.8f, head.y + r * 0.5f), tip, style_.pin);
    dl.AddCircleFilled(head, r + 1.5f * s, style_.marker_outline);
    dl.AddCircleFilled(head, r, style_.pin);
    dl.AddCircleFilled(head, r * 0.35f, style_.marker_outline);
    if (!pin_->label.empty()) outlined_text(dl, ImVec2(head.x + r + 5 * s, head.y - ImGui::GetFontSize() / 2), style_.pin, pin_->label.c_str());
}

std::string MapView::attribution_text() const {
    if (!basemaps_) return {};
    std::string out;
    for (const std::string& credit : basemaps_->attributions()) out += (out.empty() ? "" : " · ") + credit;
    return out;
}

ImVec4 MapView::attribution_rect(const std::string& text) const {
    const float w = static_cast<float>(camera_.viewport_width()), h = static_cast<float>(camera_.viewport_height());
    if (text.empty()) return ImVec4(w, h, w, h);
    const float s = scale_;
    // Right of the scale bar, wrapped where the line would reach it.
    const float right = w - inset_right_;
    const float wrap = std::max(80 * s, right - inset_left_ - (overlays_.scale_bar ? 200 * s : 8 * s) - 8 * s);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    return ImVec4(right - size.x - 8 * s, h - size.y - 4 * s, right, h);
}

void MapView::draw_attribution(ImDrawList& dl, const std::string& text, const ImVec4& rect) const {
    const float s = scale_;
    dl.AddRectFilled(ImVec2(rect.x, rect.y), ImVec2(rect.z, rect.w), style_.overlay_background, 3 * s);
    dl.AddText(nullptr, 0.0f, ImVec2(rect.x + 4 * s, rect.y + 2 * s), style_.label, text.c_str(), nullptr, rect.z - rect.x - 8 * s);
}

float MapView::caption_wrap() const { return std::max(100 * scale_, static_cast<float>(camera_.viewport_width()) * 0.6f); }

ImVec4 MapView::caption_rect() const {
    const float s = scale_;
    const ImVec2 at(10 * s, ImGui::GetFontSize() + 12 * s);  // below the graticule's degrees along the top edge
    if (overlays_.title.empty()) return ImVec4(at.x, at.y, at.x, at.y);
    const float wrap = caption_wrap();
    const ImFont* title = fonts_.title ? fonts_.title : ImGui::GetFont();
    ImVec2 size = title->CalcTextSizeA(title->FontSize, FLT_MAX, wrap, overlays_.title.c_str());
    if (!overlays_.subtitle.empty()) {
        const ImVec2 sub = ImGui::CalcTextSize(overlays_.subtitle.c_str(), nullptr, false, wrap);
        size = ImVec2(std::max(size.x, sub.x), size.y + 4 * s + sub.y);
    }
    return ImVec4(at.x, at.y, at.x + size.x + 16 * s, at.y + size.y + 12 * s);
}

void MapView::draw_caption(ImDrawList& dl, const ImVec4& rect) const {
    const float s = scale_;
    const float wrap = caption_wrap();
    ImFont* title = fonts_.title ? fonts_.title : ImGui::GetFont();
    dl.AddRectFilled(ImVec2(rect.x, rect.y), ImVec2(rect.z, rect.w), style_.overlay_background, 4 * s);
    const ImVec2 at(rect.x + 8 * s, rect.y + 6 * s);
    dl.AddText(title, title->FontSize, at, style_.label, overlays_.title.c_str(), nullptr, wrap);
    if (overlays_.subtitle.empty()) return;
    const float title_h = title->CalcTextSizeA(title->FontSize, FLT_MAX, wrap, overlays_.title.c_str()).y;
    dl.AddText(nullptr, 0.0f, ImVec2(at.x, at.y + title_h + 4 * s), style_.label, overlays_.subtitle.c_str(), nullptr, wrap);
}

void MapView::draw_cursor_position(ImDrawList& dl, float bottom) const {
    const ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsMousePosValid(&io.MousePos)) return;
    const auto p = camera_.lat_lon_at({io.MousePos.x, io.MousePos.y});
    if (!p) return;
    char text[64];
    std::snprintf(text, sizeof text, "%.5f°%c  %.5f°%c  z%.1f", std::abs(p->lat_deg()), p->lat_deg() < 0 ? 'S' : 'N',
                  std::abs(p->lon_deg()), p->lon_deg() < 0 ? 'W' : 'E', camera_.zoom_level());
    const float s = scale_;
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 at(static_cast<float>(camera_.viewport_width()) - inset_right_ - size.x - 12 * s, bottom - size.y - 10 * s);
    dl.AddRectFilled(ImVec2(at.x - 6 * s, at.y - 4 * s), ImVec2(at.x + size.x + 6 * s, at.y + size.y + 4 * s), style_.overlay_background, 3 * s);
    dl.AddText(at, style_.label, text);
}

bool MapView::handle_incident_input() {
    IncidentLayer& layer = *incidents_;
    const ImGuiIO& io = ImGui::GetIO();
    const ScreenPoint mouse{io.MousePos.x, io.MousePos.y};
    const Marker* hit = layer.marker_at(mouse, scale_);

    // Dragging the selected incident corrects its location; it starts only on the incident's own marker.
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        dragging_incident_ = hit && hit->count == 1 && layer.selected() == hit->first;
    if (dragging_incident_) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)
                if (const auto p = camera_.lat_lon_at(mouse)) layer.move(*layer.selected(), *p);
            return true;
        }
        dragging_incident_ = false;
        return true;
    }

    // A click (press and release without a drag) selects.
    const float click_slop = 3.0f * scale_;
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] <= click_slop * click_slop) {
        if (!hit) {
            layer.select(std::nullopt);
            layer.set_choices({});
        } else if (hit->count == 1) {
            layer.select(hit->first);
            layer.set_choices({});
        } else if (hit->spread_px > 2.0 && camera_.meters_per_pixel() > MapCamera::kMinMetersPerPixel * 4) {
            camera_.zoom_about(hit->at, 4.0);  // the cluster opens up as the map zooms in
        } else {
            // Incidents at one place: the inspector lists them to choose from.
            std::vector<std::uint32_t> members = layer.members(*hit);
            layer.select(members.empty() ? std::nullopt : std::optional<std::size_t>(members.front()));
            layer.set_choices(std::move(members));
        }
    }

    if (hit && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const core::IncidentSet& set = layer.incidents();
        if (hit->count == 1) {
            const core::Incident in = set.incident(hit->first);
            const std::size_t slot = in.event_type ? static_cast<std::size_t>(*in.event_type) : core::kEventTypeCount;
            ImGui::SetTooltip("%s · %s\n%s\n%s\n%s%s", severity_name(in.severity).c_str(), event_type_name(slot).c_str(),
                              describe_time(in.time).c_str(), in.place_name.empty() ? "(place not named)" : in.place_name.c_str(),
                              describe_figures(in).c_str(), layer.selected() == hit->first ? "\ndrag to correct its location" : "");
        } else {
            std::string text = short_count(hit->count) + " incidents";
            for (std::size_t s = core::kSeverityCount; s-- > 0;)
                if (hit->by_severity[s] > 0) {
                    text += "\n  ";
                    text += std::to_string(hit->by_severity[s]);
                    text += ' ';
                    text += core::to_string(core::kAllSeverities[s]);
                }
            text += hit->spread_px > 2.0 ? "\nclick to zoom in" : "\nclick to list them";
            ImGui::SetTooltip("%s", text.c_str());
        }
    }
    return false;
}

MapView::Legend MapView::legend(float top) const {
    const IncidentLayer& layer = *incidents_;
    const IncidentLayer::ViewCounts counts = layer.counts_in_view(camera_);
    const IncidentFilter& filter = layer.filter();
    Legend l;
    l.title = short_count(counts.drawn) + (counts.drawn == 1 ? " incident shown" : " incidents shown");
    l.when = "All dates";
    if (const auto interval = filter.interval(layer.incidents())) {
        l.when = describe_interval(interval->from, interval->to);
        if (filter.mode == TimeMode::window) l.when += " (" + describe_window(filter.window) + ")";
    }
    const float s = scale_;
    float width = std::max(ImGui::CalcTextSize(l.when.c_str()).x, ImGui::CalcTextSize(l.title.c_str()).x);
    for (std::size_t k = 0; k < core::kSeverityCount; ++k) {
        l.rows[k] = severity_name(core::kAllSeverities[k]) + "  " + (filter.severity[k] ? std::to_string(counts.by_severity[k]) : "(hidden)");
        width = std::max(width, ImGui::CalcTextSize(l.rows[k].c_str()).x + 20 * s);
    }
    l.line = ImGui::GetFontSize() + 4 * s;
    // A density mode adds its colour scale: a caption and the ramp.
    const float density_lines = layer.aggregation() == Aggregation::clusters ? 0.0f : 2.0f;
    if (density_lines > 0) width = std::max(width, ImGui::CalcTextSize("Incidents per hexagon").x);
    const ImVec2 at(10 * s, top);
    l.rect = ImVec4(at.x, at.y, at.x + width + 16 * s, at.y + l.line * (2 + static_cast<float>(core::kSeverityCount) + density_lines) + 8 * s);
    return l;
}

void MapView::draw_legend(ImDrawList& dl, const Legend& l) const {
    const IncidentFilter& filter = incidents_->filter();
    const float s = scale_;
    dl.AddRectFilled(ImVec2(l.rect.x, l.rect.y), ImVec2(l.rect.z, l.rect.w), style_.overlay_background, 4 * s);
    float y = l.rect.y + 4 * s;
    const float x = l.rect.x + 8 * s;
    dl.AddText(ImVec2(x, y), style_.label, l.title.c_str());
    y += l.line;
    dl.AddText(ImVec2(x, y), style_.label, l.when.c_str());
    y += l.line;
    for (std::size_t k = core::kSeverityCount; k-- > 0;) {
        const float r = 6 * s;
        const ImVec2 c(x + r, y + l.line / 2 - 2 * s);
        dl.AddCircleFilled(c, r, filter.severity[k] ? style_.severity[k] : with_opacity(style_.severity[k], 0.25f));
        dl.AddCircle(c, r, IM_COL32(90, 90, 90, 255), 0, 1.0f);
        dl.AddText(ImVec2(c.x + r + 6 * s, y), style_.label, l.rows[k].c_str());
        y += l.line;
    }
    if (incidents_->aggregation() == Aggregation::clusters) return;
    // The density's colour scale, logarithmic from one incident to the densest place in view (read at draw time:
    // the density is built after the legend's box is laid out).
    const bool hexbins = incidents_->aggregation() == Aggregation::hexbins;
    dl.AddText(ImVec2(x, y), style_.label, hexbins ? "Incidents per hexagon" : "Incidents nearby");
    y += l.line;
    const double peak = std::max(1.0, incidents_->density_peak());
    const std::string high = short_count(static_cast<std::size_t>(std::lround(peak)));
    const float lo_w = ImGui::CalcTextSize("1").x, hi_w = ImGui::CalcTextSize(high.c_str()).x;
    const float x0 = x + lo_w + 5 * s, x1 = l.rect.z - 8 * s - hi_w - 5 * s, bar_h = l.line * 0.55f, yb = y + (l.line - bar_h) / 2 - 2 * s;
    dl.AddText(ImVec2(x, y), style_.label, "1");
    constexpr int kSteps = 24;
    for (int k = 0; k < kSteps && x1 > x0; ++k) {
        const auto c = density_color((k + 0.5) / kSteps);
        const float a = x0 + (x1 - x0) * static_cast<float>(k) / kSteps, b = x0 + (x1 - x0) * static_cast<float>(k + 1) / kSteps;
        dl.AddRectFilled(ImVec2(a, yb), ImVec2(b + 0.5f, yb + bar_h), IM_COL32(c[0], c[1], c[2], 255));
    }
    dl.AddText(ImVec2(x1 + 5 * s, y), style_.label, high.c_str());
}

}  // namespace incidentmap::viewer
