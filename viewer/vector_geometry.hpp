#pragma once
// The features of a GDAL vector dataset, projected once to Web Mercator and stored as flat arrays ready to draw:
// outlines (rings and line strings) with bounding boxes, polygon fills already triangulated in chunks of at most
// kMaxChunkVertices vertices (16-bit indices, culled chunk by chunk), and point markers.
//
// Guarantees:
//  - Coordinates are Web Mercator metres with x in [-W/2, W/2] for data in [-180, 180] (no wrapping is applied:
//    drawing copies the data at +-W for world wrap). Geographic latitudes are clamped to Mercator's +-85.0511
//    degrees before projecting, so polar polygons (Antarctica) end at the edge of the Mercator square.
//  - Layers without a CRS are taken as WGS84 longitude/latitude (TopoJSON and many GeoJSON files carry none).
//  - Points PROJ cannot project are dropped; a ring or line left with too few points is dropped and counted in
//    `skipped_parts`. Empty and null geometries are skipped silently.
//  - Per-feature colours follow the simplestyle-spec properties when present ("fill", "fill-opacity", "stroke",
//    "stroke-opacity", "stroke-width", "marker-color"); otherwise a feature's colours are 0 (the layer's style).
// No GL or ImGui: this is the data side of a vector basemap layer, testable on its own.

#include "core/gdal.hpp"
#include "core/proj.hpp"
#include "viewer/world_box.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace incidentmap::viewer {

struct BasemapStyle;

// 0xAABBGGRR, the byte order of ImGui's ImU32 colours; 0 means "the layer's default".
using PackedColor = std::uint32_t;

// "#rgb", "#rrggbb" or "#rrggbbaa" (the leading '#' optional); 0 for anything else.
PackedColor parse_hex_color(const std::string& text, float opacity = 1.0f);

class VectorGeometry {
public:
    static constexpr std::uint32_t kMaxChunkVertices = 16384;

    struct Options {
        bool fill_polygons = true;  // triangulate polygons (skip for outline-only layers: saves time and memory)
        bool read_styles = true;    // read simplestyle-spec colour properties
        // Rules that say what each feature is (basemap_style.hpp): each feature keeps the index of the rule it
        // matched and its label; features of a hiding rule are left out; outlines, fills and markers are ordered by
        // their rule (unmatched first), so that drawing in order puts later rules on top.
        const BasemapStyle* style = nullptr;
        std::string language = {};  // for the style's "{lang}" label fields
    };
    static constexpr std::uint32_t kNoLabel = ~std::uint32_t{0};

    struct Feature {
        WorldBox box;
        PackedColor fill = 0;
        PackedColor stroke = 0;
        float stroke_width = 0;  // 0: the layer's default
        std::int32_t rule = -1;  // the style rule it matched; -1: none (or no style)
        std::uint32_t label = kNoLabel;  // into labels()
    };
    struct Path {  // a ring (closed) or a line string
        std::uint32_t first = 0;  // into points
        std::uint32_t count = 0;
        std::uint32_t feature = 0;
        bool closed = false;
        WorldBox box;
    };
    struct FillChunk {  // triangles of one polygon (or a part of a large one)
        std::uint32_t first_vertex = 0;  // into fill_vertices
        std::uint32_t vertex_count = 0;  // <= kMaxChunkVertices
        std::uint32_t first_index = 0;   // into fill_indices, relative to first_vertex
        std::uint32_t index_count = 0;
        std::uint32_t feature = 0;
        WorldBox box;
    };
    struct Marker {
        core::proj::XY at;
        std::uint32_t feature = 0;
    };

    // Reads every feature of the named layers of `dataset` (all its layers when `layer_names` is empty).
    // Throws core::InputError naming the dataset and layer for a missing layer or an unusable CRS.
    static VectorGeometry load(const core::gdal::Dataset& dataset, const std::vector<std::string>& layer_names,
                               const Options& options);

    const std::vector<Feature>& features() const { return features_; }
    const std::vector<core::proj::XY>& points() const { return points_; }
    const std::vector<Path>& paths() const { return paths_; }
    const std::vector<core::proj::XY>& fill_vertices() const { return fill_vertices_; }
    const std::vector<std::uint16_t>& fill_indices() const { return fill_indices_; }
    const std::vector<FillChunk>& fill_chunks() const { return chunks_; }
    const std::vector<Marker>& markers() const { return markers_; }
    const std::vector<std::string>& labels() const { return labels_; }
    const WorldBox& box() const { return box_; }
    std::size_t triangle_count() const { return fill_indices_.size() / 3; }
    std::size_t skipped_parts() const { return skipped_parts_; }

private:
    class Builder;
    std::vector<Feature> features_;
    std::vector<core::proj::XY> points_;
    std::vector<Path> paths_;
    std::vector<core::proj::XY> fill_vertices_;
    std::vector<std::uint16_t> fill_indices_;
    std::vector<FillChunk> chunks_;
    std::vector<Marker> markers_;
    std::vector<std::string> labels_;
    WorldBox box_;
    std::size_t skipped_parts_ = 0;
};

}  // namespace incidentmap::viewer
