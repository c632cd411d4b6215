#pragma once
// A basemap layer of vector features: filled polygons (pre-triangulated), outlines, lines and point markers, from
// VectorGeometry, drawn into an ImDrawList.
//
// Per frame it draws only what is in view: fill chunks and outlines whose boxes miss the view are skipped, parts
// smaller than a pixel are skipped, and outlines are thinned on the fly to at most one vertex per pixel (so a
// zoomed-out world costs a fraction of its vertices). World wrap: the data is drawn again at +-the world's width
// wherever such a copy is in view.

#include "viewer/basemap_layer.hpp"
#include "viewer/basemap_style.hpp"
#include "viewer/vector_geometry.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace incidentmap::viewer {

struct VectorStyle {
    // Built-in layers take their colours from the MapStyle they are drawn with; user layers from this struct.
    enum class Role : std::uint8_t { user, land, borders };
    Role role = Role::user;
    ImU32 fill = 0;            // polygon fill; 0: none (features' own "fill" colours still apply)
    ImU32 stroke = 0;          // outlines and lines; 0: none
    float stroke_width = 1.0f;
    float marker_radius = 4.0f;
    bool feature_colors = true;  // use the features' simplestyle colours where they have them
};

class VectorLayer : public BasemapLayer {
public:
    VectorLayer(std::string description, VectorGeometry geometry, VectorStyle style);
    // Drawn by `rules`, the style the geometry was loaded with (VectorGeometry::Options::style): each feature in its
    // rule's colours and widths at the zoom shown, points of interest as small grey squares, labels by the rules.
    VectorLayer(std::string description, VectorGeometry geometry, VectorStyle style, BasemapStyle rules);

    // Opens a dataset with GDAL and loads the named layers (all when empty). Throws core::DatasetOpenError or
    // core::InputError naming the file when it cannot be read.
    static std::unique_ptr<VectorLayer> open(const std::filesystem::path& path, const std::vector<std::string>& layers,
                                             const VectorStyle& style, std::string description,
                                             const VectorGeometry::Options& options = {});

    void draw(const DrawContext& ctx) override;
    void draw_labels(const DrawContext& ctx) override;
    std::string description() const override { return description_; }
    const VectorGeometry& geometry() const { return geometry_; }
    VectorStyle& style() { return style_; }

private:
    void draw_fills(const DrawContext& ctx, double offset_x, const WorldBox& view);
    void draw_outlines(const DrawContext& ctx, double offset_x, const WorldBox& view);
    void draw_markers(const DrawContext& ctx, double offset_x, const WorldBox& view);
    void stroke_path(const DrawContext& ctx, const VectorGeometry::Path& path, double offset_x, ImU32 color, float width);

    std::string description_;
    VectorGeometry geometry_;
    VectorStyle style_;
    std::optional<BasemapStyle> rules_;
    std::vector<ImVec2> scratch_;
    std::vector<ImVec4> placed_;  // the labels of this frame
    std::vector<bool> labelled_;  // the features labelled this frame (kept to save an allocation a frame)
};

}  // namespace incidentmap::viewer
