#pragma once
// Renders Web Mercator map tiles from a GDAL raster dataset on a worker thread, so that slow sources (a tile
// server behind GDAL's WMS driver, a big GeoTIFF without overviews) never hold up the UI thread.
//
// The UI thread says which tiles it wants now (want(), most wanted first; it replaces what was asked before, so
// tiles that scrolled out of view are never loaded) and collects finished tiles with take(). Each tile is warped
// from the source's CRS into EPSG:3857 (GDALWarp, overviews used automatically), with transparency where the
// source has no data; a tile entirely without data comes back without an image.
//
// Thread safety: want(), take() and busy() may be called from any one thread while the worker runs. The dataset
// is used by the worker thread only, from construction on. Destruction waits for the tile in flight (bounded by
// the source's own timeout) and joins the thread.

#include "core/gdal.hpp"
#include "core/io/rgba_image.hpp"
#include "viewer/world_box.hpp"

#include <compare>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace incidentmap::viewer {

// A tile of the Web Mercator pyramid: zoom level z has 2^z x 2^z tiles, x eastwards from -180 degrees, y
// southwards from the top (the XYZ / slippy-map scheme).
struct TileKey {
    int z = 0;
    int x = 0;
    int y = 0;
    auto operator<=>(const TileKey&) const = default;
};

// The tile's extent in Web Mercator metres.
WorldBox tile_box(TileKey key);

struct TileResult {
    TileKey key;
    std::optional<core::io::RgbaImage> image;  // nullopt: no data there (or an error)
    std::string error;                         // GDAL's message when the tile could not be read
};

// Reads one tile from `dataset` synchronously (what the worker runs; exposed for tests).
TileResult render_tile(GDALDataset& dataset, TileKey key, int tile_size = 256);

class TileLoader {
public:
    explicit TileLoader(core::gdal::Dataset dataset, int tile_size = 256);
    ~TileLoader();
    TileLoader(const TileLoader&) = delete;
    TileLoader& operator=(const TileLoader&) = delete;

    // Replaces the queue of tiles to load; a tile being loaded now is not queued again.
    void want(std::vector<TileKey> keys);
    // The tiles finished since the last call.
    std::vector<TileResult> take();
    // True while tiles are queued or being loaded (finished tiles may still wait for take()).
    bool busy() const;

private:
    void run();

    core::gdal::Dataset dataset_;
    int tile_size_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<TileKey> queue_;
    std::optional<TileKey> in_flight_;
    std::vector<TileResult> done_;
    bool stop_ = false;
    std::thread worker_;  // last: starts after every other member is ready
};

}  // namespace incidentmap::viewer
