#include "viewer/incident_files.hpp"

#include "core/error.hpp"
#include "core/io/incident_io.hpp"

namespace incidentmap::viewer {

LoadedIncidents load_incident_files(const std::vector<std::string>& files, bool strict) {
    LoadedIncidents out;
    std::vector<core::Incident> all;
    for (const std::string& file : files) {
        try {
            const core::IncidentSet set = core::io::read_incidents(file);
            for (std::size_t i = 0; i < set.size(); ++i) all.push_back(set.incident(i));
            out.loaded.push_back(file + ": " + std::to_string(set.size()) + (set.size() == 1 ? " incident" : " incidents"));
        } catch (const core::Error& e) {
            if (strict) throw;
            out.problems.push_back(e.what());
        }
    }
    out.set = core::IncidentSet(all);
    return out;
}

}  // namespace incidentmap::viewer
