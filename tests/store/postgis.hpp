#pragma once
// The PostgreSQL + PostGIS server of one test process: started on first use by tests/postgis_server.sh in a temporary
// directory, on a loopback port, as an unprivileged user, and stopped when the process ends. Each test takes a fresh
// database of its own from it.

#include "../temp_dir.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/wait.h>

namespace incidentmap::test {

class PostgisServer {
public:
    // The running server, or nullptr with `why_not` saying why it cannot run (the packages are not installed).
    // A server that should start and does not is a failure (std::runtime_error), not a skip.
    static PostgisServer* get(std::string& why_not) {
        static std::unique_ptr<PostgisServer> server;
        static std::string reason;
        static bool tried = false;
        if (!tried) {
            tried = true;
            auto s = std::unique_ptr<PostgisServer>(new PostgisServer());
            const auto [code, out] = s->script("start");
            if (code == 77) reason = "PostgreSQL 15 with PostGIS is not installed (postgresql-15 postgresql-15-postgis-3)";
            else if (code != 0) throw std::runtime_error("tests/postgis_server.sh start failed (exit " + std::to_string(code) + ")");
            else server = std::move(s);
        }
        why_not = reason;
        return server.get();
    }

    ~PostgisServer() { script("stop"); }

    // A new empty database with PostGIS: its GDAL connection string.
    std::string create_database() {
        const auto [code, out] = script("createdb");
        if (code != 0) throw std::runtime_error("tests/postgis_server.sh createdb failed");
        return out;
    }

private:
    PostgisServer() = default;

    std::pair<int, std::string> script(const std::string& command) const {
        const std::string line = std::string(INCIDENTMAP_SOURCE_DIR) + "/tests/postgis_server.sh " + command + " '" +
                                 dir_.path().string() + "'";
        FILE* pipe = ::popen(line.c_str(), "r");
        if (!pipe) return {-1, {}};
        std::string out;
        char buf[512];
        while (std::fgets(buf, sizeof buf, pipe)) out += buf;
        const int status = ::pclose(pipe);
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
    }

    TempDir dir_;
};

}  // namespace incidentmap::test
