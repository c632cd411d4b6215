#include "viewer/incident_files.hpp"

#include "core/error.hpp"
#include "core/io/incident_io.hpp"

#include <iterator>

namespace incidentmap::viewer {

LoadedIncidents load_incident_files(const std::vector<std::string>& files, bool strict) {
    LoadedIncidents out;
    std::vector<core::Incident> all;
    for (const std::string& file : files) {
        try {
            std::vector<core::Incident> read = core::io::read_incident_list(file);
            out.loaded.push_back(file + ": " + std::to_string(read.size()) + (read.size() == 1 ? " incident" : " incidents"));
            if (all.empty()) all = std::move(read);
            else std::move(read.begin(), read.end(), std::back_inserter(all));
        } catch (const core::Error& e) {
            if (strict) throw;
            out.problems.push_back(e.what());
        }
    }
    out.set.add(std::move(all));
    return out;
}

}  // namespace incidentmap::viewer
