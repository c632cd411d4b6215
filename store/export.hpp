#pragma once
// What `incidentmap export` selects from a project and where it writes it: a file in any format GDAL writes (the
// incident encoding of core/io/incident_io.hpp), ACLED or UCDP CSV (core/io/exchange_tables.hpp), or a table in a
// PostGIS database.
//
// Guarantees:
//  - A selection keeps an incident when it meets every criterion given: its time span overlaps [from, to) (incidents
//    of unknown time are kept only without a time criterion); its severity is at least min_severity; its location
//    lies in the box (a box with west > east crosses the antimeridian; an unlocated incident is kept only without a
//    box); its country is one of `countries` (ISO codes or names, as the incident has it, case-insensitive); its
//    event type one of `event_types`.
//  - Files are written through a temporary file renamed into place: a killed export leaves an existing file as it was.
//    A PostGIS table is written in one transaction: the old table, if any, stays until the new one is complete.
//    A project's own tables are never an export target.
// Cost: one pass over the incidents, held one at a time; the writers' own costs.

#include "core/incident.hpp"
#include "store/project.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace incidentmap::store {

struct Selection {
    std::optional<core::TimeSpan::Seconds> from;
    std::optional<core::TimeSpan::Seconds> to;
    std::optional<core::Severity> min_severity;
    struct Box {
        double west, south, east, north;
    };
    std::optional<Box> bbox;
    std::vector<std::string> countries;
    std::vector<core::EventType> event_types;

    bool keeps(const core::Incident& incident) const;
};

enum class ExportLayout { incidents, acled, ucdp };

// Where an export goes, written one incident at a time: "PG:..." a PostGIS table named `table`, else a file whose
// format `driver` (a GDAL short name) or the extension chooses; `layout` acled and ucdp write CSV. Nothing at the
// target changes until commit(). The constructor throws InputError for a target it cannot write (no format for the
// extension, a project's table); add() and commit() throw Error when writing fails.
class ExportTarget {
public:
    ExportTarget(const std::string& target, ExportLayout layout, const std::string& driver = {},
                 const std::string& table = "incidents");
    ~ExportTarget();
    ExportTarget(const ExportTarget&) = delete;
    ExportTarget& operator=(const ExportTarget&) = delete;

    void add(const StoredIncident& incident);
    void commit();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Hands what `scan` produces (it calls its argument once per incident) to `take`, running `scan` on a second
// thread with a bounded buffer between them, so that reading a project and writing a target overlap on two cores.
// `take` sees the incidents in `scan`'s order, on the calling thread. An exception on either side stops both and is
// rethrown here: `take`'s, else `scan`'s. Memory: at most kOverlapBuffered incidents in flight.
using IncidentSink = std::function<void(StoredIncident&&)>;
inline constexpr std::size_t kOverlapBuffered = 8192;
void overlapped(const std::function<void(const IncidentSink&)>& scan, const IncidentSink& take);

// All of `incidents` through an ExportTarget.
void export_incidents(std::span<const StoredIncident> incidents, const std::string& target, ExportLayout layout,
                      const std::string& driver = {}, const std::string& table = "incidents");

}  // namespace incidentmap::store
