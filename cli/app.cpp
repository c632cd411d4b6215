#include "cli/app.hpp"

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "core/error.hpp"
#include "core/io/atomic_output.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace incidentmap;

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

// The first argument that is not an option names the subcommand; an unknown one gets a suggestion.
int check_subcommand(const std::vector<cli::Command>& commands, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.empty() || arg[0] == '-') continue;
        std::string best;
        std::size_t best_d = 3;  // suggest only close names
        for (const auto& c : commands) {
            if (c.app->get_name() == arg) return cli::kExitSuccess;
            if (const std::size_t d = edit_distance(arg, c.app->get_name()); d < best_d) best_d = d, best = c.app->get_name();
        }
        std::cerr << "incidentmap: unknown command '" << arg << "'.";
        if (!best.empty()) std::cerr << " Did you mean '" << best << "'?";
        std::cerr << "\nCommands:";
        for (const auto& c : commands) std::cerr << " " << c.app->get_name();
        std::cerr << "\nRun 'incidentmap --help' for what each does.\n";
        return cli::kExitUsage;
    }
    return cli::kExitSuccess;
}

}  // namespace

namespace incidentmap::cli {

int run_cli(int argc, char** argv, const std::vector<Command (*)(CLI::App&)>& add_commands) {
    CLI::App app{"incidentmap: turns news reports into a map of incidents.\n"
                 "Exit codes: 0 success, 1 failure, 2 bad usage or bad input.",
                 "incidentmap"};
    app.set_version_flag("--version", std::string("incidentmap ") + INCIDENTMAP_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);

    std::vector<cli::Command> commands;
    for (const auto add : add_commands) commands.push_back(add(app));

    if (const int rc = check_subcommand(commands, argc, argv); rc != cli::kExitSuccess) return rc;

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);  // prints CLI11's message
        return cli::kExitUsage;
    }

    // Standard output is a file like any other: what could not be written there (a full disk, a closed pipe) is a
    // failed write, said and exited with 1, never a silent success.
    auto checked_stdout = [](int rc) {
        errno = 0;
        std::cout.flush();
        std::fflush(stdout);
        if (!std::cout || std::ferror(stdout)) {
            const int err = errno;
            std::cerr << "incidentmap: cannot write to standard output" << (err ? std::string(": ") + std::strerror(err) : std::string())
                      << "\n";
            return rc == cli::kExitSuccess ? cli::kExitFailure : rc;
        }
        return rc;
    };
    try {
        for (const auto& c : commands)
            if (c.app->parsed()) return checked_stdout(c.run());
        return cli::kExitUsage;
    } catch (const core::InputError& e) {
        std::cerr << "incidentmap: " << core::io::name_outputs(e.what()) << "\n";
        return checked_stdout(cli::kExitUsage);
    } catch (const std::exception& e) {
        std::cerr << "incidentmap: error: " << core::io::name_outputs(e.what()) << "\n";
        return checked_stdout(cli::kExitFailure);
    }
}

}  // namespace incidentmap::cli
