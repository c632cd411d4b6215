#pragma once
// The incident encoding of core/io/incident_io.hpp on one layer of a GDAL dataset that the caller holds open: for
// stores that keep incidents in a dataset of their own, beside other tables and fields (the project store,
// store/project.hpp). read_incidents and write_incidents are these two classes over a file of one layer.
//
// Guarantees: the same fields, types, encoding and checks as incident_io.hpp says, so that a layer written here
// reads back with read_incidents and the other way round. The caller's own fields may come before or after the
// incident fields; both classes find theirs by name.
// Not thread-safe beyond GDAL's own rules: use them on the thread that uses the layer.

#include "core/gdal.hpp"
#include "core/incident.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::core::io {

class IncidentFields {
public:
    // Adds the incident fields to `layer` in the encoding's order; `xy`: latitude and longitude columns instead
    // of a geometry (CSV and spreadsheets). Throws Error when the driver refuses or renames a field.
    static IncidentFields create(gdal::Layer& layer, bool xy = false);
    // The incident fields of an existing layer; throws InputError naming the dataset, the layer and the first
    // field it lacks. mention_span, added after the others, may be missing: such a layer stores none.
    static IncidentFields find(const gdal::Layer& layer);

    // The names of the incident fields, in the encoding's order.
    static std::span<const char* const> names();

    // Sets the incident fields (null where unknown) and the point geometry (none for an unlocated incident).
    void fill(OGRFeature& feature, const Incident& incident) const;

private:
    IncidentFields(std::vector<int> at, bool xy) : at_(std::move(at)), xy_(xy) {}
    std::vector<int> at_;  // field position of each incident field (and latitude, longitude when xy_)
    bool xy_ = false;
};

class IncidentLayerReader {
public:
    // `source` names the dataset in messages. Throws CrsError when the layer's CRS cannot be taken to WGS84.
    IncidentLayerReader(const gdal::Layer& layer, std::string source);
    ~IncidentLayerReader();
    IncidentLayerReader(const IncidentLayerReader&) = delete;
    IncidentLayerReader& operator=(const IncidentLayerReader&) = delete;

    // Whether the layer has any incident property but the id (an attribute table of other columns has none, nor
    // has a map whose features carry an id and a name).
    bool has_incident_columns() const;
    // The incident of one feature (`index`: its position, named in messages when the format has no FIDs). Throws
    // InputError naming the source and the feature, as read_incidents does.
    Incident read(OGRFeature& feature, std::size_t index);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A GeoPackage layer's incidents read straight through SQLite, in the order of an SQL clause, with further columns
// of the same rows: a project's ordered scans (store/project.hpp), at a fifth of the cost of GDAL's features. The
// same reading and checks as IncidentLayerReader; rows are numbered in messages by their FID.
class SqliteIncidentScan {
public:
    // nullptr where the layer cannot be read this way (not a GeoPackage file on disk, an incident field of a type
    // SQLite does not give as GDAL does): read it through GDAL then. `clause` follows "FROM table" ("WHERE ...
    // ORDER BY ..."); `extra` are further columns to select. Throws InputError naming `source` when SQLite cannot
    // open the file or prepare the statement, CrsError as IncidentLayerReader does.
    static std::unique_ptr<SqliteIncidentScan> open(const gdal::Dataset& dataset, gdal::Layer& layer, std::string source,
                                                    const std::string& clause, const std::vector<std::string>& extra);
    ~SqliteIncidentScan();
    SqliteIncidentScan(const SqliteIncidentScan&) = delete;
    SqliteIncidentScan& operator=(const SqliteIncidentScan&) = delete;

    // The next row's incident into `in` (every property set anew, its texts' storage reused); false at the end.
    // Throws InputError for a malformed row (naming its FID) or a damaged file.
    bool next(Incident& in);
    // Extra column k of the row last read; nullopt when null.
    std::optional<std::string_view> text(std::size_t k) const;
    std::optional<std::int64_t> integer(std::size_t k) const;

private:
    struct Impl;
    explicit SqliteIncidentScan(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace incidentmap::core::io
