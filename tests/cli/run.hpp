#pragma once
// Runs the real executable (INCIDENTMAP_EXE) through the shell, for the command-line tests.

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace incidentmap::test {

struct Result {
    int code;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line and reads what it writes on stdout.
inline Result run_shell(const std::string& cmd) {
    FILE* pipe = ::popen(cmd.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// `env` is prepended as shell variable assignments, e.g. "INCIDENTMAP_ASSETS=/x".
inline Result run_with_env(const std::string& env, const std::string& args) {
    return run_shell(env + " " + std::string(INCIDENTMAP_EXE) + " " + args + " 2>&1");
}

inline Result run(const std::string& args) { return run_with_env("", args); }


}  // namespace incidentmap::test
