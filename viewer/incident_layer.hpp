#pragma once
// The incidents on the map: the set the analyst loaded (owned here), its Mercator positions, the filter and what
// it lets through, the markers of the last frame, the selection and the analyst's corrections; and the drawing of
// all that into an ImDrawList. The window and `incidentmap render` draw through the same draw().
//
// Two phases per frame (STYLE habit 9): refresh() re-applies the filter only when the filter or the set changed;
// draw() folds what is shown into markers for the camera (incident_markers.hpp) and draws them, gravest on top.
//
// Guarantees:
//  - Edits (move, replace) go through IncidentSet, which marks them manual_correction; the Mercator positions, the
//    filter's result and the selection follow, so the next frame shows the change.
//  - The selection is an index into incidents(); it follows its incident when an edit moves it in time order and is
//    cleared when the set is replaced.

#include "core/incident_set.hpp"
#include "viewer/fonts.hpp"
#include "viewer/gl_texture.hpp"
#include "viewer/incident_density.hpp"
#include "viewer/incident_filter.hpp"
#include "viewer/incident_markers.hpp"
#include "viewer/map_camera.hpp"
#include "viewer/map_style.hpp"

#include <imgui.h>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace incidentmap::viewer {

class IncidentLayer {
public:
    IncidentLayer() = default;

    // Replaces the incidents; clears the selection; puts the time slider at the end of the data.
    void set_incidents(core::IncidentSet set);
    const core::IncidentSet& incidents() const { return set_; }
    bool empty() const { return set_.empty(); }
    // Changes whenever the incidents do (loaded, replaced, edited): views derived from them compare it.
    std::uint64_t version() const { return version_; }

    // Changes take effect at the next refresh().
    IncidentFilter& filter() { return filter_; }
    const IncidentFilter& filter() const { return filter_; }
    // Re-applies the filter when it or the set changed since the last call; returns true when it did.
    bool refresh();
    const FilteredIncidents& filtered() const { return filtered_; }
    // How long the last re-filtering took, in milliseconds (the benchmark reports it).
    double last_refilter_ms() const { return refilter_ms_; }

    // How the incidents are drawn: markers and clusters, a heatmap or hexbins (incident_density.hpp). Markers of
    // hexbins are their hexagons (a click on one selects or lists its incidents); a heatmap has none.
    void set_aggregation(Aggregation a) { aggregation_ = a; }
    Aggregation aggregation() const { return aggregation_; }
    // The top of the colour scale of the last frame in a density mode: the densest hexagon's count, or the
    // heatmap's peak in incidents per kernel; 0 with clusters.
    double density_peak() const;

    // Re-filters if needed and builds the markers (or the density) for `camera` (before the basemaps draw, so that place labels
    // can keep clear of the markers), then appends each marker's square to `footprints` as (x0, y0, x1, y1).
    void prepare(const MapCamera& camera, float scale, std::vector<ImVec4>* footprints = nullptr);
    // Draws the prepared markers, then the selection with its uncertainty circle.
    void draw(ImDrawList& dl, const MapCamera& camera, const MapStyle& style, const MapFonts& fonts, float scale) const;
    // The markers of the last draw(), least grave first.
    std::span<const Marker> markers() const { return markers_; }
    // The topmost marker of the last draw() whose disc contains `p`; nullptr when there is none.
    const Marker* marker_at(ScreenPoint p, float scale) const;
    // The incidents of a marker of the last draw(), ascending.
    std::vector<std::uint32_t> members(const Marker& marker) const;
    // Where incident i is drawn when it stands alone, in the world copy nearest the view's centre.
    std::optional<ScreenPoint> screen_position(std::size_t i, const MapCamera& camera) const;

    std::optional<std::size_t> selected() const { return selected_; }
    void select(std::optional<std::size_t> i);
    // Incidents the analyst is choosing among (a cluster of incidents at one place); empty when none.
    const std::vector<std::uint32_t>& choices() const { return choices_; }
    void set_choices(std::vector<std::uint32_t> choices) { choices_ = std::move(choices); }
    std::optional<std::size_t> find_id(std::string_view id) const;

    // The analyst's corrections (see the header comment).
    void move(std::size_t i, core::LatLon to);
    void replace(std::size_t i, const core::Incident& incident);
    // True after an edit until mark_saved().
    bool modified() const { return modified_; }
    void mark_saved() { modified_ = false; }

    // Of the incidents the filter shows (after refresh()), those whose place is inside the camera's view, each
    // counted once however many world copies the view shows: what a legend of the picture counts.
    struct ViewCounts {
        std::size_t drawn = 0;
        std::array<std::size_t, core::kSeverityCount> by_severity{};
    };
    ViewCounts counts_in_view(const MapCamera& camera) const;
    // The incidents the filter shows, as a set of their own (for export).
    core::IncidentSet shown_set() const;
    // The Web Mercator box of the incidents the filter shows (after refresh()), grown to at least `min_ground_m`
    // across so that one town's incidents do not fill the view at street level. Incidents placed only at a region
    // or a country (geo_precision 3, a nominal point) count only when no better placed incident is shown. Empty
    // when none is shown.
    WorldBox shown_bounds(double min_ground_m = 12'000) const;

private:
    void draw_hexbins(ImDrawList& dl, const MapStyle& style, ImFont* font, float font_size, float scale) const;

    core::IncidentSet set_;
    MercatorPoints points_;
    IncidentFilter filter_;
    std::optional<IncidentFilter> applied_;  // the filter filtered_ was computed with; nullopt: stale
    FilteredIncidents filtered_;
    double refilter_ms_ = 0;
    MarkerBuilder builder_;
    Aggregation aggregation_ = Aggregation::clusters;
    Heatmap heatmap_;
    std::optional<GlTexture> heat_texture_;  // heatmap_'s image on the GPU, refilled each frame
    HexbinBuilder hexbins_;
    std::span<const Hexbin> hexes_;
    std::vector<Marker> hex_markers_;  // one per hexes_[k], same order
    std::span<const Marker> markers_;
    std::optional<std::size_t> selected_;
    std::vector<std::uint32_t> choices_;
    bool modified_ = false;
    std::uint64_t version_ = 0;
};

// The radius around an incident within which its place lies: uncertainty_m when given, else the typical radius of
// its geo_precision (1 a town, 2 a region, 3 a country); nullopt when neither is known.
std::optional<double> uncertainty_meters(const core::Incident& incident);

}  // namespace incidentmap::viewer
