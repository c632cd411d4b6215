// incidentmap render: the map drawn off screen (EGL, no display needed) into a PNG file, for reports.

#include "cli/command.hpp"
#include "cli/commands/map_options.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "core/io/rgba_image.hpp"
#include "gazetteer/gazetteer.hpp"
#include "viewer/map_render.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

namespace incidentmap::cli {

namespace {

struct RenderArgs {
    std::vector<std::string> files;
    std::string from, to, severity;
    std::string output;
    std::string size = "1280x800";
    std::string bbox;
    std::string title, subtitle;
    std::string style = "clusters";
    double dpi = 0;  // 0: from the size
    BasemapArgs basemaps;
    int tile_wait_s = 20;
};

// Text, lines and markers grow with the image: 1 up to 1280x800, in proportion to the shorter side's share beyond
// (2400x1500 draws at 1.875), or --dpi / 96.
float render_scale(const PixelSize& size, double dpi) {
    if (dpi > 0) return static_cast<float>(dpi / 96.0);
    return std::max(1.0f, std::min(static_cast<float>(size.width) / 1280.0f, static_cast<float>(size.height) / 800.0f));
}

int run_render(const RenderArgs& args) {
    std::string ext = std::filesystem::path(args.output).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext != ".png") throw core::InputError("-o", "the output is a PNG image: give a file name ending in .png, got '" + args.output + "'");

    viewer::RenderOptions options;
    const PixelSize size = parse_size(args.size);
    options.width = size.width;
    options.height = size.height;
    options.scale = render_scale(size, args.dpi);
    if (args.title.empty() && !args.subtitle.empty()) throw core::InputError("--subtitle", "goes under a --title: give one");
    options.overlays.title = args.title;
    options.overlays.subtitle = args.subtitle;
    if (!args.bbox.empty()) options.bbox = parse_bbox(args.bbox);
    options.aggregation = *viewer::parse_aggregation(args.style);  // checked by the option's validator
    options.basemaps = basemap_settings(args.basemaps);
    options.basemap_options.gazetteer = gazetteer::Gazetteer::default_path();
    options.basemap_options.label_language = args.basemaps.label_language;
    options.basemap_options.tile_cache = viewer::default_tile_cache();
    options.tile_wait = std::chrono::seconds(args.tile_wait_s);
    // No network request outlives the wait for tiles (at least a second each): a silent server does not hold the
    // render past --tile-wait by much.
    options.basemap_options.tile_timeout_s = std::clamp(args.tile_wait_s, 1, options.basemap_options.tile_timeout_s);
    if (!args.files.empty()) {
        // A report must show what it was asked to: an unreadable incident file fails the render. Only what the map
        // draws is read.
        viewer::LoadedIncidents loaded = viewer::load_incident_files(args.files, /*strict=*/true, core::io::ReadFields::map);
        apply_time_options(options.filter, args.from, args.to, loaded.set);
        apply_severity_option(options.filter, args.severity);
        options.incidents = std::move(loaded.set);
    } else if (!args.from.empty() || !args.to.empty() || !args.severity.empty()) {
        throw core::InputError(!args.severity.empty() ? "--severity" : (!args.from.empty() ? "--from" : "--to"),
                               "filters incidents, but no incident file was given");
    }

    const viewer::RenderResult result = viewer::render_map(std::move(options));
    for (const auto& m : result.messages) std::cerr << "incidentmap: " << m << "\n";
    core::io::write_png(result.image, args.output);
    std::cout << "wrote " << args.output << " (" << size.width << "x" << size.height << ")";
    if (!args.files.empty()) std::cout << ": " << result.incidents_drawn << (result.incidents_drawn == 1 ? " incident" : " incidents") << " shown";
    std::cout << "\n";
    return kExitSuccess;
}

}  // namespace

Command add_render_command(CLI::App& root) {
    auto args = std::make_shared<RenderArgs>();
    CLI::App* app = root.add_subcommand("render", "Render the map off screen into a PNG file (no display needed)");
    app->add_option("files", args->files, "Incident files to draw (GeoJSON first; any format GDAL reads); the view fits them");
    app->add_option("-o,--output", args->output, "The PNG file to write (replaced atomically)")->required();
    app->add_option("--from", args->from, "Show incidents from this date or date-time (YYYY-MM-DD[THH:MM])");
    app->add_option("--to", args->to, "Show incidents until this date (included) or date-time (excluded)");
    app->add_option("--severity", args->severity, "Severities to show: fatal,injuries or 3,4 or violent+ (default: all)");
    app->add_option("--size", args->size, "Image size in pixels, WIDTHxHEIGHT")->capture_default_str();
    app->add_option("--bbox", args->bbox, "Area to show, minlon,minlat,maxlon,maxlat in degrees (default: the world)");
    app->add_option("--title", args->title, "A title drawn at the top left, above the legend");
    app->add_option("--subtitle", args->subtitle, "A line under the title (sources, dates)");
    app->add_option("--style", args->style, "How incidents are drawn: clusters (markers, clusters ringed by their severity mix), heatmap or hexbins")
        ->check(CLI::IsMember({"clusters", "heatmap", "hexbins"}))
        ->capture_default_str();
    app->add_option("--dpi", args->dpi, "Scale text and symbols for this resolution (96 is 1:1; default: grow with --size beyond 1280x800)")
        ->check(CLI::Range(24.0, 1200.0));
    add_basemap_options(*app, args->basemaps);
    app->add_option("--tile-wait", args->tile_wait_s, "Seconds to wait for raster tiles in all")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    return {app, [args] { return run_render(*args); }};
}

}  // namespace incidentmap::cli
