// incidentmap eval: the project's own scorers (eval/evaluation.hpp), over gold corpora.
//
//   eval places CORPUS...   the geoparser against gold place mentions: this project's gold JSON, GeoVirus, LGL,
//                           TR-News and GeoWebNews XML; precision, recall, F1, accuracy within 161 km and within
//                           the gold's tolerance, mean and median error, per corpus and overall.
//   eval incidents GOLD...  the incident extractor against this project's gold JSON: recall, precision, figures.
//
// A readable table on stdout, or --json; --show lists every miss, wrong answer, spurious place, extra incident and
// wrong figure first. All corpora are read before anything runs, so a malformed one fails at once (exit 2).

#include "cli/command.hpp"
#include "cli/commands/gazetteer_option.hpp"
#include "cli/commands/text_requests.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "eval/evaluation.hpp"
#include "extract/incident_extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace incidentmap::cli {

namespace {

struct EvalArgs {
    std::vector<std::string> corpora;
    std::string index;
    std::size_t limit = 0;
    bool json = false;
    bool show = false;
    bool demonyms = false;
};

std::string_view kind_name(eval::Finding::Kind kind) {
    using K = eval::Finding::Kind;
    switch (kind) {
        case K::missed_place: return "missed_place";
        case K::wrong_place: return "wrong_place";
        case K::spurious_place: return "spurious_place";
        case K::missed_incident: return "missed_incident";
        case K::extra_incident: return "extra_incident";
        case K::wrong_figure: return "wrong_figure";
    }
    return "?";
}

std::vector<eval::Corpus> read_corpora(const EvalArgs& args) {
    std::vector<eval::Corpus> corpora;
    for (const auto& path : args.corpora) corpora.push_back(eval::read_corpus(path));
    return corpora;
}

std::string short_name(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    if (name.size() > 36) name = name.substr(0, 33) + "...";
    return name;
}

double round3(double x) { return std::round(x * 1000) / 1000; }

nlohmann::json optional_km(const std::optional<double>& km) {
    return km ? nlohmann::json(std::round(*km * 100) / 100) : nlohmann::json(nullptr);
}

void print_findings(const std::vector<eval::Finding>& findings) {
    using K = eval::Finding::Kind;
    for (const auto& f : findings) {
        const bool place = f.kind == K::missed_place || f.kind == K::wrong_place || f.kind == K::spurious_place;
        if (place)
            std::printf("  %-8s %s: '%s' %s\n", std::string(eval::to_string(f.kind)).c_str(), f.document.c_str(),
                        f.text.c_str(), f.detail.c_str());
        else
            std::printf("  %-8s %s: %s: \"%s\"\n", std::string(eval::to_string(f.kind)).c_str(), f.document.c_str(),
                        f.detail.c_str(), f.text.c_str());
    }
}

nlohmann::json findings_json(const std::string& corpus, const std::vector<eval::Finding>& findings) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : findings)
        out.push_back({{"kind", kind_name(f.kind)}, {"corpus", corpus}, {"document", f.document}, {"text", f.text}, {"detail", f.detail}});
    return out;
}

// ---------------------------------------------------------------- places

nlohmann::json place_json(const eval::PlaceScores& s) {
    return {{"documents", s.documents},
            {"gold", s.gold},
            {"matched", s.matched},
            {"missed", s.missed},
            {"spurious", s.spurious},
            {"precision", round3(s.precision())},
            {"recall", round3(s.recall())},
            {"f1", round3(s.f1())},
            {"accuracy_161km", round3(s.accuracy_161km())},
            {"within_tolerance", round3(s.within_tolerance_share())},
            {"end_to_end_tolerance", round3(s.end_to_end_tolerance())},
            {"mean_error_km", optional_km(s.mean_error_km())},
            {"median_error_km", optional_km(s.median_error_km())}};
}

void print_place_row(const std::string& name, const eval::PlaceScores& s) {
    auto km = [](const std::optional<double>& v) {
        char buf[32];
        if (!v) return std::string("-");
        std::snprintf(buf, sizeof buf, "%.1f", *v);
        return std::string(buf);
    };
    std::printf("%-36s %5zu %5zu %5zu %6zu %6zu  %5.3f  %5.3f  %5.3f  %6.3f  %6.3f  %6.3f  %8s  %8s\n", name.c_str(),
                s.documents, s.gold, s.matched, s.missed, s.spurious, s.precision(), s.recall(), s.f1(), s.accuracy_161km(),
                s.within_tolerance_share(), s.end_to_end_tolerance(), km(s.mean_error_km()).c_str(),
                km(s.median_error_km()).c_str());
}

// Scores every corpus with `evaluate`, then prints a table (a header line, a row per corpus and an overall row) or,
// with --json, one object under `what`; --show adds the findings.
template <class Scores, class Evaluate, class ToJson, class PrintHeader, class PrintRow>
int report(const char* what, const std::vector<eval::Corpus>& corpora, const EvalArgs& args, Evaluate evaluate,
           ToJson to_json, PrintHeader print_header, PrintRow print_row) {
    Scores overall;
    nlohmann::json out{{what, {{"corpora", nlohmann::json::array()}}}};
    if (args.show && args.json) out["findings"] = nlohmann::json::array();
    std::vector<std::pair<std::string, Scores>> rows;
    for (const auto& corpus : corpora) {
        std::vector<eval::Finding> findings;
        const Scores scores = evaluate(corpus, args.show ? &findings : nullptr);
        overall += scores;
        rows.emplace_back(corpus.name, scores);
        if (args.json) {
            auto row = to_json(scores);
            row["corpus"] = corpus.name;
            out[what]["corpora"].push_back(std::move(row));
            if (args.show)
                for (auto& f : findings_json(corpus.name, findings)) out["findings"].push_back(std::move(f));
        } else if (args.show && !findings.empty()) {
            std::printf("%s\n", corpus.name.c_str());
            print_findings(findings);
        }
    }
    if (args.json) {
        out[what]["overall"] = to_json(overall);
        std::cout << dump_json(out, 2) << "\n";
        return kExitSuccess;
    }
    if (args.show) std::printf("\n");
    print_header();
    for (const auto& [name, scores] : rows) print_row(short_name(name), scores);
    if (rows.size() > 1) print_row("overall", overall);
    return kExitSuccess;
}

int run_places(const EvalArgs& args) {
    const auto corpora = read_corpora(args);
    const auto g = gazetteer::Gazetteer::open(index_path(args.index));
    const gazetteer::Geoparser parser(g);
    return report<eval::PlaceScores>(
        "places", corpora, args,
        [&](const eval::Corpus& corpus, std::vector<eval::Finding>* findings) {
            gazetteer::ResolveOptions options;
            options.demonyms = args.demonyms;
            return eval::evaluate_places(corpus, parser, args.limit, findings, options);
        },
        place_json,
        [] {
            std::printf("%-36s %5s %5s %5s %6s %6s  %5s  %5s  %5s  %6s  %6s  %6s  %8s  %8s\n", "places", "docs", "gold", "found",
                        "missed", "spur.", "P", "R", "F1", "@161km", "in tol", "e2etol", "mean km", "med. km");
        },
        print_place_row);
}

// ---------------------------------------------------------------- incidents

nlohmann::json incident_json(const eval::IncidentScores& s) {
    return {{"documents", s.documents},
            {"gold", s.gold},
            {"found", s.found},
            {"recall", round3(s.recall())},
            {"extracted", s.extracted},
            {"matched", s.matched},
            {"precision", round3(s.precision())},
            {"figures", s.figures},
            {"figures_right", s.figures_right}};
}

void print_incident_row(const std::string& name, const eval::IncidentScores& s) {
    const std::string figures = std::to_string(s.figures_right) + "/" + std::to_string(s.figures);
    std::printf("%-36s %5zu %5zu %6zu  %6.3f %9zu %8zu  %9.3f %8s\n", name.c_str(), s.documents, s.gold, s.found,
                s.recall(), s.extracted, s.matched, s.precision(), figures.c_str());
}

int run_incidents(const EvalArgs& args) {
    const auto corpora = read_corpora(args);
    for (const auto& c : corpora)
        if (c.format != eval::CorpusFormat::gold_json)
            throw core::InputError(c.name, "not a gold JSON file: incidents are scored against this project's gold format only");
    const auto g = gazetteer::Gazetteer::open(index_path(args.index));
    const gazetteer::Geoparser parser(g);
    const extract::IncidentExtractor extractor(parser);
    return report<eval::IncidentScores>(
        "incidents", corpora, args,
        [&](const eval::Corpus& corpus, std::vector<eval::Finding>* findings) {
            return eval::evaluate_incidents(corpus, extractor, args.limit, findings);
        },
        incident_json,
        [] {
            std::printf("%-36s %5s %5s %6s  %6s %9s %8s  %9s %8s\n", "incidents", "docs", "gold", "found", "recall", "extracted",
                        "matched", "precision", "figures");
        },
        print_incident_row);
}

void add_common_options(CLI::App& app, EvalArgs& args) {
    app.add_option("--index", args.index, "Gazetteer index (default: the embedded index beside the executable)");
    app.add_option("--limit", args.limit, "Score only the first N documents of each corpus (0: all)")->check(CLI::NonNegativeNumber);
    app.add_flag("--json", args.json, "Machine-readable output (JSON) instead of the table");
    app.add_flag("--show", args.show, "List every miss, wrong answer, spurious place, extra incident and wrong figure");
}

}  // namespace

Command add_eval_command(CLI::App& root) {
    auto places = std::make_shared<EvalArgs>();
    auto incidents = std::make_shared<EvalArgs>();
    CLI::App* app = root.add_subcommand("eval", "Score the geoparser or the incident extractor against gold corpora");
    app->require_subcommand(1);

    CLI::App* p = app->add_subcommand("places", "Score place mentions: gold JSON, GeoVirus, LGL, TR-News, GeoWebNews XML");
    p->add_option("corpus", places->corpora, "Corpus files (*.gold.json, *.xml)")->required();
    add_common_options(*p, *places);
    p->add_flag("--demonyms", places->demonyms, "Count demonyms and adjectives as mentions of their country, for a gold that does (TR-News)");

    CLI::App* i = app->add_subcommand("incidents", "Score incidents against this project's gold JSON files");
    i->add_option("gold", incidents->corpora, "Gold files (*.gold.json)")->required();
    add_common_options(*i, *incidents);

    return {app, [p, places, incidents] { return p->parsed() ? run_places(*places) : run_incidents(*incidents); }};
}

}  // namespace incidentmap::cli
