// incidentmap export: a project's incidents (or any incident file's) to a file in any format GDAL writes, to ACLED or
// UCDP CSV, or to a PostGIS table, selected by time, severity, area, country and event type (store/export.hpp).
// incidentmap import: ACLED and UCDP tables into a project, or converted to an incident file, every bad row reported
// with its number and reason (core/io/exchange_tables.hpp).
// incidentmap correct: an analyst's corrections (the incidents the viewer saved with manual_correction set) into a
// project, where they stand over later merges (store/project.hpp).

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "core/io/exchange_tables.hpp"
#include "core/io/incident_io.hpp"
#include "store/export.hpp"
#include "store/project.hpp"

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

namespace incidentmap::cli {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');) {
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

// Hands each incident of a project, or of any incident file, to `take`: a project's one at a time, a file's after
// reading it whole.
void scan_input(const std::string& input, const std::function<void(store::StoredIncident&&)>& take) {
    if (store::Project::is_project(input)) {
        store::Project::open(input, false).scan_incidents(take, false);  // an export writes no provenance
        return;
    }
    const core::IncidentSet set = core::io::read_incidents(input);
    for (std::size_t i = 0; i < set.size(); ++i) take({set.incident(i), {}, {}, {}, {}, {}});
}

struct ExportArgs {
    std::string input;
    std::string output;
    std::string layout = "incidents";
    std::string driver;
    std::string table = "incidents";
    std::string from, to, min_severity, bbox, countries, event_types;
};

store::Selection selection_of(const ExportArgs& a) {
    store::Selection s;
    auto instant = [](const std::string& text, const char* option, bool end_of_day) {
        if (const auto d = core::parse_iso_date(text))
            return core::TimeSpan::Seconds{std::chrono::sys_days{*d} + std::chrono::days{end_of_day ? 1 : 0}};
        if (const auto t = core::parse_iso_datetime(text)) return *t;
        throw core::InputError(option, "'" + text + "' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS])");
    };
    if (!a.from.empty()) s.from = instant(a.from, "--from", false);
    if (!a.to.empty()) s.to = instant(a.to, "--to", true);  // a date alone: that day included
    if (s.from && s.to && !(*s.from < *s.to)) throw core::InputError("--from", "--from must be before --to");
    if (!a.min_severity.empty()) {
        s.min_severity = core::parse_severity(a.min_severity);
        if (!s.min_severity)
            throw core::InputError("--min-severity", "'" + a.min_severity + "' is not a level: informational, disruptive, violent, injuries, fatal or 0-4");
    }
    if (!a.bbox.empty()) {
        const auto parts = split_commas(a.bbox);
        std::vector<double> v;
        for (const auto& p : parts) {
            try {
                std::size_t used = 0;
                v.push_back(std::stod(p, &used));
                if (used != p.size()) v.clear();
            } catch (const std::exception&) {
                v.clear();
            }
            if (v.empty()) break;
        }
        if (v.size() != 4 || !(v[1] < v[3]) || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180)
            throw core::InputError("--bbox", "'" + a.bbox + "' is not minlon,minlat,maxlon,maxlat in degrees with minlat < maxlat "
                                             "(minlon > maxlon crosses the antimeridian)");
        s.bbox = store::Selection::Box{v[0], v[1], v[2], v[3]};
    }
    s.countries = split_commas(a.countries);
    for (const auto& t : split_commas(a.event_types)) {
        const auto type = core::parse_event_type(t);
        if (!type)
            throw core::InputError("--event-type", "'" + t + "' is not an ACLED event type (Battles, Explosions/Remote violence, "
                                                   "Violence against civilians, Protests, Riots, Strategic developments)");
        s.event_types.push_back(*type);
    }
    return s;
}

int run_export(const ExportArgs& a) {
    const store::Selection selection = selection_of(a);
    store::ExportLayout layout = store::ExportLayout::incidents;
    if (a.layout == "acled") layout = store::ExportLayout::acled;
    else if (a.layout == "ucdp") layout = store::ExportLayout::ucdp;
    store::ExportTarget out(a.output, layout, a.driver, a.table);
    std::size_t seen = 0, kept = 0;
    // Reading on a second thread while this one writes.
    store::overlapped([&](const store::IncidentSink& sink) { scan_input(a.input, sink); },
                      [&](store::StoredIncident&& s) {
                          ++seen;
                          if (!selection.keeps(s.incident)) return;
                          out.add(s);
                          ++kept;
                      });
    out.commit();
    std::cerr << "incidentmap: " << kept << " of " << seen << " incidents written to "
              << (store::Project::is_connection(a.output) ? "table " + a.table + " of " + a.output : a.output) << "\n";
    return kExitSuccess;
}

struct ImportArgs {
    std::vector<std::string> inputs;
    std::string into;
    std::string output;
    bool no_merge = false;
};

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int run_import(const ImportArgs& a) {
    if (a.into.empty() == a.output.empty()) throw core::InputError("import", "give either --into PROJECT or -o FILE");
    std::optional<store::Project> project;
    if (!a.into.empty()) project.emplace(store::Project::open(a.into, true));
    std::vector<core::Incident> converted;
    std::size_t bad_rows = 0, rows = 0;
    for (const std::string& input : a.inputs) {
        // ACLED and UCDP tables row by row (bad rows reported, the rest read); any other incident file whole.
        core::io::ExchangeRead read;
        const char* name = "incident file";
        if (const auto layout = core::io::exchange_layout_of_file(input)) {
            read = core::io::read_exchange_table(input);
            name = *layout == core::io::ExchangeLayout::acled ? "ACLED" : "UCDP GED";
        } else {
            const core::IncidentSet set = core::io::read_incidents(input);
            for (std::size_t i = 0; i < set.size(); ++i) read.rows.push_back({set.incident(i), {}, {}});
            read.row_count = set.size();
        }
        rows += read.row_count;
        bad_rows += read.problems.size();
        for (const auto& p : read.problems) std::cerr << "incidentmap: " << p.what() << "\n";
        std::cerr << "incidentmap: " << input << ": " << read.rows.size() << " of " << read.row_count << " " << name << " rows read\n";
        if (project) {
            store::Batch batch;
            store::SourceRecord s;
            s.checksum = store::source_checksum(file_bytes(input));
            s.location = input;
            s.title = std::string(name) + " " + fs::path(input).filename().string();
            s.outlet = name;
            s.readings = static_cast<int>(read.rows.size());
            for (auto& row : read.rows) {
                store::Reading r;
                r.incident = std::move(row.incident);  // a million rows are not held twice
                if (r.incident.source.empty()) r.incident.source = input;
                r.source_id = s.checksum;
                batch.readings.push_back(std::move(r));
            }
            batch.sources.push_back(std::move(s));
            const auto result = project->add(batch, store::MergeOptions{.merge = !a.no_merge});
            if (result.sources_known) std::cerr << "incidentmap: " << input << " is already in " << a.into << ": nothing added\n";
        } else {
            for (auto& row : read.rows) converted.push_back(std::move(row.incident));
        }
    }
    if (!project) core::io::write_incidents(core::IncidentSet(converted), a.output);
    std::cerr << "incidentmap: " << rows - bad_rows << " of " << rows << " rows imported into " << (project ? a.into : a.output)
              << (bad_rows ? "; " + std::to_string(bad_rows) + " refused (above)" : std::string()) << "\n";
    return bad_rows ? kExitUsage : kExitSuccess;
}

struct CorrectArgs {
    std::string project;
    std::vector<std::string> files;
};

int run_correct(const CorrectArgs& a) {
    if (!store::Project::is_project(a.project)) throw core::InputError(a.project, "is not a project (made by ingest or import)");
    std::vector<core::Incident> corrected;
    std::size_t read = 0;
    for (const std::string& file : a.files) {
        const core::IncidentSet set = core::io::read_incidents(file);
        read += set.size();
        for (std::size_t i = 0; i < set.size(); ++i)
            if (core::Incident in = set.incident(i); in.manual_correction) corrected.push_back(std::move(in));
    }
    auto project = store::Project::open(a.project, false);
    const store::CorrectionResult r = project.correct(corrected);
    for (const std::string& id : r.unknown)
        std::cerr << "incidentmap: " << a.project << ": no incident '" << id << "' to correct (corrected in another project?)\n";
    std::cerr << "incidentmap: " << r.applied << " of " << corrected.size() << " corrected incidents (of " << read
              << " read) written into " << a.project << "\n";
    return r.unknown.empty() ? kExitSuccess : kExitUsage;
}

}  // namespace

Command add_correct_command(CLI::App& root) {
    auto args = std::make_shared<CorrectArgs>();
    CLI::App* app = root.add_subcommand("correct", "Write an analyst's corrections (incidents saved by the viewer) into a project");
    app->add_option("project", args->project, "Project (.gpkg or PG:...)")->required();
    app->add_option("files", args->files, "Incident files whose incidents marked manual_correction replace the project's of the same id")
        ->required();
    return {app, [args] { return run_correct(*args); }};
}

Command add_export_command(CLI::App& root) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* app = root.add_subcommand("export", "Write a project's incidents to a file, ACLED or UCDP CSV, or a PostGIS table");
    app->add_option("project", args->input, "Project (.gpkg or PG:...) or any incident file")->required();
    app->add_option("-o,--output", args->output, "Target: a file (format from the extension) or PG:... (a PostGIS table)")->required();
    app->add_option("--layout", args->layout, "incidents (the incident fields), acled or ucdp (CSV with their column names)")
        ->check(CLI::IsMember({"incidents", "acled", "ucdp"}));
    app->add_option("--driver", args->driver, "GDAL driver short name (default: from the extension)");
    app->add_option("--table", args->table, "Table name for a PG: target (default: incidents)");
    app->add_option("--from", args->from, "Only incidents overlapping this date or time on and after");
    app->add_option("--to", args->to, "Only incidents before this date (included) or time");
    app->add_option("--min-severity", args->min_severity, "Only incidents at least this grave (informational..fatal, 0-4)");
    app->add_option("--bbox", args->bbox, "Only incidents in minlon,minlat,maxlon,maxlat");
    app->add_option("--country", args->countries, "Only incidents in these countries (ISO codes, comma-separated)");
    app->add_option("--event-type", args->event_types, "Only these ACLED event types (comma-separated)");
    return {app, [args] { return run_export(*args); }};
}

Command add_import_command(CLI::App& root) {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* app = root.add_subcommand("import", "Read ACLED or UCDP GED tables into a project, or convert them to an incident file");
    app->add_option("tables", args->inputs, "ACLED or UCDP GED tables (CSV, or any GDAL layer with their columns), or incident files")->required();
    app->add_option("--into", args->into, "Project to add them to (.gpkg or PG:...; made if missing)");
    app->add_option("-o,--output", args->output, "Incident file to write instead (format from the extension)");
    app->add_flag("--no-merge", args->no_merge, "Keep every reading its own incident in the project");
    return {app, [args] { return run_import(*args); }};
}

}  // namespace incidentmap::cli
