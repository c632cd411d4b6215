#include "store/project.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/incident_layer.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <unordered_map>

namespace incidentmap::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSchemaVersion = "1";

constexpr const char* kIncidents = "incidents";
constexpr const char* kReadings = "readings";
constexpr const char* kSources = "sources";
constexpr const char* kSettings = "project";

struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

// The fields each table has beyond the incident fields (sources and project have only these).
constexpr FieldSpec kIncidentExtras[] = {{"source_count", OFTInteger}, {"sources", OFTString}, {"readings", OFTString},
                                         {"fatalities_low", OFTInteger}, {"fatalities_high", OFTInteger},
                                         {"reconciliation", OFTString}};
constexpr FieldSpec kReadingExtras[] = {{"source_checksum", OFTString}, {"published", OFTString}};
constexpr FieldSpec kSourceFields[] = {{"checksum", OFTString}, {"location", OFTString}, {"title", OFTString},
                                       {"outlet", OFTString},   {"language", OFTString}, {"published", OFTString},
                                       {"ingested_at", OFTString}, {"readings", OFTInteger}};
constexpr FieldSpec kSettingFields[] = {{"key", OFTString}, {"value", OFTString}};

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : "; ") + s;
    return out;
}

std::vector<std::string> split_list(const char* text) {
    std::vector<std::string> out;
    const std::string s = text ? text : "";
    for (std::size_t b = 0; b < s.size();) {
        std::size_t e = s.find("; ", b);
        if (e == std::string::npos) e = s.size();
        if (e > b) out.push_back(s.substr(b, e - b));
        b = e + 2;
    }
    return out;
}

void set_text(OGRFeature& f, int i, const std::string& s) {
    if (s.empty()) f.SetFieldNull(i);
    else f.SetField(i, s.c_str());
}
void set_integer(OGRFeature& f, int i, const std::optional<int>& v) {
    if (v) f.SetField(i, *v);
    else f.SetFieldNull(i);
}
std::string get_text(const OGRFeature& f, int i) { return f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : ""; }
std::optional<int> get_integer(const OGRFeature& f, int i) {
    return f.IsFieldSetAndNotNull(i) ? std::optional<int>(f.GetFieldAsInteger(i)) : std::nullopt;
}

std::optional<std::chrono::year_month_day> get_date(const OGRFeature& f, int i, const std::string& where) {
    const std::string s = get_text(f, i);
    if (s.empty()) return std::nullopt;
    const auto d = core::parse_iso_date(s);
    if (!d) throw core::InputError(where, "published '" + s + "' is not a date (YYYY-MM-DD)");
    return d;
}

// The positions of `specs` in a layer, found by name: a table of another make is refused, not written over.
std::vector<int> find_fields(const core::gdal::Layer& layer, std::span<const FieldSpec> specs) {
    std::vector<int> at;
    const OGRFeatureDefn& defn = *layer.get().GetLayerDefn();
    for (const FieldSpec& s : specs) {
        const int i = defn.GetFieldIndex(s.name);
        if (i < 0)
            throw core::InputError(layer.dataset_path(), std::string("table ") + layer.name() + " has no field " + s.name +
                                                             ": not an incidentmap project, or one of another version");
        at.push_back(i);
    }
    return at;
}

void add_fields(core::gdal::Layer& layer, std::span<const FieldSpec> specs) {
    for (const FieldSpec& s : specs) layer.create_field(s.name, s.type);
}

class Sql {
public:
    // Runs a statement that returns no rows; throws Error with GDAL's message.
    static void run(GDALDataset& ds, const std::string& target, const std::string& sql) {
        core::gdal::ErrorCapture capture;
        OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (result) ds.ReleaseResultSet(result);
        if (capture.failed()) throw core::Error(target + ": " + sql + ": " + capture.message());
    }
};

}  // namespace

std::string source_checksum(std::string_view text) {
    const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
}

bool Project::is_connection(std::string_view target) { return target.starts_with("PG:"); }

bool Project::is_project(const std::string& target) {
    if (is_connection(target)) return true;
    std::error_code ec;
    if (!fs::is_regular_file(target, ec)) return false;
    try {
        auto ds = core::gdal::Dataset::open(target, GDAL_OF_VECTOR, {}, {"GPKG"});
        return ds.get().GetLayerByName(kReadings) && ds.get().GetLayerByName(kSources);
    } catch (const core::InputError&) {
        return false;
    }
}

struct Project::Impl {
    std::string target;
    core::gdal::Dataset ds;

    // Readings seen so far (they are only appended) and the largest FID among them.
    std::vector<Reading> readings;
    GIntBig last_fid = -1;

    Impl(std::string t, core::gdal::Dataset d) : target(std::move(t)), ds(std::move(d)) {}

    core::gdal::Layer layer(const char* name) { return ds.layer(std::string(name)); }

    // Reads the readings with an FID above last_fid into `readings`.
    void catch_up() {
        core::gdal::Layer l = layer(kReadings);
        const std::vector<int> extra = find_fields(l, kReadingExtras);
        const char* fid_column = l.get().GetFIDColumn();
        const std::string filter = std::string("\"") + (fid_column && *fid_column ? fid_column : "fid") + "\" > " +
                                   std::to_string(last_fid);
        core::gdal::ErrorCapture capture;
        if (l.get().SetAttributeFilter(last_fid >= 0 ? filter.c_str() : nullptr) != OGRERR_NONE)
            throw core::Error(target + ": cannot select the new readings: " + capture.message());
        core::io::IncidentLayerReader reader(l, target + " (readings)");
        l.reset_reading();
        std::size_t index = 0;
        std::vector<std::pair<GIntBig, Reading>> fresh;
        while (core::gdal::Feature f = l.next_feature()) {
            Reading r;
            r.incident = reader.read(*f, index++);
            r.source_id = get_text(*f, extra[0]);
            r.published = get_date(*f, extra[1], target + " (readings, FID " + std::to_string(f->GetFID()) + ")");
            fresh.emplace_back(f->GetFID(), std::move(r));
        }
        l.get().SetAttributeFilter(nullptr);
        if (capture.failed()) throw core::Error(target + ": reading the readings failed: " + capture.message());
        std::sort(fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [fid, r] : fresh) {
            last_fid = std::max(last_fid, fid);
            readings.push_back(std::move(r));
        }
    }

    std::unordered_set<std::string> checksums() {
        core::gdal::Layer l = layer(kSources);
        const int at = find_fields(l, std::span(kSourceFields, 1))[0];
        std::unordered_set<std::string> out;
        l.reset_reading();
        while (core::gdal::Feature f = l.next_feature()) out.insert(get_text(*f, at));
        return out;
    }
};

namespace {

core::gdal::Layer create_tables(core::gdal::Dataset& ds, bool geopackage) {
    const OGRSpatialReference wgs84 = core::gdal::wgs84();
    const std::vector<std::string> options = geopackage ? std::vector<std::string>{} : std::vector<std::string>{"FID=fid", "GEOMETRY_NAME=geom"};
    auto incidents = ds.create_layer(kIncidents, wkbPoint, &wgs84, options);
    core::io::IncidentFields::create(incidents);
    add_fields(incidents, kIncidentExtras);
    auto readings = ds.create_layer(kReadings, wkbPoint, &wgs84, options);
    core::io::IncidentFields::create(readings);
    add_fields(readings, kReadingExtras);
    auto sources = ds.create_layer(kSources, wkbNone, nullptr, geopackage ? std::vector<std::string>{} : std::vector<std::string>{"FID=fid"});
    add_fields(sources, kSourceFields);
    auto settings = ds.create_layer(kSettings, wkbNone, nullptr, geopackage ? std::vector<std::string>{} : std::vector<std::string>{"FID=fid"});
    add_fields(settings, kSettingFields);
    OGRFeature f(settings.get().GetLayerDefn());
    f.SetField(0, "schema_version");
    f.SetField(1, kSchemaVersion);
    settings.create_feature(f);
    return incidents;
}

bool has_layer(core::gdal::Dataset& ds, const char* name) { return ds.get().GetLayerByName(name) != nullptr; }

void check_tables(core::gdal::Dataset& ds) {
    core::io::IncidentFields::find(ds.layer(std::string(kIncidents)));
    find_fields(ds.layer(std::string(kIncidents)), kIncidentExtras);
    core::io::IncidentFields::find(ds.layer(std::string(kReadings)));
    find_fields(ds.layer(std::string(kReadings)), kReadingExtras);
    find_fields(ds.layer(std::string(kSources)), kSourceFields);
    find_fields(ds.layer(std::string(kSettings)), kSettingFields);
}

}  // namespace

Project Project::open(const std::string& target, bool create) {
    if (is_connection(target)) {
        auto open_pg = [&] { return core::gdal::Dataset::open(target, GDAL_OF_VECTOR | GDAL_OF_UPDATE, {}, {"PostgreSQL"}); };
        auto any = [](core::gdal::Dataset& d) {
            return has_layer(d, kIncidents) || has_layer(d, kReadings) || has_layer(d, kSources) || has_layer(d, kSettings);
        };
        auto ds = open_pg();
        if (!any(ds)) {
            if (!create) throw core::InputError(target, "holds no incidentmap project (no incidents, readings and sources tables)");
            // Two processes may create the project at once: the first to take this session lock makes the tables, the
            // other finds them made (a second connection, since GDAL lists a database's tables when it opens it).
            Sql::run(ds.get(), target, "SELECT pg_advisory_lock(7277001)");
            auto fresh = open_pg();
            if (!any(fresh)) create_tables(fresh, false);
            fresh.close();
            Sql::run(ds.get(), target, "SELECT pg_advisory_unlock(7277001)");
            ds = open_pg();
        }
        check_tables(ds);
        return Project(std::make_unique<Impl>(target, std::move(ds)));
    }
    const fs::path path(target);
    if (!fs::exists(path)) {
        if (!create) throw core::InputError(target, "no such project");
        // Made whole in a temporary file, then renamed: an interrupted creation leaves nothing half made.
        core::io::AtomicOutput output(path);
        {
            auto ds = core::gdal::Dataset::create_vector("GPKG", output.temp_path().string());
            create_tables(ds, true);
            ds.close();
        }
        output.commit();
    }
    auto ds = core::gdal::Dataset::open(target, GDAL_OF_VECTOR | GDAL_OF_UPDATE, {}, {"GPKG"});
    check_tables(ds);
    // A second writer waits for the first instead of failing at once (SQLite's busy handler).
    Sql::run(ds.get(), target, "PRAGMA busy_timeout = 60000");
    return Project(std::make_unique<Impl>(target, std::move(ds)));
}

Project::Project(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

const std::string& Project::target() const { return impl_->target; }

std::unordered_set<std::string> Project::known_checksums() { return impl_->checksums(); }

BatchResult Project::add(const Batch& batch, const MergeOptions& options) {
    Impl& p = *impl_;
    GDALDataset& ds = p.ds.get();
    BatchResult result;
    {
        core::gdal::ErrorCapture capture;
        if (ds.StartTransaction() != OGRERR_NONE)
            throw core::Error(p.target + ": cannot start a transaction: " + capture.message());
    }
    const std::size_t seen = p.readings.size();
    const GIntBig seen_fid = p.last_fid;
    try {
        // The first write of the transaction takes the writers' lock (SQLite's reserved lock, a PostgreSQL row lock);
        // what other writers committed before is visible from here on.
        Sql::run(ds, p.target, std::string("UPDATE ") + kSettings + " SET value = value WHERE key = 'schema_version'");
        const std::unordered_set<std::string> known = p.checksums();

        std::unordered_set<std::string> added;
        core::gdal::Layer sources = p.layer(kSources);
        const std::vector<int> sf = find_fields(sources, kSourceFields);
        const std::string now = utc_now();
        for (const SourceRecord& s : batch.sources) {
            if (known.count(s.checksum) || added.count(s.checksum)) {
                ++result.sources_known;
                continue;
            }
            OGRFeature f(sources.get().GetLayerDefn());
            set_text(f, sf[0], s.checksum);
            set_text(f, sf[1], s.location);
            set_text(f, sf[2], s.title);
            set_text(f, sf[3], s.outlet);
            set_text(f, sf[4], s.language);
            set_text(f, sf[5], s.published ? core::format_iso_date(*s.published) : "");
            set_text(f, sf[6], s.ingested_at.empty() ? now : s.ingested_at);
            set_integer(f, sf[7], s.readings);
            sources.create_feature(f);
            added.insert(s.checksum);
            ++result.sources_added;
        }

        core::gdal::Layer readings = p.layer(kReadings);
        const core::io::IncidentFields rf = core::io::IncidentFields::find(readings);
        const std::vector<int> rx = find_fields(readings, kReadingExtras);
        for (const Reading& r : batch.readings) {
            if (!added.count(r.source_id)) continue;  // its source was known
            OGRFeature f(readings.get().GetLayerDefn());
            rf.fill(f, r.incident);
            set_text(f, rx[0], r.source_id);
            set_text(f, rx[1], r.published ? core::format_iso_date(*r.published) : "");
            readings.create_feature(f);
            ++result.readings_added;
        }

        p.catch_up();
        const std::vector<MergedIncident> merged = merge_readings(p.readings, options);

        Sql::run(ds, p.target, std::string("DELETE FROM ") + kIncidents);
        core::gdal::Layer incidents = p.layer(kIncidents);
        const core::io::IncidentFields inf = core::io::IncidentFields::find(incidents);
        const std::vector<int> ix = find_fields(incidents, kIncidentExtras);
        for (const MergedIncident& m : merged) {
            OGRFeature f(incidents.get().GetLayerDefn());
            inf.fill(f, m.incident);
            std::vector<std::string> source_ids, reading_ids;
            for (std::size_t i : m.readings) {
                const Reading& r = p.readings[i];
                if (std::find(source_ids.begin(), source_ids.end(), r.source_id) == source_ids.end())
                    source_ids.push_back(r.source_id);
                reading_ids.push_back(r.incident.id);
            }
            set_integer(f, ix[0], static_cast<int>(source_ids.size()));
            set_text(f, ix[1], joined(source_ids));
            set_text(f, ix[2], joined(reading_ids));
            set_integer(f, ix[3], m.fatalities_low);
            set_integer(f, ix[4], m.fatalities_high);
            set_text(f, ix[5], m.reconciliation);
            incidents.create_feature(f);
        }
        result.incidents = merged.size();

        core::gdal::ErrorCapture capture;
        if (ds.CommitTransaction() != OGRERR_NONE)
            throw core::Error(p.target + ": cannot commit the batch: " + capture.message());
    } catch (...) {
        ds.RollbackTransaction();
        p.readings.resize(seen);  // what this batch read is not in the project
        p.last_fid = seen_fid;
        throw;
    }
    return result;
}

std::vector<SourceRecord> Project::sources() {
    core::gdal::Layer l = impl_->layer(kSources);
    const std::vector<int> at = find_fields(l, kSourceFields);
    std::vector<SourceRecord> out;
    l.reset_reading();
    while (core::gdal::Feature f = l.next_feature()) {
        SourceRecord s;
        s.checksum = get_text(*f, at[0]);
        s.location = get_text(*f, at[1]);
        s.title = get_text(*f, at[2]);
        s.outlet = get_text(*f, at[3]);
        s.language = get_text(*f, at[4]);
        s.published = get_date(*f, at[5], impl_->target + " (sources, FID " + std::to_string(f->GetFID()) + ")");
        s.ingested_at = get_text(*f, at[6]);
        s.readings = get_integer(*f, at[7]).value_or(0);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Reading> Project::readings() {
    impl_->catch_up();
    return impl_->readings;
}

std::vector<StoredIncident> Project::incidents() {
    core::gdal::Layer l = impl_->layer(kIncidents);
    const std::vector<int> ix = find_fields(l, kIncidentExtras);
    core::io::IncidentLayerReader reader(l, impl_->target + " (incidents)");
    std::vector<StoredIncident> out;
    l.reset_reading();
    std::size_t index = 0;
    while (core::gdal::Feature f = l.next_feature()) {
        StoredIncident s;
        s.incident = reader.read(*f, index++);
        s.sources = split_list(f->IsFieldSetAndNotNull(ix[1]) ? f->GetFieldAsString(ix[1]) : nullptr);
        s.readings = split_list(f->IsFieldSetAndNotNull(ix[2]) ? f->GetFieldAsString(ix[2]) : nullptr);
        s.fatalities_low = get_integer(*f, ix[3]);
        s.fatalities_high = get_integer(*f, ix[4]);
        s.reconciliation = get_text(*f, ix[5]);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace incidentmap::store
