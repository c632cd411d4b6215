// incidentmap view: the interactive map viewer.

#include "cli/command.hpp"
#include "cli/commands/map_options.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "viewer/viewer.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace incidentmap::cli {

namespace {

struct ViewArgs {
    std::vector<std::string> files;
    std::string size = "1280x800";
    std::string screenshot;
    int frames = 0;
    std::string script;
    std::string state;
    std::size_t bench = 0;
    std::string style;
    BasemapArgs basemaps;
};

int run_view(const ViewArgs& args) {
    const bool batch = args.frames > 0 || !args.screenshot.empty() || !args.script.empty();
    // A batch run names a missing file before it needs a window: a missing input is the input's fault (2), whether
    // or not there is a display to report it in. (GDAL's virtual paths, URLs and PostGIS projects are left to GDAL.)
    if (batch) {
        for (const auto& file : args.files) {
            std::error_code ec;
            if (!file.starts_with("/vsi") && !file.starts_with("PG:") && file.find("://") == std::string::npos &&
                !std::filesystem::exists(file, ec))
                throw core::InputError(file, "no such file");
        }
    }
    viewer::ViewerOptions options;
    const PixelSize size = parse_size(args.size);
    options.window.width = size.width;
    options.window.height = size.height;
    options.frames = args.frames;
    if (!args.screenshot.empty()) {
        options.screenshot = args.screenshot;
        if (options.frames == 0) options.frames = 3;  // a screenshot needs a finished layout, then ends the run
    }
    options.basemaps = basemap_settings(args.basemaps);
    options.basemap_options.gazetteer = gazetteer::Gazetteer::default_path();
    options.basemap_options.label_language = args.basemaps.label_language;
    options.basemap_options.tile_cache = viewer::default_tile_cache();
    options.incident_files = args.files;
    if (!args.script.empty()) options.script = args.script;
    if (!args.state.empty()) options.state = args.state;
    options.bench_incidents = args.bench;
    if (!args.style.empty()) options.style = viewer::parse_aggregation(args.style);  // checked by the option's validator
    const viewer::ViewerRun run = viewer::run_viewer(options);
    // A run that ends by itself (a screenshot, a frame budget, a script) is a batch job: inputs it could not read
    // make it fail, as any command's bad input does. An interactive session reported them in the window.
    if (batch && run.unreadable_files > 0) {
        std::cerr << "incidentmap: " << run.unreadable_files << " incident file(s) could not be read\n";
        return kExitUsage;
    }
    return kExitSuccess;
}

}  // namespace

Command add_view_command(CLI::App& root) {
    auto args = std::make_shared<ViewArgs>();
    CLI::App* app = root.add_subcommand("view", "Open the interactive map viewer");
    app->add_option("files", args->files, "Incident files (GeoJSON first; any format GDAL reads)");
    app->add_option("--size", args->size, "Window size in pixels, WIDTHxHEIGHT")->capture_default_str();
    app->add_option("--screenshot", args->screenshot, "Write the last frame to this PNG file and exit");
    app->add_option("--frames", args->frames, "Render this many frames, then exit (0: until closed)")
        ->check(CLI::NonNegativeNumber);
    app->add_option("--bench", args->bench,
                    "Benchmark: frame times panning, zooming and playing with N synthetic incidents (e.g. 1000000)");
    app->add_option("--style", args->style, "How incidents are drawn: clusters, heatmap or hexbins (default: clusters, or the saved view's)")
        ->check(CLI::IsMember({"clusters", "heatmap", "hexbins"}));
    app->add_option("--state", args->state, "Open a saved view (camera, layers, filters, incident files)");
    app->add_option("--script", args->script, "Run a script of UI actions (see docs/VIEWER.md), then exit");
    add_basemap_options(*app, args->basemaps);
    return {app, [args] { return run_view(*args); }};
}

}  // namespace incidentmap::cli
