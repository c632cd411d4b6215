#pragma once
// Readers for GeoNames exports, plain or zstd-compressed, streamed line by line.
//
// import_geonames: the main export format (cities500.txt, allCountries.txt, per-country files such as KZ.txt):
// 19 tab-separated columns. Each usable line becomes one SourcePlace (source geonames, kind "P.PPLA"); its
// alternatenames column becomes names without language. Lines with the wrong column count, invalid UTF-8, a
// non-numeric id, coordinates that are not numbers or out of range, or an empty name are skipped and recorded in the
// report with their line number. Alternate names that are codes rather than names (all-capital ASCII of up to four
// letters such as "ALA", anything with a digit, URLs) are dropped silently.
//
// import_alternate_names: alternateNamesV2.txt (10 columns) or the older alternateNames.txt (8 columns):
// alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName, isColloquial, isHistoric[, from, to].
// Rows whose "language" is a code system (link, post, iata, icao, faac, abbr, wkdt, unlc, tcid, fr_1793) are not
// names and are skipped without report.
//
// A missing or unreadable file throws core::InputError.

#include "core/utf8.hpp"
#include "gazetteer/import_report.hpp"
#include "gazetteer/source_place.hpp"

#include <filesystem>
#include <functional>

namespace incidentmap::gazetteer {

// Called with the fraction of the file read (0..1), at most a few times a second.
using Progress = std::function<void(double)>;

void import_geonames(const std::filesystem::path& path, const std::function<void(SourcePlace&&)>& sink,
                     ImportReport& report, const Progress& progress = {});

void import_alternate_names(const std::filesystem::path& path,
                            const std::function<void(std::int64_t geonameid, SourceName&&)>& sink, ImportReport& report,
                            const Progress& progress = {});

namespace detail {
using core::valid_utf8;  // core/utf8.hpp
bool looks_like_code(std::string_view name);
// Two capital ASCII letters (ISO 3166-1 alpha-2 in the form SourcePlace::country holds).
bool is_country_code(std::string_view code);
}  // namespace detail

}  // namespace incidentmap::gazetteer
