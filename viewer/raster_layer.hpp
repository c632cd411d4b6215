#pragma once
// A raster basemap layer: any raster GDAL opens with georeferencing (GeoTIFF, MBTiles, a GDAL WMS description) or
// an XYZ tile URL template (opened through GDAL's WMS driver, with GDAL's on-disk tile cache). The picture is cut
// into Web Mercator tiles at the zoom level of the view, loaded by a TileLoader on a worker thread, uploaded as GL
// textures on the UI thread and drawn with ImDrawList::AddImage. While a tile loads, the nearest coarser tile
// already loaded stands in for it.
//
// Failure: opening throws (core::DatasetOpenError naming the source) when GDAL cannot open it. A source that
// opens but whose tiles fail (no network) is degraded: when the first tiles fail and none has ever loaded, the
// layer stops asking and draws nothing, and problem() says why; the layers beneath (the offline basemap) show.
// At most Options::max_textures tiles are kept as textures, least recently drawn dropped first.

#include "viewer/basemap_layer.hpp"
#include "viewer/gl_texture.hpp"
#include "viewer/tile_loader.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace incidentmap::viewer {

class RasterLayer : public BasemapLayer {
public:
    struct Options {
        std::filesystem::path cache_dir;  // GDAL WMS tile cache for URL templates; empty: no disk cache
        int max_textures = 256;
        int max_zoom = 19;         // for URL templates
        int timeout_s = 10;        // per network request (URL templates and remote files)
    };

    RasterLayer(std::string source, const Options& options);
    ~RasterLayer() override;

    // "https://tile.example.org/{z}/{x}/{y}.png": has {z}, {x} and {y} (or {-y}).
    static bool is_url_template(std::string_view source);
    // The GDAL WMS (TMS minidriver) description of an XYZ URL template, XML-escaped, with a disk cache in
    // `cache_dir` when it is not empty.
    static std::string wms_xml(std::string_view url_template, const std::filesystem::path& cache_dir, int max_zoom,
                               int timeout_s);

    bool update() override;
    bool pending() const override;
    void draw(const DrawContext& ctx) override;
    std::string problem() const override { return problem_; }
    std::string description() const override { return description_; }

    int max_zoom() const { return max_zoom_; }
    const WorldBox& extent() const { return extent_; }
    bool degraded() const { return degraded_; }

private:
    struct Tile {
        std::optional<GlTexture> texture;  // nullopt: no data there, or failed
        bool failed = false;
        std::uint64_t last_used = 0;
    };
    Tile* loaded_ancestor(TileKey key, TileKey& found);
    void evict();

    std::string source_;
    std::string description_;
    Options options_;
    WorldBox extent_;
    int max_zoom_ = 0;
    std::unique_ptr<TileLoader> loader_;
    std::map<TileKey, Tile> tiles_;
    std::uint64_t frame_ = 0;
    std::size_t loaded_ = 0;
    std::size_t failed_ = 0;
    bool degraded_ = false;
    std::string problem_;
};

}  // namespace incidentmap::viewer
