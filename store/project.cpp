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
#include <set>
#include <unordered_map>

namespace incidentmap::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSchemaVersion = "2";

constexpr const char* kIncidents = "incidents";
constexpr const char* kReadings = "readings";
constexpr const char* kSources = "sources";
constexpr const char* kSettings = "project";
constexpr const char* kCorrections = "corrections";

struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

// The fields each table has beyond the incident fields (sources and project have only these).
constexpr FieldSpec kIncidentExtras[] = {{"source_count", OFTInteger}, {"sources", OFTString}, {"readings", OFTString},
                                         {"fatalities_low", OFTInteger}, {"fatalities_high", OFTInteger},
                                         {"reconciliation", OFTString}, {"best_reading", OFTInteger64}};
constexpr FieldSpec kReadingExtras[] = {{"source_checksum", OFTString}, {"published", OFTString}};
constexpr FieldSpec kSourceFields[] = {{"checksum", OFTString}, {"location", OFTString}, {"title", OFTString},
                                       {"outlet", OFTString},   {"language", OFTString}, {"published", OFTString},
                                       {"ingested_at", OFTString}, {"readings", OFTInteger}};
constexpr FieldSpec kSettingFields[] = {{"key", OFTString}, {"value", OFTString}};
// corrections: the incident as the analyst corrected it (the incident fields), then `corrects` (the id of the reading
// the incident took its place and id from when it was corrected) and corrected_at (UTC).
constexpr FieldSpec kCorrectionExtras[] = {{"corrects", OFTString}, {"corrected_at", OFTString}};

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

    // The event key of every reading that may join others (readings are only appended), by day, and the readings
    // table's largest FID seen: what an incremental merge needs, while the readings themselves stay on disk.
    std::vector<EventKey> keys;
    std::vector<GIntBig> key_fids;  // increasing
    DayIndex index;
    std::unordered_map<std::string, std::uint32_t> source_numbers;
    std::set<std::string, std::less<>> sub_event_types;  // what the keys' sub_event_type views
    GIntBig last_fid = -1;
    // The analysts' corrections by the reading they correct (the latest of each), read when first needed in a
    // transaction: another writer may have added some since.
    std::optional<std::unordered_map<std::string, Correction>> corrections_by_reading;

    Impl(std::string t, core::gdal::Dataset d) : target(std::move(t)), ds(std::move(d)) {}

    std::vector<Correction> read_corrections() {
        core::gdal::Layer l = layer(kCorrections);
        const std::vector<int> extra = find_fields(l, kCorrectionExtras);
        core::io::IncidentLayerReader reader(l, target + " (corrections)");
        std::vector<std::pair<GIntBig, Correction>> all;
        l.reset_reading();
        std::size_t index = 0;
        while (core::gdal::Feature f = l.next_feature()) {
            Correction c;
            c.incident = reader.read(*f, index++);
            c.corrects = get_text(*f, extra[0]);
            c.corrected_at = get_text(*f, extra[1]);
            all.emplace_back(f->GetFID(), std::move(c));
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<Correction> out;
        for (auto& [fid, c] : all) out.push_back(std::move(c));
        return out;
    }

    const std::unordered_map<std::string, Correction>& corrections() {
        if (!corrections_by_reading) {
            corrections_by_reading.emplace();
            for (Correction& c : read_corrections()) (*corrections_by_reading)[c.corrects] = std::move(c);  // later wins
        }
        return *corrections_by_reading;
    }

    // The correction that stands for an incident of these readings (best first): that of the first one corrected.
    const core::Incident* correction_for(const std::vector<std::string>& reading_ids) {
        const auto& by_reading = corrections();
        if (by_reading.empty()) return nullptr;
        for (const std::string& id : reading_ids)
            if (const auto it = by_reading.find(id); it != by_reading.end()) return &it->second.incident;
        return nullptr;
    }

    core::gdal::Layer layer(const char* name) { return ds.layer(std::string(name)); }

    // Calls `take(fid, reading)` for each reading that `filter` (an attribute filter, or none) selects, in no
    // particular order.
    template <class Take>
    void read_readings(const std::string& filter, Take take) {
        core::gdal::Layer l = layer(kReadings);
        const std::vector<int> extra = find_fields(l, kReadingExtras);
        core::gdal::ErrorCapture capture;
        if (l.get().SetAttributeFilter(filter.empty() ? nullptr : filter.c_str()) != OGRERR_NONE)
            throw core::Error(target + ": cannot select readings: " + capture.message());
        core::io::IncidentLayerReader reader(l, target + " (readings)");
        l.reset_reading();
        std::size_t index = 0;
        while (core::gdal::Feature f = l.next_feature()) {
            Reading r;
            r.incident = reader.read(*f, index++);
            r.source_id = get_text(*f, extra[0]);
            r.published = get_date(*f, extra[1], target + " (readings, FID " + std::to_string(f->GetFID()) + ")");
            take(f->GetFID(), std::move(r));
        }
        l.get().SetAttributeFilter(nullptr);
        if (capture.failed()) throw core::Error(target + ": reading the readings failed: " + capture.message());
    }

    std::string fid_column() {
        const char* c = layer(kReadings).get().GetFIDColumn();
        return std::string("\"") + (c && *c ? c : "fid") + "\"";
    }

    void remember(GIntBig fid, const Reading& r) {
        const auto number = source_numbers.emplace(r.source_id, static_cast<std::uint32_t>(source_numbers.size())).first->second;
        std::optional<EventKey> key = event_key(r, number);
        if (!key) return;
        key->sub_event_type = *sub_event_types.insert(std::string(key->sub_event_type)).first;
        index.add(key->time, keys.size());
        keys.push_back(*key);
        key_fids.push_back(fid);
    }

    // Reads the readings with an FID above last_fid: their keys are remembered, and each is handed to `take`.
    template <class Take>
    void catch_up(Take take) {
        std::vector<std::pair<GIntBig, Reading>> fresh;
        read_readings(last_fid >= 0 ? fid_column() + " > " + std::to_string(last_fid) : std::string(),
                      [&](GIntBig fid, Reading&& r) { fresh.emplace_back(fid, std::move(r)); });
        std::sort(fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [fid, r] : fresh) {
            last_fid = std::max(last_fid, fid);
            remember(fid, r);
            take(fid, std::move(r));
        }
    }

    // What was remembered is dropped (after a failed batch): the next batch reads the readings again.
    void forget() {
        keys.clear();
        key_fids.clear();
        index.clear();
        source_numbers.clear();
        sub_event_types.clear();
        last_fid = -1;
    }

    // The readings of these FIDs, read in chunks.
    std::vector<std::pair<GIntBig, Reading>> fetch(const std::vector<GIntBig>& fids) {
        std::vector<std::pair<GIntBig, Reading>> out;
        for (std::size_t b = 0; b < fids.size(); b += kChunk) {
            read_readings(fid_column() + " IN (" + number_list(fids, b) + ")", [&](GIntBig fid, Reading&& r) { out.emplace_back(fid, std::move(r)); });
        }
        return out;
    }

    // The positions in `keys` of the readings that may be one event with the readings at `seeds`, transitively:
    // a closed set, whose merge is the same as in a merge of every reading (merging.hpp joins a reading only to a
    // group all of whose readings may be one event with it).
    std::vector<std::size_t> linked(std::vector<std::size_t> seeds, const MergeOptions& options) const {
        std::vector<bool> in(keys.size(), false);
        for (std::size_t s : seeds) in[s] = true;
        std::vector<std::size_t> queue = seeds, candidates, out;
        while (!queue.empty()) {
            const std::size_t k = queue.back();
            queue.pop_back();
            out.push_back(k);
            index.candidates(keys[k].time, candidates);
            for (std::size_t c : candidates)
                if (!in[c] && may_be_one_event(keys[k], keys[c], options)) {
                    in[c] = true;
                    queue.push_back(c);
                }
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    // The sources, those `filter` (an OGR SQL condition) selects when given.
    std::vector<SourceRecord> source_records(const std::string& filter) {
        core::gdal::Layer l = layer(kSources);
        const std::vector<int> at = find_fields(l, kSourceFields);
        core::gdal::ErrorCapture capture;
        if (l.get().SetAttributeFilter(filter.empty() ? nullptr : filter.c_str()) != OGRERR_NONE)
            throw core::Error(target + ": cannot select sources: " + capture.message());
        std::vector<SourceRecord> out;
        l.reset_reading();
        while (core::gdal::Feature f = l.next_feature()) {
            SourceRecord s;
            s.checksum = get_text(*f, at[0]);
            s.location = get_text(*f, at[1]);
            s.title = get_text(*f, at[2]);
            s.outlet = get_text(*f, at[3]);
            s.language = get_text(*f, at[4]);
            s.published = get_date(*f, at[5], target + " (sources, FID " + std::to_string(f->GetFID()) + ")");
            s.ingested_at = get_text(*f, at[6]);
            s.readings = get_integer(*f, at[7]).value_or(0);
            out.push_back(std::move(s));
        }
        l.get().SetAttributeFilter(nullptr);
        return out;
    }

    // Which of `checksums` the project holds.
    std::unordered_set<std::string> known_among(const std::vector<std::string>& checksums) {
        core::gdal::Layer l = layer(kSources);
        const int at = find_fields(l, std::span(kSourceFields, 1))[0];
        std::unordered_set<std::string> out;
        for (std::size_t b = 0; b < checksums.size(); b += kChunk) {
            std::string filter = std::string(kSourceFields[0].name) + " IN (";
            for (std::size_t i = b; i < std::min(checksums.size(), b + kChunk); ++i) {
                if (i > b) filter += ',';
                filter += quoted_text(checksums[i]);
            }
            filter += ')';
            core::gdal::ErrorCapture capture;
            if (l.get().SetAttributeFilter(filter.c_str()) != OGRERR_NONE)
                throw core::Error(target + ": cannot select sources: " + capture.message());
            l.reset_reading();
            while (core::gdal::Feature f = l.next_feature()) out.insert(get_text(*f, at));
            l.get().SetAttributeFilter(nullptr);
        }
        return out;
    }

    std::unordered_set<std::string> checksums() {
        core::gdal::Layer l = layer(kSources);
        const int at = find_fields(l, std::span(kSourceFields, 1))[0];
        std::unordered_set<std::string> out;
        l.reset_reading();
        while (core::gdal::Feature f = l.next_feature()) out.insert(get_text(*f, at));
        return out;
    }

    // The merge mode the incidents were made with: "yes", "no", or empty when not recorded.
    std::string merge_mode() {
        core::gdal::Layer l = layer(kSettings);
        l.reset_reading();
        std::string mode;
        while (core::gdal::Feature f = l.next_feature())
            if (get_text(*f, 0) == kMergeKey) mode = get_text(*f, 1);
        return mode;
    }

    void set_merge_mode(bool merge) {
        Sql::run(ds.get(), target, std::string("DELETE FROM ") + kSettings + " WHERE key = '" + kMergeKey + "'");
        core::gdal::Layer l = layer(kSettings);
        OGRFeature f(l.get().GetLayerDefn());
        f.SetField(0, kMergeKey);
        f.SetField(1, merge ? "yes" : "no");
        l.create_feature(f);
    }

    // Writes the merge of `readings` (each with its FID) as incidents; takes them, rather than copying every one.
    void write_incidents(std::vector<std::pair<GIntBig, Reading>>&& readings, const MergeOptions& options) {
        std::vector<GIntBig> fids;
        std::vector<Reading> plain;
        fids.reserve(readings.size());
        plain.reserve(readings.size());
        for (auto& [fid, r] : readings) {
            fids.push_back(fid);
            plain.push_back(std::move(r));
        }
        readings.clear();
        const std::vector<MergedIncident> merged = merge_readings(plain, options);
        core::gdal::Layer incidents = layer(kIncidents);
        const core::io::IncidentFields inf = core::io::IncidentFields::find(incidents);
        const std::vector<int> ix = find_fields(incidents, kIncidentExtras);
        for (const MergedIncident& m : merged) {
            OGRFeature f(incidents.get().GetLayerDefn());
            std::vector<std::string> source_ids, reading_ids;
            for (std::size_t i : m.readings) {
                const Reading& r = plain[i];
                if (std::find(source_ids.begin(), source_ids.end(), r.source_id) == source_ids.end())
                    source_ids.push_back(r.source_id);
                reading_ids.push_back(r.incident.id);
            }
            // An analyst's correction stands over what the sources say, however the readings merge later.
            const core::Incident* corrected = correction_for(reading_ids);
            inf.fill(f, corrected ? *corrected : m.incident);
            set_integer(f, ix[0], static_cast<int>(source_ids.size()));
            set_text(f, ix[1], joined(source_ids));
            set_text(f, ix[2], joined(reading_ids));
            set_integer(f, ix[3], m.fatalities_low);
            set_integer(f, ix[4], m.fatalities_high);
            set_text(f, ix[5], m.reconciliation);
            f.SetField(ix[6], static_cast<GIntBig>(fids[m.readings.front()]));
            incidents.create_feature(f);
        }
    }

    // Deletes the incidents whose best reading is one of `fids`.
    void delete_incidents(const std::vector<GIntBig>& fids) {
        for (std::size_t b = 0; b < fids.size(); b += kChunk) {
            Sql::run(ds.get(), target, std::string("DELETE FROM ") + kIncidents + " WHERE " + kIncidentExtras[6].name + " IN (" +
                                           number_list(fids, b) + ")");
        }
    }

    static constexpr std::size_t kChunk = 500;  // values in one IN (...) list
    static constexpr const char* kMergeKey = "merge";

    // An SQL string literal.
    static std::string quoted_text(const std::string& s) {
        std::string out = "'";
        for (char c : s) {
            if (c == '\'') out += '\'';
            out += c;
        }
        return out += '\'';
    }
    // Up to kChunk of `values` from `begin`, comma-separated.
    static std::string number_list(const std::vector<GIntBig>& values, std::size_t begin) {
        std::string out;
        for (std::size_t i = begin; i < std::min(values.size(), begin + kChunk); ++i) {
            if (i > begin) out += ',';
            out += std::to_string(values[i]);
        }
        return out;
    }
};

namespace {

// Incidents in the order scan_incidents gives them.
void create_time_index(core::gdal::Dataset& ds) {
    Sql::run(ds.get(), ds.path(), std::string("CREATE INDEX IF NOT EXISTS incidents_time_idx ON ") + kIncidents + " (date_start, id)");
}

void create_corrections_table(core::gdal::Dataset& ds, bool geopackage) {
    const OGRSpatialReference wgs84 = core::gdal::wgs84();
    auto corrections = ds.create_layer(kCorrections, wkbPoint, &wgs84,
                                       geopackage ? std::vector<std::string>{} : std::vector<std::string>{"FID=fid", "GEOMETRY_NAME=geom"});
    core::io::IncidentFields::create(corrections);
    add_fields(corrections, kCorrectionExtras);
}

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
    create_corrections_table(ds, geopackage);
    auto settings = ds.create_layer(kSettings, wkbNone, nullptr, geopackage ? std::vector<std::string>{} : std::vector<std::string>{"FID=fid"});
    add_fields(settings, kSettingFields);
    OGRFeature f(settings.get().GetLayerDefn());
    f.SetField(0, "schema_version");
    f.SetField(1, kSchemaVersion);
    settings.create_feature(f);
    // The incremental merge deletes incidents by their best reading; a batch looks its sources up by checksum.
    Sql::run(ds.get(), ds.path(), std::string("CREATE INDEX IF NOT EXISTS incidents_best_reading_idx ON ") + kIncidents + " (" +
                                      kIncidentExtras[6].name + ")");
    Sql::run(ds.get(), ds.path(), std::string("CREATE INDEX IF NOT EXISTS sources_checksum_idx ON ") + kSources + " (" +
                                      kSourceFields[0].name + ")");
    create_time_index(ds);
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
    core::io::IncidentFields::find(ds.layer(std::string(kCorrections)));
    find_fields(ds.layer(std::string(kCorrections)), kCorrectionExtras);
}

// Projects made before corrections were kept get the table when opened.
// Whether a project made by an earlier version lacks a table or a column this one writes.
bool lacks_something(core::gdal::Dataset& ds) {
    if (!has_layer(ds, kCorrections)) return true;
    for (const char* table : {kIncidents, kReadings, kCorrections})
        if (ds.layer(std::string(table)).get().GetLayerDefn()->GetFieldIndex("mention_span") < 0) return true;
    return false;
}

void add_missing_tables(core::gdal::Dataset& ds, bool geopackage) {
    if (!has_layer(ds, kCorrections)) create_corrections_table(ds, geopackage);
    // Projects made before mentions were kept get the column (null for what they hold).
    for (const char* table : {kIncidents, kReadings, kCorrections}) {
        core::gdal::Layer layer = ds.layer(std::string(table));
        if (layer.get().GetLayerDefn()->GetFieldIndex("mention_span") < 0) layer.create_field("mention_span", OFTString);
    }
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
        } else if (lacks_something(ds)) {
            // A project made before corrections or mentions were kept: the table or column is added, under the same lock.
            Sql::run(ds.get(), target, "SELECT pg_advisory_lock(7277001)");
            auto fresh = open_pg();
            add_missing_tables(fresh, false);
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
    if (has_layer(ds, kIncidents) && has_layer(ds, kReadings) && has_layer(ds, kSources) && lacks_something(ds)) add_missing_tables(ds, true);
    check_tables(ds);
    // A second writer waits for the first instead of failing at once (SQLite's busy handler).
    Sql::run(ds.get(), target, "PRAGMA busy_timeout = 60000");
    create_time_index(ds);  // projects made before it had one
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
    try {
        // The first write of the transaction takes the writers' lock (SQLite's reserved lock, a PostgreSQL row lock);
        // what other writers committed before is visible from here on.
        Sql::run(ds, p.target, std::string("UPDATE ") + kSettings + " SET value = value WHERE key = 'schema_version'");
        p.corrections_by_reading.reset();
        std::vector<std::string> offered;
        for (const SourceRecord& s : batch.sources) offered.push_back(s.checksum);
        const std::unordered_set<std::string> known = p.known_among(offered);

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

        const std::string mode = options.merge ? "yes" : "no";
        if (p.merge_mode() != mode) {
            // Another merge mode (or a project that has none recorded): every incident is made again.
            std::vector<std::pair<GIntBig, Reading>> all;
            p.forget();
            p.catch_up([&](GIntBig fid, Reading&& r) { all.emplace_back(fid, std::move(r)); });
            Sql::run(ds, p.target, std::string("DELETE FROM ") + kIncidents);
            p.write_incidents(std::move(all), options);
            p.set_merge_mode(options.merge);
        } else {
            // Only the readings this batch added, and those they may be one event with, are merged again: the
            // incidents of all others stay as they are.
            std::vector<std::pair<GIntBig, Reading>> mine;
            std::vector<std::size_t> seeds;
            p.catch_up([&](GIntBig fid, Reading&& r) {
                if (!added.count(r.source_id)) return;  // another writer's, already merged by it
                if (!p.key_fids.empty() && p.key_fids.back() == fid) seeds.push_back(p.key_fids.size() - 1);
                mine.emplace_back(fid, std::move(r));
            });
            std::vector<std::pair<GIntBig, Reading>> group = std::move(mine);
            if (options.merge && !seeds.empty()) {
                std::vector<GIntBig> others;
                std::unordered_set<GIntBig> own;
                for (const auto& [fid, r] : group) own.insert(fid);
                for (std::size_t k : p.linked(seeds, options))
                    if (!own.count(p.key_fids[k])) others.push_back(p.key_fids[k]);
                p.delete_incidents(others);
                for (auto& fr : p.fetch(others)) group.push_back(std::move(fr));
            }
            p.write_incidents(std::move(group), options);
        }
        result.incidents = static_cast<std::size_t>(p.layer(kIncidents).get().GetFeatureCount(TRUE));

        core::gdal::ErrorCapture capture;
        if (ds.CommitTransaction() != OGRERR_NONE)
            throw core::Error(p.target + ": cannot commit the batch: " + capture.message());
    } catch (...) {
        ds.RollbackTransaction();
        p.forget();  // what this batch read may not be in the project: the next one reads the readings again
        throw;
    }
    return result;
}

std::vector<SourceRecord> Project::sources() { return impl_->source_records({}); }

std::vector<Reading> Project::readings() {
    std::vector<std::pair<GIntBig, Reading>> all;
    impl_->read_readings({}, [&](GIntBig fid, Reading&& r) { all.emplace_back(fid, std::move(r)); });
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Reading> out;
    out.reserve(all.size());
    for (auto& [fid, r] : all) out.push_back(std::move(r));
    return out;
}

std::vector<Project::SourcedReading> Project::readings_of(const std::string& incident_id) {
    core::gdal::Layer incidents = impl_->layer(kIncidents);
    const int readings_field = find_fields(incidents, kIncidentExtras)[2];
    core::gdal::ErrorCapture capture;
    incidents.get().SetAttributeFilter(("id = " + Impl::quoted_text(incident_id)).c_str());
    incidents.reset_reading();
    core::gdal::Feature row = incidents.next_feature();
    incidents.get().SetAttributeFilter(nullptr);
    if (capture.failed()) throw core::Error(impl_->target + ": cannot look up incident " + incident_id + ": " + capture.message());
    if (!row) return {};
    const std::vector<std::string> ids = split_list(row->IsFieldSetAndNotNull(readings_field) ? row->GetFieldAsString(readings_field) : nullptr);
    if (ids.empty()) return {};
    std::string filter = "id IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) filter += (i ? ", " : "") + Impl::quoted_text(ids[i]);
    filter += ')';
    std::vector<SourcedReading> out;
    impl_->read_readings(filter, [&](GIntBig, Reading&& r) { out.push_back({std::move(r), {}}); });
    if (out.empty()) return out;
    // Best first, as the incident lists them.
    auto rank = [&](const SourcedReading& s) { return std::find(ids.begin(), ids.end(), s.reading.incident.id) - ids.begin(); };
    std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    std::unordered_map<std::string, SourceRecord> by_checksum;
    std::string which = std::string(kSourceFields[0].name) + " IN (";
    for (std::size_t i = 0; i < out.size(); ++i) which += (i ? ", " : "") + Impl::quoted_text(out[i].reading.source_id);
    which += ')';
    for (SourceRecord& s : impl_->source_records(which)) by_checksum.emplace(s.checksum, std::move(s));
    for (auto& r : out)
        if (auto it = by_checksum.find(r.reading.source_id); it != by_checksum.end()) r.source = it->second;
    return out;
}

void Project::scan_incidents(const std::function<void(StoredIncident&&)>& take, bool provenance) {
    GDALDataset& ds = impl_->ds.get();
    core::gdal::Layer table = impl_->layer(kIncidents);
    find_fields(table, kIncidentExtras);  // a table of another make is named as such
    // Only the columns asked for: a reader of a million incidents spends its time on each one.
    std::vector<std::string> extras;  // the project's own columns read besides the incident's
    for (const FieldSpec& f : kIncidentExtras) {
        const std::string_view name = f.name;
        if (provenance || name == "fatalities_low" || name == "fatalities_high") extras.emplace_back(name);
    }
    std::string columns = std::string("\"") + table.get().GetGeometryColumn() + "\"";
    for (const char* name : core::io::IncidentFields::names()) columns += std::string(", ") + name;
    for (const std::string& name : extras) columns += ", " + name;
    auto extra = [&](std::string_view name) { return static_cast<std::size_t>(std::find(extras.begin(), extras.end(), name) - extras.begin()); };
    // Two ordered scans rather than one ORDER BY "date_start IS NULL": each can walk incidents_time_idx.
    for (const char* where : {"date_start IS NOT NULL ORDER BY date_start, id", "date_start IS NULL ORDER BY id"}) {
        // A GeoPackage on disk straight through SQLite: a fifth of the cost of GDAL's features a row.
        if (auto scan = core::io::SqliteIncidentScan::open(impl_->ds, table, impl_->target, std::string("WHERE ") + where, extras)) {
            auto figure = [&](std::string_view name) -> std::optional<int> {
                const auto v = scan->integer(extra(name));
                return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
            };
            auto text = [&](std::string_view name) { return std::string(scan->text(extra(name)).value_or("")); };
            for (;;) {
                StoredIncident s;
                if (!scan->next(s.incident)) break;
                s.fatalities_low = figure("fatalities_low");
                s.fatalities_high = figure("fatalities_high");
                if (provenance) {
                    s.sources = split_list(text("sources").c_str());
                    s.readings = split_list(text("readings").c_str());
                    s.reconciliation = text("reconciliation");
                }
                take(std::move(s));
            }
            continue;
        }
        const std::string sql = "SELECT " + columns + " FROM " + kIncidents + " WHERE " + where;
        core::gdal::ErrorCapture capture;
        OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (!result) throw core::Error(impl_->target + ": " + sql + ": " + capture.message());
        std::unique_ptr<OGRLayer, std::function<void(OGRLayer*)>> release(result, [&](OGRLayer* l) { ds.ReleaseResultSet(l); });
        core::gdal::Layer l(*result, impl_->target);
        // A result's fields may come in another order; the provenance fields are there only when asked for.
        auto at = [&](const char* name) { return l.get().GetLayerDefn()->GetFieldIndex(name); };
        const int sources = at("sources"), readings = at("readings"), low = at("fatalities_low"), high = at("fatalities_high"),
                  reconciliation = at("reconciliation");
        core::io::IncidentLayerReader reader(l, impl_->target + " (incidents)");
        std::size_t index = 0;
        while (core::gdal::Feature f = l.next_feature()) {
            StoredIncident s;
            s.incident = reader.read(*f, index++);
            if (provenance) {
                s.sources = split_list(f->IsFieldSetAndNotNull(sources) ? f->GetFieldAsString(sources) : nullptr);
                s.readings = split_list(f->IsFieldSetAndNotNull(readings) ? f->GetFieldAsString(readings) : nullptr);
                s.reconciliation = get_text(*f, reconciliation);
            }
            s.fatalities_low = get_integer(*f, low);
            s.fatalities_high = get_integer(*f, high);
            take(std::move(s));
        }
        if (capture.failed()) throw core::Error(impl_->target + ": reading the incidents failed: " + capture.message());
    }
}

CorrectionResult Project::correct(std::span<const core::Incident> corrected) {
    Impl& p = *impl_;
    GDALDataset& ds = p.ds.get();
    CorrectionResult result;
    {
        core::gdal::ErrorCapture capture;
        if (ds.StartTransaction() != OGRERR_NONE)
            throw core::Error(p.target + ": cannot start a transaction: " + capture.message());
    }
    try {
        Sql::run(ds, p.target, std::string("UPDATE ") + kSettings + " SET value = value WHERE key = 'schema_version'");  // the lock
        p.corrections_by_reading.reset();
        core::gdal::Layer incidents = p.layer(kIncidents);
        const core::io::IncidentFields inf = core::io::IncidentFields::find(incidents);
        const int readings_field = find_fields(incidents, kIncidentExtras)[2];
        core::gdal::Layer corrections = p.layer(kCorrections);
        const core::io::IncidentFields cf = core::io::IncidentFields::find(corrections);
        const std::vector<int> cx = find_fields(corrections, kCorrectionExtras);
        const std::string now = utc_now();
        for (const core::Incident& in : corrected) {
            core::gdal::ErrorCapture capture;
            incidents.get().SetAttributeFilter(("id = " + Impl::quoted_text(in.id)).c_str());
            incidents.reset_reading();
            core::gdal::Feature row = incidents.next_feature();
            incidents.get().SetAttributeFilter(nullptr);
            if (capture.failed()) throw core::Error(p.target + ": cannot look up incident " + in.id + ": " + capture.message());
            if (!row) {
                result.unknown.push_back(in.id);
                continue;
            }
            const std::vector<std::string> reading_ids =
                split_list(row->IsFieldSetAndNotNull(readings_field) ? row->GetFieldAsString(readings_field) : nullptr);
            core::Incident c = in;
            c.manual_correction = true;
            OGRFeature record(corrections.get().GetLayerDefn());
            cf.fill(record, c);
            set_text(record, cx[0], reading_ids.empty() ? in.id : reading_ids.front());
            set_text(record, cx[1], now);
            corrections.create_feature(record);
            inf.fill(*row, c);  // the provenance fields stay
            if (incidents.get().SetFeature(row.get()) != OGRERR_NONE)
                throw core::Error(p.target + ": cannot write the correction of incident " + in.id + ": " + capture.message());
            ++result.applied;
        }
        core::gdal::ErrorCapture capture;
        if (ds.CommitTransaction() != OGRERR_NONE)
            throw core::Error(p.target + ": cannot commit the corrections: " + capture.message());
    } catch (...) {
        ds.RollbackTransaction();
        p.corrections_by_reading.reset();
        throw;
    }
    return result;
}

std::vector<Correction> Project::corrections() { return impl_->read_corrections(); }

std::vector<StoredIncident> Project::incidents() {
    std::vector<StoredIncident> out;
    scan_incidents([&](StoredIncident&& s) { out.push_back(std::move(s)); });
    return out;
}

}  // namespace incidentmap::store
