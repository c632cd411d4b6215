#pragma once
// An 8-bit RGBA raster in memory, rows top to bottom, and its PNG input/output through GDAL.
//
// Guarantees: pixels().size() == width * height * 4 always; at() is bounds-checked. write_png replaces the target
// file atomically (see AtomicOutput): on failure the previous file is intact and core::Error names the file.

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace incidentmap::core::io {

using Rgba = std::array<std::uint8_t, 4>;

class RgbaImage {
public:
    RgbaImage(int width, int height);  // transparent black; throws std::invalid_argument for non-positive sizes
    RgbaImage(int width, int height, std::vector<std::uint8_t> pixels);  // throws if the size does not match

    int width() const { return width_; }
    int height() const { return height_; }
    std::span<const std::uint8_t> pixels() const { return pixels_; }
    std::span<std::uint8_t> pixels() { return pixels_; }

    Rgba at(int x, int y) const;
    void set(int x, int y, Rgba c);
    // Reverses the row order (OpenGL reads framebuffers bottom row first).
    void flip_vertically();
    // How many distinct colours the image holds (for "is this blank?" checks).
    std::size_t distinct_colors() const;

private:
    int width_;
    int height_;
    std::vector<std::uint8_t> pixels_;
};

void write_png(const RgbaImage& image, const std::filesystem::path& path);
// Reads any raster GDAL opens with 1 (grey), 3 (RGB) or 4 (RGBA) bands; throws DatasetOpenError / InputError.
RgbaImage read_image(const std::filesystem::path& path);

}  // namespace incidentmap::core::io
