#pragma once
// Incidents in and out of files: GeoJSON (the project's contract) and every vector format GDAL reads or writes.
//
// The encoding, the same in every format: one point feature per incident (the location, WGS84) with these fields,
// in this order: id, date_start, date_end, time_precision, event_type, sub_event_type, actors, violent,
// fatalities, fatalities_min, injured, arrested, severity, geo_precision, uncertainty_m, place_name, place_id,
// country, admin1, quote, source_span, language, confidence, source, manual_correction, mention_span (Incident's
// members; its `time` is the first three).
//  - Unknown values are null (an empty text is unknown too); never 0 for an unknown figure. An unknown time is
//    null dates with time_precision "unknown".
//  - Dates are ISO 8601 strings at the precision of the span: spans of whole days (day, week, month and year
//    precision) as dates, "2022-01-06", with date_end the LAST day included (a day-precision incident has
//    date_end == date_start); other spans as date-times, "2022-01-06T18:30:00", with date_end the exclusive end
//    instant. A date-only value is a whole day, a date-time an instant, whatever time_precision says: that is how
//    the reader rebuilds the exact TimeSpan. Times are civil times without a zone (core/time_span.hpp).
//  - time_precision, event_type (ACLED's spelling) as names; severity as its rank 0..4 (a name is accepted on
//    reading); violent and manual_correction as booleans.
//  - GeoJSON: RFC 7946, [lon, lat] with at most 7 decimals, no "crs" member; actors a JSON array of strings,
//    source_span and mention_span JSON arrays [begin, end]; the Feature also carries the id as its "id" member.
//    Other formats (GeoPackage, FlatGeobuf, CSV, KML, Shapefile...): actors joined with "; ", the spans as the
//    text "[begin,end]", dates as text fields; CSV has "latitude" and "longitude" columns instead of a geometry.
//    Shapefile truncates field names to 10 characters: it can be written, but reading it back loses the fields
//    whose names were cut (time_precision, sub_event_type...).
//
// Reading (read_incidents) guarantees:
//  - Any vector dataset GDAL opens, first layer unless one is named, that has at least one incident property (a
//    layer of none, a road map or a table of other columns, is refused as not incident data). Every property is
//    optional: a missing or null
//    one is unknown (time unknown without date_start; severity missing is taken from the figures and violent: fatal,
//    injuries, violent, disruptive for protests, riots and arrests, else informational; violent missing is false).
//    "date" and "event_date" stand for date_start where date_start is null. Typed fields (integers, reals,
//    booleans, lists, dates) are accepted as well as their text forms; a date-time field's midnight is a whole day
//    where time_precision is day, week, month or year, or where date_end is that same midnight.
//  - The location is the point geometry; for another geometry a point on its surface (GEOS); for a feature without
//    geometry, the fields latitude/lat and longitude/lon/lng. A layer in another CRS is reprojected to WGS84.
//  - Anything malformed throws InputError (a CrsError for a CRS that cannot be transformed) whose source() is the
//    file and location() the feature ("FID 7", "feature 3" when the format has no FIDs, plus "(id X)" where the
//    feature has one), saying what was wrong: a date not in ISO 8601, an unknown time_precision or event_type, a
//    figure not a non-negative integer, severity or geo_precision out of range, a latitude or longitude out of
//    range, an empty or missing geometry, any rule of core/incident.hpp. Nothing is skipped silently.
//
// Writing (write_incidents) guarantees:
//  - The format comes from the driver named, else from the extension (.geojson/.json GeoJSON, .gpkg, .fgb, .csv,
//    .kml, .shp, .gml, .sqlite, .geojsonl, .xlsx, .ods; other extensions a GDAL driver claims unambiguously).
//  - Always through a temporary file renamed into place (core/io/atomic_output.hpp): on any failure an existing
//    file at `path` is left as it was and no temporary stays behind. A format made of several files (Shapefile)
//    has each renamed; the main file is renamed last.
//  - Reading back what was written gives the same set (incident(i) == for every i) for GeoJSON and GeoPackage;
//    for CSV too, but for uncertainty_m and confidence, which GDAL prints with 15 significant digits; for FlatGeobuf
//    too, but incidents with equal starts may come back in another order (its spatial index reorders features).
// Thread safety: calls share no state (each owns its GDAL and GEOS handles); different files may be read or written
// on different threads.

#include "core/incident.hpp"
#include "core/incident_set.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace incidentmap::core::io {

// Which properties a read takes from the file.
enum class ReadFields {
    all,
    // What a map draws and filters by: id, the time, event_type, sub_event_type, violent, the figures, severity, the
    // location, geo_precision, uncertainty_m, manual_correction. The rest (actors, place, country, quote, source,
    // language, confidence) is neither fetched nor checked and is unknown in the set: `render` of a million
    // incidents reads a third of the bytes.
    map,
};

// Reads every feature of the layer (`layer` empty: the first, or a project's incidents table) into a set. `path` may
// also be a GDAL connection string ("PG:dbname=events"). Throws as the header says.
IncidentSet read_incidents(const std::filesystem::path& path, const std::string& layer = {}, ReadFields fields = ReadFields::all);
// The same in file order, for a caller that gathers several files into one set.
std::vector<Incident> read_incident_list(const std::filesystem::path& path, const std::string& layer = {});

// Writes `incidents` to `path`; `driver` is a GDAL short name ("GPKG", "GeoJSON", "FlatGeobuf") or empty to choose
// by extension. Throws InputError if no format can be chosen, Error if writing fails (the old file stays).
void write_incidents(const IncidentSet& incidents, const std::filesystem::path& path, const std::string& driver = {});

// write_incidents one incident at a time, for outputs too large to hold in memory: the same formats, encoding and
// guarantees (nothing at `path` changes until commit(); a writer destroyed without it leaves no file behind).
class IncidentWriter {
public:
    // Throws InputError if no format can be chosen or the directory is missing, Error if the file cannot be made.
    explicit IncidentWriter(const std::filesystem::path& path, const std::string& driver = {});
    ~IncidentWriter();
    IncidentWriter(const IncidentWriter&) = delete;
    IncidentWriter& operator=(const IncidentWriter&) = delete;

    // Throws Error if writing fails, or for an unlocated incident in a format that drops features without a
    // geometry (FlatGeobuf).
    void add(const Incident& incident);
    // Finishes the file and moves it into place. Throws Error if that fails (the old file stays).
    void commit();
    std::size_t count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

enum class GeoJsonLayout {
    feature_per_line,  // the FeatureCollection over several lines, one Feature on each (files: diffs, grep)
    single_line,       // all on one line, no final newline (one NDJSON record of the batch interface)
};

// A GeoJSON FeatureCollection of the incidents, in the given order. Throws core::Error if a text is not valid
// UTF-8 (naming the incident), or if the stream fails.
void write_geojson(std::ostream& out, const IncidentSet& incidents, GeoJsonLayout layout = GeoJsonLayout::feature_per_line);
void write_geojson(std::ostream& out, std::span<const Incident> incidents,
                   GeoJsonLayout layout = GeoJsonLayout::feature_per_line);

}  // namespace incidentmap::core::io
