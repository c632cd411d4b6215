#include "viewer/vector_geometry.hpp"

#include "viewer/basemap_style.hpp"
#include "viewer/detail/ear_clipping.hpp"

#include <cpl_conv.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace incidentmap::viewer {

namespace {

constexpr double kMaxMercatorLatDeg = 85.0511287798066;
constexpr double kHalfWorld = 20'037'508.342789244;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The field indices of the simplestyle-spec properties in one layer (-1 where absent).
struct StyleFields {
    int fill = -1, fill_opacity = -1, stroke = -1, stroke_opacity = -1, stroke_width = -1, marker_color = -1;
    explicit StyleFields(OGRFeatureDefn& defn) {
        fill = defn.GetFieldIndex("fill");
        fill_opacity = defn.GetFieldIndex("fill-opacity");
        stroke = defn.GetFieldIndex("stroke");
        stroke_opacity = defn.GetFieldIndex("stroke-opacity");
        stroke_width = defn.GetFieldIndex("stroke-width");
        marker_color = defn.GetFieldIndex("marker-color");
    }
    static std::optional<double> number(OGRFeature& f, int i) {
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
        return f.GetFieldAsDouble(i);
    }
    static std::string text(OGRFeature& f, int i) {
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
        return f.GetFieldAsString(i);
    }
    void apply(OGRFeature& f, VectorGeometry::Feature& out) const {
        const float fo = static_cast<float>(std::clamp(number(f, fill_opacity).value_or(0.6), 0.0, 1.0));
        const float so = static_cast<float>(std::clamp(number(f, stroke_opacity).value_or(1.0), 0.0, 1.0));
        out.fill = parse_hex_color(text(f, fill), fo);
        out.stroke = parse_hex_color(text(f, stroke), so);
        if (!out.stroke && out.fill == 0) out.stroke = parse_hex_color(text(f, marker_color), 1.0f);
        if (const auto w = number(f, stroke_width); w && *w > 0 && *w < 50) out.stroke_width = static_cast<float>(*w);
    }
};

}  // namespace

PackedColor parse_hex_color(const std::string& text, float opacity) {
    std::string s = text;
    if (!s.empty() && s[0] == '#') s.erase(0, 1);
    int v[8];
    for (std::size_t i = 0; i < s.size() && i < 8; ++i)
        if ((v[i] = hex_digit(s[i])) < 0) return 0;
    std::uint32_t r, g, b, a = 255;
    if (s.size() == 3) {
        r = v[0] * 17, g = v[1] * 17, b = v[2] * 17;
    } else if (s.size() == 6 || s.size() == 8) {
        r = v[0] * 16 + v[1], g = v[2] * 16 + v[3], b = v[4] * 16 + v[5];
        if (s.size() == 8) a = v[6] * 16 + v[7];
    } else {
        return 0;
    }
    a = static_cast<std::uint32_t>(std::lround(a * std::clamp(opacity, 0.0f, 1.0f)));
    const PackedColor c = (a << 24) | (b << 16) | (g << 8) | r;
    return c == 0 ? 1 : c;  // fully transparent black still differs from "no colour"
}

// The value of OSM tag `key` in GDAL's other_tags text: "k1"=>"v1","k2"=>"v2" (backslash escapes); empty if absent.
std::string hstore_value(std::string_view tags, std::string_view key) {
    std::size_t i = 0;
    auto quoted = [&](std::string& out) {
        out.clear();
        while (i < tags.size() && tags[i] != '"') ++i;
        if (i++ >= tags.size()) return false;
        for (; i < tags.size() && tags[i] != '"'; ++i) {
            if (tags[i] == '\\' && i + 1 < tags.size()) ++i;
            out += tags[i];
        }
        return i++ < tags.size();
    };
    std::string k, v;
    while (quoted(k)) {
        if (tags.compare(i, 2, "=>") != 0) return {};
        i += 2;
        if (!quoted(v)) return {};
        if (k == key) return v;
    }
    return {};
}

// A style's rules as they apply to one layer: which can match at all, the field each compares, the label fields.
struct LayerRules {
    const BasemapStyle* style = nullptr;
    std::vector<bool> applies;
    std::vector<int> field;  // -1: looked up in other_tags
    std::vector<std::string> label_names;
    std::vector<int> label_field;
    int other_tags = -1;

    LayerRules(const BasemapStyle* s, const std::string& layer, OGRFeatureDefn& defn, const std::string& language) : style(s) {
        if (!style) return;
        other_tags = defn.GetFieldIndex("other_tags");
        for (const StyleRule& r : style->rules) {
            applies.push_back(r.layer.empty() || r.layer == layer);
            field.push_back(r.field.empty() ? -1 : defn.GetFieldIndex(r.field.c_str()));
        }
        label_names = style->label_fields_for(language);
        for (const std::string& n : label_names) label_field.push_back(defn.GetFieldIndex(n.c_str()));
    }

    std::string value(OGRFeature& f, int index, const std::string& name) const {
        if (index >= 0) return f.IsFieldSetAndNotNull(index) ? f.GetFieldAsString(index) : std::string();
        if (other_tags < 0 || !f.IsFieldSetAndNotNull(other_tags)) return {};
        return hstore_value(f.GetFieldAsString(other_tags), name);
    }

    static StyleRule::Geometry kind(const OGRGeometry& g) {
        switch (wkbFlatten(g.getGeometryType())) {
            case wkbPoint: case wkbMultiPoint: return StyleRule::Geometry::point;
            case wkbLineString: case wkbMultiLineString: return StyleRule::Geometry::line;
            case wkbPolygon: case wkbMultiPolygon: return StyleRule::Geometry::polygon;
            default: return StyleRule::Geometry::any;
        }
    }

    // The first rule that matches, or -1.
    int match(OGRFeature& f, const OGRGeometry& g) const {
        const StyleRule::Geometry k = kind(g);
        for (std::size_t i = 0; i < style->rules.size(); ++i) {
            const StyleRule& r = style->rules[i];
            if (!applies[i] || (r.geometry != StyleRule::Geometry::any && r.geometry != k)) continue;
            if (!r.field.empty()) {
                const std::string v = value(f, field[i], r.field);
                if (v.empty()) continue;
                if (!r.values.empty() && std::find(r.values.begin(), r.values.end(), v) == r.values.end()) continue;
            }
            return static_cast<int>(i);
        }
        return -1;
    }

    std::string label(OGRFeature& f) const {
        for (std::size_t i = 0; i < label_names.size(); ++i)
            if (std::string v = value(f, label_field[i], label_names[i]); !v.empty()) return v;
        return {};
    }
};

class VectorGeometry::Builder {
public:
    Builder(VectorGeometry& out, const Options& options) : out_(out), options_(options) {}

    void add_layer(core::gdal::Layer& layer) {
        const OGRSpatialReference* srs = layer.get().GetSpatialRef();
        geographic_ = !srs || srs->IsGeographic();
        std::string source_crs = "EPSG:4326";
        if (srs) {
            char* wkt = nullptr;
            const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
            if (srs->exportToWkt(&wkt, opts) == OGRERR_NONE && wkt) source_crs = wkt;
            CPLFree(wkt);
        }
        try {
            transform_.emplace(core::proj::Transformation::between(ctx_, source_crs, "EPSG:3857"));
        } catch (const core::CrsError& e) {
            throw core::InputError(layer.dataset_path(), "cannot reproject to Web Mercator: " + e.detail(),
                                   "layer " + layer.name());
        }
        const StyleFields styles(*layer.get().GetLayerDefn());
        const LayerRules rules(options_.style, layer.name(), *layer.get().GetLayerDefn(), options_.language);
        layer.reset_reading();
        while (auto feature = layer.next_feature()) {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (!g || g->IsEmpty()) continue;
            int rule = -1;
            if (rules.style) {
                rule = rules.match(*feature, *g);
                if (rule >= 0 && rules.style->rules[static_cast<std::size_t>(rule)].hide) continue;
            }
            feature_ = static_cast<std::uint32_t>(out_.features_.size());
            out_.features_.emplace_back();
            out_.features_.back().rule = rule;
            if (rule >= 0 && rules.style->rules[static_cast<std::size_t>(rule)].label) {
                if (std::string name = rules.label(*feature); !name.empty()) {
                    out_.features_.back().label = static_cast<std::uint32_t>(out_.labels_.size());
                    out_.labels_.push_back(std::move(name));
                }
            }
            if (options_.read_styles) styles.apply(*feature, out_.features_.back());
            add_geometry(*g);
            out_.box_.extend(out_.features_.back().box);
        }
    }

private:
    void add_geometry(const OGRGeometry& g) {
        switch (wkbFlatten(g.getGeometryType())) {
            case wkbPoint: add_point(*g.toPoint()); break;
            case wkbLineString: add_line(*g.toLineString()); break;
            case wkbPolygon: add_polygon(*g.toPolygon()); break;
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection:
                for (const OGRGeometry* part : *g.toGeometryCollection()) add_geometry(*part);
                break;
            default:  // curves, surfaces, TINs: their linear approximation
                if (std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry()); linear && !linear->IsEmpty() &&
                                                                                 wkbFlatten(linear->getGeometryType()) != wkbFlatten(g.getGeometryType()))
                    add_geometry(*linear);
                break;
        }
    }

    // Projects `xs`/`ys` in place; points PROJ cannot project become HUGE_VAL.
    void project(std::vector<double>& xs, std::vector<double>& ys) {
        if (geographic_)
            for (double& y : ys) y = std::clamp(y, -kMaxMercatorLatDeg, kMaxMercatorLatDeg);
        transform_->forward(xs, ys);
        for (double& y : ys)
            if (std::isfinite(y) && y != HUGE_VAL) y = std::clamp(y, -kHalfWorld, kHalfWorld);
    }

    static bool usable(double x, double y) { return std::isfinite(x) && std::isfinite(y) && x != HUGE_VAL && y != HUGE_VAL; }

    void add_point(const OGRPoint& p) {
        std::vector<double> xs{p.getX()}, ys{p.getY()};
        project(xs, ys);
        if (!usable(xs[0], ys[0])) {
            ++out_.skipped_parts_;
            return;
        }
        out_.markers_.push_back({{xs[0], ys[0]}, feature_});
        out_.features_[feature_].box.extend(xs[0], ys[0]);
    }

    // Reads and projects a curve's points, dropping unprojectable ones and a repeated closing point.
    // Geographic coordinates are first made continuous across the antimeridian (Natural Earth's Russia and Fiji
    // jump from 180 to -180 mid-ring): a jump of more than 180 degrees is taken as a crossing, and the rest of
    // the curve is shifted by 360, so the feature extends past +-180 and world wrap draws it whole. A ring that
    // thereby ends 360 degrees from where it started goes round a pole (Antarctica): it is closed through it.
    std::vector<core::proj::XY> read(const OGRSimpleCurve& c, bool ring) {
        const int n = c.getNumPoints();
        std::vector<double> xs(n), ys(n);
        for (int i = 0; i < n; ++i) xs[i] = c.getX(i), ys[i] = c.getY(i);
        // Shifts in whole worlds, applied after projecting: PROJ would wrap longitudes past 180 back.
        std::vector<double> worlds(n, 0.0);
        if (geographic_ && n > 1) {
            double shift = 0, lat_sum = ys[0];
            for (int i = 1; i < n; ++i) {
                const double step = xs[i] - xs[i - 1];
                if (step > 180) shift -= 1;
                else if (step < -180) shift += 1;
                worlds[i] = shift;
                lat_sum += ys[i];
            }
            if (ring && shift != 0) {
                const double pole = lat_sum > 0 ? 90.0 : -90.0;
                xs.insert(xs.end(), {xs[n - 1], xs[0], xs[0]});
                ys.insert(ys.end(), {pole, pole, ys[0]});
                worlds.insert(worlds.end(), {shift, 0.0, 0.0});
            }
            // A curve that starts on the antimeridian would otherwise lie mostly a world away from its holes and
            // neighbours: shift it whole so that the middle of its extent falls within [-180, 180].
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                lo = std::min(lo, xs[i] + 360 * worlds[i]);
                hi = std::max(hi, xs[i] + 360 * worlds[i]);
            }
            if (const double k = std::round((lo + hi) / 2 / 360); k != 0)
                for (double& w : worlds) w -= k;
        }
        project(xs, ys);
        for (std::size_t i = 0; i < xs.size(); ++i)
            if (worlds[i] != 0 && usable(xs[i], ys[i])) xs[i] += worlds[i] * 2 * kHalfWorld;
        std::vector<core::proj::XY> pts;
        pts.reserve(xs.size());
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (!usable(xs[i], ys[i])) continue;
            if (!pts.empty() && pts.back().x == xs[i] && pts.back().y == ys[i]) continue;
            pts.push_back({xs[i], ys[i]});
        }
        if (ring && pts.size() > 1 && pts.front().x == pts.back().x && pts.front().y == pts.back().y) pts.pop_back();
        return pts;
    }

    static double ring_area(const std::vector<core::proj::XY>& pts) {
        double a = 0;
        for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) a += (pts[j].x - pts[i].x) * (pts[j].y + pts[i].y);
        return std::abs(a) / 2;
    }

    void add_path(const std::vector<core::proj::XY>& pts, bool closed) {
        Path path;
        path.first = static_cast<std::uint32_t>(out_.points_.size());
        path.count = static_cast<std::uint32_t>(pts.size());
        path.closed = closed;
        path.feature = feature_;
        for (const auto& p : pts) path.box.extend(p.x, p.y);
        out_.points_.insert(out_.points_.end(), pts.begin(), pts.end());
        out_.features_[feature_].box.extend(path.box);
        out_.paths_.push_back(path);
    }

    void add_line(const OGRLineString& line) {
        auto pts = read(line, false);
        if (pts.size() < 2) {
            ++out_.skipped_parts_;
            return;
        }
        add_path(pts, false);
    }

    void add_polygon(const OGRPolygon& poly) {
        // Rings without area (a ring along a pole, flattened by Mercator's latitude limit) are dropped; the
        // largest remaining ring is the outer one when the first is gone or smaller than a hole (polar polygons
        // as spherical renderers write them).
        std::vector<std::vector<core::proj::XY>> rings;
        std::vector<double> areas;
        for (const OGRLinearRing* ring : poly) {
            auto pts = read(*ring, true);
            const double area = pts.size() >= 3 ? ring_area(pts) : 0.0;
            if (!(area > 1.0)) {  // square metres: nothing a map can show
                ++out_.skipped_parts_;
                continue;
            }
            rings.push_back(std::move(pts));
            areas.push_back(area);
        }
        if (rings.empty()) return;
        const auto outer = static_cast<std::size_t>(std::max_element(areas.begin(), areas.end()) - areas.begin());
        if (outer != 0) std::swap(rings[0], rings[outer]);

        std::vector<double> xy;
        std::vector<std::uint32_t> ring_ends;
        for (const auto& pts : rings) {
            add_path(pts, true);
            for (const auto& p : pts) xy.push_back(p.x), xy.push_back(p.y);
            ring_ends.push_back(static_cast<std::uint32_t>(xy.size() / 2));
        }
        if (options_.fill_polygons) add_fill(xy, detail::triangulate(xy, ring_ends));
    }

    // Cuts the triangles into chunks of at most kMaxChunkVertices vertices each, with their own vertex lists.
    void add_fill(const std::vector<double>& xy, const std::vector<std::uint32_t>& triangles) {
        const std::size_t n_points = xy.size() / 2;
        std::vector<std::uint32_t> local(n_points, UINT32_MAX);
        std::vector<std::uint32_t> used;  // points given a local index in the current chunk
        FillChunk chunk;
        auto begin_chunk = [&] {
            for (std::uint32_t p : used) local[p] = UINT32_MAX;
            used.clear();
            chunk = FillChunk{};
            chunk.first_vertex = static_cast<std::uint32_t>(out_.fill_vertices_.size());
            chunk.first_index = static_cast<std::uint32_t>(out_.fill_indices_.size());
            chunk.feature = feature_;
        };
        auto end_chunk = [&] {
            if (chunk.index_count > 0) out_.chunks_.push_back(chunk);
        };
        begin_chunk();
        for (std::size_t t = 0; t + 2 < triangles.size(); t += 3) {
            if (chunk.vertex_count + 3 > kMaxChunkVertices) {
                end_chunk();
                begin_chunk();
            }
            for (int k = 0; k < 3; ++k) {
                const std::uint32_t p = triangles[t + k];
                if (local[p] == UINT32_MAX) {
                    local[p] = chunk.vertex_count++;
                    used.push_back(p);
                    out_.fill_vertices_.push_back({xy[2 * p], xy[2 * p + 1]});
                    chunk.box.extend(xy[2 * p], xy[2 * p + 1]);
                }
                out_.fill_indices_.push_back(static_cast<std::uint16_t>(local[p]));
                ++chunk.index_count;
            }
        }
        end_chunk();
    }

    VectorGeometry& out_;
    const Options& options_;
    core::proj::Context ctx_;
    std::optional<core::proj::Transformation> transform_;
    bool geographic_ = true;
    std::uint32_t feature_ = 0;
};

VectorGeometry VectorGeometry::load(const core::gdal::Dataset& dataset, const std::vector<std::string>& layer_names,
                                    const Options& options) {
    VectorGeometry out;
    Builder builder(out, options);
    if (layer_names.empty()) {
        for (int i = 0; i < dataset.layer_count(); ++i) {
            auto layer = dataset.layer(i);
            builder.add_layer(layer);
        }
    } else {
        for (const auto& name : layer_names) {
            auto layer = dataset.layer(name);
            builder.add_layer(layer);
        }
    }
    if (options.style) {
        // Drawn in order: by rule, unmatched features first.
        auto rule_of = [&](std::uint32_t feature) { return out.features_[feature].rule; };
        std::stable_sort(out.paths_.begin(), out.paths_.end(), [&](const Path& a, const Path& b) { return rule_of(a.feature) < rule_of(b.feature); });
        std::stable_sort(out.chunks_.begin(), out.chunks_.end(),
                         [&](const FillChunk& a, const FillChunk& b) { return rule_of(a.feature) < rule_of(b.feature); });
        std::stable_sort(out.markers_.begin(), out.markers_.end(),
                         [&](const Marker& a, const Marker& b) { return rule_of(a.feature) < rule_of(b.feature); });
    }
    return out;
}

}  // namespace incidentmap::viewer
