#include "viewer/basemap_stack.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/gdal.hpp"
#include "gazetteer/gazetteer.hpp"
#include "viewer/detail/fnv1a.hpp"
#include "viewer/label_layer.hpp"
#include "viewer/vector_layer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <utility>

namespace incidentmap::viewer {

namespace {

constexpr const char* kOsmCredit = "© OpenStreetMap contributors";

// The host of an http(s) URL ("tile.openstreetmap.org"), or empty.
std::string url_host(const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    const std::size_t begin = scheme + 3, end = url.find_first_of("/:?", begin);
    return url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// What tiles from a URL template owe: OpenStreetMap's own servers their data's credit, any other the server.
std::string tile_credit(const std::string& url) {
    std::string host = url_host(url);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (host.empty()) return {};
    if (host == "openstreetmap.org" || host.ends_with(".openstreetmap.org") || host.ends_with(".openstreetmap.fr"))
        return kOsmCredit;
    return "tiles: " + host;
}

// What a GDAL dataset owes: OpenStreetMap's credit for OSM data, else its own "attribution" metadata, if any.
std::string dataset_credit(core::gdal::Dataset& dataset) {
    GDALDriver* driver = dataset.get().GetDriver();
    if (driver && std::string_view(driver->GetDescription()) == "OSM") return kOsmCredit;
    for (const char* key : {"attribution", "ATTRIBUTION"})
        if (const char* v = dataset.get().GetMetadataItem(key); v && *v) return v;
    return {};
}

}  // namespace

std::filesystem::path default_tile_cache() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "incidentmap" / "tiles";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".cache" / "incidentmap" / "tiles";
    return std::filesystem::temp_directory_path() / "incidentmap-tiles";
}

BasemapStack::BasemapStack(BasemapSettings settings, const BasemapOptions& options)
    : settings_(std::move(settings)), options_(options) {
    std::size_t user_index = 0;
    for (std::size_t i = 0; i < settings_.layers.size(); ++i) {
        const std::string& source = settings_.layers[i].source;
        open_errors_.emplace_back();
        reported_problems_.emplace_back();
        credits_.emplace_back();
        try {
            layers_.push_back(open(settings_.layers[i], source.starts_with("builtin:") ? 0 : user_index++, credits_.back()));
        } catch (const std::exception& e) {
            layers_.push_back(nullptr);
            open_errors_.back() = e.what();
            messages_.push_back("basemap '" + display_name(source) + "' not shown: " + e.what());
        }
    }
}

std::unique_ptr<BasemapLayer> BasemapStack::open(const LayerSettings& layer, std::size_t user_index,
                                                 std::vector<std::string>& credits) const {
    const std::string& source = layer.source;
    const MapStyle defaults;
    if (source == kBuiltinLand || source == kBuiltinCountries) credits = {"Natural Earth"};
    if (source == kBuiltinLabels) credits = {"GeoNames (CC BY 4.0)", kOsmCredit};  // landmarks from OpenStreetMap
    if (source == kBuiltinLand) {
        VectorStyle style;
        style.role = VectorStyle::Role::land;
        return VectorLayer::open(core::find_asset("basemap/land-50m.json"), {"land"}, style,
                                 "Natural Earth land, 1:50m", {.fill_polygons = true, .read_styles = false});
    }
    if (source == kBuiltinCountries) {
        VectorStyle style;
        style.role = VectorStyle::Role::borders;
        return VectorLayer::open(core::find_asset("basemap/countries-50m.json"), {"countries"}, style,
                                 "Natural Earth country borders, 1:50m", {.fill_polygons = false, .read_styles = false});
    }
    if (source == kBuiltinLabels) {
        if (options_.gazetteer.empty()) throw core::InputError("labels", "no gazetteer index given");
        return PlaceLabelLayer::open(options_.gazetteer, options_.label_language);
    }
    if (source.starts_with("builtin:")) throw core::InputError(source, "no such built-in layer (land, countries, labels)");

    RasterLayer::Options raster;
    raster.cache_dir = options_.tile_cache;
    raster.timeout_s = options_.tile_timeout_s;
    if (RasterLayer::is_url_template(source)) {
        if (std::string credit = tile_credit(source); !credit.empty()) credits = {std::move(credit)};
        return std::make_unique<RasterLayer>(source, raster);
    }

    if (core::gdal::is_remote(source)) core::gdal::bound_network_reads(options_.tile_timeout_s);  // before the first read
    auto dataset = core::gdal::Dataset::open(source);
    if (std::string credit = dataset_credit(dataset); !credit.empty()) credits = {std::move(credit)};
    // Raster tiles or imagery; an MBTiles file of vector tiles opened this way reports bands as well as its layers.
    if (dataset.get().GetRasterCount() > 0 && dataset.layer_count() == 0) {
        dataset.close();
        return std::make_unique<RasterLayer>(source, raster);
    }
    VectorStyle style;
    const ImU32 color = defaults.user_layers[user_index % std::size(defaults.user_layers)];
    style.stroke = color;
    style.fill = with_opacity(color, defaults.user_fill_alpha);
    style.stroke_width = defaults.user_line_width;
    // Styled by what its features are: the analyst's style file, or the built-in one for OpenStreetMap extracts and
    // for OpenMapTiles vector tiles (MBTiles through GDAL's MVT driver); other data in the layer's colour.
    const std::string driver = dataset.get().GetDriverName();
    std::optional<BasemapStyle> rules;
    if (!layer.style.empty()) rules = BasemapStyle::load(layer.style);
    else if (driver == "OSM") rules = BasemapStyle::load(core::find_asset("styles/osm.json"));
    else if (driver == "MVT" || driver == "MBTiles") rules = BasemapStyle::load(core::find_asset("styles/openmaptiles.json"));
    VectorGeometry::Options options;
    if (rules) {
        options.style = &*rules;
        options.language = options_.label_language;
        options.read_styles = false;
    }
    core::gdal::ErrorCapture quiet;  // per-feature warnings would flood stderr
    auto geometry = VectorGeometry::load(dataset, {}, options);
    std::string description = "vector data from " + source + ", " + std::to_string(geometry.features().size()) + " features";
    if (rules) description += layer.style.empty() ? ", styled as " + std::string(driver == "OSM" ? "OpenStreetMap" : "OpenMapTiles")
                                                  : ", styled by " + layer.style;
    if (geometry.features().empty()) description += " (nothing to draw)";
    if (rules) return std::make_unique<VectorLayer>(std::move(description), std::move(geometry), style, std::move(*rules));
    return std::make_unique<VectorLayer>(std::move(description), std::move(geometry), style);
}

std::string BasemapStack::message(std::size_t i) const {
    if (!open_errors_.at(i).empty()) return open_errors_[i];
    return layers_[i] ? layers_[i]->problem() : std::string();
}

void BasemapStack::move(std::size_t from, std::size_t to) {
    if (from >= layers_.size() || to >= layers_.size() || from == to) return;
    auto shift = [&](auto& v) {
        auto item = std::move(v[from]);
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(from));
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(to), std::move(item));
    };
    shift(settings_.layers);
    shift(layers_);
    shift(credits_);
    shift(open_errors_);
    shift(reported_problems_);
}

bool BasemapStack::update() {
    bool changed = false;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (!layers_[i]) continue;
        if (layers_[i]->update()) changed = true;
        const std::string problem = layers_[i]->problem();
        if (problem != reported_problems_[i]) {
            reported_problems_[i] = problem;
            if (!problem.empty()) messages_.push_back("basemap '" + display_name(settings_.layers[i].source) + "': " + problem);
        }
    }
    if (changed) ++updates_;
    return changed;
}

bool BasemapStack::pending() const {
    for (std::size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i] && settings_.layers[i].visible && layers_[i]->pending()) return true;
    return false;
}

void BasemapStack::draw(ImDrawList& dl, const MapCamera& camera, const MapFonts& fonts, const MapStyle& style,
                        float scale, std::span<const ImVec4> reserved,
                        std::span<const ImVec4> text_reserved, std::size_t first, std::size_t last) const {
    for (std::size_t i = first; i < std::min(last, layers_.size()); ++i) {
        const LayerSettings& s = settings_.layers[i];
        if (!layers_[i] || !s.visible || s.opacity <= 0) continue;
        layers_[i]->draw(DrawContext{dl, camera, fonts, style, s.opacity, scale, reserved, text_reserved});
    }
}

void BasemapStack::draw_labels(ImDrawList& dl, const MapCamera& camera, const MapFonts& fonts, const MapStyle& style, float scale,
                               std::span<const ImVec4> reserved, std::span<const ImVec4> text_reserved) const {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const LayerSettings& s = settings_.layers[i];
        if (!layers_[i] || !s.visible || s.opacity <= 0) continue;
        layers_[i]->draw_labels(DrawContext{dl, camera, fonts, style, s.opacity, scale, reserved, text_reserved});
    }
}

std::size_t BasemapStack::cacheable_prefix() const {
    for (std::size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i] && !layers_[i]->cacheable()) return i;
    return layers_.size();
}

std::uint64_t BasemapStack::picture_key(std::size_t end) const {
    detail::Fnv1a h;
    h.add(updates_);
    for (std::size_t i = 0; i < std::min(end, layers_.size()); ++i) {
        const LayerSettings& s = settings_.layers[i];
        h.add(std::string_view(s.source));
        h.add(std::string_view(s.style));
        h.add(s.visible);
        h.add(s.opacity);
        h.add(layers_[i] != nullptr);
    }
    return h.value();
}

std::vector<std::string> BasemapStack::attributions() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (!layers_[i] || !settings_.layers[i].visible || settings_.layers[i].opacity <= 0) continue;
        for (const std::string& c : credits_[i])
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

std::vector<std::string> BasemapStack::take_messages() { return std::exchange(messages_, {}); }

}  // namespace incidentmap::viewer
