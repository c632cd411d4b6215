// incidentmap ingest SOURCES... --into PROJECT: reads saved pages, feeds, text files and NDJSON requests
// (sources/readers.hpp), extracts each article's incidents, and adds the sources, their readings and the merged
// incidents to a project (store/project.hpp): a GeoPackage file or a PostGIS database.
//
// Guarantees:
//  - A source whose text is already in the project (by checksum) is skipped: re-ingesting changes nothing.
//  - Bad sources (missing, unreadable, not an article, a broken feed item) are reported by name with the reason on
//    stderr while the others go in; the exit code is then 2 (0 when every source went in).
//  - Sources are committed in batches (--batch sources, or every --batch-seconds), each one transaction: a process
//    killed in the middle leaves the project as it was after the last committed batch.
//  - A stateless map step over documents: several ingests may run side by side into one PostGIS project (GNU
//    parallel, Dask; docs/SCALING.md), and the project serialises their batches.
// Progress on stderr (sources, rate, time left), and a summary at the end.

#include "cli/command.hpp"
#include "cli/commands/gazetteer_option.hpp"
#include "cli/commands/text_requests.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "core/error.hpp"
#include "core/io/line_reader.hpp"
#include "core/language.hpp"
#include "core/utf8.hpp"
#include "extract/incident_extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"
#include "sources/readers.hpp"
#include "store/project.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>

namespace incidentmap::cli {

namespace {

namespace fs = std::filesystem;

struct IngestArgs {
    std::vector<std::string> sources;
    std::string into;
    bool no_merge = false;
    std::string lang;
    std::string published;
    std::string index;
    std::size_t max_bytes = kDefaultMaxBytes;
    std::size_t batch = 1000;
    double batch_seconds = 10;
};

bool is_ndjson(const std::string& input) {
    const std::string ext = fs::path(input).extension().string();
    return input == "-" || ext == ".ndjson" || ext == ".jsonl";
}

// The files to read, in a stable order: each argument, a directory's regular files (recursively, sorted by path),
// "-" for NDJSON on stdin. A missing argument is a problem reported, not the end of the ingest.
std::vector<std::string> expand(const std::vector<std::string>& args, std::vector<std::string>& problems) {
    std::vector<std::string> files;
    for (const std::string& a : args) {
        std::error_code ec;
        if (a == "-" || fs::is_regular_file(a, ec)) {
            files.push_back(a);
        } else if (fs::is_directory(a, ec)) {
            std::vector<std::string> found;
            for (fs::recursive_directory_iterator it(a, ec), end; !ec && it != end; it.increment(ec))
                if (it->is_regular_file(ec)) found.push_back(it->path().string());
            if (ec) problems.push_back(a + ": cannot list the directory: " + ec.message());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            problems.push_back(a + ": no such file or directory");
        }
    }
    return files;
}

// Each line of an NDJSON file or of stdin: {"text", "id"?, "url"?, "title"?, "outlet"?, "lang"?, "published"?}.
sources::SourceRead read_ndjson(const std::string& input, std::size_t max_bytes) {
    sources::SourceRead out;
    std::ifstream file;
    if (input != "-") {
        file.open(input, std::ios::binary);
        if (!file) throw core::InputError(input, "cannot open the file");
    }
    std::istream& in = input == "-" ? std::cin : file;
    const std::string name = input == "-" ? "stdin" : input;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = "line " + std::to_string(n);
        if (line.size() > max_bytes) {
            out.problems.push_back({name, where, "longer than --max-bytes"});
            continue;
        }
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
            out.problems.push_back({name, where, "not a JSON object with a \"text\" string"});
            continue;
        }
        auto text_of = [&](const char* key) {
            const auto it = j.find(key);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        sources::Article a;
        a.text = text_of("text");
        core::make_valid_utf8(a.text);
        a.title = text_of("title");
        a.outlet = text_of("outlet");
        a.language = text_of("lang");
        a.location = !text_of("url").empty() ? text_of("url") : !text_of("id").empty() ? text_of("id") : name + ":" + std::to_string(n);
        if (const std::string p = text_of("published"); !p.empty()) {
            a.published = core::parse_iso_date(p.substr(0, 10));
            if (!a.published) out.problems.push_back({name, where, "published '" + p + "' is not YYYY-MM-DD (read without it)"});
        }
        out.articles.push_back(std::move(a));
    }
    return out;
}

struct Totals {
    std::size_t files = 0, articles = 0, added = 0, known = 0, refused = 0, readings = 0, incidents = 0;
};

int run_ingest(const IngestArgs& args) {
    const auto published_default = published_option(args.published);
    if (!args.lang.empty() && !core::parse_language(args.lang)) throw core::InputError("--lang", "expected fr, en or ru");
    if (args.batch == 0) throw core::InputError("--batch", "must be at least 1");
    std::vector<std::string> problems;
    const std::vector<std::string> files = expand(args.sources, problems);
    for (const auto& p : problems) std::cerr << "incidentmap: " << p << "\n";

    store::Project project = store::Project::open(args.into, true);
    std::unordered_set<std::string> known = project.known_checksums();
    const auto g = gazetteer::Gazetteer::open(index_path(args.index));
    const gazetteer::Geoparser parser(g);
    const extract::IncidentExtractor extractor(parser);
    const store::MergeOptions merge{.merge = !args.no_merge};

    Totals t;
    t.refused = problems.size();
    store::Batch batch;
    std::unordered_set<std::string> in_batch;
    Progress progress("ingest", "files", files.size());
    auto last_commit = std::chrono::steady_clock::now();
    auto commit = [&] {
        const store::BatchResult r = project.add(batch, merge);
        t.added += r.sources_added;
        t.known += r.sources_known;
        t.readings += r.readings_added;
        t.incidents = r.incidents;
        for (const auto& s : batch.sources) known.insert(s.checksum);
        batch = {};
        in_batch.clear();
        last_commit = std::chrono::steady_clock::now();
    };

    for (const std::string& file : files) {
        sources::SourceRead read;
        try {
            read = is_ndjson(file) ? read_ndjson(file, args.max_bytes) : sources::read_source(file, args.max_bytes);
        } catch (const core::InputError& e) {
            read.problems.push_back({file, "", e.detail()});
        }
        for (const auto& p : read.problems) {
            std::cerr << "\nincidentmap: " << p.source << (p.where.empty() ? "" : ": " + p.where) << ": " << p.reason << "\n";
            ++t.refused;
        }
        for (sources::Article& a : read.articles) {
            ++t.articles;
            const std::string checksum = store::source_checksum(a.text);
            if (known.count(checksum) || in_batch.count(checksum)) {
                ++t.known;
                continue;
            }
            const std::string lang = core::parse_language(a.language) ? a.language : language_of(args.lang, a.text);
            extract::ExtractOptions options;
            options.published = a.published ? a.published : published_default;
            options.source = checksum.substr(0, 12);
            std::vector<core::Incident> incidents = extractor.extract(a.text, *core::parse_language(lang), options);
            store::SourceRecord s;
            s.checksum = checksum;
            s.location = a.location;
            s.title = a.title;
            s.outlet = a.outlet;
            s.language = lang;
            s.published = options.published;
            s.readings = static_cast<int>(incidents.size());
            for (core::Incident& in : incidents) {
                in.source = a.location;
                batch.readings.push_back({std::move(in), checksum, options.published});
            }
            batch.sources.push_back(std::move(s));
            in_batch.insert(checksum);
        }
        ++t.files;
        progress.update(t.files, std::to_string(t.added + batch.sources.size()) + " new sources");
        if (batch.sources.size() >= args.batch ||
            std::chrono::duration<double>(std::chrono::steady_clock::now() - last_commit).count() >= args.batch_seconds)
            commit();
    }
    commit();  // also re-merges when nothing is new (a changed --no-merge)
    progress.finish();
    const double seconds = progress.elapsed_seconds();
    std::cerr << "incidentmap: ingest of " << t.files << " files (" << t.articles << " articles) into " << args.into << ": "
              << t.added << " sources added, " << t.known << " already there, " << t.refused << " refused; " << t.readings
              << " readings; " << t.incidents << " incidents in the project (" << format_duration(seconds) << ", "
              << (seconds > 0 ? static_cast<long>(t.articles / seconds) : 0) << " articles/s)\n";
    return t.refused ? kExitUsage : kExitSuccess;
}

}  // namespace

Command add_ingest_command(CLI::App& root) {
    auto args = std::make_shared<IngestArgs>();
    CLI::App* app = root.add_subcommand("ingest", "Read saved pages, feeds, texts and NDJSON into a project (GeoPackage or PostGIS), "
                                                  "merging the reports of one event");
    app->add_option("sources", args->sources, "Files or directories: .html pages, RSS/Atom feeds, text files, .ndjson/.jsonl "
                                              "requests, - for NDJSON on stdin")
        ->required();
    app->add_option("--into", args->into, "Project: a .gpkg file (made if missing) or a PostgreSQL connection PG:\"dbname=...\"")->required();
    app->add_flag("--no-merge", args->no_merge, "Keep each source's reading its own incident (the readings are kept either way)");
    app->add_option("--lang", args->lang, "Language of texts that do not say theirs: fr, en or ru (default: detected)");
    app->add_option("--published", args->published, "Publication date, YYYY-MM-DD, for texts that do not give theirs");
    app->add_option("--index", args->index, "Gazetteer index (default: the embedded index beside the executable)");
    app->add_option("--batch", args->batch, "Sources per transaction (default 1000)");
    app->add_option("--batch-seconds", args->batch_seconds, "Commit at least this often, in seconds (default 10)");
    add_max_bytes_option(*app, args->max_bytes);
    return {app, [args] { return run_ingest(*args); }};
}

}  // namespace incidentmap::cli
