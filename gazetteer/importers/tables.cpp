#include "gazetteer/importers/tables.hpp"

#include "core/gdal.hpp"
#include "core/geos.hpp"
#include "core/io/line_reader.hpp"
#include "gazetteer/detail/parse_number.hpp"
#include "gazetteer/importers/geonames.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <numbers>
#include <unordered_map>

namespace incidentmap::gazetteer {

using detail::parse_number;

namespace detail {

std::optional<std::vector<std::string>> parse_csv_line(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else fields.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    return fields;
}

}  // namespace detail

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const std::size_t p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) return out;
        start = p + 1;
    }
}

// Reads a TSV with a header; calls row(fields, line) for each data row that has `columns` fields.
template <typename Row>
void read_tsv(const std::filesystem::path& path, std::size_t columns, ImportReport& report, Row&& row) {
    core::io::LineReader reader(path);
    const std::string file = path.filename().string();
    bool header = true;
    while (auto line = reader.next()) {
        if (header) {
            header = false;
            continue;
        }
        if (line->empty()) continue;
        const std::string where = "line " + std::to_string(reader.line_number());
        if (!detail::valid_utf8(*line)) {
            report.skipped(file, where, "invalid UTF-8");
            continue;
        }
        const auto f = split(*line, '\t');
        if (f.size() != columns) {
            report.skipped(file, where, "expected " + std::to_string(columns) + " tab-separated columns, found " + std::to_string(f.size()));
            continue;
        }
        row(f, where);
    }
}

// An optional point in two cells: both empty is no point; otherwise both must be degrees in range.
bool parse_optional_point(std::string_view lat_cell, std::string_view lon_cell, std::optional<core::LatLon>& out) {
    out.reset();
    if (lat_cell.empty() && lon_cell.empty()) return true;
    double lat = 0, lon = 0;
    if (!parse_number(lat_cell, lat) || !parse_number(lon_cell, lon) || std::abs(lat) > 90 || std::abs(lon) > 180) return false;
    out = core::LatLon::degrees(lat, lon);
    return true;
}

struct Outline {
    core::LatLon point;
    core::Meters radius;
};

// Largest polygon of each country outline, keyed by ISO numeric code.
std::unordered_map<std::string, Outline> read_outlines(const std::filesystem::path& topojson, ImportReport& report) {
    std::unordered_map<std::string, Outline> out;
    auto ds = core::gdal::Dataset::open_vector(topojson.string());
    auto layer = ds.layer("countries");
    core::geos::Context geos;
    const std::string file = topojson.filename().string();
    while (auto f = layer.next_feature()) {
        const char* id = f->GetFieldAsString("id");
        const OGRGeometry* g = f->GetGeometryRef();
        if (!id || !*id || !g) continue;  // Natural Earth has a few unnamed or geometry-less units
        // The largest part locates the country; all parts together give its area.
        const OGRGeometry* largest = g;
        double best = -1, total = 0;
        if (const auto* multi = dynamic_cast<const OGRMultiPolygon*>(g)) {
            for (const auto* part : *multi) {
                const double a = part->get_Area();
                total += a;
                if (a > best) best = a, largest = part;
            }
        } else if (const auto* poly = dynamic_cast<const OGRPolygon*>(g)) {
            total = poly->get_Area();
        }
        std::vector<unsigned char> wkb(largest->WkbSize());
        largest->exportToWkb(wkbNDR, wkb.data());
        try {
            const auto geom = core::geos::Geometry::from_wkb(geos, wkb);
            // Gazetteers and atlases put a country at the middle of its main landmass: the centroid of the largest
            // part, or a point on its surface when the centroid falls outside (a crescent-shaped country).
            // A part drawn across the antimeridian (Russia's) has a meaningless centroid in degrees.
            OGREnvelope box;
            largest->getEnvelope(&box);
            core::LatLon p;
            if (box.MaxX - box.MinX > 180 || box.MinX < -180 || box.MaxX > 180) {
                // Drawn across the antimeridian, or past it (Natural Earth's Russia reaches 190° E): the middle of
                // its extent, its longitude wrapped. Only the latitude enters the area; countries keep GeoNames' point.
                p = core::LatLon::degrees((box.MinY + box.MaxY) / 2, std::remainder((box.MinX + box.MaxX) / 2, 360.0));
            } else {
                p = geom.centroid();
                if (!geom.contains(core::geos::Geometry::point(geos, p))) p = geom.point_on_surface();
            }
            // Square degrees to square metres at this latitude; a disc of equal area gives the radius.
            const double m_per_deg = core::kEarthMeanRadius.value() * std::numbers::pi / 180;
            const double area_m2 = total * m_per_deg * m_per_deg * std::cos(p.lat_deg() * std::numbers::pi / 180);
            auto& slot = out[id];
            if (slot.radius.value() < std::sqrt(area_m2 / std::numbers::pi))
                slot = Outline{p, core::Meters(std::sqrt(area_m2 / std::numbers::pi))};
        } catch (const core::GeometryError& e) {
            report.skipped(file, std::string("feature id ") + id, e.detail());
        }
    }
    return out;
}

}  // namespace

std::vector<CountryRecord> read_countries(const std::filesystem::path& countries_tsv,
                                          const std::vector<std::filesystem::path>& country_names_tsvs,
                                          const std::filesystem::path& outlines_topojson, ImportReport& report) {
    const auto outlines = read_outlines(outlines_topojson, report);
    std::vector<CountryRecord> countries;
    std::map<std::string, std::size_t> by_iso2;
    read_tsv(countries_tsv, 7, report, [&](const std::vector<std::string_view>& f, const std::string& where) {
        if (f[0].size() != 2 || f[1].size() != 3) {
            report.skipped(countries_tsv.filename().string(), where, "ISO codes must have 2 and 3 letters");
            return;
        }
        CountryRecord c;
        c.place.source = PlaceSource::country_table;
        parse_number(f[2], c.place.source_id);
        c.place.name.assign(f[3]);
        c.place.place_class = PlaceClass::country;
        c.place.kind = "country";
        c.place.country.assign(f[0]);
        c.iso3.assign(f[1]);
        if (auto o = outlines.find(std::string(f[2])); o != outlines.end()) {
            c.place.location = o->second.point;
            c.place.radius = o->second.radius;
            c.has_outline = true;
        }
        // GeoNames' point for the country, where the table has one, is where gazetteers and annotated corpora put
        // it; the outline still gives the country its size.
        std::optional<core::LatLon> point;
        if (!parse_optional_point(f[5], f[6], point) || (!f[4].empty() && !parse_number(f[4], c.geonameid))) {
            report.skipped(countries_tsv.filename().string(), where, "geonameid, lat and lon must be numbers in range, or empty");
            return;
        }
        if (point) {
            c.place.location = *point;
            c.has_point = true;
        }
        by_iso2[c.place.country] = countries.size();
        countries.push_back(std::move(c));
    });
    for (const auto& country_names_tsv : country_names_tsvs)
    read_tsv(country_names_tsv, 3, report, [&](const std::vector<std::string_view>& f, const std::string& where) {
        const auto it = by_iso2.find(std::string(f[0]));
        if (it == by_iso2.end()) {
            report.skipped(country_names_tsv.filename().string(), where, "unknown country code '" + std::string(f[0]) + "'");
            return;
        }
        SourcePlace& p = countries[it->second].place;
        auto add = [&](std::string_view name) {
            while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
            if (name.empty() || name == p.name) return;
            // The same name in another language is kept under that language too: Belarusian and Russian both write
            // "Казахстан", and a map in Russian looks for the Russian one.
            for (const auto& n : p.names)
                if (n.text == name && n.lang == f[1]) return;
            p.names.push_back({std::string(name), std::string(f[1]), 0});
        };
        // "КНР (Китайская Народная Республика)": a short name with its long form in brackets is two names.
        const std::size_t open = f[2].find(" (");
        if (open != std::string_view::npos && f[2].back() == ')') {
            add(f[2].substr(0, open));
            add(f[2].substr(open + 2, f[2].size() - open - 3));
        } else {
            add(f[2]);
        }
    });
    report.imported(countries.size());
    return countries;
}

std::vector<DivisionRecord> read_divisions(const std::filesystem::path& tsv, ImportReport& report) {
    std::vector<DivisionRecord> out;
    const std::string file = tsv.filename().string();
    read_tsv(tsv, 6, report, [&](const std::vector<std::string_view>& f, const std::string& where) {
        if (f[0].find('.') != 2 || f[0].size() < 4 || f[1].empty()) {
            report.skipped(file, where, "code '" + std::string(f[0]) + "' is not CC.CODE, or no name");
            return;
        }
        DivisionRecord r{std::string(f[0].substr(0, 2)), std::string(f[0].substr(3)), std::string(f[1]), std::string(f[2]), 0, {}};
        if (!parse_optional_point(f[4], f[5], r.shape_centroid) || (!f[3].empty() && !parse_number(f[3], r.geonameid))) {
            report.skipped(file, where, "geonameid, lat and lon must be numbers in range, or empty");
            return;
        }
        out.push_back(std::move(r));
    });
    report.imported(out.size());
    return out;
}

std::unordered_map<std::string, std::vector<SourceName>> read_division_names(const std::filesystem::path& tsv, ImportReport& report) {
    std::unordered_map<std::string, std::vector<SourceName>> out;
    std::size_t rows = 0;
    read_tsv(tsv, 3, report, [&](const std::vector<std::string_view>& f, const std::string& where) {
        if (f[0].find('.') != 2 || f[0].size() < 4 || f[2].empty()) {
            report.skipped(tsv.filename().string(), where, "code '" + std::string(f[0]) + "' is not CC.CODE, or no name");
            return;
        }
        out[std::string(f[0])].push_back({std::string(f[2]), std::string(f[1]), 0});
        ++rows;
    });
    report.imported(rows);
    return out;
}

std::vector<SourcePlace> read_landmarks(const std::filesystem::path& csv, ImportReport& report) {
    std::vector<SourcePlace> out;
    core::io::LineReader reader(csv);
    const std::string file = csv.filename().string();
    bool header = true;
    std::int64_t row_number = 0;
    while (auto line = reader.next()) {
        if (header) {
            // The header names the columns; a file without one would lose its first landmark as the "header".
            header = false;
            const auto names = detail::parse_csv_line(*line);
            const std::vector<std::string> expected{"id", "name", "aliases", "kind", "tags", "lat", "lon", "city", "country", "source"};
            if (!names || *names != expected)
                throw core::InputError(csv.string(), "the first line is not the header 'id,name,aliases,kind,tags,lat,lon,city,country,source'",
                                       "line 1");
            continue;
        }
        if (line->empty()) continue;
        ++row_number;
        const std::string where = "line " + std::to_string(reader.line_number());
        auto skip = [&](std::string why) { report.skipped(file, where, std::move(why)); };
        if (!detail::valid_utf8(*line)) {
            skip("invalid UTF-8");
            continue;
        }
        const auto fields = detail::parse_csv_line(*line);
        if (!fields) {
            skip("unbalanced quotes");
            continue;
        }
        const auto& f = *fields;
        if (f.size() != 10) {
            skip("expected 10 columns (id,name,aliases,kind,tags,lat,lon,city,country,source), found " + std::to_string(f.size()));
            continue;
        }
        double lat = 0, lon = 0;
        const auto location = parse_number(f[5], lat) && parse_number(f[6], lon) ? core::LatLon::try_degrees(lat, lon) : std::nullopt;
        if (!location) {
            skip("coordinates '" + f[5] + "', '" + f[6] + "' are not a valid latitude and longitude");
            continue;
        }
        if (f[1].empty()) {
            skip("empty name");
            continue;
        }
        if (!f[8].empty() && !detail::is_country_code(f[8])) {
            skip("country code '" + f[8] + "' is not two capital letters (ISO 3166-1 alpha-2)");
            continue;
        }
        SourcePlace p;
        p.source = PlaceSource::landmark_table;
        p.source_id = row_number;
        p.ref = f[0];
        p.name = f[1];
        for (auto alias : split(f[2], '|'))
            if (!alias.empty() && alias != f[1]) p.names.push_back({std::string(alias), {}, 0});
        p.place_class = f[3] == "square" ? PlaceClass::square : PlaceClass::landmark;
        p.kind = f[3] + (f[4].empty() ? "" : ";" + f[4]);
        p.location = *location;
        p.country = f[8];
        parse_number(f[7], p.city_geonameid);
        report.imported();
        out.push_back(std::move(p));
    }
    if (header) throw core::InputError(csv.string(), "is empty: not even the header 'id,name,aliases,kind,tags,lat,lon,city,country,source'");
    return out;
}

}  // namespace incidentmap::gazetteer
