#include "viewer/incident_layer.hpp"

#include "core/geo_precision.hpp"
#include "viewer/incident_text.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <numbers>

namespace incidentmap::viewer {

void IncidentLayer::set_incidents(core::IncidentSet set) {
    set_ = std::move(set);
    points_.assign(set_.locations());
    if (const auto range = set_.time_range()) filter_.time = range->end;
    applied_.reset();
    selected_.reset();
    choices_.clear();
    markers_ = {};
    modified_ = false;
    ++version_;
}

bool IncidentLayer::refresh() {
    if (applied_ && *applied_ == filter_) return false;
    const auto t0 = std::chrono::steady_clock::now();
    filtered_.update(set_, filter_);
    refilter_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    applied_ = filter_;
    return true;
}

namespace {

// A cluster: a white disc with its count, ringed by its severity mix (each severity's share of the ring, the
// gravest from twelve o'clock clockwise), so that a cluster of one fatal incident among a thousand protests does
// not read as a fatal one.
void draw_cluster(ImDrawList& dl, const Marker& m, ImVec2 c, float r, const MapStyle& style, const MapFonts& fonts, ImFont* font,
                  float font_size, float scale) {
    const float ring = std::max(3.0f * scale, 0.3f * r);
    constexpr float kTau = 2 * std::numbers::pi_v<float>;
    // Discs from the atlas (two triangles each): the outline, the gravest severity's colour; then the other
    // severities' wedges over it, each at its share of the ring; then the white middle over the wedges' points.
    fonts.discs.add(dl, c, r + 1.5f * scale, style.marker_outline);
    std::size_t gravest = core::kSeverityCount;
    while (gravest-- > 0 && m.by_severity[gravest] == 0) {
    }
    if (gravest < core::kSeverityCount) fonts.discs.add(dl, c, r, style.severity[gravest]);
    float a0 = -std::numbers::pi_v<float> / 2 + kTau * static_cast<float>(gravest < core::kSeverityCount ? m.by_severity[gravest] : 0) /
                                                    static_cast<float>(m.count);
    for (std::size_t k = gravest; k-- > 0;) {
        if (m.by_severity[k] == 0) continue;
        const float a1 = a0 + kTau * static_cast<float>(m.by_severity[k]) / static_cast<float>(m.count);
        // Convex pieces of at most half a turn, a point every 5 px or so of the arc.
        for (float from = a0; from < a1 - 1e-4f; from += std::numbers::pi_v<float>) {
            const float to = std::min(a1, from + std::numbers::pi_v<float>);
            dl.PathLineTo(c);
            dl.PathArcTo(c, r, from, std::max(to, from + 0.05f), std::max(2, static_cast<int>((to - from) * r / (5 * scale))));
            dl.PathFillConvex(style.severity[k]);
        }
        a0 = a1;
    }
    fonts.discs.add(dl, c, r - ring, style.cluster_fill);
    const std::string text = short_count(m.count);
    ImVec2 size = font->CalcTextSizeA(font_size, 1e9f, 0, text.c_str());
    const float room = 2 * (r - ring) - 2 * scale;  // the count always fits inside the ring
    if (size.x > room) {
        font_size *= room / size.x;
        size = font->CalcTextSizeA(font_size, 1e9f, 0, text.c_str());
    }
    dl.AddText(font, font_size, ImVec2(c.x - size.x / 2, c.y - size.y / 2), style.cluster_text, text.c_str());
}

}  // namespace

void IncidentLayer::prepare(const MapCamera& camera, float scale, std::vector<ImVec4>* footprints) {
    refresh();
    markers_ = {};
    hexes_ = {};
    switch (aggregation_) {
        case Aggregation::clusters: {
            MarkerOptions options;
            options.cell_px = 28.0 * scale;
            options.margin_px = 30.0 * scale;
            options.scale = scale;
            markers_ = builder_.build(points_, filtered_.indices(), set_, camera, options);
            break;
        }
        case Aggregation::heatmap: {
            heatmap_.build(points_, filtered_.indices(), camera, {.cell_px = 4.0 * scale, .radius_px = 22.0 * scale});
            if (heat_texture_) heat_texture_->update(heatmap_.image());
            else heat_texture_.emplace(heatmap_.image());
            return;  // no markers, no footprints: labels stay readable through the translucent density
        }
        case Aggregation::hexbins: {
            hexes_ = hexbins_.build(points_, filtered_.indices(), set_, camera, 18.0 * scale, version_);
            hex_markers_.clear();
            for (const Hexbin& h : hexes_) {
                Marker m;
                m.at = h.at;
                m.count = h.count;
                m.first = h.first;
                m.by_severity = h.by_severity;
                for (std::size_t k = core::kSeverityCount; k-- > 0;)
                    if (h.by_severity[k] > 0) {
                        m.severity = core::kAllSeverities[k];
                        break;
                    }
                m.spread_px = h.count > 1 ? hexbins_.radius_px() : 0;  // a click zooms in while it can
                hex_markers_.push_back(m);
            }
            markers_ = hex_markers_;
            return;
        }
    }
    if (!footprints) return;
    for (const Marker& m : markers_) {
        const float r = marker_radius(m) * scale + (m.count > 1 ? 3 * scale : 0);
        const float x = static_cast<float>(m.at.x), y = static_cast<float>(m.at.y);
        footprints->emplace_back(x - r, y - r, x + r, y + r);
    }
}

double IncidentLayer::density_peak() const {
    switch (aggregation_) {
        case Aggregation::heatmap: return heatmap_.peak();
        case Aggregation::hexbins: return hexbins_.max_count();
        case Aggregation::clusters: break;
    }
    return 0;
}

void IncidentLayer::draw(ImDrawList& dl, const MapCamera& camera, const MapStyle& style, const MapFonts& fonts, float scale) const {

    ImFont* font = fonts.label_bold ? fonts.label_bold : ImGui::GetFont();
    const float font_size = font->FontSize * 0.9f;
    if (aggregation_ == Aggregation::heatmap && heat_texture_) {
        const ScreenPoint o = heatmap_.origin(), size = heatmap_.size();
        dl.AddImage(heat_texture_->id(), ImVec2(static_cast<float>(o.x), static_cast<float>(o.y)),
                    ImVec2(static_cast<float>(o.x + size.x), static_cast<float>(o.y + size.y)));
    } else if (aggregation_ == Aggregation::hexbins) {
        draw_hexbins(dl, style, font, font_size, scale);
    } else {
        for (const Marker& m : markers_) {
            const ImVec2 c(static_cast<float>(m.at.x), static_cast<float>(m.at.y));
            const float r = marker_radius(m) * scale;
            if (m.count == 1) {
                // The outline as a white disc under the coloured one (a 1.5 px ring at r).
                const ImU32 fill = style.severity[core::rank(m.severity)];
                fonts.discs.add(dl, c, r + 0.75f * scale, style.marker_outline);
                fonts.discs.add(dl, c, r - 0.75f * scale, fill);
                continue;
            }
            draw_cluster(dl, m, c, r, style, fonts, font, font_size, scale);
        }
    }

    if (!selected_) return;
    const auto at = screen_position(*selected_, camera);  // none for an incident without a location
    if (!at) return;
    const ImVec2 c(static_cast<float>(at->x), static_cast<float>(at->y));
    if (const auto meters = uncertainty_meters(set_.incident(*selected_))) {
        // The points at that ground distance in every direction (a geodesic circle: on the Mercator map it stretches
        // towards the pole), placed relative to the marker so that world wrap follows it.
        const core::LatLon centre = set_.locations()[*selected_];
        const core::proj::XY m0 = mercator(centre);
        const double mpp = camera.meters_per_pixel();
        const double lat = centre.lat_deg() * std::numbers::pi / 180;
        const double px = *meters / std::max(std::cos(lat), 1e-6) / mpp;  // its radius near the centre
        if (px > 2 && px < 1e5) {
            constexpr int kPoints = 96;
            std::array<ImVec2, kPoints> ring;
            for (int k = 0; k < kPoints; ++k) {
                const core::proj::XY m = mercator(core::destination(centre, 360.0 * k / kPoints, core::Meters(*meters)));
                const double dx = std::remainder(m.x - m0.x, MapCamera::kWorldWidth);  // across the antimeridian
                ring[static_cast<std::size_t>(k)] = ImVec2(c.x + static_cast<float>(dx / mpp), c.y - static_cast<float>((m.y - m0.y) / mpp));
            }
            // Convex while the circle keeps clear of the pole; one that reaches it is outlined only.
            const bool clear_of_pole = *meters < core::kEarthMeanRadius.value() * (std::numbers::pi / 2 - std::abs(lat));
            if (clear_of_pole) dl.AddConvexPolyFilled(ring.data(), kPoints, style.uncertainty_fill);
            dl.AddPolyline(ring.data(), kPoints, style.selection, ImDrawFlags_Closed, 1.5f * scale);
        }
    }
    dl.AddCircle(c, 10 * scale, style.selection, 0, 3 * scale);
    dl.AddCircleFilled(c, 3 * scale, style.selection);
}

void IncidentLayer::draw_hexbins(ImDrawList& dl, const MapStyle& style, ImFont* font, float font_size, float scale) const {
    const double top = std::log1p(std::max<double>(1, hexbins_.max_count()));
    const float R = static_cast<float>(hexbins_.radius_px());
    std::array<ImVec2, 6> corner;
    for (int k = 0; k < 6; ++k) {  // pointy-top: corners at 30 + 60k degrees
        const float a = std::numbers::pi_v<float> / 180 * static_cast<float>(30 + 60 * k);
        corner[static_cast<std::size_t>(k)] = ImVec2(R * std::cos(a), R * std::sin(a));
    }
    const bool labelled = R >= 16 * scale;
    for (const Marker& m : hex_markers_) {
        const ImVec2 c(static_cast<float>(m.at.x), static_cast<float>(m.at.y));
        std::array<ImVec2, 6> ring;
        for (std::size_t k = 0; k < 6; ++k) ring[k] = ImVec2(c.x + corner[k].x, c.y + corner[k].y);
        const double t = std::log1p(static_cast<double>(m.count)) / top;
        const core::io::Rgba rgb = density_color(t);
        dl.AddConvexPolyFilled(ring.data(), 6, IM_COL32(rgb[0], rgb[1], rgb[2], 205));
        dl.AddPolyline(ring.data(), 6, style.hexbin_outline, ImDrawFlags_Closed, 1.0f * scale);
        if (!labelled) continue;
        const std::string text = short_count(m.count);
        const ImVec2 size = font->CalcTextSizeA(font_size, 1e9f, 0, text.c_str());
        if (size.x > 1.6f * R) continue;
        dl.AddText(font, font_size, ImVec2(c.x - size.x / 2, c.y - size.y / 2), t > 0.55 ? IM_COL32(255, 255, 255, 255) : style.cluster_text,
                   text.c_str());
    }
}

const Marker* IncidentLayer::marker_at(ScreenPoint p, float scale) const {
    if (aggregation_ == Aggregation::heatmap) return nullptr;
    if (aggregation_ == Aggregation::hexbins) {
        const Hexbin* h = hexbins_.at(p);
        return h ? &hex_markers_[static_cast<std::size_t>(h - hexes_.data())] : nullptr;
    }
    for (auto it = markers_.rbegin(); it != markers_.rend(); ++it) {
        const double r = marker_radius(*it) * scale + 2;
        const double dx = it->at.x - p.x, dy = it->at.y - p.y;
        if (dx * dx + dy * dy <= r * r) return &*it;
    }
    return nullptr;
}

std::vector<std::uint32_t> IncidentLayer::members(const Marker& marker) const {
    if (aggregation_ == Aggregation::hexbins) {
        const auto k = static_cast<std::size_t>(&marker - hex_markers_.data());
        return k < hexes_.size() ? hexbins_.members(hexes_[k], points_, filtered_.indices()) : std::vector<std::uint32_t>{};
    }
    return builder_.members(marker, points_, filtered_.indices());
}

std::optional<ScreenPoint> IncidentLayer::screen_position(std::size_t i, const MapCamera& camera) const {
    if (i >= set_.size() || !set_.located()[i]) return std::nullopt;
    double x = points_.x[i];
    x -= MapCamera::kWorldWidth * std::round((x - camera.center().x) / MapCamera::kWorldWidth);
    return camera.world_to_screen({x, points_.y[i]});
}

void IncidentLayer::select(std::optional<std::size_t> i) {
    selected_ = i && *i < set_.size() ? i : std::nullopt;
}

std::optional<std::size_t> IncidentLayer::find_id(std::string_view id) const {
    for (std::size_t i = 0; i < set_.size(); ++i)
        if (set_.id(i) == id) return i;
    return std::nullopt;
}

void IncidentLayer::move(std::size_t i, core::LatLon to) {
    set_.set_location(i, to);
    points_.set(i, to);
    modified_ = true;
    ++version_;
}

void IncidentLayer::replace(std::size_t i, const core::Incident& incident) {
    const std::size_t to = set_.replace(i, incident);
    // Rows between the old and the new position shifted by one: recompute the positions and the selection.
    points_.assign(set_.locations());
    auto follow = [&](std::size_t j) {
        if (j == i) return to;
        if (i < to && j > i && j <= to) return j - 1;
        if (to < i && j >= to && j < i) return j + 1;
        return j;
    };
    if (selected_) selected_ = follow(*selected_);
    for (auto& c : choices_) c = static_cast<std::uint32_t>(follow(c));
    applied_.reset();
    modified_ = true;
    ++version_;
}

IncidentLayer::ViewCounts IncidentLayer::counts_in_view(const MapCamera& camera) const {
    ViewCounts out;
    const WorldBox view = camera.visible_box();
    const double w = MapCamera::kWorldWidth, centre = camera.center().x;
    const auto severities = set_.severities();
    for (const std::uint32_t i : filtered_.indices()) {
        const double y = points_.y[i];
        if (y < view.min_y || y > view.max_y) continue;
        double x = points_.x[i];
        x -= w * std::round((x - centre) / w);  // the copy nearest the centre; a view wider than the world holds it
        if (x < view.min_x || x > view.max_x) continue;
        ++out.drawn;
        ++out.by_severity[static_cast<std::size_t>(core::rank(severities[i]))];
    }
    return out;
}

core::IncidentSet IncidentLayer::shown_set() const {
    std::vector<core::Incident> shown;
    shown.reserve(filtered_.indices().size() + filtered_.unlocated().size());
    for (const std::uint32_t i : filtered_.indices()) shown.push_back(set_.incident(i));
    for (const std::uint32_t i : filtered_.unlocated()) shown.push_back(set_.incident(i));
    return core::IncidentSet(shown);
}

WorldBox IncidentLayer::shown_bounds(double min_ground_m) const {
    WorldBox box;
    const auto precision = set_.geo_precisions();
    for (const std::uint32_t i : filtered_.indices())
        if (precision[i] != 3) box.extend(points_.x[i], points_.y[i]);
    if (box.empty())
        for (const std::uint32_t i : filtered_.indices()) box.extend(points_.x[i], points_.y[i]);
    if (box.empty()) return box;
    // Mercator metres per ground metre grow as 1/cos(latitude) (the inverse Gudermannian of the box's middle).
    const double mid_y = (box.min_y + box.max_y) / 2;
    const double lat = std::atan(std::sinh(mid_y / (MapCamera::kWorldWidth / (2 * std::numbers::pi))));
    const double min_side = min_ground_m / std::max(std::cos(lat), 1e-6);
    const double grow_x = std::max(0.0, (min_side - box.width()) / 2), grow_y = std::max(0.0, (min_side - box.height()) / 2);
    return {box.min_x - grow_x, box.min_y - grow_y, box.max_x + grow_x, box.max_y + grow_y};
}

std::optional<double> uncertainty_meters(const core::Incident& incident) {
    if (incident.uncertainty_m) return incident.uncertainty_m->value();
    if (!incident.geo_precision) return std::nullopt;
    const core::GeoLevel level = *incident.geo_precision == 1   ? core::GeoLevel::city
                                 : *incident.geo_precision == 2 ? core::GeoLevel::admin_region
                                                                : core::GeoLevel::country;
    return core::GeoPrecision::at(level).uncertainty().value();
}

}  // namespace incidentmap::viewer
