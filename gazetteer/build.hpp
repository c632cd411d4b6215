#pragma once
// Builds a gazetteer index from its sources: GeoNames exports (and alternate names), the embedded country, admin1
// and landmark tables, and OpenStreetMap extracts.
//
// What the build adds beyond the sources: each first-level division is placed at its seat (the PPLA place in it,
// else its most populous place) with the summed population of its places and a radius covering 90 % of them;
// countries get the summed population of their places (and, when the outlines lack them, their largest place's
// location); landmarks are linked to their city; every place gets the prominence that orders lookups by default.
// Problems in the inputs are skipped and listed in the result's report; a missing input file throws InputError.

#include "gazetteer/import_report.hpp"
#include "gazetteer/index_builder.hpp"

#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {

struct BuildInputs {
    std::vector<std::filesystem::path> geonames;
    std::vector<std::filesystem::path> alternate_names;
    std::vector<std::filesystem::path> landmarks;
    std::vector<std::filesystem::path> osm;
    std::filesystem::path countries_tsv;
    std::vector<std::filesystem::path> country_names_tsv;  // iso2, lang, name: the i18n table, then the common names
    std::filesystem::path country_outlines;
    std::filesystem::path admin1_tsv;
    std::filesystem::path admin1_names_tsv;  // optional: names of the first-level divisions in other languages
    std::filesystem::path admin2_tsv;

    // The embedded tables from assets/ (countries, names, outlines, admin1, admin2 and the landmark list); no GeoNames file.
    static BuildInputs embedded_tables();
};

struct BuildResult {
    IndexBuilder::Stats stats;
    ImportReport report;
    double seconds = 0;
};

// `progress(stage, fraction)` is called as each input is read and while the index is written.
BuildResult build_gazetteer(const BuildInputs& inputs, const std::filesystem::path& output,
                            const std::function<void(std::string_view stage, double fraction)>& progress = {});

}  // namespace incidentmap::gazetteer
