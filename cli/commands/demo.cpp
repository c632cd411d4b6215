// incidentmap demo: the incidents of the sample reports shipped in assets/samples/ (French, English, Russian),
// written to DIR/demo.geojson and drawn into DIR/demo.png, then shown in the viewer when there is a display.

#include "cli/command.hpp"
#include "cli/commands/gazetteer_option.hpp"
#include "cli/commands/map_options.hpp"
#include "cli/commands/text_requests.hpp"
#include "cli/exit_codes.hpp"
#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/incident_set.hpp"
#include "core/io/incident_io.hpp"
#include "core/io/rgba_image.hpp"
#include "core/time_span.hpp"
#include "extract/incident_extractor.hpp"
#include "core/language.hpp"
#include "extract/lexicon_file.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"
#include "viewer/map_render.hpp"
#include "viewer/viewer.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>

namespace incidentmap::cli {

namespace {

struct DemoArgs {
    bool no_window = false;
    std::string output = ".";
    std::string size = "1280x800";
    std::string index;
};

struct Sample {
    std::filesystem::path file;
    core::Language lang;
    std::chrono::year_month_day published;
};

// samples.tsv: FILE (relative to the list), LANGUAGE, PUBLISHED a line; '#' comments. Throws InputError FILE:LINE.
std::vector<Sample> read_samples(const std::filesystem::path& list) {
    const extract::LexiconFile tsv = extract::read_lexicon_file(list);
    std::vector<Sample> samples;
    for (const auto& entry : tsv.entries) {
        if (entry.fields.size() != 3) tsv.fail(entry, "expected FILE, LANGUAGE and PUBLISHED separated by tabs");
        const auto lang = core::parse_language(entry.fields[1]);
        if (!lang) tsv.fail(entry, std::string("unknown language '").append(entry.fields[1]).append("' (fr, en or ru)"));
        const auto published = core::parse_iso_date(entry.fields[2]);
        if (!published) tsv.fail(entry, std::string("the publication date must be YYYY-MM-DD, got '").append(entry.fields[2]).append("'"));
        samples.push_back({list.parent_path() / entry.fields[0], *lang, *published});
    }
    if (samples.empty()) throw core::InputError(list.string(), "lists no sample report");
    return samples;
}

// The output directory, created if missing. Throws InputError naming it when it cannot be used.
std::filesystem::path output_directory(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw core::InputError("--output", std::string("cannot create the directory '").append(dir).append("': ").append(ec.message()));
    if (!std::filesystem::is_directory(dir)) throw core::InputError("--output", std::string("'").append(dir).append("' is not a directory"));
    return dir;
}

// One line: "2021-11-18T18:00 (part_of_day)  Riots  Lyon, FR  6 injured, 14 arrested".
std::string summary(const core::Incident& incident) {
    std::string line;
    const core::TimeSpan& t = incident.time;
    if (!t.is_known()) line += "date unknown";
    else if (t.precision() == core::TimePrecision::exact || t.precision() == core::TimePrecision::part_of_day)
        line += core::format_iso_datetime(t.start()).substr(0, 16);
    else line += core::format_iso_date(t.start());
    if (t.is_known() && t.precision() != core::TimePrecision::day) line.append(" (").append(core::to_string(t.precision())).append(")");
    line += "  ";
    line += incident.event_type ? core::to_string(*incident.event_type) : "event type unknown";
    line += "  ";
    line += incident.place_name.empty() ? "place unknown" : incident.place_name;
    if (!incident.country.empty()) line.append(", ").append(incident.country);
    std::string figures;
    auto add = [&figures](const std::string& text) { figures.append(figures.empty() ? "" : ", ").append(text); };
    if (incident.fatalities) add(std::to_string(*incident.fatalities) + " killed");
    else if (incident.fatalities_min) add(std::string("at least ").append(std::to_string(*incident.fatalities_min)).append(" killed"));
    if (incident.injured) add(std::to_string(*incident.injured) + " injured");
    if (incident.arrested) add(std::to_string(*incident.arrested) + " arrested");
    line.append("  ").append(figures.empty() ? "no figures" : figures);
    return line;
}

bool has_display() {
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY"})
        if (const char* value = std::getenv(name); value && *value) return true;
    return false;
}

int run_demo(const DemoArgs& args) {
    const PixelSize size = parse_size(args.size);
    const std::filesystem::path dir = output_directory(args.output);
    const std::vector<Sample> samples = read_samples(core::find_asset("samples/samples.tsv"));
    const std::filesystem::path index = index_path(args.index);
    const auto g = gazetteer::Gazetteer::open(index);
    const gazetteer::Geoparser parser(g);
    const extract::IncidentExtractor extractor(parser);
    std::vector<core::Incident> all;
    for (const Sample& sample : samples) {
        const std::string source = sample.file.stem().string();
        const auto incidents = extractor.extract(read_text_input(sample.file.string()), sample.lang, {sample.published, source, {}});
        std::cout << source << " (" << core::to_string(sample.lang) << ", published " << core::format_iso_date(sample.published)
                  << "): " << incidents.size() << (incidents.size() == 1 ? " incident\n" : " incidents\n");
        for (const auto& incident : incidents) std::cout << "  " << summary(incident) << "\n";
        all.insert(all.end(), incidents.begin(), incidents.end());
    }

    const std::filesystem::path geojson = dir / "demo.geojson";
    core::io::write_incidents(core::IncidentSet(all), geojson);
    std::cout << "wrote " << geojson.string() << " (" << all.size() << " incidents)\n";

    viewer::RenderOptions options;
    options.width = size.width;
    options.height = size.height;
    options.basemap_options.gazetteer = index;
    options.basemap_options.tile_cache = viewer::default_tile_cache();
    options.incidents = core::IncidentSet(all);
    const viewer::RenderResult result = viewer::render_map(options);
    for (const auto& m : result.messages) std::cerr << "incidentmap: " << m << "\n";
    const std::filesystem::path png = dir / "demo.png";
    core::io::write_png(result.image, png);  // atomic
    std::cout << "wrote " << png.string() << " (" << size.width << "x" << size.height << ")\n";

    if (args.no_window) return kExitSuccess;
    if (!has_display()) {
        std::cout << "no display: to explore the incidents, run 'incidentmap view " << geojson.string() << "' where there is one\n";
        return kExitSuccess;
    }
    viewer::ViewerOptions view;
    view.window.width = size.width;
    view.window.height = size.height;
    view.basemap_options.gazetteer = index;
    view.basemap_options.tile_cache = viewer::default_tile_cache();
    view.notes.push_back(std::string("incidentmap demo: ").append(std::to_string(all.size())).append(" incidents from ")
                             .append(std::to_string(samples.size())).append(" sample reports (assets/samples/)"));
    view.incident_files = {geojson.string()};
    std::cout.flush();  // the summary before the window takes over
    viewer::run_viewer(view);
    return kExitSuccess;
}

}  // namespace

Command add_demo_command(CLI::App& root) {
    auto args = std::make_shared<DemoArgs>();
    CLI::App* app = root.add_subcommand(
        "demo", "Extract the incidents of the sample reports (fr, en, ru) and show them: demo.geojson, demo.png, the viewer");
    app->add_flag("--no-window", args->no_window, "Do not open the viewer (it never opens without a display)");
    app->add_option("-o,--output", args->output, "Directory for demo.geojson and demo.png (created if missing; replaced atomically)")
        ->capture_default_str();
    app->add_option("--size", args->size, "Image and window size in pixels, WIDTHxHEIGHT")->capture_default_str();
    app->add_option("--index", args->index, "Gazetteer index (default: the embedded index beside the executable)");
    return {app, [args] { return run_demo(*args); }};
}

}  // namespace incidentmap::cli
