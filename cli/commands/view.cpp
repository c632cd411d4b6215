// incidentmap view: the interactive map viewer.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "viewer/viewer.hpp"

#include <memory>
#include <sstream>

namespace incidentmap::cli {

namespace {

struct ViewArgs {
    std::string size = "1280x800";
    std::string screenshot;
    int frames = 0;
};

int run_view(const ViewArgs& args) {
    viewer::ViewerOptions options;
    char x = 0;
    std::istringstream in(args.size);
    if (!(in >> options.window.width >> x >> options.window.height) || x != 'x' || options.window.width <= 0 ||
        options.window.height <= 0 || !in.eof())
        throw core::InputError("--size", "expected WIDTHxHEIGHT in pixels, e.g. 1280x800, got '" + args.size + "'");
    options.frames = args.frames;
    if (!args.screenshot.empty()) {
        options.screenshot = args.screenshot;
        if (options.frames == 0) options.frames = 3;  // a screenshot needs a finished layout, then ends the run
    }
    viewer::run_viewer(options);
    return kExitSuccess;
}

}  // namespace

Command add_view_command(CLI::App& root) {
    auto args = std::make_shared<ViewArgs>();
    CLI::App* app = root.add_subcommand("view", "Open the interactive map viewer");
    app->add_option("--size", args->size, "Window size in pixels, WIDTHxHEIGHT")->capture_default_str();
    app->add_option("--screenshot", args->screenshot, "Write the last frame to this PNG file and exit");
    app->add_option("--frames", args->frames, "Render this many frames, then exit (0: until closed)")
        ->check(CLI::NonNegativeNumber);
    return {app, [args] { return run_view(*args); }};
}

}  // namespace incidentmap::cli
