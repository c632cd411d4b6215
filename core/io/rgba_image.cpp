#include "core/io/rgba_image.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/atomic_output.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_set>

namespace incidentmap::core::io {

namespace {
std::size_t checked_size(int w, int h) {
    if (w <= 0 || h <= 0) throw std::invalid_argument("image size must be positive, got " + std::to_string(w) + "x" + std::to_string(h));
    return static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
}
}  // namespace

RgbaImage::RgbaImage(int width, int height) : width_(width), height_(height), pixels_(checked_size(width, height), 0) {}

RgbaImage::RgbaImage(int width, int height, std::vector<std::uint8_t> pixels)
    : width_(width), height_(height), pixels_(std::move(pixels)) {
    if (pixels_.size() != checked_size(width, height))
        throw std::invalid_argument("RGBA buffer of " + std::to_string(pixels_.size()) + " bytes does not match " +
                                    std::to_string(width) + "x" + std::to_string(height));
}

Rgba RgbaImage::at(int x, int y) const {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) throw std::out_of_range("pixel outside the image");
    const std::size_t i = (static_cast<std::size_t>(y) * width_ + x) * 4;
    return {pixels_[i], pixels_[i + 1], pixels_[i + 2], pixels_[i + 3]};
}

void RgbaImage::set(int x, int y, Rgba c) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) throw std::out_of_range("pixel outside the image");
    std::copy(c.begin(), c.end(), pixels_.begin() + (static_cast<std::ptrdiff_t>(y) * width_ + x) * 4);
}

void RgbaImage::flip_vertically() {
    const std::size_t row = static_cast<std::size_t>(width_) * 4;
    for (int y = 0; y < height_ / 2; ++y)
        std::swap_ranges(pixels_.begin() + y * row, pixels_.begin() + (y + 1) * row, pixels_.begin() + (height_ - 1 - y) * row);
}

std::size_t RgbaImage::distinct_colors() const {
    std::unordered_set<std::uint32_t> seen;
    for (std::size_t i = 0; i < pixels_.size(); i += 4)
        seen.insert(pixels_[i] | pixels_[i + 1] << 8 | pixels_[i + 2] << 16 | static_cast<std::uint32_t>(pixels_[i + 3]) << 24);
    return seen.size();
}

void write_png(const RgbaImage& image, const std::filesystem::path& path) {
    auto mem = gdal::Dataset::create_raster("MEM", "", image.width(), image.height(), 4, GDT_Byte);
    {
        gdal::ErrorCapture capture;
        // Interleaved RGBA: pixel stride 4 bytes, line stride width*4, band stride 1 byte.
        const CPLErr err = mem.get().RasterIO(GF_Write, 0, 0, image.width(), image.height(),
                                              const_cast<std::uint8_t*>(image.pixels().data()), image.width(),
                                              image.height(), GDT_Byte, 4, nullptr, 4, image.width() * 4, 1, nullptr);
        if (err != CE_None) throw Error(path.string() + ": cannot fill the image buffer: " + capture.message());
    }
    AtomicOutput out(path);
    auto png = gdal::Dataset::create_copy("PNG", out.temp_path().string(), mem);
    png.close();
    // The PNG driver may leave an .aux.xml beside the temporary file; it carries nothing we need.
    std::error_code ec;
    std::filesystem::remove(out.temp_path().string() + ".aux.xml", ec);
    out.commit();
}

RgbaImage read_image(const std::filesystem::path& path) {
    auto ds = gdal::Dataset::open_raster(path.string());
    GDALDataset& g = ds.get();
    const int w = g.GetRasterXSize(), h = g.GetRasterYSize(), bands = g.GetRasterCount();
    if (bands != 1 && bands != 3 && bands != 4)
        throw InputError(path.string(), "expected 1, 3 or 4 bands, found " + std::to_string(bands));
    RgbaImage img(w, h);
    std::fill(img.pixels().begin(), img.pixels().end(), 255);
    for (int b = 0; b < std::min(bands, 4); ++b) {
        gdal::ErrorCapture capture;
        if (g.GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, w, h, img.pixels().data() + b, w, h, GDT_Byte, 4, w * 4,
                                             nullptr) != CE_None)
            throw InputError(path.string(), "cannot read band " + std::to_string(b + 1) + ": " + capture.message());
    }
    if (bands == 1)  // grey: copy into G and B
        for (std::size_t i = 0; i < img.pixels().size(); i += 4) img.pixels()[i + 1] = img.pixels()[i + 2] = img.pixels()[i];
    return img;
}

}  // namespace incidentmap::core::io
