#pragma once
// A project: the sources an analyst has ingested, what was read from each (the readings), and the incidents merged
// from them (store/merging.hpp), in one GDAL dataset: a GeoPackage file for one analyst, or a PostGIS database for a
// team ("PG:dbname=events host=db.example.org"). One code path serves both, through GDAL's GPKG and PostgreSQL
// drivers.
//
// The tables (layers), in this order so that a reader of a GeoPackage's first layer (read_incidents, the viewer,
// `render`) gets the incidents:
//  - incidents (points, WGS84): the incident fields of core/io/incident_io.hpp, then source_count, sources (the
//    source checksums, "; "-joined), readings (the ids of the readings merged into it, "; "-joined), fatalities_low,
//    fatalities_high (the sources' range: UCDP's low and high), reconciliation (how disagreeing figures were
//    settled) and best_reading (the readings FID of the reading it takes its place and id from);
//  - readings (points): each source's own reading of each incident, the incident fields as extracted (its id unique
//    in the project), then source_checksum and published: the provenance, never rewritten, so that merging can be
//    redone or undone (`--no-merge`);
//  - sources (no geometry): checksum (XXH3-128 of the text, the key), location (path or URL), title, outlet,
//    language, published, ingested_at (UTC), readings (how many incidents were read from it);
//  - corrections (points): an analyst's corrected incidents (the incident fields), each with `corrects` (the id of
//    the reading the incident took its place and id from when it was corrected) and corrected_at (UTC): kept, never
//    rewritten, and laid over the merge: whenever the readings are merged again, an incident one of whose readings
//    was corrected is written as corrected (the latest correction of its first reading corrected, best first);
//  - project: key/value settings (the schema version). Projects made before corrections were kept get the table
//    when opened.
//
// Guarantees:
//  - add() is one transaction: the batch's new sources, their readings and the re-merged incidents become visible
//    together or not at all. A process killed in the middle (SIGKILL) leaves the project as it was before the batch:
//    SQLite's journal for a GeoPackage, PostgreSQL's for PostGIS.
//  - Writers of one PostGIS project are serialised by a transaction-level advisory lock, and the known checksums are
//    read again under it, so two ingests at the same time neither lose nor duplicate a source. Two writers of one
//    GeoPackage: the second waits for SQLite's lock up to 60 s, then fails with a message.
//  - A source whose checksum is already there is skipped: re-ingesting changes nothing.
//  - Opening checks that the tables have the fields above; a dataset with other tables of the same names is refused
//    with a message naming the table and the field, never overwritten.
// Cost: add() merges only what the batch can change: its new readings, and the readings already there that may be one
// event with them, transitively (a closed set, which merges as it would in a merge of every reading); the incidents
// of those are replaced, all others stay. To find them it keeps a key of some 60 bytes for every reading in memory
// (merging.hpp's EventKey), read once and then only the readings appended since (by FID). A change of merge mode
// (--no-merge, then not) merges every reading again. Sources are looked up by checksum through an index.
// Not thread-safe: one Project per thread; several processes may share a project as said above.

#include "core/incident_set.hpp"
#include "store/merging.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace incidentmap::store {

struct SourceRecord {
    std::string checksum;  // source_checksum() of the text
    std::string location;  // the file, or a feed item's link
    std::string title;
    std::string outlet;
    std::string language;
    std::optional<std::chrono::year_month_day> published;
    std::string ingested_at;  // "2026-12-03T22:41:07Z"; add() sets it when empty
    int readings = 0;

    bool operator==(const SourceRecord&) const = default;
};

// The key of a source: XXH3-128 of its text, 32 lowercase hex digits.
std::string source_checksum(std::string_view text);

// An incident as the project keeps it: merged, with its sources.
struct StoredIncident {
    core::Incident incident;
    std::vector<std::string> sources;   // source checksums
    std::vector<std::string> readings;  // the ids of its readings, best first
    std::optional<int> fatalities_low;
    std::optional<int> fatalities_high;
    std::string reconciliation;
};

// An analyst's correction, as the project keeps it.
struct Correction {
    core::Incident incident;   // as corrected (manual_correction set)
    std::string corrects;      // the reading it stands over
    std::string corrected_at;  // "2026-12-07T03:10:00Z"

    bool operator==(const Correction&) const = default;
};

struct CorrectionResult {
    std::size_t applied = 0;
    std::vector<std::string> unknown;  // ids the project has no incident of
};

struct Batch {
    std::vector<SourceRecord> sources;
    std::vector<Reading> readings;  // each reading's source_id is the checksum of one of `sources`
};

struct BatchResult {
    std::size_t sources_added = 0;
    std::size_t sources_known = 0;  // skipped: already in the project (perhaps added meanwhile by another writer)
    std::size_t readings_added = 0;
    std::size_t incidents = 0;  // in the project after the batch
};

class Project {
public:
    // "PG:..." is a PostgreSQL connection; anything else a GeoPackage path.
    static bool is_connection(std::string_view target);
    // Whether `target` is a project: a connection string (opening it tells more), or a GeoPackage with the project's
    // tables (an incident file written by `extract -o x.gpkg` is none).
    static bool is_project(const std::string& target);

    // Opens the project at `target`. With `create`, a missing GeoPackage is made, and a database without the
    // project's tables gets them. Throws DatasetOpenError / InputError naming the target and what is wrong.
    static Project open(const std::string& target, bool create);

    Project(Project&&) noexcept;
    Project& operator=(Project&&) noexcept;
    ~Project();

    const std::string& target() const;

    // The checksums of the sources in the project now.
    std::unordered_set<std::string> known_checksums();

    // Adds the batch in one transaction, as the header says, leaving the incidents the merge of all readings with
    // `options` would give. Throws Error (the transaction rolled back) when writing fails.
    BatchResult add(const Batch& batch, const MergeOptions& options = {});

    std::vector<SourceRecord> sources();
    std::vector<Reading> readings();           // in the order they were added
    // What one incident was merged from: each of its readings (best first) with the source it was read from (the
    // inspector's list of sources). Empty when the project has no incident of that id.
    struct SourcedReading {
        Reading reading;
        SourceRecord source;
    };
    std::vector<SourcedReading> readings_of(const std::string& incident_id);
    // The incidents by time (date_start; unknown last), then id: the same order for the same readings, whatever
    // batches made them. scan_incidents hands them over one at a time (`take` may throw to stop), incidents() holds
    // them all. Without `provenance`, sources, readings and reconciliation are left empty (and not read).
    void scan_incidents(const std::function<void(StoredIncident&&)>& take, bool provenance = true);
    std::vector<StoredIncident> incidents();

    // Puts the analyst's corrected incidents in place of the project's incidents of the same id, and keeps them in
    // the corrections table, in one transaction (with the writers' lock, as add()). An id the project has no
    // incident of is returned, not an error. Throws Error (rolled back) when writing fails.
    CorrectionResult correct(std::span<const core::Incident> corrected);
    std::vector<Correction> corrections();  // in the order made

private:
    struct Impl;
    explicit Project(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace incidentmap::store
