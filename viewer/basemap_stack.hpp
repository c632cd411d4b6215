#pragma once
// The basemap layers built from BasemapSettings, in order, drawn bottom to top.
//
// Guarantees:
//  - Construction never throws for a bad source: a layer that cannot be opened (missing or unreadable file, no
//    georeferencing, bad CRS, missing gazetteer) stays in the list without a picture, and its message says why.
//    Every message, and every problem a layer reports later (tiles that fail to load), is queued once for
//    take_messages(), which the viewer prints on stderr and shows in its panels.
//  - settings() and the layers stay in the same order: move() reorders both.
// Layers hold GL textures: build, use and destroy the stack on the UI thread, while its GL context is current.

#include "viewer/basemap_layer.hpp"
#include "viewer/basemap_settings.hpp"
#include "viewer/raster_layer.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace incidentmap::viewer {

struct BasemapOptions {
    std::filesystem::path gazetteer;   // the index the labels come from
    std::filesystem::path tile_cache;  // GDAL's disk cache for URL templates; empty: none
    int tile_timeout_s = 10;
    std::string label_language;  // ISO 639-1: place names in it where the gazetteer has them; vector layers label with
                                 // name:xx first where their style says so
};

// $XDG_CACHE_HOME/incidentmap/tiles, else ~/.cache/incidentmap/tiles, else under the temp directory.
std::filesystem::path default_tile_cache();

class BasemapStack {
public:
    BasemapStack(BasemapSettings settings, const BasemapOptions& options);

    std::size_t size() const { return layers_.size(); }
    const BasemapSettings& settings() const { return settings_; }
    LayerSettings& layer_settings(std::size_t i) { return settings_.layers.at(i); }
    // The layer, or nullptr when it could not be opened.
    BasemapLayer* layer(std::size_t i) const { return layers_.at(i).get(); }
    // Why the layer is not (fully) shown: the open error or the layer's current problem; empty when fine.
    std::string message(std::size_t i) const;
    void move(std::size_t from, std::size_t to);

    // Once a frame, before draw(): layers take their background results. Returns true when the picture changed.
    bool update();
    // True while a layer has background work queued or running.
    bool pending() const;
    // `reserved`: screen rectangles the overlays will cover (see DrawContext). Draws the layers [first, last).
    void draw(ImDrawList& dl, const MapCamera& camera, const MapFonts& fonts, const MapStyle& style, float scale,
              std::span<const ImVec4> reserved = {}, std::span<const ImVec4> text_reserved = {}, std::size_t first = 0,
              std::size_t last = SIZE_MAX) const;
    // Every visible layer's draw_labels(), bottom first: after the layers' pictures.
    void draw_labels(ImDrawList& dl, const MapCamera& camera, const MapFonts& fonts, const MapStyle& style, float scale,
                     std::span<const ImVec4> reserved = {}, std::span<const ImVec4> text_reserved = {}) const;
    // The layers below the first one that is not cacheable (BasemapLayer::cacheable()): the part of the stack the
    // map may keep in a texture, [0, cacheable_prefix()).
    std::size_t cacheable_prefix() const;
    // Changes whenever the picture of layers [0, end) may have changed: their order, sources, visibility or opacity,
    // or an update() that brought new content.
    std::uint64_t picture_key(std::size_t end) const;

    // The credits the map owes for the layers drawn (opened and visible), each once, bottom layer first: the
    // built-in layers' (Natural Earth; GeoNames and OpenStreetMap for the place names), OpenStreetMap's for an OSM
    // extract or OSM's tile servers, a tile server's host for other URL templates, and a file's own "attribution"
    // metadata (MBTiles has one). A user's file that names no source owes nothing the map can tell.
    std::vector<std::string> attributions() const;

    // The messages not yet taken, each "basemap 'SOURCE': what went wrong".
    std::vector<std::string> take_messages();

private:
    // The layer, and into `credits` what it owes (see attributions()).
    std::unique_ptr<BasemapLayer> open(const LayerSettings& layer, std::size_t user_index, std::vector<std::string>& credits) const;
    void note(std::size_t i, const std::string& text);

    BasemapSettings settings_;
    BasemapOptions options_;
    std::vector<std::unique_ptr<BasemapLayer>> layers_;
    std::vector<std::vector<std::string>> credits_;
    std::vector<std::string> open_errors_;
    std::vector<std::string> reported_problems_;
    std::vector<std::string> messages_;
    std::uint64_t updates_ = 0;  // update() calls that changed a picture
};

}  // namespace incidentmap::viewer
