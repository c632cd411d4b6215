#include "gazetteer/importers/osm.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/lat_lon.hpp"
#include "gazetteer/detail/osm_tags.hpp"
#include "gazetteer/importers/geonames.hpp"  // detail::valid_utf8

#include <ogr_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <numbers>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incidentmap::gazetteer {

namespace detail {

bool parse_other_tags(std::string_view text, OsmTags& tags) {
    std::size_t i = 0;
    const auto skip_spaces = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    };
    // Reads a quoted string starting at i; false when there is none or it never ends.
    const auto read_quoted = [&](std::string& out) {
        if (i >= text.size() || text[i] != '"') return false;
        ++i;
        out.clear();
        while (i < text.size()) {
            char c = text[i++];
            if (c == '"') return true;
            if (c == '\\') {
                if (i >= text.size()) return false;
                c = text[i++];
            }
            out += c;
        }
        return false;
    };
    // hstore spells a missing value NULL, in any case; GDAL never writes one, PostgreSQL dumps may.
    const auto read_null = [&] {
        if (text.size() - i < 4) return false;
        for (std::size_t k = 0; k < 4; ++k) {
            if ((text[i + k] & ~0x20) != "NULL"[k]) return false;
        }
        i += 4;
        return true;
    };

    std::string key;
    std::string value;
    skip_spaces();
    while (i < text.size()) {
        if (!read_quoted(key)) return false;
        skip_spaces();
        if (text.substr(i, 2) != "=>") return false;
        i += 2;
        skip_spaces();
        if (!read_null()) {
            if (!read_quoted(value)) return false;
            tags.try_emplace(std::move(key), std::move(value));
        }
        skip_spaces();
        if (i == text.size()) break;
        if (text[i] != ',') return false;
        ++i;
        skip_spaces();
        if (i == text.size()) return false;  // a trailing ',' means the text was cut
    }
    return true;
}

}  // namespace detail

namespace {

using detail::OsmTags;
using detail::valid_utf8;

constexpr double kPi = std::numbers::pi;
constexpr double kMetersPerDegree = core::kEarthMeanRadius.value() * kPi / 180.0;

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), v) != set.end();
}

std::string_view tag(const OsmTags& tags, std::string_view key) {
    const auto it = tags.find(key);
    return it == tags.end() ? std::string_view() : std::string_view(it->second);
}

template <typename Int>
std::optional<Int> parse_int(std::string_view s) {
    Int v{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

// A language subtag as OSM uses them after "name:": "en", "kk", "zh-Hans", "be-tarask"; not "prefix" or "left".
bool is_language_code(std::string_view s) {
    const auto dash = s.find('-');
    const std::string_view primary = s.substr(0, dash);
    if (primary.size() < 2 || primary.size() > 3) return false;
    if (!std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    if (dash == std::string_view::npos) return true;
    const std::string_view rest = s.substr(dash + 1);
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// "1 234", "1,234" and "1234" are all 1234; anything else (ranges, years, decimals) is no population.
std::uint64_t parse_population(std::string_view s) {
    std::string digits;
    for (const char c : trim(s)) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ' && c != ',') return 0;
    }
    if (digits.empty() || digits.size() > 12) return 0;
    return parse_int<std::uint64_t>(digits).value_or(0);
}

std::string parse_country(const OsmTags& tags) {
    for (const auto key : {"addr:country", "is_in:country_code", "ISO3166-1:alpha2", "ISO3166-1"}) {
        std::string code(trim(tag(tags, key)));
        if (code.size() != 2) continue;
        for (char& c : code) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        if (std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return code;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Names

struct Names {
    std::string primary;
    std::vector<SourceName> variants;
};

void add_variant(std::vector<SourceName>& names, std::string_view text, std::string_view lang, std::uint8_t flags) {
    text = trim(text);
    if (text.empty() || !valid_utf8(text)) return;  // a broken variant is not worth losing the place for
    // The same text with and without a language is one variant; in two languages it is two.
    for (auto& n : names) {
        if (n.text == text && (n.lang == lang || n.lang.empty() || lang.empty())) {
            n.flags |= flags;
            if (n.lang.empty()) n.lang = lang;
            return;
        }
    }
    names.push_back(SourceName{std::string(text), std::string(lang), flags});
}

void drop_primary(std::vector<SourceName>& names, const std::string& primary) {
    std::erase_if(names, [&](const SourceName& n) { return n.text == primary; });
}

struct NameKey {
    std::string_view base;
    std::uint8_t flags;
};
constexpr NameKey kVariantKeys[] = {
    {"alt_name", 0},
    {"old_name", kNameHistoric},
    {"official_name", kNameOfficial},
    {"short_name", kNameShort},
    {"loc_name", kNameColloquial},
    {"int_name", 0},
};

// The primary name and every variant, or nullopt when the element has no usable name. `invalid` is set when a
// name was there but was not valid UTF-8 (worth a report entry, unlike a plain unnamed feature).
std::optional<Names> collect_names(const OsmTags& tags, bool& invalid) {
    invalid = false;
    Names out;
    std::string_view name = trim(tag(tags, "name"));
    if (!name.empty() && !valid_utf8(name)) {
        invalid = true;
        name = {};
    }
    std::string_view first_lang_name;
    std::string_view english;
    for (auto it = tags.lower_bound(std::string_view("name:")); it != tags.end(); ++it) {
        const std::string_view key = it->first;
        if (!key.starts_with("name:")) break;
        const std::string_view lang = key.substr(5);
        if (!is_language_code(lang)) continue;
        const std::string_view text = trim(it->second);
        if (text.empty()) continue;
        if (!valid_utf8(text)) {
            invalid = true;
            continue;
        }
        if (first_lang_name.empty()) first_lang_name = text;
        if (lang == "en") english = text;
        add_variant(out.variants, text, lang, 0);
    }
    out.primary = std::string(!name.empty() ? name : !english.empty() ? english : first_lang_name);
    if (out.primary.empty()) return std::nullopt;

    for (const auto& [base, flags] : kVariantKeys) {
        for (auto it = tags.lower_bound(base); it != tags.end() && it->first.starts_with(base); ++it) {
            const std::string_view key = it->first;
            std::string_view lang;
            if (key.size() > base.size()) {
                if (key[base.size()] != ':' || !is_language_code(key.substr(base.size() + 1))) continue;
                lang = key.substr(base.size() + 1);
            }
            // OSM lists several values with ';' ("Alma-Ata;Verny").
            std::string_view rest = it->second;
            while (!rest.empty()) {
                const auto semi = rest.find(';');
                add_variant(out.variants, rest.substr(0, semi), lang, flags);
                rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            }
        }
    }
    drop_primary(out.variants, out.primary);
    invalid = false;  // a broken variant beside a usable primary name is dropped quietly
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Classification

enum class LayerKind { points, lines, multilinestrings, multipolygons, other_relations, unknown };

enum class Merge : std::uint8_t { none, street, river };

struct Classification {
    PlaceClass place_class;
    std::string_view key;  // the tag that decided, first in the kind text
    Merge merge = Merge::none;
};

std::optional<Classification> classify(const OsmTags& tags, LayerKind layer, const OsmImportOptions& options) {
    const bool area = layer == LayerKind::multipolygons;
    const bool linear = layer == LayerKind::lines || layer == LayerKind::multilinestrings;

    if (const auto v = tag(tags, "place"); !v.empty()) {
        if (one_of(v, {"city", "town", "village", "hamlet"})) return Classification{PlaceClass::city, "place"};
        if (one_of(v, {"suburb", "neighbourhood", "quarter", "borough", "city_block"}))
            return Classification{PlaceClass::district, "place"};
        if (v == "square") return Classification{PlaceClass::square, "place"};
        if (one_of(v, {"state", "province", "region", "county", "district", "municipality"}))
            return Classification{PlaceClass::admin_region, "place"};
        if (one_of(v, {"island", "islet"})) return Classification{PlaceClass::natural, "place"};
    }
    // Boundary ways are lines without a name of their own; only the relation (an area) is the region. Countries
    // (admin_level 2) come from the country table, with their ISO codes.
    if (area && tag(tags, "boundary") == "administrative") {
        if (const auto level = parse_int<int>(trim(tag(tags, "admin_level"))); level && *level > 2)
            return Classification{PlaceClass::admin_region, "boundary"};
    }
    if (const auto v = tag(tags, "highway"); !v.empty()) {
        if (area && one_of(v, {"pedestrian", "footway", "living_street"}))
            return Classification{PlaceClass::square, "highway"};
        if (linear && options.streets &&
            one_of(v, {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
                       "living_street", "pedestrian", "service", "road", "track", "footway", "path", "cycleway",
                       "busway", "construction", "motorway_link", "trunk_link", "primary_link", "secondary_link",
                       "tertiary_link"}))
            return Classification{PlaceClass::street, "highway", Merge::street};
    }

    const auto landmark = [](std::string_view key) { return Classification{PlaceClass::landmark, key}; };
    if (one_of(tag(tags, "amenity"),
               {"townhall", "police", "courthouse", "embassy", "hospital", "clinic", "university", "college",
                "school", "fire_station", "bus_station", "ferry_terminal", "marketplace", "place_of_worship",
                "monastery", "theatre", "cinema", "arts_centre", "community_centre", "conference_centre",
                "exhibition_centre", "library", "post_office", "prison", "public_building"}))
        return landmark("amenity");
    if (one_of(tag(tags, "man_made"), {"tower", "mast", "communications_tower", "lighthouse", "water_tower", "bridge"}))
        return landmark("man_made");
    if (one_of(tag(tags, "aeroway"), {"aerodrome", "terminal", "heliport"})) return landmark("aeroway");
    if (tag(tags, "railway") == "station") return landmark("railway");
    if (tag(tags, "public_transport") == "station") return landmark("public_transport");
    if (tag(tags, "office") == "government") return landmark("office");
    if (!tag(tags, "tourism").empty()) return landmark("tourism");
    if (!tag(tags, "historic").empty()) return landmark("historic");
    if (one_of(tag(tags, "leisure"), {"park", "garden", "stadium", "sports_centre"})) return landmark("leisure");
    if (!tag(tags, "government").empty()) return landmark("government");
    // Last among landmarks: a museum in a public building is a museum first.
    if (one_of(tag(tags, "building"), {"government", "public", "civic", "train_station", "transportation", "hospital",
                                       "university", "cathedral", "church", "mosque", "synagogue", "temple"}))
        return landmark("building");

    if (one_of(tag(tags, "natural"), {"peak", "hill", "volcano", "ridge", "saddle", "valley", "gorge", "glacier",
                                      "water", "spring", "bay", "strait", "beach", "cape", "cliff", "rock",
                                      "cave_entrance", "wetland", "wood"}))
        return Classification{PlaceClass::natural, "natural"};
    if (const auto v = tag(tags, "waterway"); v == "river" || v == "canal") {
        return Classification{PlaceClass::natural, "waterway", linear ? Merge::river : Merge::none};
    }
    return std::nullopt;
}

// "man_made=tower;tower:type=communication;height=371.5": the deciding tag, then the others that say what it is.
std::string kind_text(const OsmTags& tags, std::string_view first_key) {
    static constexpr std::string_view kKindKeys[] = {
        "place",  "boundary", "admin_level", "highway", "amenity",  "man_made", "tower:type", "aeroway",
        "railway", "public_transport", "office", "government", "building", "tourism", "historic", "leisure",
        "natural", "water", "waterway", "height"};
    std::string out;
    const auto append = [&](std::string_view key) {
        const std::string_view value = trim(tag(tags, key));
        if (value.empty() || (key == "building" && value == "yes")) return;
        if (!out.empty()) out += ';';
        out += key;
        out += '=';
        // ';' separates the pairs here; OSM's own multi-values ("school;kindergarten") keep theirs as ','.
        for (const char c : value) out += c == ';' ? ',' : c;
    };
    append(first_key);
    for (const auto key : kKindKeys) {
        if (key != first_key) append(key);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry, in degrees (x = longitude, y = latitude) and in a local equirectangular frame in metres

struct XY {
    double x = 0;
    double y = 0;
};
using Polyline = std::vector<XY>;

struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    void add(XY p) {
        min_x = std::min(min_x, p.x);
        min_y = std::min(min_y, p.y);
        max_x = std::max(max_x, p.x);
        max_y = std::max(max_y, p.y);
    }
    void add(const Box& b) {
        min_x = std::min(min_x, b.min_x);
        min_y = std::min(min_y, b.min_y);
        max_x = std::max(max_x, b.max_x);
        max_y = std::max(max_y, b.max_y);
    }
    XY center() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
};

// Metres per degree around one latitude: good to a fraction of a percent over a city or a street.
struct Frame {
    XY origin;
    double kx;
    double ky = kMetersPerDegree;

    explicit Frame(XY o) : origin(o), kx(kMetersPerDegree * std::max(std::cos(o.y * kPi / 180.0), 1e-6)) {}
    XY to_m(XY p) const { return {(p.x - origin.x) * kx, (p.y - origin.y) * ky}; }
    XY to_deg(XY m) const { return {origin.x + m.x / kx, origin.y + m.y / ky}; }
};

double box_gap_m(const Box& a, const Box& b, const Frame& f) {
    const double dx = std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x}) * f.kx;
    const double dy = std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y}) * f.ky;
    return std::hypot(dx, dy);
}

double half_diagonal_m(const Box& b) {
    const Frame f(b.center());
    return std::hypot((b.max_x - b.min_x) * f.kx, (b.max_y - b.min_y) * f.ky) / 2;
}

// The point of segment ab nearest p, all in metres.
XY nearest_on_segment(XY p, XY a, XY b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return {a.x + t * dx, a.y + t * dy};
}

double point_segment_m(XY p, XY a, XY b) {
    const XY q = nearest_on_segment(p, a, b);
    return std::hypot(p.x - q.x, p.y - q.y);
}

double cross(XY o, XY a, XY b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

double segment_segment_m(XY a, XY b, XY c, XY d) {
    const double d1 = cross(c, d, a);
    const double d2 = cross(c, d, b);
    const double d3 = cross(a, b, c);
    const double d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0.0;
    return std::min({point_segment_m(a, c, d), point_segment_m(b, c, d), point_segment_m(c, a, b),
                     point_segment_m(d, a, b)});
}

// Whether two sets of polylines come within `limit` metres of each other.
bool lines_within(const std::vector<Polyline>& a, const std::vector<Polyline>& b, const Frame& f, double limit) {
    std::vector<XY> bm;
    for (const auto& lb : b) {
        bm.clear();
        for (const auto& p : lb) bm.push_back(f.to_m(p));
        for (const auto& la : a) {
            for (std::size_t i = 0; i < la.size(); ++i) {
                const XY a0 = f.to_m(la[i]);
                const XY a1 = i + 1 < la.size() ? f.to_m(la[i + 1]) : a0;
                for (std::size_t j = 0; j < bm.size(); ++j) {
                    const XY b1 = j + 1 < bm.size() ? bm[j + 1] : bm[j];
                    if (segment_segment_m(a0, a1, bm[j], b1) <= limit) return true;
                }
            }
        }
    }
    return false;
}

struct Shape {
    XY point;
    double radius_m = 0;
};

// The point of the lines nearest their length-weighted centroid (a centroid of a bent street can lie off it), and
// half the diagonal of their extent as the radius.
std::optional<Shape> line_shape(const std::vector<const Polyline*>& lines) {
    Box box;
    for (const auto* l : lines) {
        for (const auto& p : *l) box.add(p);
    }
    if (!(box.min_x <= box.max_x)) return std::nullopt;
    const Frame f(box.center());

    double sx = 0, sy = 0, total = 0;
    double px = 0, py = 0;
    std::size_t points = 0;
    for (const auto* l : lines) {
        for (std::size_t i = 0; i < l->size(); ++i) {
            const XY a = f.to_m((*l)[i]);
            px += a.x;
            py += a.y;
            ++points;
            if (i + 1 == l->size()) break;
            const XY b = f.to_m((*l)[i + 1]);
            const double len = std::hypot(b.x - a.x, b.y - a.y);
            sx += (a.x + b.x) / 2 * len;
            sy += (a.y + b.y) / 2 * len;
            total += len;
        }
    }
    const XY centroid = total > 0 ? XY{sx / total, sy / total} : XY{px / points, py / points};

    XY best = f.to_m(lines.front()->front());
    double best_d = std::numeric_limits<double>::infinity();
    for (const auto* l : lines) {
        for (std::size_t i = 0; i < l->size(); ++i) {
            const XY a = f.to_m((*l)[i]);
            const XY b = i + 1 < l->size() ? f.to_m((*l)[i + 1]) : a;
            const XY q = nearest_on_segment(centroid, a, b);
            const double d = std::hypot(q.x - centroid.x, q.y - centroid.y);
            if (d < best_d) {
                best_d = d;
                best = q;
            }
        }
    }
    return Shape{f.to_deg(best), half_diagonal_m(box)};
}

void collect_lines(const OGRGeometry& g, std::vector<Polyline>& out) {
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbLineString: {
        const auto& ls = *g.toLineString();
        Polyline line;
        line.reserve(static_cast<std::size_t>(ls.getNumPoints()));
        for (int i = 0; i < ls.getNumPoints(); ++i) line.push_back({ls.getX(i), ls.getY(i)});
        if (!line.empty()) out.push_back(std::move(line));
        break;
    }
    case wkbMultiLineString:
    case wkbGeometryCollection:
        for (const auto* part : *g.toGeometryCollection()) collect_lines(*part, out);
        break;
    default:
        break;
    }
}

struct GeometryDeleter {
    void operator()(OGRGeometryH g) const { OGR_G_DestroyGeometry(g); }
};
using OwnedGeometry = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDeleter>;

// A point inside the geometry (GEOS through OGR); a repaired copy is tried when GEOS rejects an invalid polygon.
std::optional<XY> point_on_surface(const OGRGeometry& g, std::string& why) {
    const core::gdal::ErrorCapture capture;  // GEOS's complaints about invalid input go into `why`, not stderr
    auto* handle = OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g));
    OwnedGeometry p(OGR_G_PointOnSurface(handle));
    if (!p || OGR_G_IsEmpty(p.get())) {
        const OwnedGeometry valid(OGR_G_MakeValid(handle));
        if (valid) p.reset(OGR_G_PointOnSurface(valid.get()));
    }
    if (!p || OGR_G_IsEmpty(p.get()) || wkbFlatten(OGR_G_GetGeometryType(p.get())) != wkbPoint) {
        why = "no point on its surface";
        if (const auto m = capture.message(); !m.empty()) why += ": " + m;
        return std::nullopt;
    }
    return XY{OGR_G_GetX(p.get(), 0), OGR_G_GetY(p.get(), 0)};
}

// True when g is of type `single` or `multi`, or is a collection holding such a part.
bool has_part(const OGRGeometry& g, OGRwkbGeometryType single, OGRwkbGeometryType multi) {
    const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
    if (t == single || t == multi) return true;
    if (t != wkbGeometryCollection) return false;
    for (const auto* part : *g.toGeometryCollection())
        if (has_part(*part, single, multi)) return true;
    return false;
}

bool has_polygon(const OGRGeometry& g) { return has_part(g, wkbPolygon, wkbMultiPolygon); }
bool has_line(const OGRGeometry& g) { return has_part(g, wkbLineString, wkbMultiLineString); }

// Where a non-merged feature is and how far it reaches; nullopt with `why` when the geometry is unusable.
std::optional<Shape> feature_shape(const OGRGeometry* g, std::string& why) {
    if (!g || g->IsEmpty()) {
        why = "no geometry";
        return std::nullopt;
    }
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPoint) {
        const auto* p = g->toPoint();
        return Shape{{p->getX(), p->getY()}, 0.0};
    }
    OGREnvelope env;
    g->getEnvelope(&env);
    const Box box{env.MinX, env.MinY, env.MaxX, env.MaxY};
    if (has_polygon(*g)) {
        const double area_deg2 = OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)));
        if (!(area_deg2 > 0)) {
            why = "polygon has no area";
            return std::nullopt;
        }
        const auto p = point_on_surface(*g, why);
        if (!p) return std::nullopt;
        const Frame f(box.center());
        return Shape{*p, std::sqrt(area_deg2 * f.kx * f.ky / kPi)};
    }
    if (has_line(*g)) {
        std::vector<Polyline> lines;
        collect_lines(*g, lines);
        std::vector<const Polyline*> refs;
        for (const auto& l : lines) refs.push_back(&l);
        if (auto s = line_shape(refs)) return s;
        why = "empty line";
        return std::nullopt;
    }
    const auto p = point_on_surface(*g, why);  // multipoints: the member nearest the centre
    if (!p) return std::nullopt;
    return Shape{*p, half_diagonal_m(box)};
}

// ---------------------------------------------------------------------------------------------------------------
// Street and river merging

struct Segment {
    std::int64_t source_id = 0;
    std::vector<Polyline> lines;
    Box box;
    double length_m = 0;
    std::string kind;  // "highway=primary" (links folded into their road), "waterway=river"
    std::vector<SourceName> names;
    std::string country;
};

struct MergeGroup {
    std::string name;
    PlaceClass place_class = PlaceClass::street;
    std::vector<Segment> segments;
};

// Streets merge within a family of highway values: an avenue that is trunk at one end and secondary at the other is
// still one avenue, but a footway that shares its name is not part of it.
std::string_view highway_family(std::string_view highway) {
    if (one_of(highway, {"motorway", "trunk", "primary", "secondary", "tertiary"})) return "major";
    if (one_of(highway, {"footway", "path", "cycleway", "busway"})) return "path";
    return "minor";
}

double length_m(const std::vector<Polyline>& lines, const Box& box) {
    const Frame f(box.center());
    double total = 0;
    for (const auto& l : lines) {
        for (std::size_t i = 1; i < l.size(); ++i) {
            const XY a = f.to_m(l[i - 1]);
            const XY b = f.to_m(l[i]);
            total += std::hypot(b.x - a.x, b.y - a.y);
        }
    }
    return total;
}

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::size_t{0}); }
    std::size_t find(std::size_t i) {
        while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
        return i;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::size_t> parent_;
};

// Clusters of segments chained by gaps of at most `limit` metres. A sweep over boxes sorted by west edge keeps a
// common name spread over a country ("Centralnaya") from costing n^2 exact distance tests.
std::vector<std::vector<std::size_t>> cluster(const std::vector<Segment>& segs, double limit) {
    const std::size_t n = segs.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return segs[a].box.min_x < segs[b].box.min_x; });
    double max_abs_lat = 0;
    for (const auto& s : segs) max_abs_lat = std::max({max_abs_lat, std::abs(s.box.min_y), std::abs(s.box.max_y)});
    // Degrees of longitude that `limit` spans at the group's most poleward latitude: a safe sweep window.
    const double window_deg = limit / (kMetersPerDegree * std::max(std::cos(max_abs_lat * kPi / 180.0), 1e-6));

    UnionFind uf(n);
    for (std::size_t oi = 0; oi < n; ++oi) {
        const Segment& a = segs[order[oi]];
        for (std::size_t oj = oi + 1; oj < n; ++oj) {
            const Segment& b = segs[order[oj]];
            if (b.box.min_x > a.box.max_x + window_deg) break;
            if (uf.find(order[oi]) == uf.find(order[oj])) continue;
            Box both = a.box;
            both.add(b.box);
            const Frame f(both.center());
            if (box_gap_m(a.box, b.box, f) > limit) continue;
            if (lines_within(a.lines, b.lines, f, limit)) uf.unite(order[oi], order[oj]);
        }
    }
    std::map<std::size_t, std::vector<std::size_t>> by_root;
    for (std::size_t i = 0; i < n; ++i) by_root[uf.find(i)].push_back(i);
    std::vector<std::vector<std::size_t>> out;
    out.reserve(by_root.size());
    for (auto& [root, members] : by_root) out.push_back(std::move(members));
    return out;
}

std::string location_of(OsmType type, std::int64_t id) {
    const char* prefix = type == OsmType::node ? "node/" : type == OsmType::way ? "way/" : "relation/";
    return prefix + std::to_string(id);
}

// ---------------------------------------------------------------------------------------------------------------
// The reader

struct LayerInfo {
    OGRLayer* layer = nullptr;
    LayerKind kind = LayerKind::unknown;
    int osm_id = -1;
    int osm_way_id = -1;
    int other_tags = -1;
    int all_tags = -1;
    std::vector<std::pair<int, std::string>> tag_fields;  // fields that hold one tag each, by osmconf.ini
};

LayerInfo describe(OGRLayer& layer) {
    LayerInfo info;
    info.layer = &layer;
    const std::string_view name = layer.GetName();
    info.kind = name == "points"             ? LayerKind::points
                : name == "lines"            ? LayerKind::lines
                : name == "multilinestrings" ? LayerKind::multilinestrings
                : name == "multipolygons"    ? LayerKind::multipolygons
                : name == "other_relations"  ? LayerKind::other_relations
                                             : LayerKind::unknown;
    const OGRFeatureDefn& defn = *layer.GetLayerDefn();
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const std::string field = defn.GetFieldDefn(i)->GetNameRef();
        if (field == "osm_id") info.osm_id = i;
        else if (field == "osm_way_id") info.osm_way_id = i;
        else if (field == "other_tags") info.other_tags = i;
        else if (field == "all_tags") info.all_tags = i;
        else if (!one_of(field, {"osm_version", "osm_timestamp", "osm_uid", "osm_user", "osm_changeset", "z_order"}))
            info.tag_fields.emplace_back(i, field);
    }
    return info;
}

class Importer {
public:
    Importer(std::string source, const std::function<void(SourcePlace&&)>& sink, ImportReport& report,
             const OsmImportOptions& options)
        : source_(std::move(source)), sink_(sink), report_(report), options_(options) {}

    void feature(OGRLayer& layer, const OGRFeature& f) {
        const LayerInfo& info = layer_info(layer);
        if (info.kind == LayerKind::unknown) return;

        tags_.clear();
        for (const auto& [index, key] : info.tag_fields) {
            if (f.IsFieldSetAndNotNull(index)) tags_.try_emplace(key, f.GetFieldAsString(index));
        }
        bool tags_ok = true;
        for (const int index : {info.other_tags, info.all_tags}) {
            if (index >= 0 && f.IsFieldSetAndNotNull(index) &&
                !detail::parse_other_tags(f.GetFieldAsString(index), tags_))
                tags_ok = false;
        }

        const auto element = element_of(info, f);
        if (!tags_ok) {
            // What was parsed may lack the very tag that mattered; a partial place is worse than none.
            skip(element, "other_tags is not a valid hstore list");
            return;
        }
        const auto cls = classify(tags_, info.kind, options_);
        if (!cls) return;
        bool invalid_name = false;
        auto names = collect_names(tags_, invalid_name);
        if (!names) {
            if (invalid_name) skip(element, "name is not valid UTF-8");
            return;
        }
        if (!element) {
            skip(std::nullopt, "feature '" + names->primary + "' has no OSM id");
            return;
        }
        const std::int64_t source_id = encode_osm_id(element->first, element->second);

        if (cls->merge != Merge::none) {
            add_segment(*cls, std::move(*names), source_id, f.GetGeometryRef(), *element);
            return;
        }

        std::string why;
        const auto shape = feature_shape(f.GetGeometryRef(), why);
        if (!shape) {
            skip(element, why);
            return;
        }
        const auto location = core::LatLon::try_degrees(shape->point.y, shape->point.x);
        if (!location) {
            skip(element, "coordinates out of range");
            return;
        }
        SourcePlace place;
        place.source = PlaceSource::osm;
        place.source_id = source_id;
        place.name = std::move(names->primary);
        place.names = std::move(names->variants);
        place.place_class = cls->place_class;
        place.kind = kind_text(tags_, cls->key);
        place.location = *location;
        place.population = parse_population(tag(tags_, "population"));
        place.country = parse_country(tags_);
        place.radius = core::Meters(shape->radius_m);
        give(std::move(place));
    }

    // Merges the collected segments and gives the streets and rivers, group by group.
    void finish() {
        for (auto& [key, group] : groups_) {
            for (const auto& members : cluster(group.segments, options_.merge_distance.value())) {
                give_merged(group, members);
            }
            group.segments = {};  // release memory as we go
        }
        groups_.clear();
    }

private:
    const LayerInfo& layer_info(OGRLayer& layer) {
        for (const auto& info : layers_) {
            if (info.layer == &layer) return info;
        }
        layers_.push_back(describe(layer));
        return layers_.back();
    }

    static std::optional<std::pair<OsmType, std::int64_t>> element_of(const LayerInfo& info, const OGRFeature& f) {
        const auto read = [&](int index) -> std::optional<std::int64_t> {
            if (index < 0 || !f.IsFieldSetAndNotNull(index)) return std::nullopt;
            return parse_int<std::int64_t>(trim(f.GetFieldAsString(index)));
        };
        switch (info.kind) {
        case LayerKind::points:
            if (const auto id = read(info.osm_id)) return std::pair{OsmType::node, *id};
            break;
        case LayerKind::lines:
            if (const auto id = read(info.osm_id)) return std::pair{OsmType::way, *id};
            break;
        case LayerKind::multipolygons:
            // Relations carry osm_id, closed ways osm_way_id.
            if (const auto id = read(info.osm_id)) return std::pair{OsmType::relation, *id};
            if (const auto id = read(info.osm_way_id)) return std::pair{OsmType::way, *id};
            break;
        case LayerKind::multilinestrings:
        case LayerKind::other_relations:
            if (const auto id = read(info.osm_id)) return std::pair{OsmType::relation, *id};
            break;
        case LayerKind::unknown:
            break;
        }
        return std::nullopt;
    }

    void skip(const std::optional<std::pair<OsmType, std::int64_t>>& element, std::string detail) {
        report_.skipped(source_, element ? location_of(element->first, element->second) : "unknown element",
                        std::move(detail));
    }

    void give(SourcePlace&& place) {
        sink_(std::move(place));
        report_.imported();
    }

    void add_segment(const Classification& cls, Names&& names, std::int64_t source_id, const OGRGeometry* g,
                     const std::pair<OsmType, std::int64_t>& element) {
        Segment seg;
        seg.source_id = source_id;
        if (g) collect_lines(*g, seg.lines);
        for (const auto& l : seg.lines) {
            for (const auto& p : l) seg.box.add(p);
        }
        if (seg.lines.empty()) {
            skip(element, "no line geometry");
            return;
        }
        if (!core::LatLon::try_degrees(seg.box.min_y, seg.box.min_x) ||
            !core::LatLon::try_degrees(seg.box.max_y, seg.box.max_x)) {
            skip(element, "coordinates out of range");
            return;
        }
        seg.length_m = length_m(seg.lines, seg.box);
        seg.names = std::move(names.variants);
        seg.country = parse_country(tags_);

        std::string key;
        if (cls.merge == Merge::street) {
            std::string_view highway = trim(tag(tags_, "highway"));
            if (highway.ends_with("_link")) highway.remove_suffix(5);  // a ramp belongs to its road
            seg.kind = "highway=" + std::string(highway);
            key = "highway:" + std::string(highway_family(highway));
        } else {
            seg.kind = kind_text(tags_, cls.key);
            key = seg.kind;
        }
        auto& group = groups_[key + '\n' + names.primary];
        if (group.segments.empty()) {
            group.name = std::move(names.primary);
            group.place_class = cls.place_class;
        }
        group.segments.push_back(std::move(seg));
    }

    void give_merged(const MergeGroup& group, const std::vector<std::size_t>& members) {
        std::vector<const Polyline*> lines;
        SourcePlace place;
        place.source = PlaceSource::osm;
        place.source_id = std::numeric_limits<std::int64_t>::max();
        place.name = group.name;
        place.place_class = group.place_class;
        std::map<std::string_view, double> length_by_kind;  // the merged place is what most of its length is
        for (const std::size_t i : members) {
            const Segment& s = group.segments[i];
            length_by_kind[s.kind] += s.length_m;
            place.source_id = std::min(place.source_id, s.source_id);
            for (const auto& l : s.lines) lines.push_back(&l);
            for (const auto& n : s.names) add_variant(place.names, n.text, n.lang, n.flags);
            if (place.country.empty()) place.country = s.country;
        }
        place.kind = std::max_element(length_by_kind.begin(), length_by_kind.end(), [](const auto& a, const auto& b) {
                         return a.second < b.second;
                     })->first;
        const auto shape = line_shape(lines);
        const auto location = shape ? core::LatLon::try_degrees(shape->point.y, shape->point.x) : std::nullopt;
        if (!location) {  // segments were checked on the way in; this would be a bug, but a reported one
            report_.skipped(source_, location_of(osm_type_of(place.source_id), osm_id_of(place.source_id)),
                            "merged line has no location");
            return;
        }
        place.location = *location;
        place.radius = core::Meters(shape->radius_m);
        give(std::move(place));
    }

    std::string source_;
    const std::function<void(SourcePlace&&)>& sink_;
    ImportReport& report_;
    const OsmImportOptions& options_;
    std::vector<LayerInfo> layers_;
    OsmTags tags_;  // reused: the tags of the feature at hand
    std::map<std::string, MergeGroup> groups_;  // ordered: merged places come out in a stable order
};

}  // namespace

void import_osm(const std::filesystem::path& path, const std::function<void(SourcePlace&&)>& sink, ImportReport& report,
                const OsmImportOptions& options) {
    auto dataset = core::gdal::Dataset::open_vector(path.string());
    // Another driver would open a GeoJSON file just as well, and its layers would silently yield nothing.
    if (const GDALDriver* driver = dataset.get().GetDriver(); !driver || std::string_view(driver->GetDescription()) != "OSM")
        throw core::InputError(path.string(), std::string("not an OpenStreetMap extract (GDAL reads it as ") +
                                                  (driver ? driver->GetDescription() : "unknown") + ")");
    const std::string source = path.filename().string();
    Importer importer(source, sink, report, options);
    std::size_t read = 0;
    for (;;) {
        OGRLayer* layer = nullptr;
        core::gdal::Feature feature;
        {
            // The driver reports an element it drops (a node at latitude 95) as a failure and reads on; only a
            // failure before anything could be read means the file itself is unreadable.
            const core::gdal::ErrorCapture capture;
            feature.reset(dataset.get().GetNextFeature(&layer, nullptr, nullptr, nullptr));
            if (capture.failed()) {
                if (!feature && read == 0) throw core::InputError(path.string(), capture.message());
                report.skipped(source, "reader", capture.message());
            }
        }
        if (!feature) break;
        ++read;
        if (layer) importer.feature(*layer, *feature);
    }
    importer.finish();
}

}  // namespace incidentmap::gazetteer
