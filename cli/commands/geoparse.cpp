// incidentmap geoparse: place mentions of a news text, resolved in context (gazetteer::Geoparser).
//
// One text (a file or stdin) in text, JSON or GeoJSON, or --batch: NDJSON requests on stdin
// ({"id", "text", "lang", "published"}), one answer line per request, in order. A request that cannot be read
// gets {"id": ..., "error": "..."} and the batch goes on.

#include "cli/command.hpp"
#include "cli/commands/batch_answers.hpp"
#include "cli/commands/gazetteer_option.hpp"
#include "cli/commands/text_requests.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "core/language.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

namespace incidentmap::cli {

namespace {

struct GeoparseArgs {
    std::string input;
    bool batch = false;
    std::string lang;
    std::string published;
    std::string format = "text";
    bool demonyms = false;
    bool acceptance_samples = false;
    std::string index;
    std::size_t max_bytes = kDefaultMaxBytes;
};

int run_batch(const gazetteer::Geoparser& parser, const GeoparseArgs& args) {
    const PlaceAnswerOptions options{args.demonyms, args.acceptance_samples};
    return run_text_batch(args.lang, args.published, args.max_bytes,
                          [&](const TextRequest& request, nlohmann::json&) { answer_places(parser, options, request); });
}

int run_geoparse(const GeoparseArgs& args) {
    published_option(args.published);  // checked before the gazetteer opens
    const auto g = gazetteer::Gazetteer::open(index_path(args.index));
    const gazetteer::Geoparser parser(g);
    if (args.batch) return run_batch(parser, args);
    if (args.input.empty()) throw core::InputError("geoparse", "give a FILE, '-' for stdin, or --batch");

    const std::string text = read_text_input(args.input, args.max_bytes);
    const std::string lang = language_of(args.lang, text);
    gazetteer::ResolveOptions options;
    options.demonyms = args.demonyms;
    // Each window's mentions are written as they are resolved (Geoparser::parse's callback): a text of millions of
    // mentions is never held whole, in any format.
    std::size_t count = 0;
    auto each = [&](auto&& write) { parser.parse(text, lang, options, [&](gazetteer::ResolvedMention& m) { write(m), ++count; }); };
    if (args.format == "json") {
        // The members in the order nlohmann::json writes them (by name), each mention an indented object.
        std::cout << "{\n  \"lang\": " << nlohmann::json(lang).dump() << ",\n  \"mentions\": [";
        each([&](const gazetteer::ResolvedMention& m) { std::cout << (count ? "," : "") << "\n    " << dump_json(mention_json(m)); });
        std::cout << (count ? "\n  ]" : "]");
        if (!args.published.empty()) std::cout << ",\n  \"published\": " << nlohmann::json(args.published).dump();
        std::cout << "\n}\n";
    } else if (args.format == "geojson") {
        std::cout << "{\n  \"features\": [";
        each([&](const gazetteer::ResolvedMention& m) {
            nlohmann::json props = mention_json(m);
            props.erase("lat");
            props.erase("lon");
            const nlohmann::json feature{{"type", "Feature"},
                                         {"geometry", {{"type", "Point"}, {"coordinates", {round6(m.location.lon_deg()), round6(m.location.lat_deg())}}}},
                                         {"properties", props}};
            std::cout << (count ? "," : "") << "\n    " << dump_json(feature);
        });
        std::cout << (count ? "\n  ]" : "]") << ",\n  \"type\": \"FeatureCollection\"\n}\n";
    } else {
        each([&](const gazetteer::ResolvedMention& m) {
            std::printf("%6u-%-6u %-32s -> %-28s %-12s %-2s %9.5f %10.5f  ±%.0f m  conf %.2f  %s\n", m.cp_begin, m.cp_end,
                        m.text.c_str(), m.name.c_str(), m.place_class.c_str(), m.country.c_str(), m.location.lat_deg(),
                        m.location.lon_deg(), m.precision.value(), m.confidence, m.why.c_str());
        });
        if (count == 0) std::printf("no places found (language %s)\n", lang.c_str());
    }
    return kExitSuccess;
}

}  // namespace

Command add_geoparse_command(CLI::App& root) {
    auto args = std::make_shared<GeoparseArgs>();
    CLI::App* app = root.add_subcommand("geoparse", "Find the places a news text mentions and resolve them in context");
    app->add_option("input", args->input, "Text file (UTF-8), or - for stdin");
    app->add_flag("--batch", args->batch, "NDJSON requests on stdin ({\"id\",\"text\",\"lang\",\"published\"}), one answer line each");
    app->add_option("--lang", args->lang, "Language of the text: fr, en or ru (default: detected)")
        ->check(CLI::IsMember({"fr", "en", "ru"}));
    app->add_option("--published", args->published, "Publication date, YYYY-MM-DD");
    app->add_option("--format", args->format, "text, json or geojson")->capture_default_str()->check(CLI::IsMember({"text", "json", "geojson"}));
    app->add_flag("--demonyms", args->demonyms, "Also report demonyms and adjectives (\"Turkish\") as their country");
    app->add_flag("--acceptance-samples", args->acceptance_samples,
                  "With --batch: also write each name's evidence and candidates for the resolver's models (scripts/fit-resolver.py)");
    app->add_option("--index", args->index, "Gazetteer index (default: the embedded index beside the executable)");
    add_max_bytes_option(*app, args->max_bytes);
    return {app, [args] { return run_geoparse(*args); }};
}

}  // namespace incidentmap::cli
