#pragma once
// Incidents in the column layouts of the datasets analysts already use, to compare and overlay: ACLED's event data
// (Codebook 2023 column names) and UCDP's Georeferenced Event Dataset (GED 23.1 column names).
//
// ACLED columns, in this order: event_id_cnty (the incident id), event_date (YYYY-MM-DD, the span's first day),
// year, time_precision (1 a day or less, 2 a week, 3 a month or longer), disorder_type, event_type, sub_event_type,
// actor1 (the first actor), actor2 (the others, "; "-joined), interaction (empty: incidentmap does not code actor
// types), country (the English name for an ISO code the country table knows), admin1, admin2 (empty), location (the
// place name), latitude, longitude, geo_precision, source, source_scale (empty), notes (the quoted sentence),
// fatalities, timestamp (Unix time of the export).
//   Unknown stays unknown: an incident without fatalities has an empty fatalities cell, not ACLED's 0.
// UCDP columns: id, date_start, date_end (YYYY-MM-DD, the last day included), date_prec (1 one day, 2 two to six
// days, 3 a week, 4 a month, 5 longer), where_prec (from the uncertainty radius: 1 up to 1 km, 2 up to 25 km, 3 up to
// 100 km, 4 up to 500 km, 6 beyond), type_of_violence (3 for violence against civilians, 1 for other armed violence,
// empty otherwise), latitude, longitude, country, best (fatalities), low, high (the range the sources give, else best),
// source_article (the sources).
//
// Reading (read_exchange_table) takes any GDAL layer with either set of columns (ACLED's by event_id_cnty and
// event_date, UCDP's by date_prec and best): CSV as ACLED and UCDP publish it, or GeoJSON, GeoPackage... Dates in ISO
// form (a time after the date is ignored, as UCDP writes "2022-01-06 00:00:00.000"), or ACLED's "06 January 2022".
// Every row that cannot be read is reported with its number (1 = the first data row) and the reason, and the others
// are read. What the columns carry comes back as it was written: writing what was read gives the same table (but
// timestamp), and reading what was written gives back, per incident, every property the layout has. What a layout
// lacks (the quote in UCDP, the exact time of day, the uncertainty in metres, the language) is lost by design.
// Thread safety: as incident_io.hpp.

#include "core/error.hpp"
#include "core/incident.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace incidentmap::core::io {

enum class ExchangeLayout { acled, ucdp };

struct ExchangeRow {
    Incident incident;
    std::optional<int> low;   // fatalities: the lowest and highest estimates (UCDP), when known
    std::optional<int> high;
};

// Writes the rows as a CSV file in `layout` (through a temporary file renamed into place, as write_incidents).
void write_exchange_csv(std::span<const ExchangeRow> rows, ExchangeLayout layout, const std::filesystem::path& path);

// The same one row at a time, for tables too large to hold: nothing at `path` changes until commit().
class ExchangeWriter {
public:
    ExchangeWriter(const std::filesystem::path& path, ExchangeLayout layout);  // throws InputError, Error
    ~ExchangeWriter();
    ExchangeWriter(const ExchangeWriter&) = delete;
    ExchangeWriter& operator=(const ExchangeWriter&) = delete;

    void add(const ExchangeRow& row);  // throws Error for a text that is not UTF-8, naming the incident and column
    void commit();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct ExchangeRead {
    ExchangeLayout layout = ExchangeLayout::acled;
    std::vector<ExchangeRow> rows;         // the rows read, in file order
    std::vector<InputError> problems;      // one per row that could not be read: location "row N"
    std::size_t row_count = 0;             // rows in the file
};

// Which layout a layer's columns are in, if either.
std::optional<ExchangeLayout> exchange_layout_of(const std::vector<std::string>& column_names);

// Which layout a file's first layer is in, if either; throws InputError naming the file when GDAL cannot open it.
std::optional<ExchangeLayout> exchange_layout_of_file(const std::filesystem::path& path);

// Reads an ACLED or UCDP table. Throws InputError naming the file when it cannot be opened or has neither set of
// columns (saying which columns are missing); bad rows are problems, not exceptions.
ExchangeRead read_exchange_table(const std::filesystem::path& path);

}  // namespace incidentmap::core::io
