#pragma once
// The command line of both executables: the root app, the subcommands given, and one place where errors become
// messages and exit codes (see exit_codes.hpp).

#include "cli/command.hpp"

#include <vector>

namespace incidentmap::cli {

int run_cli(int argc, char** argv, const std::vector<Command (*)(CLI::App&)>& add_commands);

}  // namespace incidentmap::cli
