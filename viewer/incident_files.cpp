#include "viewer/incident_files.hpp"

#include "core/error.hpp"
#include "core/io/incident_io.hpp"


namespace incidentmap::viewer {

LoadedIncidents load_incident_files(const std::vector<std::string>& files, bool strict) {
    LoadedIncidents out;
    for (const std::string& file : files) {
        try {
            core::IncidentSet read = core::io::read_incidents(file);
            out.loaded.push_back(file + ": " + std::to_string(read.size()) + (read.size() == 1 ? " incident" : " incidents"));
            out.set.add(std::move(read));
        } catch (const core::Error& e) {
            if (strict) throw;
            out.problems.push_back(e.what());
        }
    }
    return out;
}

}  // namespace incidentmap::viewer
