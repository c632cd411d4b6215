// incidentmap info: what this build is made of, and a check that each library and embedded data file works.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/geos.hpp"
#include "core/proj.hpp"
#include "gazetteer/morphology.hpp"
#include "gazetteer/name_folding.hpp"

#include <iostream>

namespace incidentmap::cli {

namespace {

int run_info() {
    int failures = 0;
    auto check = [&](const char* what, auto&& fn) {
        try {
            std::cout << "  " << what << ": " << fn() << "\n";
        } catch (const std::exception& e) {
            ++failures;
            std::cout << "  " << what << ": FAILED: " << e.what() << "\n";
        }
    };

    std::cout << "incidentmap " << INCIDENTMAP_VERSION << "\n";
    std::cout << "libraries:\n";
    check("GDAL", [] {
        core::gdal::ensure_initialized();
        return core::gdal::version() + ", " + std::to_string(GetGDALDriverManager()->GetDriverCount()) + " drivers";
    });
    check("PROJ", [] {
        core::proj::Context ctx;
        const auto t = core::proj::Transformation::wgs84_to_web_mercator(ctx);
        const auto p = t.forward(core::LatLon::degrees(43.25, 76.91667));
        return core::proj::version() + ", Almaty in EPSG:3857 = " + std::to_string(p->x) + ", " + std::to_string(p->y);
    });
    check("GEOS", [] {
        core::geos::Context ctx;
        const auto g = core::geos::Geometry::from_wkt(ctx, "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))");
        return core::geos::version() + ", point on surface of a square = " + g.point_on_surface().to_string();
    });
    check("ICU", [] {
        gazetteer::NameFolder folder;
        return gazetteer::icu_version() + ", 'Алма-Ата' folds to '" + folder.fold("Алма-Ата") + "'";
    });
    for (const char* dictionary : {"ru_RU", "fr_FR", "en_US"})
        check((std::string("Hunspell ") + dictionary).c_str(), [&] {
            const gazetteer::Morphology m(dictionary);
            const char* word = std::string_view(dictionary) == "ru_RU" ? "Китая" : std::string_view(dictionary) == "fr_FR" ? "Pendant" : "Officials";
            std::string lemmas;
            for (const auto& l : m.analyse(word).lemmas) lemmas += (lemmas.empty() ? "" : ", ") + l;
            return (gazetteer::Morphology::dictionary_dir() / dictionary).string() + ", '" + word + "' -> " + lemmas;
        });
    std::cout << "embedded data (search path:";
    for (const auto& d : core::asset_search_path()) std::cout << " " << d.string();
    std::cout << ")\n";
    check("basemap countries", [] {
        const auto path = core::find_asset("basemap/countries-50m.json");
        auto ds = core::gdal::Dataset::open_vector(path.string());
        return path.string() + ", " + std::to_string(ds.layer("countries").feature_count()) + " countries";
    });
    return failures == 0 ? kExitSuccess : kExitFailure;
}

}  // namespace

Command add_info_command(CLI::App& root) {
    CLI::App* app = root.add_subcommand("info", "Show the versions of the libraries and check the embedded data");
    return {app, run_info};
}

}  // namespace incidentmap::cli
