// incidentmap: turns news reports into a map of incidents.
//
// This executable runs the text commands (geoparse, eval) itself and hands every other command line to
// incidentmap-full beside it, unchanged. It links no GIS library: GDAL alone loads some 120 shared libraries, which
// cost a process about 35 ms before main(), too much for a geoparser called once per document.

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <system_error>

int main(int argc, char** argv) {
    using namespace incidentmap::cli;
    std::string_view command;
    for (int i = 1; i < argc && command.empty(); ++i)
        if (argv[i][0] != '-') command = argv[i];
    if (command == "geoparse" || command == "eval") return run_cli(argc, argv, {add_geoparse_command, add_eval_command});

    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto full = (ec ? std::filesystem::path(argv[0]) : self).parent_path() / "incidentmap-full";
    execv(full.c_str(), argv);
    std::cerr << "incidentmap: cannot run " << full.string() << ": " << std::strerror(errno) << "\n";
    return kExitFailure;
}
