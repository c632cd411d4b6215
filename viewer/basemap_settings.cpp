#include "viewer/basemap_settings.hpp"

#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace incidentmap::viewer {

namespace {

std::string_view short_name(std::string_view source) {
    constexpr std::string_view prefix = "builtin:";
    return source.starts_with(prefix) ? source.substr(prefix.size()) : source;
}

}  // namespace

BasemapSettings BasemapSettings::defaults() {
    BasemapSettings s;
    s.layers = {{std::string(kBuiltinLand)}, {std::string(kBuiltinCountries)}, {std::string(kBuiltinLabels)}};
    return s;
}

void BasemapSettings::add_source(std::string source) {
    // Below the first built-in layer that sits above a user's data: the borders or the labels.
    auto at = std::find_if(layers.begin(), layers.end(), [](const LayerSettings& l) {
        return l.source == kBuiltinCountries || l.source == kBuiltinLabels;
    });
    layers.insert(at, LayerSettings{std::move(source)});
}

LayerSettings* BasemapSettings::find(std::string_view name) {
    for (auto& l : layers)
        if (l.source == name) return &l;
    for (auto& l : layers)
        if (l.source.starts_with("builtin:") && short_name(l.source) == name) return &l;
    for (auto& l : layers)
        if (display_name(l.source) == name) return &l;
    return nullptr;
}

std::string BasemapSettings::to_json() const {
    nlohmann::json j;
    j["layers"] = nlohmann::json::array();
    for (const auto& l : layers) {
        nlohmann::json layer = {{"source", l.source}, {"visible", l.visible}, {"opacity", l.opacity}};
        if (!l.style.empty()) layer["style"] = l.style;
        j["layers"].push_back(std::move(layer));
    }
    return j.dump();
}

BasemapSettings BasemapSettings::from_json(std::string_view text) {
    BasemapSettings s;
    try {
        const auto j = nlohmann::json::parse(text);
        for (const auto& l : j.at("layers")) {
            LayerSettings ls;
            ls.source = l.at("source").get<std::string>();
            ls.visible = l.value("visible", true);
            ls.opacity = std::clamp(l.value("opacity", 1.0f), 0.0f, 1.0f);
            ls.style = l.value("style", std::string());
            s.layers.push_back(std::move(ls));
        }
    } catch (const nlohmann::json::exception& e) {
        throw core::InputError("basemap settings", e.what());
    }
    return s;
}

std::string display_name(std::string_view source) {
    if (source.starts_with("builtin:")) return std::string(short_name(source));
    if (const auto scheme = source.find("://"); scheme != std::string_view::npos) {
        const auto host_start = scheme + 3;
        const auto host_end = source.find('/', host_start);
        if (!source.starts_with("file://")) return std::string(source.substr(host_start, host_end - host_start));
    }
    if (source.find("{z}") != std::string_view::npos) return "tiles";
    const std::string name = std::filesystem::path(std::string(source)).filename().string();
    return name.empty() ? std::string(source) : name;
}

}  // namespace incidentmap::viewer
