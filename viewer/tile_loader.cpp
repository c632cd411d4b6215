#include "viewer/tile_loader.hpp"

#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <memory>
#include <utility>

namespace incidentmap::viewer {

namespace {

constexpr double kHalfWorld = 20'037'508.342789244;

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

std::string web_mercator_wkt() {
    OGRSpatialReference srs;
    srs.importFromEPSG(3857);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

}  // namespace

WorldBox tile_box(TileKey key) {
    const double size = 2 * kHalfWorld / static_cast<double>(1LL << key.z);
    const double x0 = -kHalfWorld + key.x * size, y1 = kHalfWorld - key.y * size;
    return {x0, y1 - size, x0 + size, y1};
}

TileResult render_tile(GDALDataset& src, TileKey key, int tile_size) {
    TileResult result{key, std::nullopt, {}};
    core::gdal::ErrorCapture capture;

    const int n_bands = src.GetRasterCount();
    if (n_bands < 1) {
        result.error = "the dataset has no raster bands";
        return result;
    }
    const bool has_alpha = n_bands > 1 && src.GetRasterBand(n_bands)->GetColorInterpretation() == GCI_AlphaBand;
    const int data_bands = n_bands - (has_alpha ? 1 : 0);  // warped as they are; the first three make the colour
    GDALColorTable* palette = data_bands == 1 ? src.GetRasterBand(1)->GetColorTable() : nullptr;

    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset, DatasetCloser> dst(mem->Create("", tile_size, tile_size, data_bands + 1, GDT_Byte, nullptr));
    if (!dst) {
        result.error = "cannot create an in-memory tile: " + capture.message();
        return result;
    }
    const WorldBox box = tile_box(key);
    double gt[6] = {box.min_x, box.width() / tile_size, 0, box.max_y, 0, -box.height() / tile_size};
    dst->SetGeoTransform(gt);
    static const std::string wkt = web_mercator_wkt();
    dst->SetProjection(wkt.c_str());

    std::vector<std::string> args = {"-r", palette ? "near" : "bilinear", "-dstalpha", "-et", "0.125"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options(GDALWarpAppOptionsNew(argv.data(), nullptr));
    GDALDatasetH src_handle = GDALDataset::ToHandle(&src);
    int usage_error = 0;
    GDALDatasetH out = GDALWarp(nullptr, GDALDataset::ToHandle(dst.get()), 1, &src_handle, options.get(), &usage_error);
    if (!out || usage_error || capture.failed()) {
        result.error = capture.message();
        if (result.error.empty()) result.error = "GDALWarp failed";
        return result;
    }

    const std::size_t n = static_cast<std::size_t>(tile_size) * tile_size;
    std::vector<std::uint8_t> bands(n * (data_bands + 1));
    for (int b = 0; b < data_bands + 1; ++b) {
        if (dst->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, tile_size, tile_size, bands.data() + n * b, tile_size,
                                               tile_size, GDT_Byte, 0, 0, nullptr) != CE_None) {
            result.error = "reading the warped tile failed: " + capture.message();
            return result;
        }
    }
    const std::uint8_t* alpha = bands.data() + n * data_bands;
    if (std::all_of(alpha, alpha + n, [](std::uint8_t a) { return a == 0; })) return result;  // no data here

    core::io::RgbaImage image(tile_size, tile_size);
    auto px = image.pixels();
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t r, g, b, a = alpha[i];
        if (palette) {
            const GDALColorEntry* e = palette->GetColorEntry(bands[i]);
            r = e ? static_cast<std::uint8_t>(e->c1) : 0;
            g = e ? static_cast<std::uint8_t>(e->c2) : 0;
            b = e ? static_cast<std::uint8_t>(e->c3) : 0;
            if (e) a = static_cast<std::uint8_t>(a * e->c4 / 255);
        } else if (data_bands >= 3) {
            r = bands[i], g = bands[n + i], b = bands[2 * n + i];
        } else {
            r = g = b = bands[i];
        }
        px[4 * i] = r, px[4 * i + 1] = g, px[4 * i + 2] = b, px[4 * i + 3] = a;
    }
    result.image = std::move(image);
    return result;
}

TileLoader::TileLoader(core::gdal::Dataset dataset, int tile_size)
    : dataset_(std::move(dataset)), tile_size_(tile_size), worker_([this] { run(); }) {}

TileLoader::~TileLoader() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queue_.clear();
    }
    wake_.notify_all();
    worker_.join();
}

void TileLoader::want(std::vector<TileKey> keys) {
    {
        std::lock_guard lock(mutex_);
        queue_.clear();
        for (const TileKey& k : keys)
            if (!in_flight_ || *in_flight_ != k) queue_.push_back(k);
    }
    wake_.notify_one();
}

std::vector<TileResult> TileLoader::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(done_, {});
}

bool TileLoader::busy() const {
    std::lock_guard lock(mutex_);
    return !queue_.empty() || in_flight_;
}

void TileLoader::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        const TileKey key = queue_.front();
        queue_.pop_front();
        in_flight_ = key;
        lock.unlock();
        TileResult r = render_tile(dataset_.get(), key, tile_size_);
        lock.lock();
        in_flight_.reset();
        done_.push_back(std::move(r));
    }
}

}  // namespace incidentmap::viewer
