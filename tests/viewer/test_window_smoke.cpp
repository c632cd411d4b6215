// Opens the real viewer window (run under xvfb-run by ctest), renders frames, reads the framebuffer back, writes it
// as PNG and checks what it shows. The PNG stays in the build directory for a person to look at.

#include "viewer/viewer.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace incidentmap;

TEST_CASE("the viewer draws a panel over the map canvas", "[viewer][window]") {
    viewer::Window window({.width = 800, .height = 500, .title = "incidentmap test", .visible = true});
    viewer::BasemapOptions basemaps;
    basemaps.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    viewer::Viewer v(window, viewer::BasemapSettings::defaults(), basemaps);
    core::io::RgbaImage shot(1, 1);
    for (int i = 0; i < 3; ++i) {
        v.frame();
        if (i == 2) shot = window.read_back_buffer();
        window.present();
    }
    REQUIRE(shot.width() == window.framebuffer_width());
    REQUIRE(shot.height() == window.framebuffer_height());

    const std::filesystem::path png = "viewer_smoke.png";
    core::io::write_png(shot, png);
    const auto written = core::io::read_image(png);
    REQUIRE(written.width() == shot.width());
    CHECK(written.at(shot.width() / 2, shot.height() / 3) == shot.at(shot.width() / 2, shot.height() / 3));

    // Not blank: the ocean, the graticule, text and the panel make many colours.
    CHECK(shot.distinct_colors() > 20);

    // The most common colour is the ocean of the map canvas; the basemap's land covers much of the rest.
    std::map<std::uint32_t, int> histogram;
    // The map: above the time panel along the bottom.
    const int map_height = shot.height() - static_cast<int>(v.time().height());
    for (int y = 0; y < map_height; ++y)
        for (int x = 0; x < shot.width(); ++x) {
            const auto c = shot.at(x, y);
            ++histogram[c[0] << 16 | c[1] << 8 | c[2]];
        }
    auto key = [](ImU32 c) { return (c & 0xFF) << 16 | ((c >> 8) & 0xFF) << 8 | ((c >> 16) & 0xFF); };
    const auto most = std::max_element(histogram.begin(), histogram.end(),
                                       [](auto& a, auto& b) { return a.second < b.second; });
    const viewer::MapStyle style;
    CHECK(most->first == key(style.ocean));
    CHECK(most->second > shot.width() * map_height / 5);  // the panels (with Open files, open while none is) cover a good part
    CHECK(histogram[key(style.land)] > shot.width() * map_height / 20);  // the panels cover some

    // The info panel sits at the top left: its body is dark, unlike the ocean.
    const auto panel = shot.at(30, 60);
    CHECK(panel[0] + panel[1] + panel[2] < 200);
}
