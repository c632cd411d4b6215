#include "viewer/vector_layer.hpp"

#include "core/gdal.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace incidentmap::viewer {

namespace {

constexpr std::size_t kMaxRunPoints = 8000;  // keeps one AddPolyline well inside 16-bit vertex indices
constexpr std::size_t kMaxLabels = 250;      // per frame

// A feature's rule and whether it shows at the zoom drawn: {nullptr, true} without a style or a matching rule.
struct Styled {
    const StyleRule* rule = nullptr;
    bool shown = true;
};
Styled styled(const std::optional<BasemapStyle>& rules, const VectorGeometry::Feature& f, double zoom) {
    if (!rules || f.rule < 0) return {};
    const StyleRule& r = rules->rules[static_cast<std::size_t>(f.rule)];
    return {&r, zoom >= r.min_zoom && zoom <= r.max_zoom};
}

bool overlaps(const ImVec4& a, const ImVec4& b) { return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w; }

// Text with a halo, turned by `angle` (radians) about `centre`: the vertices ImGui just wrote, rotated in place.
void turned_text(ImDrawList& dl, ImFont* font, float size, ImVec2 centre, float angle, ImU32 color, ImU32 halo, const std::string& text,
                 float scale) {
    const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
    const ImVec2 at(centre.x - extent.x / 2, centre.y - extent.y / 2);
    const int first = dl.VtxBuffer.Size;
    const float d = 1.2f * scale;
    static constexpr float kDirs[8][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {0.7f, 0.7f}, {-0.7f, 0.7f}, {0.7f, -0.7f}, {-0.7f, -0.7f}};
    for (const auto& dir : kDirs) dl.AddText(font, size, ImVec2(at.x + dir[0] * d, at.y + dir[1] * d), halo, text.c_str());
    dl.AddText(font, size, at, color, text.c_str());
    if (angle == 0) return;
    const float c = std::cos(angle), s = std::sin(angle);
    for (int i = first; i < dl.VtxBuffer.Size; ++i) {
        ImVec2& p = dl.VtxBuffer[i].pos;
        const float x = p.x - centre.x, y = p.y - centre.y;
        p = ImVec2(centre.x + x * c - y * s, centre.y + x * s + y * c);
    }
}

}  // namespace

VectorLayer::VectorLayer(std::string description, VectorGeometry geometry, VectorStyle style)
    : description_(std::move(description)), geometry_(std::move(geometry)), style_(style) {}

VectorLayer::VectorLayer(std::string description, VectorGeometry geometry, VectorStyle style, BasemapStyle rules)
    : description_(std::move(description)), geometry_(std::move(geometry)), style_(style), rules_(std::move(rules)) {}

std::unique_ptr<VectorLayer> VectorLayer::open(const std::filesystem::path& path, const std::vector<std::string>& layers,
                                               const VectorStyle& style, std::string description,
                                               const VectorGeometry::Options& options) {
    auto dataset = core::gdal::Dataset::open_vector(path.string());
    core::gdal::ErrorCapture quiet;  // GDAL's per-feature warnings would flood stderr; geometry counts say enough
    auto geometry = VectorGeometry::load(dataset, layers, options);
    return std::make_unique<VectorLayer>(std::move(description), std::move(geometry), style);
}

void VectorLayer::draw(const DrawContext& ctx) {
    switch (style_.role) {
        case VectorStyle::Role::land:
            style_.fill = ctx.style.land;
            style_.stroke = ctx.style.coastline;
            style_.stroke_width = ctx.style.coastline_width;
            break;
        case VectorStyle::Role::borders:
            style_.fill = 0;
            style_.stroke = ctx.style.border;
            style_.stroke_width = ctx.style.border_width;
            break;
        case VectorStyle::Role::user: break;
    }
    const WorldBox view = ctx.camera.visible_box(4);
    for (const double offset : wrap_offsets(geometry_.box(), view, MapCamera::kWorldWidth)) {
        const WorldBox local_view = view.shifted_x(-offset);
        draw_fills(ctx, offset, local_view);
        draw_outlines(ctx, offset, local_view);
        draw_markers(ctx, offset, local_view);
    }
}

void VectorLayer::draw_fills(const DrawContext& ctx, double offset_x, const WorldBox& view) {
    const auto& chunks = geometry_.fill_chunks();
    if (chunks.empty()) return;
    ImDrawList& dl = ctx.draw_list;
    const auto& features = geometry_.features();
    const auto& vertices = geometry_.fill_vertices();
    const auto& indices = geometry_.fill_indices();
    const double mpp = ctx.camera.meters_per_pixel();
    const double min_size = 0.5 * mpp;  // chunks smaller than half a pixel both ways are not drawn
    const core::proj::XY c = ctx.camera.center();
    const double half_w = ctx.camera.viewport_width() / 2.0, half_h = ctx.camera.viewport_height() / 2.0;
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const double zoom = ctx.camera.zoom_level();

    for (const auto& chunk : chunks) {
        if (!chunk.box.intersects(view)) continue;
        if (chunk.box.width() < min_size && chunk.box.height() < min_size) continue;
        const auto& f = features[chunk.feature];
        const Styled st = styled(rules_, f, zoom);
        if (!st.shown) continue;
        const ImU32 base_color = st.rule ? st.rule->fill : (style_.feature_colors && f.fill ? f.fill : style_.fill);
        if (!base_color) continue;
        const ImU32 color = with_opacity(base_color, ctx.opacity);
        if ((color & IM_COL32_A_MASK) == 0) continue;

        dl.PrimReserve(static_cast<int>(chunk.index_count), static_cast<int>(chunk.vertex_count));
        ImDrawVert* v = dl._VtxWritePtr;
        ImDrawIdx* ix = dl._IdxWritePtr;
        const auto base = static_cast<ImDrawIdx>(dl._VtxCurrentIdx);  // read after PrimReserve: it may start a new command
        for (std::uint32_t k = 0; k < chunk.vertex_count; ++k) {
            const core::proj::XY& p = vertices[chunk.first_vertex + k];
            v[k].pos = ImVec2(static_cast<float>((p.x + offset_x - c.x) / mpp + half_w),
                              static_cast<float>((c.y - p.y) / mpp + half_h));
            v[k].uv = uv;
            v[k].col = color;
        }
        for (std::uint32_t k = 0; k < chunk.index_count; ++k)
            ix[k] = static_cast<ImDrawIdx>(base + indices[chunk.first_index + k]);
        dl._VtxWritePtr += chunk.vertex_count;
        dl._IdxWritePtr += chunk.index_count;
        dl._VtxCurrentIdx += chunk.vertex_count;
    }
}

void VectorLayer::draw_outlines(const DrawContext& ctx, double offset_x, const WorldBox& view) {
    const auto& features = geometry_.features();
    const double min_size = ctx.camera.meters_per_pixel();  // outlines within one pixel are not drawn
    const double zoom = ctx.camera.zoom_level();
    const auto& paths = geometry_.paths();
    // Paths come ordered by rule: a run of one rule draws its casings first, then its lines over them, so that
    // streets join without their edges crossing.
    for (std::size_t i = 0; i < paths.size();) {
        std::size_t j = i + 1;
        const std::int32_t rule = features[paths[i].feature].rule;
        while (j < paths.size() && features[paths[j].feature].rule == rule) ++j;
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 0 && !(rules_ && rule >= 0 && rules_->rules[static_cast<std::size_t>(rule)].casing)) continue;
            for (std::size_t k = i; k < j; ++k) {
                const auto& path = paths[k];
                if (!path.box.intersects(view)) continue;
                if (path.box.width() < min_size && path.box.height() < min_size) continue;
                const auto& f = features[path.feature];
                const Styled st = styled(rules_, f, zoom);
                if (!st.shown) continue;
                const ImU32 base_color = st.rule ? (pass == 0 ? st.rule->casing : st.rule->stroke)
                                                 : (style_.feature_colors && f.stroke ? f.stroke : style_.stroke);
                if (!base_color) continue;
                const ImU32 color = with_opacity(base_color, ctx.opacity);
                if ((color & IM_COL32_A_MASK) == 0) continue;
                float width = (st.rule ? st.rule->width_at(zoom) : style_.feature_colors && f.stroke_width > 0 ? f.stroke_width : style_.stroke_width) *
                              ctx.scale;
                if (pass == 0) width += 2 * ctx.scale;
                stroke_path(ctx, path, offset_x, color, width);
            }
        }
        i = j;
    }
}

// Draws the parts of the path that are in view, as runs of AddPolyline, with points closer than a pixel to the
// previous one left out.
void VectorLayer::stroke_path(const DrawContext& ctx, const VectorGeometry::Path& path, double offset_x, ImU32 color,
                              float width) {
    const auto& points = geometry_.points();
    const MapCamera& cam = ctx.camera;
    const float margin = 2.0f + width;
    const float x0 = -margin, y0 = -margin;
    const float x1 = static_cast<float>(cam.viewport_width()) + margin, y1 = static_cast<float>(cam.viewport_height()) + margin;
    const float min_step2 = 0.8f * 0.8f;

    auto screen = [&](std::uint32_t i) {
        const core::proj::XY& p = points[path.first + (i % path.count)];
        const ScreenPoint s = cam.world_to_screen({p.x + offset_x, p.y});
        return ImVec2(static_cast<float>(s.x), static_cast<float>(s.y));
    };
    auto flush = [&] {
        if (scratch_.size() >= 2) ctx.draw_list.AddPolyline(scratch_.data(), static_cast<int>(scratch_.size()), color, 0, width);
        scratch_.clear();
    };

    scratch_.clear();
    const std::uint32_t n = path.closed ? path.count + 1 : path.count;
    ImVec2 prev = screen(0);
    for (std::uint32_t i = 1; i < n; ++i) {
        const ImVec2 cur = screen(i);
        const bool visible = std::max(prev.x, cur.x) >= x0 && std::min(prev.x, cur.x) <= x1 &&
                             std::max(prev.y, cur.y) >= y0 && std::min(prev.y, cur.y) <= y1;
        if (visible) {
            if (scratch_.empty()) scratch_.push_back(prev);
            const float dx = cur.x - scratch_.back().x, dy = cur.y - scratch_.back().y;
            if (dx * dx + dy * dy >= min_step2 || i + 1 == n) scratch_.push_back(cur);
            if (scratch_.size() >= kMaxRunPoints) {
                const ImVec2 last = scratch_.back();
                flush();
                scratch_.push_back(last);
            }
        } else if (!scratch_.empty()) {
            if (scratch_.back().x != prev.x || scratch_.back().y != prev.y) scratch_.push_back(prev);
            flush();
        }
        prev = cur;
    }
    flush();
}

void VectorLayer::draw_markers(const DrawContext& ctx, double offset_x, const WorldBox& view) {
    const auto& features = geometry_.features();
    const float r = style_.marker_radius * ctx.scale;
    const double zoom = ctx.camera.zoom_level();
    for (const auto& m : geometry_.markers()) {
        if (m.at.x < view.min_x || m.at.x > view.max_x || m.at.y < view.min_y || m.at.y > view.max_y) continue;
        const auto& f = features[m.feature];
        const Styled st = styled(rules_, f, zoom);
        if (!st.shown) continue;
        if (st.rule) {
            // A point of interest: a small grey square with a white edge, unlike any incident's disc.
            const ImU32 color = st.rule->stroke ? st.rule->stroke : (st.rule->fill ? st.rule->fill : IM_COL32(140, 140, 140, 255));
            if (!st.rule->symbol && !st.rule->stroke && !st.rule->fill) continue;
            const ScreenPoint s = ctx.camera.world_to_screen({m.at.x + offset_x, m.at.y});
            const float h = (st.rule->symbol ? 2.5f : 2.0f) * ctx.scale;
            const ImVec2 a(static_cast<float>(s.x) - h, static_cast<float>(s.y) - h), b(static_cast<float>(s.x) + h, static_cast<float>(s.y) + h);
            ctx.draw_list.AddRectFilled(ImVec2(a.x - ctx.scale, a.y - ctx.scale), ImVec2(b.x + ctx.scale, b.y + ctx.scale),
                                        with_opacity(IM_COL32(255, 255, 255, 220), ctx.opacity));
            ctx.draw_list.AddRectFilled(a, b, with_opacity(color, ctx.opacity));
            continue;
        }
        ImU32 fill = style_.feature_colors && f.stroke ? f.stroke : (style_.stroke ? style_.stroke : style_.fill);
        if (style_.feature_colors && f.fill) fill = f.fill | IM_COL32_A_MASK;
        if (!fill) continue;
        const ScreenPoint s = ctx.camera.world_to_screen({m.at.x + offset_x, m.at.y});
        const ImVec2 at(static_cast<float>(s.x), static_cast<float>(s.y));
        ctx.draw_list.AddCircleFilled(at, r, with_opacity(fill, ctx.opacity), 12);
        ctx.draw_list.AddCircle(at, r, with_opacity(IM_COL32(255, 255, 255, 230), ctx.opacity), 12, 1.0f * ctx.scale);
    }
}

void VectorLayer::draw_labels(const DrawContext& ctx) {
    if (!rules_ || geometry_.labels().empty()) return;
    const double zoom = ctx.camera.zoom_level();
    const auto& features = geometry_.features();
    const auto& points = geometry_.points();
    const auto& labels = geometry_.labels();
    ImFont* font = ctx.fonts.label ? ctx.fonts.label : ImGui::GetFont();
    const float size = font->FontSize * 0.85f;
    const ImU32 color = with_opacity(ctx.style.street_text, ctx.opacity), halo = with_opacity(ctx.style.place_halo, ctx.opacity);
    const float w = static_cast<float>(ctx.camera.viewport_width()), h = static_cast<float>(ctx.camera.viewport_height());
    const WorldBox view = ctx.camera.visible_box(0);
    placed_.clear();
    std::vector<std::pair<std::uint32_t, ImVec2>> named;  // labels placed, by text: one name is not repeated nearby
    const float repeat = 260 * ctx.scale;

    auto free_at = [&](const ImVec4& box, std::uint32_t label, ImVec2 centre) {
        if (box.x < 0 || box.y < 0 || box.z > w || box.w > h) return false;
        for (const ImVec4& r : ctx.reserved) if (overlaps(box, r)) return false;
        for (const ImVec4& r : ctx.text_reserved) if (overlaps(box, r)) return false;
        for (const ImVec4& r : placed_) if (overlaps(box, r)) return false;
        for (const auto& [l, at] : named)
            if (labels[l] == labels[label] && std::hypot(at.x - centre.x, at.y - centre.y) < repeat) return false;
        return true;
    };
    auto shown = [&](const VectorGeometry::Feature& f) {
        if (f.label == VectorGeometry::kNoLabel || f.rule < 0) return false;
        const StyleRule& r = rules_->rules[static_cast<std::size_t>(f.rule)];
        return r.label && zoom >= r.label_min_zoom && zoom <= r.max_zoom;
    };
    auto screen = [&](const core::proj::XY& p) {
        const ScreenPoint s = ctx.camera.world_to_screen(p);
        return ImVec2(static_cast<float>(s.x), static_cast<float>(s.y));
    };

    // Areas first (a park's or a square's name in its middle), then streets along their longest stretch in view,
    // then points of interest beside their symbol.
    std::vector<bool>& done = labelled_;
    done.assign(features.size(), false);
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& path : geometry_.paths()) {
            if (placed_.size() >= kMaxLabels) return;
            if (path.closed != (pass == 0) || done[path.feature] || !path.box.intersects(view)) continue;
            const auto& f = features[path.feature];
            if (!shown(f)) continue;
            const std::string& text = labels[f.label];
            const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
            if (path.closed) {
                const ImVec2 a = screen({path.box.min_x, path.box.max_y}), b = screen({path.box.max_x, path.box.min_y});
                if (b.x - a.x < extent.x + 8 * ctx.scale || b.y - a.y < extent.y + 4 * ctx.scale) continue;
                const ImVec2 c((a.x + b.x) / 2, (a.y + b.y) / 2);
                const ImVec4 box(c.x - extent.x / 2 - 2, c.y - extent.y / 2 - 1, c.x + extent.x / 2 + 2, c.y + extent.y / 2 + 1);
                if (!free_at(box, f.label, c)) continue;
                turned_text(ctx.draw_list, font, size, c, 0, color, halo, text, ctx.scale);
                placed_.push_back(box);
                named.emplace_back(f.label, c);
                done[path.feature] = true;
                continue;
            }
            // The longest stretch between two points in view, long enough for the name.
            float best = 0;
            ImVec2 p0, p1;
            ImVec2 prev = screen(points[path.first]);
            for (std::uint32_t i = 1; i < path.count; ++i) {
                const ImVec2 cur = screen(points[path.first + i]);
                const float len = std::hypot(cur.x - prev.x, cur.y - prev.y);
                const bool inside = std::min(prev.x, cur.x) >= 0 && std::max(prev.x, cur.x) <= w && std::min(prev.y, cur.y) >= 0 &&
                                    std::max(prev.y, cur.y) <= h;
                if (inside && len > best) best = len, p0 = prev, p1 = cur;
                prev = cur;
            }
            if (best < extent.x + 10 * ctx.scale) continue;
            float angle = std::atan2(p1.y - p0.y, p1.x - p0.x);
            if (angle > std::numbers::pi_v<float> / 2) angle -= std::numbers::pi_v<float>;  // upright
            if (angle < -std::numbers::pi_v<float> / 2) angle += std::numbers::pi_v<float>;
            const ImVec2 c((p0.x + p1.x) / 2, (p0.y + p1.y) / 2);
            const float hx = (std::abs(std::cos(angle)) * extent.x + std::abs(std::sin(angle)) * extent.y) / 2 + 1;
            const float hy = (std::abs(std::sin(angle)) * extent.x + std::abs(std::cos(angle)) * extent.y) / 2 + 1;
            const ImVec4 box(c.x - hx, c.y - hy, c.x + hx, c.y + hy);
            if (!free_at(box, f.label, c)) continue;
            turned_text(ctx.draw_list, font, size, c, angle, color, halo, text, ctx.scale);
            placed_.push_back(box);
            named.emplace_back(f.label, c);
            done[path.feature] = true;
        }
    for (const auto& m : geometry_.markers()) {
        if (placed_.size() >= kMaxLabels) return;
        if (m.at.x < view.min_x || m.at.x > view.max_x || m.at.y < view.min_y || m.at.y > view.max_y) continue;
        const auto& f = features[m.feature];
        if (!shown(f)) continue;
        const std::string& text = labels[f.label];
        const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
        const ImVec2 s = screen(m.at);
        const ImVec2 c(s.x + 5 * ctx.scale + extent.x / 2, s.y);
        const ImVec4 box(c.x - extent.x / 2 - 1, c.y - extent.y / 2, c.x + extent.x / 2 + 1, c.y + extent.y / 2);
        if (!free_at(box, f.label, c)) continue;
        turned_text(ctx.draw_list, font, size * 0.95f, c, 0, with_opacity(IM_COL32(90, 90, 90, 255), ctx.opacity), halo, text, ctx.scale);
        placed_.push_back(box);
        named.emplace_back(f.label, c);
    }
}

}  // namespace incidentmap::viewer
