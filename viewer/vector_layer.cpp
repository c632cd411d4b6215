#include "viewer/vector_layer.hpp"

#include "core/gdal.hpp"

#include <algorithm>
#include <cmath>

namespace incidentmap::viewer {

namespace {

constexpr std::size_t kMaxRunPoints = 8000;  // keeps one AddPolyline well inside 16-bit vertex indices

}  // namespace

VectorLayer::VectorLayer(std::string description, VectorGeometry geometry, VectorStyle style)
    : description_(std::move(description)), geometry_(std::move(geometry)), style_(style) {}

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

    for (const auto& chunk : chunks) {
        if (!chunk.box.intersects(view)) continue;
        if (chunk.box.width() < min_size && chunk.box.height() < min_size) continue;
        const auto& f = features[chunk.feature];
        const ImU32 base_color = style_.feature_colors && f.fill ? f.fill : style_.fill;
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
    for (const auto& path : geometry_.paths()) {
        if (!path.box.intersects(view)) continue;
        if (path.box.width() < min_size && path.box.height() < min_size) continue;
        const auto& f = features[path.feature];
        const ImU32 base_color = style_.feature_colors && f.stroke ? f.stroke : style_.stroke;
        if (!base_color) continue;
        const ImU32 color = with_opacity(base_color, ctx.opacity);
        if ((color & IM_COL32_A_MASK) == 0) continue;
        const float width = (style_.feature_colors && f.stroke_width > 0 ? f.stroke_width : style_.stroke_width) * ctx.scale;
        stroke_path(ctx, path, offset_x, color, width);
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
    for (const auto& m : geometry_.markers()) {
        if (m.at.x < view.min_x || m.at.x > view.max_x || m.at.y < view.min_y || m.at.y > view.max_y) continue;
        const auto& f = features[m.feature];
        ImU32 fill = style_.feature_colors && f.stroke ? f.stroke : (style_.stroke ? style_.stroke : style_.fill);
        if (style_.feature_colors && f.fill) fill = f.fill | IM_COL32_A_MASK;
        if (!fill) continue;
        const ScreenPoint s = ctx.camera.world_to_screen({m.at.x + offset_x, m.at.y});
        const ImVec2 at(static_cast<float>(s.x), static_cast<float>(s.y));
        ctx.draw_list.AddCircleFilled(at, r, with_opacity(fill, ctx.opacity), 12);
        ctx.draw_list.AddCircle(at, r, with_opacity(IM_COL32(255, 255, 255, 230), ctx.opacity), 12, 1.0f * ctx.scale);
    }
}

}  // namespace incidentmap::viewer
