#pragma once
// How a subcommand plugs into the executable: a function adds it to the root CLI11 app, declaring its options
// there, and returns the callable that runs it once the command line has been parsed. Commands do nothing but read
// their options and call into the library modules; errors travel as core::Error / core::InputError exceptions and
// are turned into messages and exit codes in one place (app.cpp).

#include <CLI/CLI.hpp>

#include <functional>

namespace incidentmap::cli {

struct Command {
    CLI::App* app;             // owned by the root app
    std::function<int()> run;  // returns the exit code
};

Command add_correct_command(CLI::App& root);
Command add_demo_command(CLI::App& root);
Command add_eval_command(CLI::App& root);
Command add_export_command(CLI::App& root);
Command add_extract_command(CLI::App& root);
Command add_gazetteer_command(CLI::App& root);
Command add_geoparse_command(CLI::App& root);
Command add_import_command(CLI::App& root);
Command add_info_command(CLI::App& root);
Command add_ingest_command(CLI::App& root);
Command add_render_command(CLI::App& root);
Command add_view_command(CLI::App& root);

}  // namespace incidentmap::cli
