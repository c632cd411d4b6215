#include "core/io/incident_io.hpp"
#include "core/io/incident_layer.hpp"

#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/geos.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/sqlite_rows.hpp"
#include "core/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <array>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <limits>
#include <ostream>
#include <set>
#include <thread>
#include <type_traits>

namespace incidentmap::core::io {

namespace fs = std::filesystem;
using Seconds = TimeSpan::Seconds;
using Json = nlohmann::ordered_json;  // keeps the properties in the contract's order

namespace {

// ------------------------------------------------------------------------------------------------ the encoding

enum Field : int {
    kId, kDateStart, kDateEnd, kTimePrecision, kEventType, kSubEventType, kActors, kViolent, kFatalities,
    kFatalitiesMin, kInjured, kArrested, kSeverity, kGeoPrecision, kUncertainty, kPlaceName, kPlaceId, kCountry,
    kAdmin1, kQuote, kSourceSpan, kLanguage, kConfidence, kSource, kManualCorrection, kMentionSpan, kFieldCount
};

constexpr std::array<const char*, kFieldCount> kFieldNames{
    "id", "date_start", "date_end", "time_precision", "event_type", "sub_event_type", "actors", "violent",
    "fatalities", "fatalities_min", "injured", "arrested", "severity", "geo_precision", "uncertainty_m", "place_name",
    "place_id", "country", "admin1", "quote", "source_span", "language", "confidence", "source", "manual_correction", "mention_span"};

// For formats without lists.
constexpr const char* kActorSeparator = "; ";

bool whole_days(const TimeSpan& t) {
    using std::chrono::days;
    switch (t.precision()) {
        case TimePrecision::day:
        case TimePrecision::week:
        case TimePrecision::month:
        case TimePrecision::year:
            return t.start() == std::chrono::floor<days>(t.start()) && t.end() == std::chrono::floor<days>(t.end());
        default:
            return false;
    }
}

// date_start and date_end as the header says: whole days as dates with the last day included, else date-times
// with the exclusive end. Empty strings for an unknown span.
std::pair<std::string, std::string> format_dates(const TimeSpan& t) {
    if (!t.is_known()) return {};
    if (whole_days(t)) return {format_iso_date(t.start()), format_iso_date(t.end() - std::chrono::days{1})};
    return {format_iso_datetime(t.start()), format_iso_datetime(t.end())};
}

std::string join_actors(const std::vector<std::string>& actors) {
    std::string out;
    for (const auto& a : actors) {
        if (!out.empty()) out += kActorSeparator;
        out += a;
    }
    return out;
}

std::string span_text(const CodePointSpan& s) {
    std::string out(1, '[');
    out += std::to_string(s.begin);
    out += ',';
    out += std::to_string(s.end);
    out += ']';
    return out;
}

// Degrees from E7 fixed point, exactly, with at most 7 decimals and no trailing zeros ("76.9455", "-0.5", "12").
void append_degrees(std::string& out, std::int32_t e7) {
    const std::int64_t a = std::abs(static_cast<std::int64_t>(e7));
    if (e7 < 0) out += '-';
    out += std::to_string(a / LatLon::kScale);
    std::int64_t frac = a % LatLon::kScale;
    if (frac == 0) return;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%07lld", static_cast<long long>(frac));
    std::string_view digits(buf, 7);
    while (digits.back() == '0') digits.remove_suffix(1);
    out += '.';
    out += digits;
}

std::string display(std::string_view s) {
    return s.size() > 60 ? std::string(s.substr(0, 57)) + "..." : std::string(s);
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// --------------------------------------------------------------------------------------------------- GeoJSON

// GeoJSON is written here rather than through GDAL's GeoJSON driver (RFC7946=YES), because the contract needs what
// the driver decides on its own: the single-line layout on any std::ostream (the batch interface prints one
// FeatureCollection per NDJSON line; the driver writes files), actors and source_span as JSON arrays whatever the
// field types, no extra members (the driver adds the layer's "name"), and coordinates printed exactly from the E7
// integers rather than from doubles rounded to 7 decimals. nlohmann's json escapes the texts and refuses invalid
// UTF-8. Reading goes through GDAL like every other format.
std::string geojson_feature(const Incident& in) {
    auto text = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
    auto figure = [](const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); };
    const auto [date_start, date_end] = format_dates(in.time);

    Json props = Json::object();
    props[kFieldNames[kId]] = text(in.id);
    props[kFieldNames[kDateStart]] = text(date_start);
    props[kFieldNames[kDateEnd]] = text(date_end);
    props[kFieldNames[kTimePrecision]] = std::string(to_string(in.time.precision()));
    props[kFieldNames[kEventType]] = in.event_type ? Json(std::string(to_string(*in.event_type))) : Json(nullptr);
    props[kFieldNames[kSubEventType]] = text(in.sub_event_type);
    props[kFieldNames[kActors]] = in.actors;
    props[kFieldNames[kViolent]] = in.violent;
    props[kFieldNames[kFatalities]] = figure(in.fatalities);
    props[kFieldNames[kFatalitiesMin]] = figure(in.fatalities_min);
    props[kFieldNames[kInjured]] = figure(in.injured);
    props[kFieldNames[kArrested]] = figure(in.arrested);
    props[kFieldNames[kSeverity]] = rank(in.severity);
    props[kFieldNames[kGeoPrecision]] = figure(in.geo_precision);
    props[kFieldNames[kUncertainty]] = in.uncertainty_m ? Json(in.uncertainty_m->value()) : Json(nullptr);
    props[kFieldNames[kPlaceName]] = text(in.place_name);
    props[kFieldNames[kPlaceId]] = text(in.place_id);
    props[kFieldNames[kCountry]] = text(in.country);
    props[kFieldNames[kAdmin1]] = text(in.admin1);
    props[kFieldNames[kQuote]] = text(in.quote);
    props[kFieldNames[kSourceSpan]] =
        in.source_span ? Json::array({in.source_span->begin, in.source_span->end}) : Json(nullptr);
    props[kFieldNames[kLanguage]] = text(in.language);
    props[kFieldNames[kConfidence]] = in.confidence ? Json(*in.confidence) : Json(nullptr);
    props[kFieldNames[kSource]] = text(in.source);
    props[kFieldNames[kManualCorrection]] = in.manual_correction;
    props[kFieldNames[kMentionSpan]] = in.mention_span ? Json::array({in.mention_span->begin, in.mention_span->end}) : Json(nullptr);

    std::string out = R"({"type":"Feature",)";
    try {
        if (!in.id.empty()) out += R"("id":)" + Json(in.id).dump() + ",";
        if (in.location) {
            out += R"("geometry":{"type":"Point","coordinates":[)";
            append_degrees(out, in.location->lon_e7());
            out += ',';
            append_degrees(out, in.location->lat_e7());
            out += "]},";
        } else {
            out += R"("geometry":null,)";  // RFC 7946 3.2: an unlocated feature
        }
        out += R"("properties":)" + props.dump() + "}";
    } catch (const nlohmann::json::type_error& e) {
        throw Error("incident '" + display(in.id) + "': cannot write it as GeoJSON: " + e.what());
    }
    return out;
}

template <typename Get>
void write_collection(std::ostream& out, std::size_t n, Get&& get, GeoJsonLayout layout) {
    const bool lines = layout == GeoJsonLayout::feature_per_line;
    out << R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out << ',';
        if (lines) out << '\n';
        out << geojson_feature(get(i));
    }
    out << (lines ? "\n]}\n" : "]}");
    if (!out) throw Error("cannot write GeoJSON: the output stream failed");
}

// ------------------------------------------------------------------------------------- other formats, via GDAL

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Formats that have no geometry column of their own get latitude/longitude columns.
bool table_only(const std::string& driver) { return driver == "CSV" || driver == "XLSX" || driver == "ODS"; }

std::string extension_of(const fs::path& path) {
    return lower(path.extension().string().substr(path.extension().empty() ? 0 : 1));
}

// The driver of the formats whose extension names one, or empty.
std::string known_driver(const std::string& ext) {
    static const std::array<std::pair<const char*, const char*>, 13> kKnown{{
        {"geojson", "GeoJSON"}, {"json", "GeoJSON"}, {"gpkg", "GPKG"}, {"fgb", "FlatGeobuf"}, {"csv", "CSV"},
        {"kml", "KML"}, {"shp", "ESRI Shapefile"}, {"gml", "GML"}, {"sqlite", "SQLite"}, {"geojsonl", "GeoJSONSeq"},
        {"geojsons", "GeoJSONSeq"}, {"xlsx", "XLSX"}, {"ods", "ODS"}}};
    for (const auto& [e, d] : kKnown)
        if (ext == e) return d;
    return {};
}

std::string driver_for(const fs::path& path) {
    const std::string ext = extension_of(path);
    if (std::string known = known_driver(ext); !known.empty()) return known;
    // Any other: the one vector driver that creates files with this extension.
    gdal::ensure_initialized();
    std::vector<std::string> found;
    GDALDriverManager* manager = GetGDALDriverManager();
    for (int i = 0; !ext.empty() && i < manager->GetDriverCount(); ++i) {
        GDALDriver* d = manager->GetDriver(i);
        if (!d->GetMetadataItem(GDAL_DCAP_VECTOR) || !d->GetMetadataItem(GDAL_DCAP_CREATE)) continue;
        const char* exts = d->GetMetadataItem(GDAL_DMD_EXTENSIONS);
        if (!exts) continue;
        std::string list(" ");  // GCC 12 warns (-Wrestrict, wrongly) about "literal" + std::string&&
        list += lower(exts);
        list += ' ';
        if (list.find(' ' + ext + ' ') != std::string::npos) found.emplace_back(d->GetDescription());
    }
    if (found.size() == 1) return found.front();
    if (found.empty())
        throw InputError(path.string(), ext.empty() ? "no extension to choose the output format by; name a GDAL driver"
                                                    : "no GDAL vector driver writes '." + ext + "' files; name one");
    std::string names;
    for (const auto& f : found) names += (names.empty() ? "" : ", ") + f;
    throw InputError(path.string(), "several GDAL drivers write '." + ext + "' files (" + names + "); name one");
}

// The files a driver writes beside the main one (a Shapefile's .shx, .dbf, .prj): they are named after the temporary
// file, whose stem carries the process id, and are renamed after the final file or, if commit is not reached,
// removed. GDAL's GetFileList() is not used: the Shapefile driver leaves the .prj out of it.
class TemporarySiblings {
public:
    explicit TemporarySiblings(const AtomicOutput& output)
        : output_(output), dir_(output.temp_path().parent_path()), prefix_(output.temp_path().stem().string() + ".") {
        if (dir_.empty()) dir_ = ".";
    }
    ~TemporarySiblings() {
        if (done_) return;
        std::error_code ec;
        for (const auto& p : find()) fs::remove(p, ec);  // best effort
    }
    TemporarySiblings(const TemporarySiblings&) = delete;
    TemporarySiblings& operator=(const TemporarySiblings&) = delete;

    // Renames each sibling to the final name with the sibling's own extension, then commits the main file.
    void commit() {
        for (const auto& p : find()) {
            if (p.filename() == output_.temp_path().filename()) continue;  // the main file ("./x" and "x" alike)
            const fs::path target = output_.final_path().parent_path() /
                                    (output_.final_path().stem().string() + "." + p.filename().string().substr(prefix_.size()));
            std::error_code ec;
            fs::rename(p, target, ec);
            if (ec) throw Error(target.string() + ": cannot move the finished output into place: " + ec.message());
        }
        done_ = true;
    }

private:
    std::vector<fs::path> find() const {
        std::vector<fs::path> found;
        std::error_code ec;
        for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().filename().string().starts_with(prefix_)) found.push_back(it->path());
        return found;
    }

    const AtomicOutput& output_;
    fs::path dir_;
    std::string prefix_;
    bool done_ = false;
};

// Sets the fields of one output feature by our field numbers; a driver may have fields of its own before ours (KML's
// Name and Description) and may rename ours (Shapefile), so the positions are those the driver gave at creation.
class FieldWriter {
public:
    static constexpr int kLatitude = kFieldCount, kLongitude = kFieldCount + 1;

    FieldWriter(OGRFeature& f, const std::vector<int>& at) : f_(f), at_(at) {}

    void text(int field, const std::string& s) {
        if (at_[field] < 0) return;  // a column a layer of an earlier version lacks (IncidentFields::find)
        if (s.empty()) f_.SetFieldNull(at_[field]);
        else f_.SetField(at_[field], s.c_str());
    }
    void integer(int field, const std::optional<int>& v) {
        if (v) f_.SetField(at_[field], *v);
        else f_.SetFieldNull(at_[field]);
    }
    void real(int field, const std::optional<double>& v) {
        if (v) f_.SetField(at_[field], *v);
        else f_.SetFieldNull(at_[field]);
    }

private:
    OGRFeature& f_;
    const std::vector<int>& at_;
};

// Drivers that drop a feature without a geometry instead of writing it (GDAL's FlatGeobuf writer).
bool needs_geometry(const std::string& driver) { return driver == "FlatGeobuf"; }

// ---------------------------------------------------------------------------------------------------- reading

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

// A date property: a whole day or an instant (see the header).
struct DateValue {
    Seconds t;
    bool date_only = false;
    std::string text;       // as found, for messages
    bool typed_midnight = false;  // a date-time field's value (GDAL typed it, not a text) at 00:00:00
};

// The field indices of a layer, -1 where it has none, and what each field of the layer is, looked up once, not once
// a feature.
struct Columns {
    std::array<int, kFieldCount> field{};
    int date_alias = -1;  // read where date_start is null
    int latitude = -1;
    int longitude = -1;
    int wkt = -1;  // the CSV driver's geometry column, which GDAL may fail to read
    std::vector<OGRFieldType> type;
    std::vector<bool> json;  // of subtype JSON
    std::vector<std::string> name;

    explicit Columns(const OGRFeatureDefn& defn) {
        auto find = [&](std::initializer_list<const char*> names) {  // an ignored field is not there
            for (const char* n : names)
                if (int i = defn.GetFieldIndex(n); i >= 0 && !defn.GetFieldDefn(i)->IsIgnored()) return i;
            return -1;
        };
        for (int i = 0; i < kFieldCount; ++i) field[i] = find({kFieldNames[i]});
        date_alias = find({"date", "event_date"});
        latitude = find({"latitude", "lat"});
        longitude = find({"longitude", "lon", "lng"});
        wkt = find({"WKT"});
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            const OGRFieldDefn* d = defn.GetFieldDefn(i);
            type.push_back(d->GetType());
            json.push_back(d->GetSubType() == OFSTJSON);
            name.emplace_back(d->GetNameRef());
        }
    }

    // Whether field i is read from.
    bool reads(int i) const {
        return i >= 0 && (i == date_alias || i == latitude || i == longitude || i == wkt ||
                          std::find(field.begin(), field.end(), i) != field.end());
    }
};

// ------------------------------------------------------------------------------------------------ rows
// Two ways to the values of a feature, with one reading of them (FieldReader, read_incident): GDAL's features, and
// a GeoPackage's rows straight from SQLite, five times cheaper a row than features (read_layer says when).

// One feature through GDAL's feature API: every field type.
class FeatureRow {
public:
    explicit FeatureRow(OGRFeature& f) : f_(f) {}
    bool set(int i) const { return f_.IsFieldSetAndNotNull(i); }
    std::string_view string(int i) const { return f_.GetFieldAsString(i); }
    std::int64_t integer(int i) const { return f_.GetFieldAsInteger64(i); }
    double real(int i) const { return f_.GetFieldAsDouble(i); }
    std::string shown(int i) const { return f_.GetFieldAsString(i); }
    std::optional<std::int64_t> fid() const { return f_.GetFID() != OGRNullFID ? std::optional(f_.GetFID()) : std::nullopt; }
    OGRFeature& feature() const { return f_; }  // lists, dates, the geometry

private:
    OGRFeature& f_;
};

// Which columns of a GeoPackage table a reader selects through SQLite (sqlite_layout()).
struct SqliteLayout {
    std::string table, fid;
    std::vector<std::string> columns;  // selected, in order: the FID, the geometry (if any), the fields read
    std::vector<int> column_of_field;  // by field index; -1 for a field not selected
    int geometry = -1;                 // its column, -1 when there is none
};

// One row of a GeoPackage table through SQLite. Only fields GDAL types as texts, integers and reals come this way,
// and SQLite converts them as GDAL's GeoPackage driver does (sqlite3_column_text, _int64, _double).
class SqliteRow {
public:
    SqliteRow(const SqliteRows& rows, const SqliteLayout& layout) : rows_(rows), layout_(layout) {}
    bool set(int i) const {
        const int c = layout_.column_of_field[static_cast<std::size_t>(i)];
        return c >= 0 && !rows_.null(c);
    }
    std::string_view string(int i) const { return rows_.text(column(i)); }
    std::int64_t integer(int i) const { return rows_.integer(column(i)); }
    double real(int i) const { return rows_.real(column(i)); }
    std::string shown(int i) const { return std::string(rows_.text(column(i))); }
    std::optional<std::int64_t> fid() const { return rows_.integer(0); }
    // The geometry's WKB: a GeoPackage geometry blob without its header (GeoPackage 1.3, clause 2.1.3); nullopt for
    // none. A blob without that header is given whole, and then fails as WKB.
    std::optional<std::string_view> wkb() const {
        if (layout_.geometry < 0 || rows_.null(layout_.geometry)) return std::nullopt;
        const std::string_view blob = rows_.blob(layout_.geometry);
        if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P') return blob;
        static constexpr std::size_t kEnvelope[] = {0, 32, 48, 48, 64};  // bytes, by envelope contents indicator
        const unsigned indicator = (static_cast<unsigned char>(blob[3]) >> 1) & 7u;
        if (indicator > 4 || blob.size() < 8 + kEnvelope[indicator]) return blob;
        return blob.substr(8 + kEnvelope[indicator]);
    }

private:
    int column(int i) const { return layout_.column_of_field[static_cast<std::size_t>(i)]; }
    const SqliteRows& rows_;
    const SqliteLayout& layout_;
};

// Reads the properties of one feature; every failure names the file and the feature.
template <typename Row>
class FieldReader {
public:
    static constexpr bool kFeature = std::is_same_v<Row, FeatureRow>;

    // `index`: the feature's position, named when the format has no FIDs.
    FieldReader(const std::string& source, const Row& row, const Columns& columns, std::size_t index)
        : source_(source), row_(row), columns_(columns), index_(index) {}

    // Once the id is known, failures name it too.
    void set_id(const std::string& id) { id_ = &id; }

    // The location is made only here: reading a million good features builds no message.
    [[noreturn]] void fail(const std::string& detail) const {
        const auto fid = row_.fid();
        std::string location = fid ? "FID " + std::to_string(*fid) : "feature " + std::to_string(index_);
        if (id_ && !id_->empty()) location += " (id " + display(*id_) + ")";
        throw InputError(source_, detail, location);
    }

    // Null, unset, absent and "" (CSV's empty cell) are all unknown.
    bool is_null(int i) const {
        if (i < 0 || !row_.set(i)) return true;
        return type(i) == OFTString && row_.string(i).empty();
    }
    OGRFieldType type(int i) const { return columns_.type[static_cast<std::size_t>(i)]; }
    const char* name(int i) const { return columns_.name[static_cast<std::size_t>(i)].c_str(); }
    std::string type_name(int i) const { return OGRFieldDefn::GetFieldTypeName(type(i)); }

    std::string text(int i) const {
        std::string out;
        text(i, out);
        return out;
    }
    // The same into `out`, whose storage a reader reuses from one feature to the next.
    void text(int i, std::string& out) const {
        out.clear();
        if (is_null(i)) return;
        if constexpr (kFeature) {
            if (type(i) == OFTStringList) {
                for (char** p = row_.feature().GetFieldAsStringList(i); p && *p; ++p)
                    out.append(out.empty() ? "" : kActorSeparator).append(*p);
                if (!valid_utf8(out)) not_utf8(i);
                return;
            }
        }
        const std::string_view s = row_.string(i);
        if (!valid_utf8(s)) not_utf8(i);
        out.assign(s);
    }
    // Text is UTF-8 in every format incidents are written to: a text that is not would be refused by the writer
    // of whatever the user saves next, far from the file that held it.
    std::string checked_utf8(int i, std::string s) const {
        if (!valid_utf8(s)) not_utf8(i);
        return s;
    }
    [[noreturn]] void not_utf8(int i) const { fail(std::string(name(i)) + " is not valid UTF-8 text"); }

    std::optional<std::int64_t> integer(int i) const {
        if (is_null(i)) return std::nullopt;
        switch (type(i)) {
            case OFTInteger:
            case OFTInteger64: return row_.integer(i);
            case OFTReal: {
                const double d = row_.real(i);
                if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9e15) return static_cast<std::int64_t>(d);
                fail(std::string(name(i)) + " is " + number(d) + ", not an integer");
            }
            case OFTString: {
                const std::string s = trim(row_.string(i));
                std::int64_t v = 0;
                const char* b = s.data() + (s.starts_with('+') ? 1 : 0);
                const auto [end, ec] = std::from_chars(b, s.data() + s.size(), v);
                if (ec != std::errc() || end != s.data() + s.size() || s.empty())
                    fail(std::string(name(i)) + " '" + display(s) + "' is not an integer");
                return v;
            }
            default: fail(std::string(name(i)) + " is a " + type_name(i) + " field, not an integer");
        }
    }

    std::optional<int> small_integer(int i) const {
        const auto v = integer(i);
        if (v && (*v < INT_MIN || *v > INT_MAX)) fail(std::string(name(i)) + " " + std::to_string(*v) + " is too large");
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }

    std::optional<double> real(int i) const {
        if (is_null(i)) return std::nullopt;
        double d = 0;
        switch (type(i)) {
            case OFTInteger:
            case OFTInteger64:
            case OFTReal: d = row_.real(i); break;
            case OFTString: {
                const std::string s = trim(row_.string(i));
                const char* b = s.data() + (s.starts_with('+') ? 1 : 0);
                const auto [end, ec] = std::from_chars(b, s.data() + s.size(), d);
                if (ec != std::errc() || end != s.data() + s.size() || s.empty())
                    fail(std::string(name(i)) + " '" + display(s) + "' is not a number");
                break;
            }
            default: fail(std::string(name(i)) + " is a " + type_name(i) + " field, not a number");
        }
        if (!std::isfinite(d)) fail(std::string(name(i)) + " is " + number(d) + ", not a finite number");
        return d;
    }

    std::optional<bool> boolean(int i) const {
        if (is_null(i)) return std::nullopt;
        if (type(i) == OFTString) {
            const std::string s = lower(trim(row_.string(i)));
            if (s == "true" || s == "1" || s == "yes") return true;
            if (s == "false" || s == "0" || s == "no") return false;
            fail(std::string(name(i)) + " '" + display(s) + "' is not a boolean (true or false)");
        }
        const auto v = integer(i);
        if (*v != 0 && *v != 1) fail(std::string(name(i)) + " is " + std::to_string(*v) + ", not a boolean (0 or 1)");
        return *v == 1;
    }

    std::optional<DateValue> date(int i) const {
        if (is_null(i)) return std::nullopt;
        using namespace std::chrono;
        if constexpr (kFeature) {
            if (type(i) == OFTDate || type(i) == OFTDateTime) {
                // Typed fields (GeoPackage DATE/DATETIME): a date is a whole day, a date-time an instant.
                OGRFeature& f = row_.feature();
                int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
                float s = 0;
                f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &s, &tz);
                const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
                if (!ymd.ok()) fail(std::string(name(i)) + " '" + f.GetFieldAsString(i) + "' is not a calendar date");
                const Seconds t = Seconds{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{static_cast<int>(s)};
                return DateValue{t, type(i) == OFTDate, f.GetFieldAsString(i), type(i) == OFTDateTime && h == 0 && mi == 0 && s == 0};
            }
        }
        if (type(i) != OFTString) fail(std::string(name(i)) + " is a " + type_name(i) + " field, not a date");
        const std::string s = trim(row_.string(i));
        if (const auto d = parse_iso_date(s)) return DateValue{Seconds{sys_days{*d}}, true, s};
        if (const auto t = parse_iso_datetime(s)) return DateValue{*t, false, s};
        fail(std::string(name(i)) + " '" + display(s) + "' is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS])");
    }

    std::vector<std::string> strings(int i) const {
        if (is_null(i)) return {};
        if constexpr (kFeature) {
            if (type(i) == OFTStringList) {
                std::vector<std::string> out;
                for (char** p = row_.feature().GetFieldAsStringList(i); p && *p; ++p) out.push_back(checked_utf8(i, *p));
                return out;
            }
        }
        if (type(i) != OFTString) fail(std::string(name(i)) + " is a " + type_name(i) + " field, not a list of texts");
        const std::string s = checked_utf8(i, std::string(row_.string(i)));
        const bool json = columns_.json[static_cast<std::size_t>(i)];
        if (json || trim(s).starts_with('[')) {  // a JSON array (GDAL's form of an empty or mixed GeoJSON array)
            const Json parsed = Json::parse(s, nullptr, false);
            if (parsed.is_array() && std::all_of(parsed.begin(), parsed.end(), [](const Json& e) { return e.is_string(); }))
                return parsed.get<std::vector<std::string>>();
            if (json) fail(std::string(name(i)) + " " + display(s) + " is not a list of texts");
        }
        std::vector<std::string> out;  // "A; B": the joined form
        for (std::size_t b = 0; b <= s.size();) {
            const std::size_t e = std::min(s.find(';', b), s.size());
            if (std::string piece = trim(std::string_view(s).substr(b, e - b)); !piece.empty()) out.push_back(std::move(piece));
            b = e + 1;
        }
        return out;
    }

    std::optional<CodePointSpan> span(int i) const {
        if (is_null(i)) return std::nullopt;
        const auto bad = [&](const std::string& shown) -> void {
            fail(std::string(name(i)) + " " + display(shown) + " is not [begin, end] in code points");
        };
        if constexpr (kFeature) {
            OGRFeature& f = row_.feature();
            if (type(i) == OFTIntegerList) {
                int n = 0;
                const int* v = f.GetFieldAsIntegerList(i, &n);
                if (n != 2) bad(f.GetFieldAsString(i));
                return CodePointSpan{v[0], v[1]};
            }
            if (type(i) == OFTInteger64List) {
                int n = 0;
                const GIntBig* v = f.GetFieldAsInteger64List(i, &n);
                if (n != 2) bad(f.GetFieldAsString(i));
                return CodePointSpan{v[0], v[1]};
            }
        }
        if (type(i) != OFTString) bad(row_.shown(i));
        const std::string_view s = row_.string(i);
        if (const auto plain = plain_span(s)) return plain;
        // "(2:1204,1291)": GDAL's text of an integer list, as ogr2ogr writes one into a format without lists.
        if (s.starts_with("(2:") && s.ends_with(')'))
            if (const auto listed = plain_span("[" + std::string(s.substr(3, s.size() - 4)) + "]")) return listed;
        const Json parsed = Json::parse(s, nullptr, false);
        if (!parsed.is_array() || parsed.size() != 2 || !parsed[0].is_number_integer() || !parsed[1].is_number_integer())
            bad(std::string(s));
        return CodePointSpan{parsed[0].get<std::int64_t>(), parsed[1].get<std::int64_t>()};
    }

private:
    // "[begin,end]" as this encoding writes it, without a JSON parser; none for any other form.
    static std::optional<CodePointSpan> plain_span(std::string_view s) {
        if (s.size() < 5 || s.front() != '[' || s.back() != ']') return std::nullopt;
        const std::size_t comma = s.find(',');
        if (comma == std::string_view::npos) return std::nullopt;
        std::int64_t b = 0, e = 0;
        const auto first = std::from_chars(s.data() + 1, s.data() + comma, b);
        const auto second = std::from_chars(s.data() + comma + 1, s.data() + s.size() - 1, e);
        if (first.ec != std::errc() || first.ptr != s.data() + comma || second.ec != std::errc() ||
            second.ptr != s.data() + s.size() - 1)
            return std::nullopt;
        return CodePointSpan{b, e};
    }

    const std::string& source_;
    const Row& row_;
    const Columns& columns_;
    std::size_t index_;
    const std::string* id_ = nullptr;
};

template <typename Row>
TimeSpan read_time(const FieldReader<Row>& r, const Columns& c) {
    using namespace std::chrono;
    std::optional<TimePrecision> precision;
    if (const std::string p = r.text(c.field[kTimePrecision]); !p.empty()) {
        precision = parse_time_precision(p);
        if (!precision)
            r.fail("time_precision '" + display(p) + "' is not one of exact, part_of_day, day, week, month, year, unknown");
    }
    auto start = r.is_null(c.field[kDateStart]) ? r.date(c.date_alias) : r.date(c.field[kDateStart]);
    auto end = r.date(c.field[kDateEnd]);
    // A date-time field holds a whole day as its midnight (GDAL types a GeoJSON column mixing dates and date-times
    // as DateTime, and ogr2ogr writes it so): with a precision of whole days, or a date_end at the midnight of
    // date_start, such values are days.
    const bool whole_day_precision = precision == TimePrecision::day || precision == TimePrecision::week ||
                                     precision == TimePrecision::month || precision == TimePrecision::year;
    const bool same_midnight = !precision && start && end && start->typed_midnight && end->typed_midnight && end->t == start->t;
    if (whole_day_precision || same_midnight)
        for (std::optional<DateValue>* v : {&start, &end})
            if (*v && (*v)->typed_midnight) (*v)->date_only = true;
    if (!start) {
        if (end) r.fail("date_end is " + end->text + " but date_start is missing");
        if (precision && *precision != TimePrecision::unknown)
            r.fail("time_precision is " + std::string(to_string(*precision)) + " but date_start is missing");
        return TimeSpan::unknown();
    }
    if (precision == TimePrecision::unknown) r.fail("time_precision is unknown but date_start is " + start->text);
    const TimePrecision p = precision.value_or(start->date_only ? TimePrecision::day : TimePrecision::exact);
    if (!end) {  // the span the precision implies around date_start
        const year_month_day day_of{floor<days>(start->t)};
        switch (p) {
            case TimePrecision::exact:
                return TimeSpan::between(start->t, start->t + (start->date_only ? Seconds::duration{days{1}} : Seconds::duration{minutes{1}}), p);
            case TimePrecision::part_of_day: r.fail("time_precision is part_of_day but date_end is missing");
            case TimePrecision::day: return TimeSpan::day(day_of);
            case TimePrecision::week: return TimeSpan::week(day_of);
            case TimePrecision::month: return TimeSpan::month(day_of.year() / day_of.month());
            case TimePrecision::year: return TimeSpan::year(day_of.year());
            case TimePrecision::unknown: return TimeSpan::unknown();  // refused above
        }
    }
    const Seconds until = end->date_only ? end->t + days{1} : end->t;
    if (!(start->t < until))
        r.fail("date_end " + end->text + " is before date_start " + start->text +
               (end->date_only ? "" : " (a date-time date_end is exclusive)"));
    return TimeSpan::between(start->t, until, p);
}

// A WKB point's x and y (NaN for POINT EMPTY); nullopt for any other geometry, which GDAL then reads.
std::optional<std::pair<double, double>> wkb_point(std::string_view wkb) {
    if (wkb.size() < 21 || (wkb[0] != 0 && wkb[0] != 1)) return std::nullopt;
    const bool little = wkb[0] == 1;
    auto load = [&](std::size_t at, auto value) {
        std::array<char, sizeof(value)> b;
        std::copy_n(wkb.data() + at, b.size(), b.begin());
        if (little != (std::endian::native == std::endian::little)) std::reverse(b.begin(), b.end());
        std::memcpy(&value, b.data(), b.size());
        return value;
    };
    const std::uint32_t type = load(1, std::uint32_t{});
    // 2D points only (ISO 1001/2001/3001 and EWKB's flags carry more coordinates): the rest go through GDAL.
    if (type != 1 || wkb.size() != 21) return std::nullopt;
    return std::pair{load(5, double{}), load(13, double{})};
}

class LocationReader {
public:
    LocationReader(const gdal::Layer& layer, const std::string& path) {
        const OGRSpatialReference* srs = layer.get().GetSpatialRef();
        if (srs && !srs->IsSame(&wgs84_)) transform_ = gdal::transformation(*srs, wgs84_, path);
    }

    // nullopt for a feature with no geometry (GeoJSON's null) and no latitude and longitude: an incident without a
    // location. A geometry that is there must be a place: EMPTY, or only one of latitude and longitude, is an error.
    template <typename Row>
    std::optional<LatLon> read(const Row& row, const FieldReader<Row>& r, const Columns& c) {
        if constexpr (FieldReader<Row>::kFeature) {
            if (OGRGeometry* g = row.feature().GetGeometryRef()) return from_geometry(*g, r);
        } else if (const auto wkb = row.wkb()) {
            if (const auto xy = wkb_point(*wkb)) {
                if (std::isnan(xy->first) || std::isnan(xy->second)) empty(r, "Point");
                double x = xy->first, y = xy->second;
                if (transform_ && !transform_->Transform(1, &x, &y)) cannot_reproject(r);
                return checked(r, y, x);
            }
            OGRGeometry* g = nullptr;
            if (OGRGeometryFactory::createFromWkb(wkb->data(), nullptr, &g, wkb->size()) != OGRERR_NONE || !g)
                r.fail("a geometry GDAL cannot read from its WKB");
            const std::unique_ptr<OGRGeometry> owned(g);
            return from_geometry(*g, r);
        }
        // A WKT column GDAL could not read as a geometry ("POINT (nan nan)") is an error, not a missing place.
        if (c.wkt >= 0 && !r.is_null(c.wkt)) r.fail("WKT '" + display(r.text(c.wkt)) + "' is not a geometry GDAL can read");
        const auto lat = c.latitude >= 0 ? r.real(c.latitude) : std::nullopt;
        const auto lon = c.longitude >= 0 ? r.real(c.longitude) : std::nullopt;
        if (!lat && !lon) return std::nullopt;
        if (!lat || !lon)
            r.fail(std::string("no geometry, and ") + (lat ? "longitude" : "latitude") + " is empty while " +
                   (lat ? "latitude" : "longitude") + " is given");
        return checked(r, *lat, *lon);
    }

private:
    template <typename Reader>
    std::optional<LatLon> from_geometry(OGRGeometry& g, const Reader& r) {
        if (g.IsEmpty()) empty(r, g.getGeometryName());
        if (transform_ && g.transform(transform_.get()) != OGRERR_NONE) cannot_reproject(r);
        if (wkbFlatten(g.getGeometryType()) == wkbPoint) {
            const OGRPoint* p = g.toPoint();
            return checked(r, p->getY(), p->getX());
        }
        std::vector<unsigned char> wkb(g.WkbSize());
        g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        try {
            return geos::Geometry::from_wkb(geos_, wkb).point_on_surface();
        } catch (const GeometryError& e) {
            r.fail("no point on the surface of its " + std::string(g.getGeometryName()) + ": " + e.detail());
        }
    }
    template <typename Reader>
    [[noreturn]] static void empty(const Reader& r, const std::string& geometry) {
        r.fail("empty geometry (" + geometry + " EMPTY): no coordinates, or coordinates that are not numbers (NaN)");
    }
    template <typename Reader>
    [[noreturn]] void cannot_reproject(const Reader& r) const {
        const OGRSpatialReference* from = transform_->GetSourceCS();
        r.fail("cannot reproject the geometry to WGS84 from " + std::string(from && from->GetName() ? from->GetName() : "its CRS"));
    }
    template <typename Reader>
    static LatLon checked(const Reader& r, double lat, double lon) {
        if (!(lat >= -90 && lat <= 90)) r.fail("latitude " + number(lat) + " out of range [-90, 90]");
        if (!(lon >= -180 && lon <= 180)) r.fail("longitude " + number(lon) + " out of range [-180, 180]");
        return LatLon::degrees(lat, lon);
    }

    OGRSpatialReference wgs84_ = gdal::wgs84();
    gdal::CoordinateTransformation transform_;
    geos::Context geos_;
};

// Reads one feature into `in`, every property set anew: a reader passes the same Incident for each feature, so that
// its texts' storage is reused rather than allocated once a feature.
template <typename Row>
void read_incident(const Row& row, std::size_t index, const std::string& path, const Columns& c, LocationReader& where,
                   Incident& in) {
    FieldReader<Row> r(path, row, c, index);
    r.text(c.field[kId], in.id);
    r.set_id(in.id);

    in.time = read_time(r, c);
    in.event_type.reset();
    if (const std::string e = r.text(c.field[kEventType]); !e.empty()) {
        in.event_type = parse_event_type(e);
        if (!in.event_type)
            r.fail("event_type '" + display(e) + "' is not an ACLED event type (Battles, Explosions/Remote violence, "
                   "Violence against civilians, Protests, Riots, Strategic developments)");
    }
    r.text(c.field[kSubEventType], in.sub_event_type);
    in.actors = r.strings(c.field[kActors]);
    in.violent = r.boolean(c.field[kViolent]).value_or(false);
    in.fatalities = r.small_integer(c.field[kFatalities]);
    in.fatalities_min = r.small_integer(c.field[kFatalitiesMin]);
    in.injured = r.small_integer(c.field[kInjured]);
    in.arrested = r.small_integer(c.field[kArrested]);

    const int sev = c.field[kSeverity];
    if (r.is_null(sev)) {
        in.severity = implied_severity(in);
    } else if (r.type(sev) == OFTString) {
        const std::string s = trim(r.text(sev));
        const auto parsed = parse_severity(s);
        if (!parsed) r.fail("severity '" + display(s) + "' is not a level: 0 to 4, or informational, disruptive, violent, injuries, fatal");
        in.severity = *parsed;
    } else {
        const auto v = r.integer(sev);
        if (*v < 0 || *v >= static_cast<std::int64_t>(kSeverityCount)) r.fail("severity " + std::to_string(*v) + " out of range 0..4");
        in.severity = static_cast<Severity>(*v);
    }

    in.location = where.read(row, r, c);
    in.geo_precision = r.small_integer(c.field[kGeoPrecision]);
    in.uncertainty_m.reset();
    if (const auto u = r.real(c.field[kUncertainty])) in.uncertainty_m = Meters(*u);
    r.text(c.field[kPlaceName], in.place_name);
    r.text(c.field[kPlaceId], in.place_id);
    r.text(c.field[kCountry], in.country);
    r.text(c.field[kAdmin1], in.admin1);
    r.text(c.field[kQuote], in.quote);
    in.source_span = r.span(c.field[kSourceSpan]);
    r.text(c.field[kLanguage], in.language);
    in.confidence = r.real(c.field[kConfidence]);
    r.text(c.field[kSource], in.source);
    in.manual_correction = r.boolean(c.field[kManualCorrection]).value_or(false);
    in.mention_span = r.span(c.field[kMentionSpan]);

    if (auto problem = find_problem(in)) r.fail(*problem);
}

}  // namespace

// ------------------------------------------------------------------------------------------------- public API

IncidentFields IncidentFields::create(gdal::Layer& layer, bool xy) {
    std::vector<int> at(kFieldCount + 2, -1);
    OGRFeatureDefn* defn = layer.get().GetLayerDefn();
    auto add = [&](int field, const char* name, OGRFieldType type, OGRFieldSubType sub = OFSTNone) {
        const int before = defn->GetFieldCount();
        layer.create_field(name, type, 0, sub);
        if (defn->GetFieldCount() != before + 1)
            throw Error(layer.dataset_path() + ": the driver did not add the field '" + name + "' to " + layer.name());
        at[field] = before;
    };
    for (int i = 0; i < kFieldCount; ++i) {
        switch (i) {
            case kViolent: case kManualCorrection: add(i, kFieldNames[i], OFTInteger, OFSTBoolean); break;
            case kFatalities: case kFatalitiesMin: case kInjured: case kArrested: case kSeverity: case kGeoPrecision:
                add(i, kFieldNames[i], OFTInteger); break;
            case kUncertainty: case kConfidence: add(i, kFieldNames[i], OFTReal); break;
            default: add(i, kFieldNames[i], OFTString); break;
        }
    }
    if (xy) {
        add(FieldWriter::kLatitude, "latitude", OFTReal);
        add(FieldWriter::kLongitude, "longitude", OFTReal);
    }
    return IncidentFields(std::move(at), xy);
}

IncidentFields IncidentFields::find(const gdal::Layer& layer) {
    std::vector<int> at(kFieldCount + 2, -1);
    const OGRFeatureDefn& defn = *layer.get().GetLayerDefn();
    for (int i = 0; i < kFieldCount; ++i) {
        at[i] = defn.GetFieldIndex(kFieldNames[i]);
        if (at[i] < 0 && i == kMentionSpan) continue;  // added later: a layer without it stores none
        if (at[i] < 0)
            throw InputError(layer.dataset_path(), std::string("layer ") + layer.name() + " has no field " + kFieldNames[i] +
                                                       ": not an incident layer of this version");
    }
    return IncidentFields(std::move(at), false);
}

std::span<const char* const> IncidentFields::names() { return kFieldNames; }

void IncidentFields::fill(OGRFeature& f, const Incident& in) const {
    FieldWriter w(f, at_);
    const auto [date_start, date_end] = format_dates(in.time);
    w.text(kId, in.id);
    w.text(kDateStart, date_start);
    w.text(kDateEnd, date_end);
    w.text(kTimePrecision, std::string(to_string(in.time.precision())));
    w.text(kEventType, in.event_type ? std::string(to_string(*in.event_type)) : std::string());
    w.text(kSubEventType, in.sub_event_type);
    w.text(kActors, join_actors(in.actors));
    w.integer(kViolent, in.violent ? 1 : 0);
    w.integer(kFatalities, in.fatalities);
    w.integer(kFatalitiesMin, in.fatalities_min);
    w.integer(kInjured, in.injured);
    w.integer(kArrested, in.arrested);
    w.integer(kSeverity, rank(in.severity));
    w.integer(kGeoPrecision, in.geo_precision);
    w.real(kUncertainty, in.uncertainty_m ? std::optional<double>(in.uncertainty_m->value()) : std::nullopt);
    w.text(kPlaceName, in.place_name);
    w.text(kPlaceId, in.place_id);
    w.text(kCountry, in.country);
    w.text(kAdmin1, in.admin1);
    w.text(kQuote, in.quote);
    w.text(kSourceSpan, in.source_span ? span_text(*in.source_span) : std::string());
    w.text(kLanguage, in.language);
    w.real(kConfidence, in.confidence);
    w.text(kSource, in.source);
    w.integer(kManualCorrection, in.manual_correction ? 1 : 0);
    w.text(kMentionSpan, in.mention_span ? span_text(*in.mention_span) : std::string());
    if (xy_) {
        w.real(FieldWriter::kLatitude, in.location ? std::optional(in.location->lat_deg()) : std::nullopt);
        w.real(FieldWriter::kLongitude, in.location ? std::optional(in.location->lon_deg()) : std::nullopt);
    } else if (in.location) {  // an unlocated incident is a feature without a geometry
        OGRPoint point(in.location->lon_deg(), in.location->lat_deg());
        f.SetGeometry(&point);
    } else {
        f.SetGeometry(nullptr);
    }
}

struct IncidentLayerReader::Impl {
    Impl(const gdal::Layer& layer, std::string source)
        : source(std::move(source)), columns(*layer.get().GetLayerDefn()), where(layer, this->source) {}
    std::string source;
    Columns columns;
    LocationReader where;
};

IncidentLayerReader::IncidentLayerReader(const gdal::Layer& layer, std::string source)
    : impl_(std::make_unique<Impl>(layer, std::move(source))) {}
IncidentLayerReader::~IncidentLayerReader() = default;

bool IncidentLayerReader::has_incident_columns() const {
    // An "id" alone says nothing: a map's features have one too.
    const Columns& c = impl_->columns;
    return c.latitude >= 0 || c.date_alias >= 0 || std::any_of(c.field.begin() + 1, c.field.end(), [](int i) { return i >= 0; });
}

Incident IncidentLayerReader::read(OGRFeature& feature, std::size_t index) {
    Incident in;
    read_incident(FeatureRow(feature), index, impl_->source, impl_->columns, impl_->where, in);
    return in;
}

namespace {

// The fields of a layer that no incident property wanted is read from: GDAL need not fetch them (a project's
// provenance columns, a user's own columns, the texts a map does not draw).
std::vector<std::string> unused_fields(const OGRFeatureDefn& defn, ReadFields fields) {
    static const auto kRead = [](ReadFields wanted) {
        std::set<std::string, std::less<>> names;
        for (int f = 0; f < kFieldCount; ++f) {
            const bool text_only = f == kActors || (f >= kPlaceName && f <= kSource);
            if (wanted == ReadFields::all || !text_only) names.insert(kFieldNames[static_cast<std::size_t>(f)]);
        }
        names.insert({"date", "event_date", "latitude", "lat", "longitude", "lon", "lng", "WKT"});
        return names;
    };
    static const std::set<std::string, std::less<>> kAll = kRead(ReadFields::all), kMap = kRead(ReadFields::map);
    const auto& read = fields == ReadFields::all ? kAll : kMap;
    std::vector<std::string> out;
    for (int i = 0; i < defn.GetFieldCount(); ++i)
        if (!read.count(defn.GetFieldDefn(i)->GetNameRef())) out.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
    return out;
}

void ignore_unused_fields(gdal::Layer& layer, ReadFields fields) {
    const std::vector<std::string> unused = unused_fields(*layer.get().GetLayerDefn(), fields);
    if (unused.empty()) return;
    std::vector<const char*> names;
    for (const auto& n : unused) names.push_back(n.c_str());
    names.push_back(nullptr);
    layer.get().SetIgnoredFields(names.data());
}

// Where a read keeps its incidents: a list (read_incident_list) or a set being built (read_incidents).
// `in` is read into again afterwards (read_incident sets every property).
void keep(std::vector<Incident>& out, Incident& in) { out.push_back(std::move(in)); }
void keep(IncidentSet::Builder& out, Incident& in) { out.add(in); }
// The parts' incidents in their order, each moved once.
std::vector<Incident> joined(std::vector<std::vector<Incident>>&& parts) {
    std::size_t n = 0;
    for (const auto& p : parts) n += p.size();
    std::vector<Incident> out;
    out.reserve(n);
    for (auto& p : parts) std::move(p.begin(), p.end(), std::back_inserter(out));
    return out;
}
IncidentSet::Builder joined(std::vector<IncidentSet::Builder>&& parts) { return IncidentSet::Builder::joined(std::move(parts)); }

// What one pass over (part of) a layer found.
template <typename Out>
struct ReadPart {
    Out incidents;
    std::size_t features = 0;
    std::size_t bad = 0;
    std::vector<std::string> faults;        // the first kNamed
    std::optional<InputError> first_fault;  // one bad feature: its own error, with its location
    std::string failure;                    // GDAL's, when reading stopped
    static constexpr std::size_t kNamed = 20;

    // Every bad feature is found, not only the first: the user fixes a file in one pass. The first few are named.
    void fault(const InputError& e) {
        if (!first_fault) first_fault = e;
        if (++bad <= kNamed) faults.push_back(e.location() ? *e.location() + ": " + e.detail() : e.detail());
    }
};

// Reads the features `layer` gives (its attribute filter already set); `first_index` numbers them in messages.
template <typename Out>
ReadPart<Out> read_features(gdal::Layer& layer, const std::string& source, std::size_t first_index) {
    ReadPart<Out> part;
    IncidentLayerReader reader(layer, source);
    gdal::ErrorCapture capture;
    layer.reset_reading();
    std::size_t index = first_index;
    while (gdal::Feature f = layer.next_feature()) {
        ++part.features;
        try {
            Incident in = reader.read(*f, index++);
            keep(part.incidents, in);
        } catch (const InputError& e) {
            part.fault(e);
        }
    }
    if (capture.failed()) part.failure = capture.message();
    return part;
}

// A GeoPackage table whose fields read are all texts, integers and reals, in a file on disk, is read through SQLite:
// 1M incidents in 1.x s of a core against 4 s through GDAL's features. (GDAL 3.6's Arrow stream of GeoPackage
// layers, the other fast way, gives boolean columns wrong.) nullopt for any other layer: it is read as features.
std::optional<SqliteLayout> sqlite_layout(const gdal::Dataset& ds, gdal::Layer& layer, const std::string& source,
                                          const Columns& columns) {
    const std::string driver = ds.get().GetDriver() ? ds.get().GetDriver()->GetDescription() : "";
    OGRLayer& l = layer.get();
    const char* fid = l.GetFIDColumn();
    std::error_code ec;
    if (driver != "GPKG" || !fid || !*fid || !fs::is_regular_file(source, ec)) return std::nullopt;
    const OGRFeatureDefn& defn = *l.GetLayerDefn();
    if (defn.GetGeomFieldCount() > 1) return std::nullopt;
    SqliteLayout out{l.GetName(), fid, {fid}, std::vector<int>(static_cast<std::size_t>(defn.GetFieldCount()), -1), -1};
    if (defn.GetGeomFieldCount() == 1 && !defn.GetGeomFieldDefn(0)->IsIgnored()) {
        out.geometry = static_cast<int>(out.columns.size());
        out.columns.emplace_back(l.GetGeometryColumn());
    }
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn& f = *defn.GetFieldDefn(i);
        if (f.IsIgnored() || !columns.reads(i)) continue;
        const OGRFieldType t = f.GetType();
        if (t != OFTString && t != OFTInteger && t != OFTInteger64 && t != OFTReal) return std::nullopt;
        out.column_of_field[static_cast<std::size_t>(i)] = static_cast<int>(out.columns.size());
        out.columns.emplace_back(f.GetNameRef());
    }
    return out;
}

// Reads the rows whose FID is in [first, last] through SQLite, about `expected` of them; `first_index` numbers them
// in messages.
template <typename Out>
ReadPart<Out> read_rows(const std::string& source, const SqliteLayout& layout, const Columns& columns,
                        LocationReader& where, std::int64_t first, std::int64_t last, std::size_t first_index,
                        std::size_t expected) {
    ReadPart<Out> part;
    part.incidents.reserve(expected);  // a column grown by doubling copies itself as often
    SqliteRows rows(source, layout.table, layout.columns, layout.fid, first, last);
    std::size_t index = first_index;
    Incident in;
    try {
        while (rows.next()) {
            ++part.features;
            try {
                read_incident(SqliteRow(rows, layout), index++, source, columns, where, in);
                keep(part.incidents, in);
            } catch (const InputError& e) {
                part.fault(e);
            }
        }
    } catch (const InputError& e) {  // SQLite stopped (a damaged file)
        part.failure = e.detail();
    }
    return part;
}

// Layers read in two FID ranges on two threads: a database whose FID is its key reads a range by index.
bool reads_fid_ranges(const gdal::Dataset& ds, const gdal::Layer& layer) {
    const std::string driver = ds.get().GetDriver() ? ds.get().GetDriver()->GetDescription() : "";
    const char* fid = layer.get().GetFIDColumn();
    return (driver == "GPKG" || driver == "SQLite") && fid && *fid;
}

constexpr GIntBig kParallelFeatures = 50'000;  // smaller layers are read on one thread

// The first half read here, the second on a thread of its own; either's exception is thrown once both are done.
template <typename Part, typename First, typename Second>
std::vector<Part> in_two_halves(First&& first, Second&& second) {
    Part b;
    std::exception_ptr failed;
    std::thread other([&] {
        try {
            b = second();
        } catch (...) {
            failed = std::current_exception();
        }
    });
    Part a;
    try {
        a = first();
    } catch (...) {
        other.join();
        throw;
    }
    other.join();
    if (failed) std::rethrow_exception(failed);
    std::vector<Part> out;
    out.push_back(std::move(a));
    out.push_back(std::move(b));
    return out;
}

template <typename Out>
Out read_layer(const fs::path& path, const std::string& layer_name, ReadFields fields) {
    const std::string source = path.string();
    // Dates as text: GDAL's GeoJSON driver would otherwise type "2022-01-06" as a date-time when other rows of
    // the column have a time, and a whole day could no longer be told from midnight.
    // The extension's own driver first, then any: GDAL's sniffing alone takes a GeoJSON file that quotes "<kml"
    // early on for KML. A .json of another kind (ESRI JSON, TopoJSON) still opens through the second try.
    std::optional<gdal::Dataset> opened;
    std::vector<std::string> drivers;
    if (const std::string own = known_driver(extension_of(path)); !own.empty()) {
        try {
            opened.emplace(gdal::Dataset::open(source, GDAL_OF_VECTOR, {"DATE_AS_STRING=YES"}, {own}));
            drivers = {own};
        } catch (const DatasetOpenError&) {
        }
    }
    if (!opened) opened.emplace(gdal::Dataset::open(source, GDAL_OF_VECTOR, {"DATE_AS_STRING=YES"}));
    gdal::Dataset& ds = *opened;
    if (ds.layer_count() == 0) throw InputError(source, "has no vector layer");
    // An incidentmap project (store/project.hpp) is read as its incidents table, which a database need not list first.
    const bool project = ds.get().GetLayerByName("incidents") && ds.get().GetLayerByName("readings") &&
                         ds.get().GetLayerByName("sources");
    gdal::Layer layer = !layer_name.empty() ? ds.layer(layer_name) : project ? ds.layer(std::string("incidents")) : ds.layer(0);
    // A layer is an incident file only if it has one of the incident columns: a table of other names is some other
    // table, and shapes without any (roads, boundaries) are a map, whose features would all be incidents of nothing.
    // An empty layer with no columns at all (the GeoJSON of an empty set: a FeatureCollection of no features) is an
    // empty incident file, as written.
    auto empty_without_columns = [&] {
        if (layer.get().GetLayerDefn()->GetFieldCount() != 0) return false;
        layer.get().ResetReading();
        const OGRFeatureUniquePtr first(layer.get().GetNextFeature());
        layer.get().ResetReading();
        return !first;
    };
    if (!IncidentLayerReader(layer, source).has_incident_columns() && !empty_without_columns()) {
        const bool table = layer.get().GetGeomType() == wkbNone;
        throw InputError(source, std::string("none of its columns is an incident property (id, date_start, event_type, severity, ") +
                                     (table ? "latitude, longitude...): not an incident table"
                                            : "fatalities...): not an incident layer; to draw it under the incidents, give it as --basemap"));
    }
    ignore_unused_fields(layer, fields);

    std::vector<ReadPart<Out>> parts;
    const GIntBig count = reads_fid_ranges(ds, layer) ? layer.get().GetFeatureCount(FALSE) : -1;
    // Large layers are read in two halves on two threads, split at the FID in the middle of the file order.
    const std::string fid = count >= kParallelFeatures ? std::string("\"") + layer.get().GetFIDColumn() + "\"" : "";
    GIntBig split = 0;
    if (count >= kParallelFeatures) {
        const std::string sql = "SELECT (MIN(" + fid + ") + MAX(" + fid + ")) / 2 FROM \"" + layer.name() + "\"";
        OGRLayer* r = ds.get().ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (r) {
            if (gdal::Feature f{r->GetNextFeature()}) split = f->GetFieldAsInteger64(0);
            ds.get().ReleaseResultSet(r);
        }
    }
    const Columns columns(*layer.get().GetLayerDefn());
    if (const auto sqlite = sqlite_layout(ds, layer, source, columns)) {
        // Each part on its own SQLite connection; the readers of places are made here, where GDAL is asked for the
        // layer's CRS once.
        constexpr std::int64_t kFirst = std::numeric_limits<std::int64_t>::min(), kLast = std::numeric_limits<std::int64_t>::max();
        if (count >= kParallelFeatures) {
            const auto half = static_cast<std::size_t>(count / 2);
            LocationReader where_first(layer, source), where_second(layer, source);
            parts = in_two_halves<ReadPart<Out>>(
                // The first half reserved for all: the second is joined into it without copying the first.
                [&] { return read_rows<Out>(source, *sqlite, columns, where_first, kFirst, split - 1, 0, 2 * half + 1); },
                [&] { return read_rows<Out>(source, *sqlite, columns, where_second, split, kLast, half, half); });
        } else {
            LocationReader where(layer, source);
            parts.push_back(read_rows<Out>(source, *sqlite, columns, where, kFirst, kLast, 0, count > 0 ? static_cast<std::size_t>(count) : 0));
        }
    } else if (count >= kParallelFeatures) {
        // The second half on its own connection.
        const std::string name = layer.name();
        layer.get().SetAttributeFilter((fid + " < " + std::to_string(split)).c_str());
        parts = in_two_halves<ReadPart<Out>>([&] { return read_features<Out>(layer, source, 0); },
                                             [&] {
                                                 auto own = gdal::Dataset::open(source, GDAL_OF_VECTOR, {"DATE_AS_STRING=YES"}, drivers);
                                                 gdal::Layer half = own.layer(name);
                                                 ignore_unused_fields(half, fields);
                                                 half.get().SetAttributeFilter((fid + " >= " + std::to_string(split)).c_str());
                                                 return read_features<Out>(half, source, static_cast<std::size_t>(count / 2));
                                             });
    } else {
        parts.push_back(read_features<Out>(layer, source, 0));
    }

    ReadPart<Out> all;
    std::vector<Out> incidents;
    for (ReadPart<Out>& part : parts) {
        all.features += part.features;
        if (all.failure.empty()) all.failure = part.failure;
        if (!all.first_fault) all.first_fault = part.first_fault;
        all.bad += part.bad;
        for (auto& f : part.faults)
            if (all.faults.size() < ReadPart<Out>::kNamed) all.faults.push_back(std::move(f));
        incidents.push_back(std::move(part.incidents));
    }
    parts.clear();
    all.incidents = joined(std::move(incidents));
    if (!all.failure.empty())
        throw InputError(source, "reading stopped after " + std::to_string(all.features) + " features: " + all.failure);
    if (all.bad == 1) throw *all.first_fault;
    if (all.bad > 1) {
        std::string what = std::to_string(all.bad) + " of its " + std::to_string(all.features) + " features are malformed:";
        for (const std::string& f : all.faults) what += "\n  " + f;
        if (all.bad > ReadPart<Out>::kNamed) what += "\n  ... and " + std::to_string(all.bad - ReadPart<Out>::kNamed) + " more";
        throw InputError(source, what);
    }
    return std::move(all.incidents);
}

}  // namespace

IncidentSet read_incidents(const fs::path& path, const std::string& layer_name, ReadFields fields) {
    return read_layer<IncidentSet::Builder>(path, layer_name, fields).take();
}

std::vector<Incident> read_incident_list(const fs::path& path, const std::string& layer_name) {
    return read_layer<std::vector<Incident>>(path, layer_name, ReadFields::all);
}

struct IncidentWriter::Impl {
    fs::path path;
    std::string driver;
    AtomicOutput output;
    std::size_t count = 0;
    // GeoJSON, written by us:
    std::ofstream file;
    // Any other format, through GDAL (declared after `output`: closed and cleaned up before it):
    std::optional<TemporarySiblings> siblings;
    std::optional<gdal::Dataset> ds;
    std::optional<gdal::Layer> layer;
    std::optional<IncidentFields> fields;
    std::optional<OGRFeature> feature;
    bool transaction = false;

    Impl(const fs::path& p, std::string d) : path(p), driver(std::move(d)), output(p) {}
};

IncidentWriter::IncidentWriter(const fs::path& path, const std::string& driver)
    : impl_(std::make_unique<Impl>(path, driver.empty() ? driver_for(path) : driver)) {
    Impl& w = *impl_;
    if (w.driver == "GeoJSON") {
        w.file.open(w.output.temp_path(), std::ios::binary);
        if (!w.file) throw Error(path.string() + ": cannot create the temporary file " + w.output.temp_path().string());
        w.file << R"({"type":"FeatureCollection","features":[)";
        return;
    }
    w.siblings.emplace(w.output);
    w.ds.emplace(gdal::Dataset::create_vector(w.driver, w.output.temp_path().string()));
    const bool xy = table_only(w.driver);
    const OGRSpatialReference wgs84 = gdal::wgs84();
    w.layer.emplace(w.ds->create_layer("incidents", xy ? wkbNone : wkbPoint, xy ? nullptr : &wgs84));
    w.fields.emplace(IncidentFields::create(*w.layer, xy));
    // One transaction: GeoPackage and SQLite otherwise commit each feature on its own (many times slower).
    w.transaction = w.ds->get().StartTransaction() == OGRERR_NONE;
}

IncidentWriter::~IncidentWriter() = default;

void IncidentWriter::add(const Incident& incident) {
    Impl& w = *impl_;
    if (w.driver == "GeoJSON") {
        w.file << (w.count ? ",\n" : "\n") << geojson_feature(incident);
        if (!w.file) throw Error(w.path.string() + ": cannot write " + w.output.temp_path().string());
    } else {
        if (!incident.location && needs_geometry(w.driver))
            throw Error(w.path.string() + ": incident '" + display(incident.id) + "' has no location, and " + w.driver +
                        " drops features without a geometry; write GeoJSON, GeoPackage or CSV, or filter out the "
                        "incidents without a location");
        // One feature, reset for each incident: fill() sets every field and the geometry.
        if (!w.feature) w.feature.emplace(w.layer->get().GetLayerDefn());
        w.feature->SetFID(OGRNullFID);
        w.fields->fill(*w.feature, incident);
        w.layer->create_feature(*w.feature);
    }
    ++w.count;
}

void IncidentWriter::commit() {
    Impl& w = *impl_;
    if (w.driver == "GeoJSON") {
        w.file << "\n]}\n";
        w.file.close();
        if (!w.file) throw Error(w.path.string() + ": cannot write " + w.output.temp_path().string());
    } else {
        if (w.transaction) {
            gdal::ErrorCapture capture;
            if (w.ds->get().CommitTransaction() != OGRERR_NONE)
                throw Error(w.path.string() + ": cannot commit the written incidents: " + capture.message());
        }
        w.feature.reset();
        w.layer.reset();
        w.ds->close();
        w.siblings->commit();
    }
    w.output.commit();
}

std::size_t IncidentWriter::count() const { return impl_->count; }

struct SqliteIncidentScan::Impl {
    Impl(const gdal::Layer& layer, std::string source, Columns columns, SqliteLayout layout, std::size_t first_extra,
         const std::string& clause)
        : source(std::move(source)),
          columns(std::move(columns)),
          layout(std::move(layout)),
          first_extra(first_extra),
          where(layer, this->source),
          rows(this->source, this->layout.table, this->layout.columns, clause) {}
    std::string source;
    Columns columns;
    SqliteLayout layout;
    std::size_t first_extra;  // the column of the first extra
    LocationReader where;
    SqliteRows rows;
    std::size_t index = 0;
};

std::unique_ptr<SqliteIncidentScan> SqliteIncidentScan::open(const gdal::Dataset& dataset, gdal::Layer& layer, std::string source,
                                                             const std::string& clause, const std::vector<std::string>& extra) {
    Columns columns(*layer.get().GetLayerDefn());
    auto layout = sqlite_layout(dataset, layer, source, columns);
    if (!layout) return nullptr;
    const std::size_t first_extra = layout->columns.size();
    layout->columns.insert(layout->columns.end(), extra.begin(), extra.end());
    return std::unique_ptr<SqliteIncidentScan>(new SqliteIncidentScan(
        std::make_unique<Impl>(layer, std::move(source), std::move(columns), std::move(*layout), first_extra, clause)));
}

SqliteIncidentScan::SqliteIncidentScan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteIncidentScan::~SqliteIncidentScan() = default;

bool SqliteIncidentScan::next(Incident& in) {
    Impl& p = *impl_;
    if (!p.rows.next()) return false;
    read_incident(SqliteRow(p.rows, p.layout), p.index++, p.source, p.columns, p.where, in);
    return true;
}

std::optional<std::string_view> SqliteIncidentScan::text(std::size_t k) const {
    const int c = static_cast<int>(impl_->first_extra + k);
    if (impl_->rows.null(c)) return std::nullopt;
    return impl_->rows.text(c);
}

std::optional<std::int64_t> SqliteIncidentScan::integer(std::size_t k) const {
    const int c = static_cast<int>(impl_->first_extra + k);
    if (impl_->rows.null(c)) return std::nullopt;
    return impl_->rows.integer(c);
}

void write_incidents(const IncidentSet& incidents, const fs::path& path, const std::string& driver) {
    IncidentWriter writer(path, driver);
    for (std::size_t n = 0; n < incidents.size(); ++n) writer.add(incidents.incident(n));
    writer.commit();
}

void write_geojson(std::ostream& out, const IncidentSet& incidents, GeoJsonLayout layout) {
    write_collection(out, incidents.size(), [&](std::size_t i) { return incidents.incident(i); }, layout);
}

void write_geojson(std::ostream& out, std::span<const Incident> incidents, GeoJsonLayout layout) {
    write_collection(out, incidents.size(), [&](std::size_t i) -> const Incident& { return incidents[i]; }, layout);
}

}  // namespace incidentmap::core::io
