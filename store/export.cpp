#include "store/export.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/exchange_tables.hpp"
#include "core/io/incident_io.hpp"
#include "core/io/incident_layer.hpp"

#include <algorithm>
#include <cctype>

namespace incidentmap::store {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

void write_postgis_table(std::span<const StoredIncident> incidents, const std::string& target, const std::string& table) {
    auto ds = core::gdal::Dataset::open(target, GDAL_OF_VECTOR | GDAL_OF_UPDATE, {}, {"PostgreSQL"});
    const bool project = ds.get().GetLayerByName("readings") && ds.get().GetLayerByName("sources");
    if (project && (table == "incidents" || table == "readings" || table == "sources" || table == "project"))
        throw core::InputError(target, "holds an incidentmap project, whose table " + table +
                                           " is not an export target: name another table with --table");
    GDALDataset& d = ds.get();
    {
        core::gdal::ErrorCapture capture;
        if (d.StartTransaction() != OGRERR_NONE) throw core::Error(target + ": cannot start a transaction: " + capture.message());
    }
    try {
        const OGRSpatialReference wgs84 = core::gdal::wgs84();
        auto layer = ds.create_layer(table, wkbPoint, &wgs84, {"OVERWRITE=YES", "FID=fid", "GEOMETRY_NAME=geom"});
        const auto fields = core::io::IncidentFields::create(layer);
        for (const StoredIncident& s : incidents) {
            OGRFeature f(layer.get().GetLayerDefn());
            fields.fill(f, s.incident);
            layer.create_feature(f);
        }
        core::gdal::ErrorCapture capture;
        if (d.CommitTransaction() != OGRERR_NONE) throw core::Error(target + ": cannot commit the export: " + capture.message());
    } catch (...) {
        d.RollbackTransaction();
        throw;
    }
}

}  // namespace

bool Selection::keeps(const core::Incident& in) const {
    if (from || to) {
        if (!in.time.is_known()) return false;
        if (from && !(in.time.end() > *from)) return false;
        if (to && !(in.time.start() < *to)) return false;
    }
    if (min_severity && core::rank(in.severity) < core::rank(*min_severity)) return false;
    if (bbox) {
        if (!in.location) return false;
        const double lat = in.location->lat_deg(), lon = in.location->lon_deg();
        if (lat < bbox->south || lat > bbox->north) return false;
        const bool across = bbox->west > bbox->east;
        if (across ? (lon < bbox->west && lon > bbox->east) : (lon < bbox->west || lon > bbox->east)) return false;
    }
    if (!countries.empty()) {
        const std::string c = lower(in.country);
        if (std::none_of(countries.begin(), countries.end(), [&](const std::string& k) { return lower(k) == c; })) return false;
    }
    if (!event_types.empty()) {
        if (!in.event_type || std::find(event_types.begin(), event_types.end(), *in.event_type) == event_types.end()) return false;
    }
    return true;
}

void export_incidents(std::span<const StoredIncident> incidents, const std::string& target, ExportLayout layout,
                      const std::string& driver, const std::string& table) {
    if (layout != ExportLayout::incidents) {
        if (Project::is_connection(target))
            throw core::InputError(target, "ACLED and UCDP layouts are CSV files: give a .csv path");
        std::vector<core::io::ExchangeRow> rows;
        rows.reserve(incidents.size());
        for (const StoredIncident& s : incidents) rows.push_back({s.incident, s.fatalities_low, s.fatalities_high});
        core::io::write_exchange_csv(rows, layout == ExportLayout::acled ? core::io::ExchangeLayout::acled : core::io::ExchangeLayout::ucdp,
                                     target);
        return;
    }
    if (Project::is_connection(target)) {
        write_postgis_table(incidents, target, table);
        return;
    }
    std::vector<core::Incident> plain;
    plain.reserve(incidents.size());
    for (const StoredIncident& s : incidents) plain.push_back(s.incident);
    core::io::write_incidents(core::IncidentSet(plain), target, driver);
}

}  // namespace incidentmap::store
