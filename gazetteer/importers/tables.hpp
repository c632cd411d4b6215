#pragma once
// Readers for the project's own gazetteer tables in assets/gazetteer/ (documented in assets/gazetteer/README.md).
//
// read_countries: countries.tsv (iso2, iso3, numeric, name_en, geonameid, lat, lon) joined with country_names.tsv
// (iso2, lang, name) and with the Natural Earth TopoJSON's "countries" layer (feature id = ISO numeric code). A
// country's location is GeoNames' point (lat, lon) where the table has one, else the centroid (or point on surface)
// of its largest polygon; its radius is that of a disc of the outline's area. Countries with neither come back with
// has_outline = has_point = false; the index builder places them at their largest city.
//
// read_divisions: admin1.tsv or admin2.tsv (code "KZ.02" or "US.KY.169", name, asciiname, geonameid, lat, lon); lat,
// lon is the centroid of the division's Natural Earth polygons, empty where there is none with that GeoNames code.
//
// read_landmarks: landmarks.csv (id, name, aliases, kind, tags, lat, lon, city, country, source), RFC 4180 quoting.
//
// Every reader skips rows it cannot use and records them in the report with their line; a missing file throws
// core::InputError (or DatasetOpenError for the TopoJSON).

#include "gazetteer/import_report.hpp"
#include "gazetteer/source_place.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace incidentmap::gazetteer {

struct CountryRecord {
    SourcePlace place;      // class country, source country_table, names in many languages, source_id = ISO numeric
    std::string iso3;
    std::int64_t geonameid = 0;  // GeoNames feature of the country, 0 when the table has none
    bool has_outline = false;
    bool has_point = false;
};

std::vector<CountryRecord> read_countries(const std::filesystem::path& countries_tsv,
                                          const std::vector<std::filesystem::path>& country_names_tsv,
                                          const std::filesystem::path& outlines_topojson, ImportReport& report);

struct DivisionRecord {
    std::string country;  // "KZ"
    std::string code;     // "02" (first level), "KY.169" (second level: admin1.admin2)
    std::string name;
    std::string asciiname;
    std::int64_t geonameid = 0;
    std::optional<core::LatLon> shape_centroid;
};

std::vector<DivisionRecord> read_divisions(const std::filesystem::path& tsv, ImportReport& report);

// read_division_names: admin1_names.tsv (code "FR.53", lang, name): other names of a division, keyed by code.
std::unordered_map<std::string, std::vector<SourceName>> read_division_names(const std::filesystem::path& tsv, ImportReport& report);

std::vector<SourcePlace> read_landmarks(const std::filesystem::path& landmarks_csv, ImportReport& report);

namespace detail {
// One CSV record; nullopt when quotes are unbalanced.
std::optional<std::vector<std::string>> parse_csv_line(std::string_view line);
}  // namespace detail

}  // namespace incidentmap::gazetteer
