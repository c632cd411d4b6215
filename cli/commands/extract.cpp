// incidentmap extract: the incidents of a news text as GeoJSON (extract::IncidentExtractor).
//
// One text (a file or stdin) to a FeatureCollection on stdout or in a file (-o, any format GDAL writes, written
// atomically), or --batch: NDJSON requests on stdin, one answer line each, in order, each a FeatureCollection
// with the request's "id" (../shared/eval/geoeval.py's protocol). A request that cannot be read gets
// {"id": ..., "error": "..."} and the batch goes on.

#include "cli/command.hpp"
#include "cli/commands/batch_answers.hpp"
#include "cli/commands/gazetteer_option.hpp"
#include "cli/commands/text_requests.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "core/incident_set.hpp"
#include "core/io/incident_io.hpp"
#include "extract/incident_extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"

#include <iostream>
#include <memory>
#include <sstream>

namespace incidentmap::cli {

namespace {

struct ExtractArgs {
    std::string input;
    bool batch = false;
    std::string lang;
    std::string published;
    std::string output;
    std::string source;
    std::string index;
    std::size_t max_bytes = kDefaultMaxBytes;
    bool explain = false;
};

int run_extract(const ExtractArgs& args) {
    const auto published = published_option(args.published);
    if (!args.batch && args.input.empty()) throw core::InputError("extract", "give a FILE, '-' for stdin, or --batch");
    if (args.batch && !args.output.empty()) throw core::InputError("-o", "--batch answers on stdout; -o is for one text");
    if (args.batch && args.explain) throw core::InputError("--explain", "--explain is for one text, not --batch");
    const auto g = gazetteer::Gazetteer::open(index_path(args.index));
    const gazetteer::Geoparser parser(g);
    const extract::IncidentExtractor extractor(parser);

    if (args.batch) {
        return run_text_batch(args.lang, args.published, args.max_bytes,
                              [&](const TextRequest& request, nlohmann::json& answer) { answer_incidents(extractor, request, answer); });
    }

    const std::string text = read_text_input(args.input, args.max_bytes);
    const std::string lang = language_of(args.lang, text);
    extract::ExtractOptions options;
    options.published = published;
    options.source = args.source.empty() ? (args.input == "-" ? "stdin" : std::filesystem::path(args.input).stem().string()) : args.source;
    if (!published) std::cerr << "incidentmap: no --published date: relative dates (\"on Thursday\") stay unknown\n";
    if (args.explain) options.explain = [](const std::string& line) { std::cerr << "explain: " << line << "\n"; };
    const auto incidents = extractor.extract(text, *core::parse_language(lang), options);
    if (args.output.empty()) {
        core::io::write_geojson(std::cout, std::span<const core::Incident>(incidents));
        std::cout << "\n";
    } else {
        core::io::write_incidents(core::IncidentSet(incidents), args.output);
        std::cerr << "incidentmap: " << incidents.size() << " incidents written to " << args.output << "\n";
    }
    return kExitSuccess;
}

}  // namespace

Command add_extract_command(CLI::App& root) {
    auto args = std::make_shared<ExtractArgs>();
    CLI::App* app = root.add_subcommand("extract", "Extract the incidents of a news text (GeoJSON, or any format GDAL writes)");
    app->add_option("input", args->input, "Text file (UTF-8), or - for stdin");
    app->add_flag("--batch", args->batch, "NDJSON requests on stdin ({\"id\",\"text\",\"lang\",\"published\"}), one answer line each");
    app->add_option("--lang", args->lang, "Language of the text: fr, en or ru (default: detected)")
        ->check(CLI::IsMember({"fr", "en", "ru"}));
    app->add_option("--published", args->published, "Publication date, YYYY-MM-DD: what relative dates refer to");
    app->add_option("-o,--output", args->output, "Write the incidents to this file (format from the extension) instead of stdout");
    app->add_option("--source", args->source, "Name of the document in the incidents' source and ids (default: the file name)");
    app->add_option("--index", args->index, "Gazetteer index (default: the embedded index beside the executable)");
    add_max_bytes_option(*app, args->max_bytes);
    app->add_flag("--explain", args->explain, "Tell on stderr, sentence by sentence, each event's type and what decided it, and "
                                              "why a sentence is no incident (a disaster, an accident, a crime)");
    return {app, [args] { return run_extract(*args); }};
}

}  // namespace incidentmap::cli
