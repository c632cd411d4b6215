// Renders maps off screen (EGL, no display) and checks what the images show: land and sea where they are, place
// labels, user basemaps, hidden layers gone, and failures that leave a usable map. The PNGs stay in the build
// directory (tests/render_*.png) for a person to look at.

#include "core/gdal.hpp"
#include "core/io/rgba_image.hpp"
#include "gazetteer/gazetteer.hpp"
#include "tests/temp_dir.hpp"
#include "viewer/label_layer.hpp"
#include "viewer/map_render.hpp"
#include "viewer/offscreen_context.hpp"
#include "viewer/tile_loader.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <sqlite3.h>

#include <chrono>
#include <fstream>

using namespace incidentmap;
using core::io::Rgba;
using core::io::RgbaImage;

namespace {

const viewer::GeoBox kKazakhstan{core::LatLon::degrees(40.5, 46.5), core::LatLon::degrees(55.4, 87.3)};
constexpr int kW = 1200, kH = 800;

Rgba rgba(ImU32 c) {
    return {static_cast<std::uint8_t>(c & 0xFF), static_cast<std::uint8_t>((c >> 8) & 0xFF),
            static_cast<std::uint8_t>((c >> 16) & 0xFF), 255};
}

viewer::RenderOptions kazakhstan() {
    viewer::RenderOptions o;
    o.width = kW;
    o.height = kH;
    o.bbox = kKazakhstan;
    o.basemap_options.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    return o;
}

viewer::ScreenPoint pixel_of(double lat, double lon, const viewer::GeoBox& box = kKazakhstan, int w = kW, int h = kH) {
    const auto cam = viewer::camera_for(box, w, h);
    auto s = cam.to_screen(core::LatLon::degrees(lat, lon));
    REQUIRE(s);
    // The copy of the world in view (the camera keeps its centre within one world width).
    const double world_px = viewer::MapCamera::kWorldWidth / cam.meters_per_pixel();
    while (s->x >= w) s->x -= world_px;
    while (s->x < 0) s->x += world_px;
    return *s;
}

// The share of the pixels within `r` of the point that have exactly colour `c`.
double share(const RgbaImage& img, viewer::ScreenPoint p, Rgba c, int r = 4) {
    int hits = 0, all = 0;
    for (int y = static_cast<int>(p.y) - r; y <= static_cast<int>(p.y) + r; ++y)
        for (int x = static_cast<int>(p.x) - r; x <= static_cast<int>(p.x) + r; ++x) {
            if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) continue;
            ++all;
            const Rgba px = img.at(x, y);
            hits += px[0] == c[0] && px[1] == c[1] && px[2] == c[2];
        }
    return all ? static_cast<double>(hits) / all : 0.0;
}

int count_color(const RgbaImage& img, Rgba c) {
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const Rgba px = img.at(x, y);
            n += px[0] == c[0] && px[1] == c[1] && px[2] == c[2];
        }
    return n;
}

// Dark pixels (text, city dots) in a box around a point.
int dark_pixels(const RgbaImage& img, viewer::ScreenPoint p, int dx, int dy) {
    int n = 0;
    for (int y = static_cast<int>(p.y) - dy; y <= static_cast<int>(p.y) + dy; ++y)
        for (int x = static_cast<int>(p.x) - dx; x <= static_cast<int>(p.x) + dx; ++x) {
            if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) continue;
            const Rgba px = img.at(x, y);
            n += px[0] + px[1] + px[2] < 250;
        }
    return n;
}

void write_geojson(const std::filesystem::path& path, const std::string& features) {
    std::ofstream(path) << R"({"type":"FeatureCollection","features":[)" << features << "]}";
}

}  // namespace

TEST_CASE("the off-screen context renders ImGui draw lists without a display", "[viewer][render]") {
    viewer::OffscreenContext gl(160, 90);
    CHECK_THAT(gl.renderer(), Catch::Contains("Core Profile"));
    gl.begin_frame();
    ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(80, 90), IM_COL32(255, 0, 0, 255));
    ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(80, 0), ImVec2(160, 90), IM_COL32(0, 0, 255, 255));
    const RgbaImage img = gl.end_frame();
    REQUIRE(img.width() == 160);
    REQUIRE(img.height() == 90);
    CHECK(img.at(10, 5) == Rgba{255, 0, 0, 255});  // top left: rows come top first
    CHECK(img.at(150, 85) == Rgba{0, 0, 255, 255});

    SECTION("the map fonts cover Cyrillic") {
        REQUIRE(gl.fonts().warning.empty());
        CHECK(gl.fonts().label->FindGlyphNoFallback(0x0416) != nullptr);  // Ж
        CHECK(gl.fonts().label_bold->FindGlyphNoFallback(0x04D8) != nullptr);  // Ә (Kazakh)
        for (const ImWchar c : {0x1E28, 0x1E6C, 0x02BF, 0x03A9})  // Ḩ (Al Ḩasakah), Ṭ (Ṭarṭūs), ʿ, Ω
            CHECK(gl.fonts().label->FindGlyphNoFallback(c) != nullptr);
    }
    SECTION("a second context works beside the first") {
        viewer::OffscreenContext other(32, 32);
        other.begin_frame();
        ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(32, 32), IM_COL32(0, 255, 0, 255));
        CHECK(other.end_frame().at(16, 16) == Rgba{0, 255, 0, 255});
    }
}

TEST_CASE("a render of Kazakhstan shows land, sea and place names", "[viewer][render]") {
    const viewer::MapStyle style;
    const auto result = viewer::render_map(kazakhstan());
    core::io::write_png(result.image, "render_kazakhstan.png");
    CHECK(result.messages.empty());
    REQUIRE(result.image.width() == kW);
    REQUIRE(result.image.height() == kH);

    const auto steppe = pixel_of(49.0, 61.0);  // between Aktobe and Kostanay
    const auto caspian = pixel_of(42.3, 51.2);
    CHECK(share(result.image, steppe, rgba(style.land)) > 0.9);
    CHECK(share(result.image, caspian, rgba(style.ocean)) > 0.9);

    const auto almaty = pixel_of(43.25, 76.92);
    const int with_labels = dark_pixels(result.image, almaty, 90, 12);
    CHECK(with_labels > 60);

    SECTION("a hidden layer's colour is gone") {
        auto options = kazakhstan();
        options.basemaps.find("land")->visible = false;
        options.basemaps.find("labels")->visible = false;
        const auto hidden = viewer::render_map(options);
        core::io::write_png(hidden.image, "render_hidden.png");
        CHECK(count_color(hidden.image, rgba(style.land)) == 0);
        CHECK(share(hidden.image, steppe, rgba(style.ocean)) > 0.9);
        CHECK(dark_pixels(hidden.image, almaty, 90, 12) < with_labels / 4);
    }
    SECTION("a layer's opacity blends it with what lies beneath") {
        auto options = kazakhstan();
        options.basemaps.find("land")->opacity = 0.5f;
        const auto half = viewer::render_map(options);
        const Rgba px = half.image.at(static_cast<int>(steppe.x), static_cast<int>(steppe.y));
        const Rgba land = rgba(style.land), ocean = rgba(style.ocean);
        CHECK(px[0] == Approx((land[0] + ocean[0]) / 2.0).margin(3));
        CHECK(px[2] == Approx((land[2] + ocean[2]) / 2.0).margin(3));
    }
}

TEST_CASE("place labels are placed largest first, without overlaps, in view", "[viewer][render][labels]") {
    const auto g = gazetteer::Gazetteer::open(INCIDENTMAP_DEFAULT_INDEX);
    viewer::PlaceLabelLayer layer(g);
    REQUIRE(layer.labels().size() > 10'000);
    CHECK(layer.labels().front().rank == viewer::PlaceLabelLayer::Rank::country);

    viewer::OffscreenContext gl(kW, kH);
    const auto camera = viewer::camera_for(kKazakhstan, kW, kH);
    const viewer::MapStyle style;
    const ImVec4 reserved[] = {ImVec4(0, 0, kW, 20)};
    gl.begin_frame();
    layer.draw({*ImGui::GetBackgroundDrawList(), camera, gl.fonts(), style, 1.0f, 1.0f, reserved});
    gl.end_frame();

    const auto& placed = layer.placed();
    REQUIRE(placed.size() > 20);
    REQUIRE(placed.size() <= viewer::PlaceLabelLayer::kMaxLabels);
    bool almaty = false, astana = false;
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const ImVec4 a = placed[i].box;
        CHECK(a.x >= 0);
        CHECK(a.y >= 20);  // clear of the reserved strip
        CHECK(a.z <= kW);
        CHECK(a.w <= kH);
        for (std::size_t k = i + 1; k < placed.size(); ++k) {
            const ImVec4 b = placed[k].box;
            const bool overlap = a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w;
            if (overlap) FAIL("labels " << layer.name(layer.labels()[placed[i].label]) << " and "
                                        << layer.name(layer.labels()[placed[k].label]) << " overlap");
        }
        const std::string_view name = layer.name(layer.labels()[placed[i].label]);
        almaty |= name == "Almaty";
        astana |= name == "Astana";
    }
    CHECK(almaty);
    CHECK(astana);
    CHECK(layer.name(layer.labels()[placed.front().label]) == "Kazakhstan");  // the country before its towns

    SECTION("zoomed out to the world, only large places remain") {
        const auto world = viewer::camera_for(viewer::world_box(), kW, kH);
        gl.begin_frame();
        layer.draw({*ImGui::GetBackgroundDrawList(), world, gl.fonts(), style, 1.0f, 1.0f, {}});
        gl.end_frame();
        for (const auto& p : layer.placed()) CHECK(layer.labels()[p.label].min_zoom <= world.zoom_level());
        CHECK(layer.placed().size() < 200);
    }
}

TEST_CASE("place labels name countries in the chosen language and places without one by their own name", "[viewer][labels]") {
    const auto g = gazetteer::Gazetteer::open(INCIDENTMAP_DEFAULT_INDEX);
    auto names_of = [&](std::string_view language) {
        viewer::PlaceLabelLayer layer(g, language);
        std::set<std::string> names;
        for (const auto& l : layer.labels()) names.insert(std::string(layer.name(l)));
        return names;
    };
    const auto en = names_of(""), ru = names_of("ru"), fr = names_of("fr");
    CHECK(en.contains("Kazakhstan"));
    CHECK(en.contains("Russia"));  // the short form, not "Russian Federation"
    CHECK(!en.contains("Казахстан"));
    CHECK(ru.contains("Казахстан"));
    CHECK(ru.contains("Россия"));  // the shortest of its Russian names
    CHECK(!ru.contains("Kazakhstan"));
    CHECK(fr.contains("Allemagne"));
    CHECK(fr.contains("Kazakhstan"));
    // GeoNames' cities carry no language tags: they keep the gazetteer's name in every language.
    CHECK(ru.contains("Almaty"));
    CHECK(names_of("de").contains("Deutschland"));
}

TEST_CASE("user vector basemaps are drawn in their own colours", "[viewer][render][vector]") {
    test::TempDir dir;
    const auto polygon = dir / "zone.geojson";
    write_geojson(polygon, R"({"type":"Feature","properties":{"fill":"#ff00ff","fill-opacity":1,"stroke":"#ff00ff"},
        "geometry":{"type":"Polygon","coordinates":[[[60,45],[64,45],[64,48],[60,48],[60,45]]]}})");
    const auto plain = dir / "plain.geojson";
    write_geojson(plain, R"({"type":"Feature","properties":{},
        "geometry":{"type":"Polygon","coordinates":[[[70,50],[74,50],[74,52],[70,52],[70,50]]]}})");

    auto options = kazakhstan();
    options.basemaps.add_source(polygon.string());
    options.basemaps.add_source(plain.string());
    const auto result = viewer::render_map(options);
    core::io::write_png(result.image, "render_user_vector.png");
    CHECK(result.messages.empty());
    CHECK(share(result.image, pixel_of(46.5, 62.0), Rgba{255, 0, 255, 255}) > 0.8);
    // Without colours of its own, the second user layer takes the second palette colour, translucent over land.
    const viewer::MapStyle style;
    const Rgba inside = result.image.at(static_cast<int>(pixel_of(51.0, 72.0).x), static_cast<int>(pixel_of(51.0, 72.0).y));
    const Rgba tint = rgba(style.user_layers[1]), land = rgba(style.land);
    const float a = style.user_fill_alpha;
    CHECK(inside[1] == Approx(tint[1] * a + land[1] * (1 - a)).margin(3));
    CHECK(inside[0] == Approx(tint[0] * a + land[0] * (1 - a)).margin(3));
}

TEST_CASE("a missing basemap file yields a message and still a map", "[viewer][render][errors]") {
    auto options = kazakhstan();
    options.basemaps.add_source("/nonexistent/dir/roads.geojson");
    const auto result = viewer::render_map(options);
    REQUIRE(result.messages.size() == 1);
    CHECK_THAT(result.messages[0], Catch::Contains("roads.geojson"));
    CHECK_THAT(result.messages[0], Catch::Contains("/nonexistent/dir/roads.geojson"));
    CHECK(share(result.image, pixel_of(49.0, 61.0), rgba(viewer::MapStyle{}.land)) > 0.9);

    SECTION("so does a file that is not a dataset, and a missing gazetteer") {
        test::TempDir dir;
        std::ofstream(dir / "junk.geojson") << "this is not json";
        auto more = kazakhstan();
        more.basemaps.add_source((dir / "junk.geojson").string());
        more.basemap_options.gazetteer = dir / "no-index.imgz";
        const auto r = viewer::render_map(more);
        CHECK(r.messages.size() == 2);
        CHECK(share(r.image, pixel_of(49.0, 61.0), rgba(viewer::MapStyle{}.land)) > 0.9);
    }
}

TEST_CASE("raster basemaps: GeoTIFF, MBTiles and XYZ tiles through GDAL", "[viewer][render][raster]") {
    core::gdal::ensure_initialized();
    test::TempDir dir;
    // A solid green GeoTIFF in WGS84 over central Kazakhstan.
    const auto tif = dir / "green.tif";
    {
        auto ds = core::gdal::Dataset::create_raster("GTiff", tif.string(), 100, 60, 3, GDT_Byte);
        double gt[6] = {60, 0.1, 0, 50, 0, -0.1};
        ds.get().SetGeoTransform(gt);
        const auto srs = core::gdal::wgs84();
        ds.get().SetSpatialRef(&srs);
        const int colour[3] = {0, 160, 80};
        for (int b = 0; b < 3; ++b) ds.get().GetRasterBand(b + 1)->Fill(colour[b]);
        ds.close();
    }

    SECTION("a GeoTIFF is reprojected and drawn over the land") {
        auto options = kazakhstan();
        options.basemaps.add_source(tif.string());
        const auto result = viewer::render_map(options);
        core::io::write_png(result.image, "render_geotiff.png");
        CHECK(result.messages.empty());
        CHECK(share(result.image, pixel_of(47.0, 65.0), Rgba{0, 160, 80, 255}) > 0.8);
        CHECK(share(result.image, pixel_of(52.0, 58.0), rgba(viewer::MapStyle{}.land)) > 0.8);  // outside it
    }
    SECTION("an MBTiles file") {
        const auto mbtiles = dir / "green.mbtiles";
        {
            auto src = core::gdal::Dataset::open_raster(tif.string());
            core::gdal::Dataset::create_copy("MBTiles", mbtiles.string(), src, {"ZOOM_LEVEL_STRATEGY=UPPER"}).close();
        }
        auto options = kazakhstan();
        options.basemaps.add_source(mbtiles.string());
        const auto result = viewer::render_map(options);
        CHECK(result.messages.empty());
        CHECK(share(result.image, pixel_of(47.0, 65.0), Rgba{0, 160, 80, 255}, 2) > 0.6);
    }
    SECTION("the tile loader leaves a tile without data empty") {
        auto src = core::gdal::Dataset::open_raster(tif.string());
        const auto far = viewer::render_tile(src.get(), {4, 1, 1});  // over North America
        CHECK(far.error.empty());
        CHECK_FALSE(far.image);
        const auto here = viewer::render_tile(src.get(), {3, 5, 2});  // 45-90 E, 41-67 N
        REQUIRE(here.image);
        CHECK(here.image->distinct_colors() >= 2);  // green and transparent
    }
    SECTION("an XYZ URL template through GDAL's WMS driver, with a disk cache") {
        // One tile covers the world at zoom 0: a 256-pixel world view asks for nothing else.
        std::filesystem::create_directories(dir / "tiles" / "0" / "0");
        {
            auto mem = core::gdal::Dataset::create_raster("MEM", "", 256, 256, 3, GDT_Byte);
            const int colour[3] = {200, 30, 30};
            for (int b = 0; b < 3; ++b) mem.get().GetRasterBand(b + 1)->Fill(colour[b]);
            core::gdal::Dataset::create_copy("PNG", (dir / "tiles" / "0" / "0" / "0.png").string(), mem).close();
        }
        viewer::RenderOptions options;
        options.width = options.height = 256;
        options.bbox = viewer::GeoBox{core::LatLon::degrees(-85, -180), core::LatLon::degrees(85, 180)};
        options.basemaps.layers.clear();
        options.basemaps.add_source("file://" + (dir / "tiles").string() + "/{z}/{x}/{y}.png");
        options.basemap_options.tile_cache = dir / "cache";
        options.overlays.graticule = false;
        options.overlays.scale_bar = false;
        const auto result = viewer::render_map(options);
        CHECK(result.messages.empty());
        CHECK(share(result.image, {128, 128}, Rgba{200, 30, 30, 255}, 20) > 0.95);
        CHECK(std::filesystem::exists(dir / "cache"));
    }
    SECTION("unreachable tiles degrade to the offline basemap with a message, quickly") {
        auto options = kazakhstan();
        options.basemaps.add_source("http://127.0.0.1:9/{z}/{x}/{y}.png");  // the discard port: refused at once
        options.basemap_options.tile_cache = dir / "cache";
        const auto start = std::chrono::steady_clock::now();
        const auto result = viewer::render_map(options);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(15));
        REQUIRE(result.messages.size() == 1);
        CHECK_THAT(result.messages[0], Catch::Contains("tiles could not be loaded"));
        CHECK_THAT(result.messages[0], Catch::Contains("offline basemap"));
        CHECK(share(result.image, pixel_of(49.0, 61.0), rgba(viewer::MapStyle{}.land)) > 0.9);
    }
}

TEST_CASE("world wrap: a view across the antimeridian shows both sides", "[viewer][render][wrap]") {
    const viewer::GeoBox bering{core::LatLon::degrees(55, 150), core::LatLon::degrees(72, -140)};
    viewer::RenderOptions options;
    options.width = 1000;
    options.height = 600;
    options.bbox = bering;
    options.basemaps.find("labels")->visible = false;
    const auto result = viewer::render_map(options);
    core::io::write_png(result.image, "render_bering.png");
    const Rgba land = rgba(viewer::MapStyle{}.land);
    CHECK(share(result.image, pixel_of(67.5, 172.0, bering, 1000, 600), land) > 0.9);   // Chukotka
    CHECK(share(result.image, pixel_of(65.0, -155.0, bering, 1000, 600), land) > 0.9);  // Alaska
    CHECK(share(result.image, pixel_of(58.0, -175.0, bering, 1000, 600), rgba(viewer::MapStyle{}.ocean)) > 0.9);
}

TEST_CASE("the basemap cache shows what a fresh rendering shows, and renders anew only when it must", "[viewer][basemap_cache]") {
    viewer::OffscreenContext gl(kW, kH);
    viewer::BasemapSettings settings = viewer::BasemapSettings::defaults();
    viewer::BasemapOptions options;
    options.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    viewer::BasemapStack basemaps(settings, options);
    viewer::MapCamera camera = viewer::camera_for(kKazakhstan, kW, kH);
    viewer::MapView direct(camera, &basemaps, gl.fonts());
    viewer::MapView cached(camera, &basemaps, gl.fonts());
    cached.set_basemap_cache(true);
    auto frame = [&](const viewer::MapView& view) {
        gl.begin_frame();
        view.draw_map(*ImGui::GetBackgroundDrawList());
        return gl.end_frame();
    };
    // The share of pixels whose colour differs by more than a rounding step.
    auto differing = [](const RgbaImage& a, const RgbaImage& b) {
        std::size_t n = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) {
                const Rgba p = a.at(x, y), q = b.at(x, y);
                for (int c = 0; c < 3; ++c)
                    if (std::abs(p[c] - q[c]) > 2) {
                        ++n;
                        break;
                    }
            }
        return static_cast<double>(n) / (a.width() * a.height());
    };

    const RgbaImage first_direct = frame(direct), first_cached = frame(cached);
    REQUIRE(cached.basemap_cache());
    CHECK(cached.basemap_cache()->stats().renders == 1);
    CHECK(differing(first_direct, first_cached) == 0.0);

    camera.pan_pixels(-37, 12);  // inside the picture's margin: shifted, not rendered
    const RgbaImage panned_cached = frame(cached), panned_direct = frame(direct);
    CHECK(cached.basemap_cache()->stats().renders == 1);
    CHECK(cached.basemap_cache()->stats().reused == 1);
    CHECK(differing(panned_direct, panned_cached) == 0.0);

    camera.zoom_about({kW / 2.0, kH / 2.0}, 1.25);  // moving: a scaled stand-in
    frame(cached);
    CHECK(cached.settling());
    CHECK(cached.basemap_cache()->stats().stand_ins == 1);
    const RgbaImage rested_cached = frame(cached), rested_direct = frame(direct);  // the camera rests: exact again
    CHECK_FALSE(cached.settling());
    CHECK(cached.basemap_cache()->stats().renders == 2);
    CHECK(differing(rested_direct, rested_cached) == 0.0);

    basemaps.layer_settings(1).visible = false;  // a changed layer: rendered anew at once
    const RgbaImage hidden_cached = frame(cached), hidden_direct = frame(direct);
    CHECK(cached.basemap_cache()->stats().renders == 3);
    CHECK(differing(hidden_direct, hidden_cached) == 0.0);
}

TEST_CASE("the map credits the data it draws and nothing it does not", "[viewer][render][attribution]") {
    core::gdal::ensure_initialized();
    test::TempDir dir;
    viewer::OffscreenContext gl(64, 64);  // layers hold GL textures
    viewer::BasemapOptions options;
    options.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    options.tile_cache = dir / "cache";
    {
        const viewer::BasemapStack stack(viewer::BasemapSettings::defaults(), options);
        CHECK(stack.attributions() == std::vector<std::string>{"Natural Earth", "GeoNames (CC BY 4.0)", "© OpenStreetMap contributors"});
    }
    // An MBTiles file with its own "attribution" (MBTiles 1.3 metadata), OpenStreetMap's tiles, another server's;
    // the place names hidden.
    const auto mbtiles = dir / "credited.mbtiles";
    {
        auto mem = core::gdal::Dataset::create_raster("MEM", "", 100, 60, 3, GDT_Byte);
        double gt[6] = {60, 0.1, 0, 50, 0, -0.1};
        mem.get().SetGeoTransform(gt);
        const auto srs = core::gdal::wgs84();
        mem.get().SetSpatialRef(&srs);
        core::gdal::Dataset::create_copy("MBTiles", mbtiles.string(), mem).close();
        sqlite3* db = nullptr;  // GDAL writes no attribution into an MBTiles file: SQLite does
        REQUIRE(sqlite3_open(mbtiles.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "INSERT INTO metadata (name, value) VALUES ('attribution', '© Test Tiles')", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    auto settings = viewer::BasemapSettings::defaults();
    settings.find("labels")->visible = false;
    settings.add_source(mbtiles.string());
    settings.add_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    settings.add_source("https://tiles.example.org/{z}/{x}/{y}.png");
    const viewer::BasemapStack stack(settings, options);
    CHECK(stack.attributions() ==
          std::vector<std::string>{"Natural Earth", "© Test Tiles", "© OpenStreetMap contributors", "tiles: tiles.example.org"});

    // Drawn at the bottom right: dark text there with it, none without.
    auto render = kazakhstan();
    render.basemaps.find("labels")->visible = false;
    render.overlays.scale_bar = false;
    const auto with = viewer::render_map(render);
    core::io::write_png(with.image, "render_attribution.png");
    render.overlays.attribution = false;
    const auto without = viewer::render_map(render);
    const viewer::ScreenPoint corner{kW - 90.0, kH - 9.0};
    CHECK(dark_pixels(with.image, corner, 80, 6) > 30);
    CHECK(dark_pixels(without.image, corner, 80, 6) == 0);
}
