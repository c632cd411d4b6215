// incidentmap gazetteer build | lookup | info: build the place index, query it, describe it.

#include "cli/command.hpp"
#include "cli/commands/gazetteer_option.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "gazetteer/build.hpp"
#include "gazetteer/gazetteer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include <unistd.h>

namespace incidentmap::cli {

namespace {

struct BuildArgs {
    std::vector<std::string> geonames, alternate_names, osm, landmarks;
    bool no_landmarks = false;
    std::string output;
};

struct LookupArgs {
    std::string name;
    std::string near;
    std::string country;
    bool fuzzy = false;
    bool prefix = false;
    std::size_t limit = 10;
    std::string format = "text";
    std::string index;
};

int run_build(const BuildArgs& args) {
    auto inputs = gazetteer::BuildInputs::embedded_tables();
    if (args.no_landmarks) inputs.landmarks.clear();
    for (const auto& f : args.landmarks) inputs.landmarks.emplace_back(f);
    for (const auto& f : args.geonames) inputs.geonames.emplace_back(f);
    for (const auto& f : args.alternate_names) inputs.alternate_names.emplace_back(f);
    for (const auto& f : args.osm) inputs.osm.emplace_back(f);
    // Check every input before the long work starts, so a typo fails at once.
    for (const auto* list : {&inputs.geonames, &inputs.alternate_names, &inputs.osm, &inputs.landmarks})
        for (const auto& f : *list)
            if (!std::filesystem::is_regular_file(f)) throw core::InputError(f.string(), "no such file");

    const bool tty = ::isatty(2);
    std::string last_stage;
    int last_percent = -1;
    auto progress = [&](std::string_view stage, double fraction) {
        const int percent = static_cast<int>(fraction * 100);
        if (stage == last_stage && percent == last_percent) return;
        if (!tty && stage == last_stage && percent % 25 != 0) return;  // logs get a few lines, terminals a live line
        if (stage != last_stage && !last_stage.empty() && tty) std::cerr << "\n";
        last_stage = std::string(stage);
        last_percent = percent;
        std::cerr << (tty ? "\r" : "") << "gazetteer: " << stage << " " << percent << "%" << (tty ? "" : "\n") << std::flush;
    };
    const auto result = gazetteer::build_gazetteer(inputs, args.output, progress);
    if (tty) std::cerr << "\n";
    const auto& r = result.report;
    for (const auto& p : r.problems()) std::cerr << p.source << ":" << p.location << ": skipped: " << p.detail << "\n";
    if (r.skipped_count() > r.problems().size())
        std::cerr << "... and " << (r.skipped_count() - r.problems().size()) << " more skipped\n";
    std::printf("built %s: %zu places, %zu names, %zu keys (%zu variant keys), %.1f MB in %.1f s; %zu records read, %zu skipped\n",
                args.output.c_str(), result.stats.places, result.stats.names, result.stats.exact_keys,
                result.stats.skeleton_keys, result.stats.file_bytes / 1e6, result.seconds, r.imported_count(), r.skipped_count());
    return kExitSuccess;
}

nlohmann::json to_json(const gazetteer::Candidate& c) {
    const auto& p = c.place;
    nlohmann::json names = nlohmann::json::array();
    for (const auto& n : p.names()) names.push_back(n.lang.empty() ? nlohmann::json(n.text) : nlohmann::json{{"name", n.text}, {"lang", n.lang}});
    nlohmann::json j{{"id", p.id()},
                     {"name", p.name()},
                     {"matched", c.matched_name()},
                     {"match", gazetteer::to_string(c.match)},
                     {"score", std::round(c.score * 1000) / 1000},
                     {"class", gazetteer::to_string(p.place_class())},
                     {"kind", p.kind()},
                     {"lat", p.location().lat_deg()},
                     {"lon", p.location().lon_deg()},
                     {"population", p.population()},
                     {"country", p.country()},
                     {"source", gazetteer::to_string(p.source())},
                     {"names", names}};
    if (auto a = p.admin1()) j["admin1"] = a->name();
    if (auto city = p.city()) j["city"] = city->name();
    if (p.radius().value() > 0) j["radius_m"] = p.radius().value();
    if (c.distance) j["distance_km"] = std::round(c.distance->km() * 10) / 10;
    return j;
}

int run_lookup(const LookupArgs& args) {
    gazetteer::LookupOptions options;
    options.fuzzy = args.fuzzy;
    options.prefix = args.prefix;
    options.limit = args.limit;
    if (!args.near.empty()) {
        options.near = core::parse_lat_lon(args.near);
        if (!options.near) throw core::InputError("--near", "expected LAT,LON in decimal degrees, got '" + args.near + "'");
    }
    if (!args.country.empty()) {
        if (args.country.size() != 2) throw core::InputError("--country", "expected an ISO 3166-1 alpha-2 code such as KZ, got '" + args.country + "'");
        std::string cc = args.country;
        for (char& c : cc) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        options.country = cc;
    }
    const auto g = gazetteer::Gazetteer::open(index_path(args.index));
    const auto found = g.lookup(args.name, options);
    if (args.format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& c : found) out.push_back(to_json(c));
        std::cout << out.dump(2) << "\n";
    } else {
        if (found.empty()) std::cerr << "incidentmap: no place named '" << args.name << "'\n";
        for (const auto& c : found) {
            const auto& p = c.place;
            std::printf("%-26s %-28s %10.5f %10.5f  %-2s %-12s %-10s pop %-9llu %s%s%s\n", p.id().c_str(), std::string(p.name()).c_str(),
                        p.location().lat_deg(), p.location().lon_deg(), std::string(p.country()).c_str(),
                        std::string(gazetteer::to_string(p.place_class())).c_str(), std::string(p.kind()).substr(0, 10).c_str(),
                        static_cast<unsigned long long>(p.population()), std::string(gazetteer::to_string(c.match)).c_str(),
                        c.matched_name() != p.name() ? (" '" + std::string(c.matched_name()) + "'").c_str() : "",
                        c.distance ? (" " + std::to_string(static_cast<long long>(c.distance->km())) + " km").c_str() : "");
        }
    }
    // No match is an answer (nothing on stdout, a note on stderr), not a failure: exit 0.
    return kExitSuccess;
}

int run_info(const std::string& index) {
    const auto path = index_path(index);
    const auto t0 = std::chrono::steady_clock::now();
    const auto g = gazetteer::Gazetteer::open(path);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const auto i = g.info();
    const std::time_t built = static_cast<std::time_t>(i.built_unix_time);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&built));
    std::printf("index     %s\nformat    version %u, %.1f MB, checksums verified (opened in %.1f ms)\nbuilt     %s\n"
                "sources   %s\nplaces    %zu\nnames     %zu\nkeys      %zu exact, %zu variant\n",
                path.c_str(), i.version, i.file_bytes / 1e6, ms, when, i.sources.c_str(), i.places, i.names, i.exact_keys,
                i.skeleton_keys);
    return kExitSuccess;
}

}  // namespace

Command add_gazetteer_command(CLI::App& root) {
    CLI::App* app = root.add_subcommand("gazetteer", "Build, query and describe the place-name index");
    app->require_subcommand(1);

    auto build = std::make_shared<BuildArgs>();
    CLI::App* b = app->add_subcommand("build", "Build an index from GeoNames, OpenStreetMap and landmark files");
    b->add_option("--geonames", build->geonames, "GeoNames export (cities500.txt, allCountries.txt, KZ.txt; .zst too)");
    b->add_option("--alternate-names", build->alternate_names, "GeoNames alternateNamesV2.txt");
    b->add_option("--osm", build->osm, "OpenStreetMap extract (.osm.pbf or .osm)");
    b->add_option("--landmarks", build->landmarks, "Extra landmark CSV (the embedded list is always included)");
    b->add_flag("--no-embedded-landmarks", build->no_landmarks, "Leave the embedded landmark list out");
    b->add_option("-o,--output", build->output, "Index file to write")->required();

    auto lookup = std::make_shared<LookupArgs>();
    CLI::App* l = app->add_subcommand("lookup", "Find places by name, in any script");
    l->add_option("name", lookup->name, "Place name")->required();
    l->add_option("--near", lookup->near, "LAT,LON: rank places near this point first");
    l->add_option("--country", lookup->country, "ISO alpha-2 code: only places in this country");
    l->add_flag("--fuzzy", lookup->fuzzy, "Also names within a small edit distance");
    l->add_flag("--prefix", lookup->prefix, "Also names that start with NAME (type-ahead)");
    l->add_option("--limit", lookup->limit, "At most this many results")->capture_default_str()->check(CLI::PositiveNumber);
    l->add_option("--format", lookup->format, "text or json")->capture_default_str()->check(CLI::IsMember({"text", "json"}));
    l->add_option("--index", lookup->index, "Index file (default: the embedded index beside the executable)");

    auto info_index = std::make_shared<std::string>();
    CLI::App* i = app->add_subcommand("info", "Describe an index and verify its checksums");
    i->add_option("--index", *info_index, "Index file (default: the embedded index)");

    return {app, [=] {
                if (b->parsed()) return run_build(*build);
                if (l->parsed()) return run_lookup(*lookup);
                return run_info(*info_index);
            }};
}

}  // namespace incidentmap::cli
