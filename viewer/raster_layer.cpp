#include "viewer/raster_layer.hpp"

#include "core/gdal.hpp"
#include "core/proj.hpp"

#include <algorithm>
#include <cmath>
#include <system_error>

namespace incidentmap::viewer {

namespace {

constexpr double kHalfWorld = MapCamera::kHalfWorld;
constexpr double kMaxMercatorLatDeg = 85.0511287798066;

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// GDAL's messages for one failed tile, down to what a person needs: the transfer error when there is one
// ("Failed to connect to 127.0.0.1 port 9 ..."), else the first message that is not cache bookkeeping.
std::string condense(const std::string& gdal_message) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= gdal_message.size()) {
        std::size_t end = gdal_message.find_first_of("\n;", start);
        if (end == std::string::npos) end = gdal_message.size();
        std::string part = gdal_message.substr(start, end - start);
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t.") + 1);
        if (!part.empty()) parts.push_back(part);
        start = end + 1;
    }
    for (const auto& p : parts)
        if (const auto at = p.find("error: "); at != std::string::npos) return p.substr(at + 7);
    for (const auto& p : parts) {
        if (p.find("ZeroBlockHttpCodes") != std::string::npos || p.find("No such file or directory") != std::string::npos ||
            p.find("Unable to open downloaded block") != std::string::npos)
            continue;
        return p.size() > 240 ? p.substr(0, 240) + "..." : p;
    }
    return gdal_message.substr(0, 240);
}

// The raster's extent in Web Mercator, from its edges sampled in its own CRS.
WorldBox mercator_extent(GDALDataset& ds, const std::string& source) {
    double gt[6];
    if (ds.GetGeoTransform(gt) != CE_None) throw core::InputError(source, "the raster has no georeferencing");
    const OGRSpatialReference* srs = ds.GetSpatialRef();
    if (!srs) throw core::InputError(source, "the raster has no coordinate reference system");
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, opts);
    const std::string crs = wkt ? wkt : "";
    CPLFree(wkt);

    const int w = ds.GetRasterXSize(), h = ds.GetRasterYSize();
    std::vector<double> xs, ys;
    constexpr int kSteps = 20;
    for (int i = 0; i <= kSteps; ++i) {
        const double f = static_cast<double>(i) / kSteps;
        for (const auto& [px, py] : {std::pair{f * w, 0.0}, {f * w, 1.0 * h}, {0.0, f * h}, {1.0 * w, f * h}}) {
            xs.push_back(gt[0] + px * gt[1] + py * gt[2]);
            ys.push_back(gt[3] + px * gt[4] + py * gt[5]);
        }
    }
    if (srs->IsGeographic())
        for (double& y : ys) y = std::clamp(y, -kMaxMercatorLatDeg, kMaxMercatorLatDeg);
    core::proj::Context ctx;
    const auto t = core::proj::Transformation::between(ctx, crs, "EPSG:3857");
    t.forward(xs, ys);
    WorldBox box;
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i]) && xs[i] != HUGE_VAL && ys[i] != HUGE_VAL)
            box.extend(std::clamp(xs[i], -kHalfWorld, kHalfWorld), std::clamp(ys[i], -kHalfWorld, kHalfWorld));
    if (box.empty()) throw core::InputError(source, "the raster's extent cannot be projected to Web Mercator");
    return box;
}

}  // namespace

bool RasterLayer::is_url_template(std::string_view s) {
    return s.find("{z}") != std::string_view::npos && s.find("{x}") != std::string_view::npos &&
           (s.find("{y}") != std::string_view::npos || s.find("{-y}") != std::string_view::npos);
}

std::string RasterLayer::wms_xml(std::string_view url_template, const std::filesystem::path& cache_dir, int max_zoom,
                                 int timeout_s) {
    std::string url(url_template);
    const bool tms_rows = url.find("{-y}") != std::string::npos;  // rows counted from the bottom
    replace_all(url, "{z}", "${z}");
    replace_all(url, "{x}", "${x}");
    replace_all(url, "{-y}", "${y}");
    replace_all(url, "{y}", "${y}");
    replace_all(url, "{s}", "a");
    std::string xml = "<GDAL_WMS><Service name=\"TMS\"><ServerUrl>" + xml_escape(url) +
                      "</ServerUrl></Service>"
                      "<DataWindow><UpperLeftX>-20037508.34</UpperLeftX><UpperLeftY>20037508.34</UpperLeftY>"
                      "<LowerRightX>20037508.34</LowerRightX><LowerRightY>-20037508.34</LowerRightY>"
                      "<TileLevel>" + std::to_string(max_zoom) + "</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY>"
                      "<YOrigin>" + (tms_rows ? "bottom" : "top") + "</YOrigin></DataWindow>"
                      "<Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
                      "<BandsCount>4</BandsCount><MaxConnections>4</MaxConnections>"
                      "<Timeout>" + std::to_string(timeout_s) + "</Timeout>"
                      "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes><UserAgent>incidentmap</UserAgent>";
    if (!cache_dir.empty()) xml += "<Cache><Path>" + xml_escape(cache_dir.string()) + "</Path></Cache>";
    return xml + "</GDAL_WMS>";
}

RasterLayer::RasterLayer(std::string source, const Options& options) : source_(std::move(source)), options_(options) {
    std::string open_name = source_;
    const bool url = is_url_template(source_);
    if (url) {
        if (!options.cache_dir.empty()) {
            std::error_code ec;  // without a cache the tiles still load, only again next time
            std::filesystem::create_directories(options.cache_dir, ec);
        }
        open_name = wms_xml(source_, options.cache_dir, options.max_zoom, options.timeout_s);
    }
    if (url || core::gdal::is_remote(source_)) core::gdal::bound_network_reads(options.timeout_s);
    core::gdal::Dataset ds = [&] {
        try {
            return core::gdal::Dataset::open_raster(open_name);
        } catch (const core::InputError& e) {
            throw core::DatasetOpenError(source_, e.detail());
        }
    }();
    extent_ = mercator_extent(ds.get(), source_);
    if (url) {
        max_zoom_ = options.max_zoom;
        description_ = "XYZ tiles from " + source_;
    } else {
        const double res = extent_.width() / std::max(1, ds.get().GetRasterXSize());
        max_zoom_ = std::clamp(static_cast<int>(std::ceil(std::log2(MapCamera::kWorldWidth / (256.0 * res)))), 0, 22);
        const char* driver = ds.get().GetDriver() ? ds.get().GetDriver()->GetDescription() : "GDAL";
        description_ = std::string(driver) + " raster " + source_ + ", " + std::to_string(ds.get().GetRasterXSize()) + "x" +
                       std::to_string(ds.get().GetRasterYSize());
    }
    loader_ = std::make_unique<TileLoader>(std::move(ds));
}

RasterLayer::~RasterLayer() = default;

bool RasterLayer::update() {
    bool changed = false;
    std::string first_error;
    for (TileResult& r : loader_->take()) {
        Tile& t = tiles_[r.key];
        t.last_used = frame_;
        if (!r.error.empty()) {
            t.failed = true;
            ++failed_;
            if (first_error.empty()) first_error = condense(r.error);
        } else if (r.image) {
            try {
                t.texture.emplace(*r.image);
                ++loaded_;
                changed = true;
            } catch (const core::Error& e) {
                t.failed = true;
                ++failed_;
                if (first_error.empty()) first_error = e.what();
            }
        }
    }
    if (!first_error.empty() && !degraded_) {
        if (loaded_ == 0) {
            degraded_ = true;  // the source is unreachable: stop asking, let the layers beneath show
            loader_->want({});
            problem_ = "tiles could not be loaded (" + first_error + "); showing the offline basemap instead";
            changed = true;
        } else if (problem_.empty()) {
            problem_ = "some tiles could not be loaded (" + first_error + ")";
        }
    }
    evict();
    return changed;
}

bool RasterLayer::pending() const { return !degraded_ && loader_->busy(); }

RasterLayer::Tile* RasterLayer::loaded_ancestor(TileKey key, TileKey& found) {
    for (int d = 1; d <= 8 && key.z - d >= 0; ++d) {
        const TileKey a{key.z - d, key.x >> d, key.y >> d};
        const auto it = tiles_.find(a);
        if (it != tiles_.end() && it->second.texture) {
            found = a;
            return &it->second;
        }
    }
    return nullptr;
}

void RasterLayer::draw(const DrawContext& ctx) {
    ++frame_;
    if (degraded_) return;
    const MapCamera& cam = ctx.camera;
    const int z = std::clamp(static_cast<int>(std::ceil(cam.zoom_level() - 0.25)), 0, max_zoom_);
    const long long n = 1LL << z;
    const double tile_m = MapCamera::kWorldWidth / static_cast<double>(n);
    const WorldBox view = cam.visible_box(0);
    const long long tx0 = static_cast<long long>(std::floor((view.min_x + kHalfWorld) / tile_m));
    const long long tx1 = static_cast<long long>(std::floor((view.max_x + kHalfWorld) / tile_m));
    const long long ty0 = std::clamp(static_cast<long long>(std::floor((kHalfWorld - view.max_y) / tile_m)), 0LL, n - 1);
    const long long ty1 = std::clamp(static_cast<long long>(std::floor((kHalfWorld - view.min_y) / tile_m)), 0LL, n - 1);
    if ((tx1 - tx0 + 1) * (ty1 - ty0 + 1) > 2048) return;  // cannot happen at sane viewport sizes

    const ImU32 tint = with_opacity(IM_COL32_WHITE, ctx.opacity);
    const core::proj::XY centre = cam.center();
    std::vector<std::pair<double, TileKey>> wanted;
    for (long long ty = ty0; ty <= ty1; ++ty) {
        for (long long tx = tx0; tx <= tx1; ++tx) {
            const long long wrap = tx >= 0 ? tx / n : -((-tx + n - 1) / n);
            const TileKey key{z, static_cast<int>(tx - wrap * n), static_cast<int>(ty)};
            const WorldBox box = tile_box(key);
            if (!box.intersects(extent_)) continue;
            const double offset = static_cast<double>(wrap) * MapCamera::kWorldWidth;
            const ScreenPoint a = cam.world_to_screen({box.min_x + offset, box.max_y});
            const ScreenPoint b = cam.world_to_screen({box.max_x + offset, box.min_y});
            const ImVec2 p0(static_cast<float>(a.x), static_cast<float>(a.y)), p1(static_cast<float>(b.x), static_cast<float>(b.y));

            const auto it = tiles_.find(key);
            if (it != tiles_.end()) {
                it->second.last_used = frame_;
                if (it->second.texture) {
                    ctx.draw_list.AddImage(it->second.texture->id(), p0, p1, ImVec2(0, 0), ImVec2(1, 1), tint);
                    continue;
                }
                if (it->second.failed) continue;
            } else {
                const double dx = (box.min_x + box.max_x) / 2 + offset - centre.x, dy = (box.min_y + box.max_y) / 2 - centre.y;
                wanted.push_back({dx * dx + dy * dy, key});
            }
            TileKey anc;
            if (Tile* t = loaded_ancestor(key, anc)) {  // a coarser tile stands in until this one arrives
                t->last_used = frame_;
                const int d = z - anc.z;
                const float f = 1.0f / static_cast<float>(1 << d);
                const float u0 = static_cast<float>(key.x - (anc.x << d)) * f, v0 = static_cast<float>(key.y - (anc.y << d)) * f;
                ctx.draw_list.AddImage(t->texture->id(), p0, p1, ImVec2(u0, v0), ImVec2(u0 + f, v0 + f), tint);
            }
        }
    }
    std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TileKey> keys;
    keys.reserve(wanted.size());
    for (const auto& w : wanted) keys.push_back(w.second);
    loader_->want(std::move(keys));
}

void RasterLayer::evict() {
    if (tiles_.size() <= static_cast<std::size_t>(options_.max_textures)) return;
    std::vector<std::pair<std::uint64_t, TileKey>> old;
    for (const auto& [key, tile] : tiles_)
        if (!tile.failed && tile.last_used + 1 < frame_) old.push_back({tile.last_used, key});
    std::sort(old.begin(), old.end());
    for (const auto& [used, key] : old) {
        if (tiles_.size() <= static_cast<std::size_t>(options_.max_textures)) break;
        tiles_.erase(key);
    }
}

}  // namespace incidentmap::viewer
