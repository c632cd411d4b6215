#pragma once
// Incident files read into one set, for the viewer and `render`: each file through core::io::read_incidents (any
// vector format GDAL reads, a project), or, when its columns are ACLED's or UCDP GED's, through
// core::io::read_exchange_table, so that a published dataset is overlaid as it comes; all merged.
//
// Guarantees: a file that cannot be read is left out and named in `problems` with the reader's message (the file,
// the feature, what was wrong) and the others still load; an ACLED or UCDP table's bad rows are named there too
// (the first 20, then counted) and its good rows load. With `strict` the first problem is thrown instead (the
// reader's core::InputError as it came), for commands that must show everything they were asked to. `fields` says
// which properties are read from incident files (core::io::ReadFields; `render` needs only the map's); ACLED and
// UCDP tables are read whole.

#include "core/incident_set.hpp"
#include "core/io/incident_io.hpp"

#include <string>
#include <vector>

namespace incidentmap::viewer {

struct LoadedIncidents {
    core::IncidentSet set;
    std::vector<std::string> loaded;    // "events.geojson: 812 incidents"
    std::vector<std::string> problems;
};

LoadedIncidents load_incident_files(const std::vector<std::string>& files, bool strict = false,
                                    core::io::ReadFields fields = core::io::ReadFields::all);

}  // namespace incidentmap::viewer
