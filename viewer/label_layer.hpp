#pragma once
// Place names from the gazetteer, by zoom level: country names at small scales, then cities and towns as a dot and
// a name. The most important places are placed first (countries, capitals, then by the gazetteer's prominence,
// which grows with population) and a label is only drawn where it overlaps no label already placed (greedy
// placement with a screen-space occupancy grid), so the map never shows text over text. Only places in view are
// considered; world wrap shows a place in every copy of the world in view.
//
// Guarantees: a label is drawn only at or above its place's minimum zoom (from population and rank); at most
// kMaxLabels labels a frame. A country is named in the chosen language where the gazetteer has a name tagged with it
// (the country table has every language); towns and landmarks by the gazetteer's own name (GeoNames' cities carry
// no language tags).
// Loading scans the gazetteer once (~200k places, a few tens of milliseconds) and keeps a compact copy.

#include "viewer/basemap_layer.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {
class Gazetteer;
}

namespace incidentmap::viewer {

class PlaceLabelLayer : public BasemapLayer {
public:
    static constexpr int kMaxLabels = 400;

    enum class Rank : std::uint8_t { country, capital, major_city, city };
    struct Label {
        core::proj::XY at;
        float min_zoom = 0;
        float max_zoom = 99;
        Rank rank = Rank::city;
        std::uint32_t name_offset = 0;  // into the layer's name storage
        std::uint32_t name_size = 0;
    };

    // Copies the labels out of `gazetteer`: countries, and populated places of at least `min_population` people
    // (capitals and regional capitals whatever their size), named in `language` (ISO 639-1; empty: English).
    explicit PlaceLabelLayer(const gazetteer::Gazetteer& gazetteer, std::string_view language = {}, std::uint64_t min_population = 1000);
    // Opens the index file; throws core::InputError naming it when it is missing or unusable.
    static std::unique_ptr<PlaceLabelLayer> open(const std::filesystem::path& index, std::string_view language = {});

    void draw(const DrawContext& ctx) override;
    std::string description() const override;
    bool cacheable() const override { return false; }

    const std::vector<Label>& labels() const { return labels_; }
    std::string_view name(const Label& l) const { return std::string_view(names_).substr(l.name_offset, l.name_size); }
    struct Placement {
        std::uint32_t label;  // index into labels()
        ImVec4 box;           // screen rectangle (x0, y0, x1, y1) of the dot and the name, padding included
    };
    // The labels the last draw() placed, in placement order (for tests and for hit testing later).
    const std::vector<Placement>& placed() const { return placed_; }

private:
    struct Rect {
        float x0, y0, x1, y1;
        bool text_only = false;  // an obstacle for text only (DrawContext::text_reserved)
    };
    // Whether a label whose whole footprint is `r` and whose text is `text` may go there.
    bool free(const Rect& r, const Rect& text) const;
    void occupy(const Rect& r);

    std::vector<Label> labels_;  // most important first
    std::string names_;
    // Per-frame scratch: the occupancy grid (cells of kCell pixels listing the rectangles that touch them).
    static constexpr float kCell = 48.0f;
    int grid_w_ = 0, grid_h_ = 0;
    std::vector<std::vector<std::uint16_t>> grid_;
    std::vector<Rect> rects_;
    std::vector<Placement> placed_;
};

}  // namespace incidentmap::viewer
