#pragma once
// How a vector basemap is drawn, by what each feature is: a style file of rules (JSON), the built-in ones for
// OpenStreetMap extracts (assets/styles/osm.json) and OpenMapTiles vector tiles (assets/styles/openmaptiles.json),
// or one the analyst writes. No ImGui and no GL: VectorGeometry matches features against it when it loads them,
// VectorLayer draws by it. docs/VIEWER.md documents the format; in short:
//
//   {
//     "label_fields": ["name:{lang}", "name"],   // where labels come from, first non-empty; {lang}: --label-language
//     "rules": [                                 // listed bottom to top: a later rule's features draw over an earlier's
//       {"layer": "multipolygons", "field": "natural", "values": ["water"], "fill": "#aad3df"},
//       {"layer": "lines", "field": "highway", "values": ["primary", "secondary"], "stroke": "#fcd6a4",
//        "width": 9, "min_width": 1, "min_zoom": 10, "label": true, "label_min_zoom": 15},
//       {"layer": "points", "symbol": true, "stroke": "#8c8c8c", "min_zoom": 16},
//       {"hide": true}                           // everything else: not drawn
//     ]
//   }
//
// A feature takes the first rule that matches it: "layer" (the dataset's layer name), "geometry" ("point",
// "line", "polygon"), and "field" with "values" (one of them; without "values", any non-empty value) must all
// hold where given. A field the layer lacks is looked up in OSM's "other_tags" (GDAL's OSM driver keeps the tags
// it has no column for there). A feature no rule matches is drawn in the layer's own colour, unless the last
// rule is {"hide": true}.
// "casing" draws a line's edges: the rule's lines are drawn that colour 2 px wider first, then in "stroke".
// Sizes: "width" is the line width in pixels at zoom 16, halving with each zoom level out (a street keeps its
// width on the ground) down to "min_width" (default 0.5) and growing up to twice "width"; "symbol" draws a point
// as a small grey square (never a disc: discs are incidents). "min_zoom"/"max_zoom" (default 0 and 24) bound
// where the rule's features show, "label_min_zoom" (default min_zoom) where their labels do.
//
// Guarantees: parse() refuses what it does not understand, naming the file, the rule (by number from 1) and the
// member: an unknown member, a colour that is not "#rgb", "#rrggbb" or "#rrggbbaa", a negative width, a zoom
// outside 0..24, a "geometry" other than the three, "values" without "field".

#include "viewer/vector_geometry.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::viewer {

struct StyleRule {
    enum class Geometry : std::uint8_t { any, point, line, polygon };
    std::string layer;                // "" any
    Geometry geometry = Geometry::any;
    std::string field;                // "" any feature
    std::vector<std::string> values;  // empty: any non-empty value of field
    PackedColor fill = 0, stroke = 0;
    PackedColor casing = 0;  // a line's edge: drawn 2 px wider under the rule's lines
    float width = 1.0f, min_width = 0.5f;
    float min_zoom = 0, max_zoom = 24, label_min_zoom = 0;
    bool label = false;
    bool symbol = false;
    bool hide = false;

    // The line width in pixels at `zoom` (scale 1).
    float width_at(double zoom) const;
};

struct BasemapStyle {
    std::vector<std::string> label_fields{"name"};
    std::vector<StyleRule> rules;

    // Throws core::InputError naming `source` as described above.
    static BasemapStyle parse(std::string_view json, const std::string& source);
    static BasemapStyle load(const std::filesystem::path& path);
    // The label fields for `language` ("" none): "{lang}" replaced, fields that then name no language dropped.
    std::vector<std::string> label_fields_for(std::string_view language) const;
};

}  // namespace incidentmap::viewer
