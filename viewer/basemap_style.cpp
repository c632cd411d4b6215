#include "viewer/basemap_style.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace incidentmap::viewer {

namespace {

using Json = nlohmann::json;

class RuleReader {
public:
    RuleReader(const std::string& source, std::string where) : source_(source), where_(std::move(where)) {}

    [[noreturn]] void fail(const std::string& member, const std::string& why) const {
        throw core::InputError(source_, member + ": " + why, where_);
    }
    std::string text(const Json& j, const std::string& member) const {
        if (!j.is_string()) fail(member, "expected a string, found " + j.dump());
        return j.get<std::string>();
    }
    bool boolean(const Json& j, const std::string& member) const {
        if (!j.is_boolean()) fail(member, "expected true or false, found " + j.dump());
        return j.get<bool>();
    }
    float number(const Json& j, const std::string& member, double lo, double hi) const {
        if (!j.is_number()) fail(member, "expected a number, found " + j.dump());
        const double v = j.get<double>();
        if (!(v >= lo && v <= hi)) fail(member, j.dump() + " is outside " + Json(lo).dump() + ".." + Json(hi).dump());
        return static_cast<float>(v);
    }
    PackedColor color(const Json& j, const std::string& member) const {
        const std::string s = text(j, member);
        const PackedColor c = parse_hex_color(s);
        if (c == 0) fail(member, "\"" + s + "\" is not a colour (#rgb, #rrggbb or #rrggbbaa)");
        return c;
    }

private:
    const std::string& source_;
    std::string where_;
};

StyleRule read_rule(const Json& j, const std::string& source, std::size_t number) {
    const RuleReader r(source, "rule " + std::to_string(number));
    if (!j.is_object()) r.fail("rule", "expected an object, found " + j.dump());
    StyleRule rule;
    bool label_zoom = false;
    for (const auto& [key, v] : j.items()) {
        if (key == "layer") rule.layer = r.text(v, key);
        else if (key == "field") rule.field = r.text(v, key);
        else if (key == "values") {
            if (!v.is_array()) r.fail(key, "expected a list of strings, found " + v.dump());
            for (const Json& item : v) rule.values.push_back(r.text(item, key));
        } else if (key == "geometry") {
            const std::string g = r.text(v, key);
            if (g == "point") rule.geometry = StyleRule::Geometry::point;
            else if (g == "line") rule.geometry = StyleRule::Geometry::line;
            else if (g == "polygon") rule.geometry = StyleRule::Geometry::polygon;
            else r.fail(key, "\"" + g + "\" is not point, line or polygon");
        } else if (key == "fill") rule.fill = r.color(v, key);
        else if (key == "stroke") rule.stroke = r.color(v, key);
        else if (key == "casing") rule.casing = r.color(v, key);
        else if (key == "width") rule.width = r.number(v, key, 0, 100);
        else if (key == "min_width") rule.min_width = r.number(v, key, 0, 100);
        else if (key == "min_zoom") rule.min_zoom = r.number(v, key, 0, 24);
        else if (key == "max_zoom") rule.max_zoom = r.number(v, key, 0, 24);
        else if (key == "label_min_zoom") rule.label_min_zoom = r.number(v, key, 0, 24), label_zoom = true;
        else if (key == "label") rule.label = r.boolean(v, key);
        else if (key == "symbol") rule.symbol = r.boolean(v, key);
        else if (key == "hide") rule.hide = r.boolean(v, key);
        else r.fail(key, "not a member of a rule (layer, geometry, field, values, fill, stroke, casing, width, min_width, "
                         "min_zoom, max_zoom, label, label_min_zoom, symbol, hide)");
    }
    if (!rule.values.empty() && rule.field.empty()) r.fail("values", "given without a field to compare them with");
    if (rule.min_zoom > rule.max_zoom) r.fail("min_zoom", "is above max_zoom");
    if (!label_zoom) rule.label_min_zoom = rule.min_zoom;
    return rule;
}

}  // namespace

float StyleRule::width_at(double zoom) const {
    const double w = width * std::exp2(zoom - 16);
    return static_cast<float>(std::clamp(w, static_cast<double>(std::min(min_width, width)), 2.0 * width));
}

BasemapStyle BasemapStyle::parse(std::string_view text, const std::string& source) {
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::exception& e) {
        std::string what = e.what();
        if (const auto cut = what.find("] "); cut != std::string::npos) what.erase(0, cut + 2);  // nlohmann's id
        throw core::InputError(source, "not valid JSON: " + what);
    }
    if (!root.is_object()) throw core::InputError(source, "a style is a JSON object with \"rules\"");
    BasemapStyle style;
    const RuleReader top(source, "style");
    for (const auto& [key, v] : root.items()) {
        if (key == "rules") {
            if (!v.is_array()) top.fail(key, "expected a list of rules, found " + v.dump());
            for (std::size_t i = 0; i < v.size(); ++i) style.rules.push_back(read_rule(v[i], source, i + 1));
        } else if (key == "label_fields") {
            if (!v.is_array() || v.empty()) top.fail(key, "expected a list of field names, found " + v.dump());
            style.label_fields.clear();
            for (const Json& item : v) style.label_fields.push_back(top.text(item, key));
        } else if (key == "description") {
            top.text(v, key);
        } else {
            top.fail(key, "not a member of a style (description, label_fields, rules)");
        }
    }
    if (style.rules.empty()) throw core::InputError(source, "has no rules");
    return style;
}

BasemapStyle BasemapStyle::load(const std::filesystem::path& path) {
    return parse(core::read_data_file(path, "style file"), path.string());
}

std::vector<std::string> BasemapStyle::label_fields_for(std::string_view language) const {
    std::vector<std::string> out;
    for (const std::string& f : label_fields) {
        const auto at = f.find("{lang}");
        if (at == std::string::npos) {
            out.push_back(f);
        } else if (!language.empty()) {
            std::string named = f;
            named.replace(at, 6, language);
            out.push_back(std::move(named));
        }
    }
    return out;
}

}  // namespace incidentmap::viewer
