// incidentmap-full: every subcommand. build/incidentmap runs it for all but the text commands (see main.cpp).

#include "cli/app.hpp"

int main(int argc, char** argv) {
    using namespace incidentmap::cli;
    return run_cli(argc, argv,
                   {add_gazetteer_command, add_extract_command, add_geoparse_command, add_eval_command, add_info_command,
                    add_render_command, add_view_command, add_demo_command, add_export_command, add_import_command, add_ingest_command,
                    add_correct_command});
}
