#include "gazetteer/build.hpp"

#include "core/assets.hpp"
#include "gazetteer/importers/geonames.hpp"
#include "gazetteer/importers/osm.hpp"
#include "gazetteer/importers/tables.hpp"
#include "gazetteer/name_folding.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <unordered_map>

namespace incidentmap::gazetteer {

namespace {

float prominence(const IndexBuilder::BuildPlace& p, std::string_view kind) {
    const float pop = static_cast<float>(std::log10(static_cast<double>(p.population) + 1.0) / 2.0);
    switch (p.source) {
        case PlaceSource::country_table: return 6.0f + pop;
        case PlaceSource::admin1_table: return 0.8f + pop;
        case PlaceSource::admin2_table: return 0.3f + pop;
        case PlaceSource::landmark_table: return 2.5f;
        case PlaceSource::osm:
            switch (p.place_class) {
                case PlaceClass::city: return 1.0f + pop;
                case PlaceClass::landmark:
                case PlaceClass::square: return 1.5f;
                default: return 0.8f + pop;
            }
        case PlaceSource::geonames: break;
    }
    if (p.place_class == PlaceClass::country) return 5.5f + pop;
    if (p.place_class != PlaceClass::city && p.place_class != PlaceClass::district) return 0.5f + pop;
    float bonus = 0;
    if (kind == "P.PPLC") bonus = 1.5f;
    else if (kind == "P.PPLA") bonus = 0.8f;
    else if (kind == "P.PPLA2") bonus = 0.3f;
    else if (p.place_class == PlaceClass::district) bonus = -0.3f;
    return 1.0f + pop + bonus;
}

std::string file_list(const std::vector<std::filesystem::path>& files) {
    std::string s;
    for (const auto& f : files) {
        if (!s.empty()) s += ',';
        s += f.filename().string();
    }
    return s;
}

// Finds the GeoNames city a point lies in: the most populous city whose rough extent (0.02 km per square root of
// its population: Almaty's 2 million give 28 km, a town of 3,000 gives 1 km) covers it, else the nearest city
// within 10 km. A grid of 0.25-degree cells keeps it to a few dozen distance computations.
class CityFinder {
public:
    CityFinder(const IndexBuilder& b, std::size_t count) : b_(b) {
        for (std::uint32_t i = 0; i < count; ++i)
            if (b.place(i).place_class == PlaceClass::city) cells_[cell(b.place(i).location, 0, 0)].push_back(i);
    }
    std::uint32_t find(core::LatLon p) const {
        std::uint32_t covering = IndexBuilder::kNoPlace, nearest = IndexBuilder::kNoPlace;
        double nearest_km = 10.0;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const auto it = cells_.find(cell(p, dy, dx));
                if (it == cells_.end()) continue;
                for (std::uint32_t i : it->second) {
                    const auto& c = b_.place(i);
                    const double km = core::distance(p, c.location).km();
                    if (km <= 0.02 * std::sqrt(static_cast<double>(c.population)) &&
                        (covering == IndexBuilder::kNoPlace || c.population > b_.place(covering).population))
                        covering = i;
                    if (km < nearest_km) nearest_km = km, nearest = i;
                }
            }
        return covering != IndexBuilder::kNoPlace ? covering : nearest;
    }

private:
    static std::int64_t cell(core::LatLon p, int dy, int dx) {
        const auto y = static_cast<std::int64_t>(std::floor(p.lat_deg() * 4)) + dy;
        const auto x = static_cast<std::int64_t>(std::floor(p.lon_deg() * 4)) + dx;
        return y * 4096 + x;
    }
    const IndexBuilder& b_;
    std::unordered_map<std::int64_t, std::vector<std::uint32_t>> cells_;
};

}  // namespace

BuildInputs BuildInputs::embedded_tables() {
    BuildInputs in;
    in.countries_tsv = core::find_asset("gazetteer/countries.tsv");
    in.country_names_tsv = {core::find_asset("gazetteer/country_names.tsv"), core::find_asset("gazetteer/country_common_names.tsv")};
    in.country_outlines = core::find_asset("basemap/countries-50m.json");
    in.admin1_tsv = core::find_asset("gazetteer/admin1.tsv");
    in.admin1_names_tsv = core::find_asset("gazetteer/admin1_names.tsv");
    in.admin2_tsv = core::find_asset("gazetteer/admin2.tsv");
    in.landmarks.push_back(core::find_asset("gazetteer/landmarks.csv"));
    return in;
}

namespace {

// Adds an administrative division populated by its places (GeoNames indexes, at least one) and returns its index.
// It is located at the middle of its area, which is where gazetteers put a region, not at its seat: Queensland's
// capital is on its coast. That is the centroid of its outline where the table has one; otherwise the middle of the
// spread of its places (the centre of the box between their 5th and 95th percentiles of latitude and longitude, so
// that one outlying island does not pull it).
std::uint32_t add_division(IndexBuilder& builder, const DivisionRecord& a, const std::vector<std::uint32_t>& places, int level,
                           const std::vector<SourceName>& other_names = {}) {
    std::uint32_t seat = places.front();
    const std::string_view capital = level == 1 ? "P.PPLA" : "P.PPLA2";
    std::uint64_t total = 0;
    std::vector<double> lats, lons;
    for (std::uint32_t m : places) {
        const auto& p = builder.place(m);
        total += p.population;
        const bool seat_is_capital = builder.text(builder.place(seat).kind) == capital;
        const bool m_is_capital = builder.text(p.kind) == capital;
        if ((m_is_capital && !seat_is_capital) || (m_is_capital == seat_is_capital && p.population > builder.place(seat).population))
            seat = m;
        lats.push_back(p.location.lat_deg());
        lons.push_back(p.location.lon_deg());
    }
    std::sort(lats.begin(), lats.end());
    std::sort(lons.begin(), lons.end());
    auto middle = [](const std::vector<double>& v) {
        return (v[v.size() * 5 / 100] + v[std::min(v.size() - 1, v.size() * 95 / 100)]) / 2;
    };
    core::LatLon at = core::LatLon::degrees(middle(lats), middle(lons));
    const bool astride_antimeridian = lons.back() - lons.front() > 180;
    // A region astride the antimeridian (Chukotka, Fiji's divisions) has no middle in longitude: keep the seat.
    if (astride_antimeridian) at = builder.place(seat).location;
    // The outline's code can be stale (Natural Earth gives Central Luzon a code GeoNames uses in Mindanao): its
    // centroid is used only where it lies among the region's places, within 2 degrees of their box.
    if (const auto& c = a.shape_centroid) {
        constexpr double kSlack = 2.0;
        const bool lat_in = c->lat_deg() >= lats.front() - kSlack && c->lat_deg() <= lats.back() + kSlack;
        const bool lon_in = astride_antimeridian || (c->lon_deg() >= lons.front() - kSlack && c->lon_deg() <= lons.back() + kSlack);
        if (lat_in && lon_in) at = *c;
    }
    std::vector<double> d;
    for (std::uint32_t m : places) d.push_back(core::distance(at, builder.place(m).location).value());
    std::sort(d.begin(), d.end());
    SourcePlace p;
    p.source = level == 1 ? PlaceSource::admin1_table : PlaceSource::admin2_table;
    p.source_id = a.geonameid;
    p.ref = a.country + "." + a.code;
    p.name = a.name;
    if (!a.asciiname.empty() && a.asciiname != a.name) p.names.push_back({a.asciiname, {}, 0});
    for (const SourceName& n : other_names)
        if (n.text != a.name && std::none_of(p.names.begin(), p.names.end(), [&](const SourceName& o) { return o.text == n.text; }))
            p.names.push_back(n);
    p.place_class = PlaceClass::admin_region;
    p.kind = level == 1 ? "A.ADM1" : "A.ADM2";
    p.location = at;
    p.population = total;
    p.country = a.country;
    p.admin1 = a.code.substr(0, a.code.find('.'));
    p.radius = core::Meters(std::max(level == 1 ? 5000.0 : 2000.0, d[std::min(d.size() - 1, d.size() * 9 / 10)]));
    return builder.add(std::move(p));
}

}  // namespace

BuildResult build_gazetteer(const BuildInputs& in, const std::filesystem::path& output,
                            const std::function<void(std::string_view, double)>& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    BuildResult result;
    ImportReport& report = result.report;
    IndexBuilder builder;
    auto stage = [&](const std::string& name) {
        return [&progress, name](double f) {
            if (progress) progress(name, f);
        };
    };

    std::vector<std::string> admin2_of;  // "US.KY.169" for each GeoNames place, while building only
    for (const auto& path : in.geonames)
        import_geonames(
            path,
            [&](SourcePlace&& p) {
                std::string key = p.admin2.empty() ? std::string() : p.country + "." + p.admin1 + "." + p.admin2;
                const std::uint32_t index = builder.add(std::move(p));
                admin2_of.resize(index + 1);
                admin2_of[index] = std::move(key);
            },
            report, stage("reading " + path.filename().string()));
    for (const auto& path : in.alternate_names)
        import_alternate_names(
            path,
            [&](std::int64_t id, SourceName&& n) {
                if (const auto place = builder.find_geonames(id)) builder.add_name(*place, n);
            },
            report, stage("reading " + path.filename().string()));
    const std::size_t geonames_count = builder.size();
    admin2_of.resize(geonames_count);

    // First-level divisions, then second-level ones (counties, districts), each populated by its places.
    if (!in.admin1_tsv.empty()) {
        // Towns locate and populate a region; their districts (Edmonton, a suburb of Cairns) lie in it all the same.
        std::unordered_map<std::string, std::vector<std::uint32_t>> members, districts;
        for (std::uint32_t i = 0; i < geonames_count; ++i) {
            const auto& p = builder.place(i);
            const auto code = builder.text(p.admin1_code);
            if (!p.country[0] || code.empty()) continue;
            if (p.place_class == PlaceClass::city) members[std::string(builder.country(i)) + "." + std::string(code)].push_back(i);
            if (p.place_class == PlaceClass::district) districts[std::string(builder.country(i)) + "." + std::string(code)].push_back(i);
        }
        const auto other_names = in.admin1_names_tsv.empty() ? std::unordered_map<std::string, std::vector<SourceName>>()
                                                              : read_division_names(in.admin1_names_tsv, report);
        for (auto& a : read_divisions(in.admin1_tsv, report)) {
            const std::string key = a.country + "." + a.code;
            const auto it = members.find(key);
            if (it == members.end()) continue;  // no place of the GeoNames input lies in it: nothing to locate it by
            const auto names = other_names.find(key);
            const std::uint32_t index =
                add_division(builder, a, it->second, 1, names == other_names.end() ? std::vector<SourceName>() : names->second);
            for (std::uint32_t m : it->second) builder.place(m).admin1 = index;
            if (const auto d = districts.find(key); d != districts.end())
                for (std::uint32_t m : d->second) builder.place(m).admin1 = index;
        }
    }
    if (!in.admin2_tsv.empty()) {
        const NameFolder folder;
        std::unordered_map<std::string, std::vector<std::uint32_t>> members;
        for (std::uint32_t i = 0; i < geonames_count; ++i)
            if (!admin2_of[i].empty() && builder.place(i).place_class == PlaceClass::city) members[admin2_of[i]].push_back(i);
        for (auto& a : read_divisions(in.admin2_tsv, report)) {
            const auto it = members.find(a.country + "." + a.code);
            if (it == members.end()) continue;
            // A division named like one of its places (a municipality and its town) only doubles that place.
            const std::string folded = folder.fold(a.name);
            if (std::any_of(it->second.begin(), it->second.end(),
                            [&](std::uint32_t m) { return folder.fold(builder.text(builder.place(m).name)) == folded; }))
                continue;
            const std::uint32_t index = add_division(builder, a, it->second, 2);
            builder.place(index).admin1 = builder.place(it->second.front()).admin1;
        }
    }

    // Countries: populated by their places; placed at their largest place when the outlines lack them.
    if (!in.countries_tsv.empty()) {
        std::map<std::string, std::pair<std::uint64_t, std::uint32_t>> by_country;  // total population, largest place
        for (std::uint32_t i = 0; i < geonames_count; ++i) {
            const auto& p = builder.place(i);
            if (!p.country[0] || p.place_class != PlaceClass::city) continue;
            auto [it, inserted] = by_country.try_emplace(std::string(builder.country(i)), 0, i);
            it->second.first += p.population;
            if (p.population > builder.place(it->second.second).population) it->second.second = i;
        }
        for (auto& c : read_countries(in.countries_tsv, in.country_names_tsv, in.country_outlines, report)) {
            const auto it = by_country.find(c.place.country);
            if (it != by_country.end()) c.place.population = it->second.first;
            if (!c.has_outline) {
                if (!c.has_point) {
                    if (it == by_country.end()) {
                        report.skipped(in.countries_tsv.filename().string(), "country " + c.place.country,
                                       "no point, no outline and no place to locate it by");
                        continue;
                    }
                    c.place.location = builder.place(it->second.second).location;
                }
                c.place.radius = core::Meters(50'000);
            }
            builder.add(std::move(c.place));
        }
    }

    for (const auto& path : in.landmarks) {
        if (progress) progress("reading " + path.filename().string(), 0);
        for (auto& p : read_landmarks(path, report)) {
            const std::uint32_t city = p.city_geonameid ? builder.find_geonames(p.city_geonameid).value_or(IndexBuilder::kNoPlace)
                                                        : IndexBuilder::kNoPlace;
            const std::uint32_t index = builder.add(std::move(p));
            if (city != IndexBuilder::kNoPlace) {
                builder.place(index).city = city;
                builder.place(index).admin1 = builder.place(city).admin1;
            }
        }
    }

    if (!in.osm.empty()) {
        const CityFinder cities(builder, geonames_count);
        for (const auto& path : in.osm) {
            if (progress) progress("reading " + path.filename().string(), 0);
            import_osm(path, [&](SourcePlace&& p) {
                const std::uint32_t city = p.place_class == PlaceClass::city ? IndexBuilder::kNoPlace : cities.find(p.location);
                if (city != IndexBuilder::kNoPlace && p.country.empty()) p.country = std::string(builder.country(city));
                const std::uint32_t index = builder.add(std::move(p));
                if (city != IndexBuilder::kNoPlace) {
                    builder.place(index).city = city;
                    builder.place(index).admin1 = builder.place(city).admin1;
                }
            }, report);
            if (progress) progress("reading " + path.filename().string(), 1);
        }
    }

    for (std::uint32_t i = 0; i < builder.size(); ++i) {
        auto& p = builder.place(i);
        p.prominence = prominence(p, builder.text(p.kind));
    }

    std::string sources = "geonames:" + file_list(in.geonames);
    if (!in.alternate_names.empty()) sources += " alt:" + file_list(in.alternate_names);
    if (!in.landmarks.empty()) sources += " landmarks:" + file_list(in.landmarks);
    if (!in.osm.empty()) sources += " osm:" + file_list(in.osm);
    result.stats = builder.write(output, sources, stage("writing " + output.filename().string()));
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

}  // namespace incidentmap::gazetteer
