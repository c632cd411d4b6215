#include "core/io/exchange_tables.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/atomic_output.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <ctime>
#include <unordered_map>

namespace incidentmap::core::io {

namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

constexpr std::array kAcledColumns{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                                   "sub_event_type", "actor1", "actor2", "interaction", "country", "admin1", "admin2",
                                   "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                                   "fatalities", "timestamp"};
constexpr std::array kUcdpColumns{"id", "date_start", "date_end", "date_prec", "where_prec", "type_of_violence", "latitude",
                                  "longitude", "country", "best", "low", "high", "source_article"};

// ISO 3166-1 alpha-2 codes and English names, both ways, from the gazetteer's country table.
class CountryNames {
public:
    static const CountryNames& get() {
        static const CountryNames names;
        return names;
    }
    std::string name_of(const std::string& code) const {
        const auto it = by_code_.find(code);
        return it == by_code_.end() ? code : it->second;
    }
    std::string code_of(const std::string& name) const {
        const auto it = by_name_.find(name);
        return it == by_name_.end() ? name : it->second;
    }

private:
    CountryNames() {
        try {
            const std::string text = read_data_file(find_asset("gazetteer/countries.tsv"), "country table");
            for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
                if (line_no == 1) return;  // the header
                std::vector<std::string_view> cells;
                for (std::size_t b = 0; b <= line.size();) {
                    const std::size_t e = std::min(line.find('\t', b), line.size());
                    cells.push_back(line.substr(b, e - b));
                    b = e + 1;
                }
                if (cells.size() < 4 || cells[0].size() != 2 || cells[3].empty()) return;
                by_code_.emplace(std::string(cells[0]), std::string(cells[3]));
                by_name_.emplace(std::string(cells[3]), std::string(cells[0]));
            });
        } catch (const InputError&) {
            // Without the table, countries are written as their codes and read as given.
        }
    }
    std::unordered_map<std::string, std::string> by_code_, by_name_;
};

std::string join_rest(const std::vector<std::string>& actors) {
    std::string out;
    for (std::size_t i = 1; i < actors.size(); ++i) out += (out.empty() ? "" : "; ") + actors[i];
    return out;
}

std::string disorder_type(const std::optional<EventType>& t) {
    if (!t) return {};
    switch (*t) {
        case EventType::battles:
        case EventType::explosions_remote_violence:
        case EventType::violence_against_civilians: return "Political violence";
        case EventType::riots: return "Political violence; Demonstrations";
        case EventType::protests: return "Demonstrations";
        case EventType::strategic_developments: return "Strategic developments";
    }
    return {};
}

int acled_time_precision(TimePrecision p) {
    switch (p) {
        case TimePrecision::week: return 2;
        case TimePrecision::month:
        case TimePrecision::year: return 3;
        default: return 1;
    }
}

year_month_day first_day(const TimeSpan& t) { return year_month_day{floor<days>(t.start())}; }
year_month_day last_day(const TimeSpan& t) { return year_month_day{floor<days>(t.end() - seconds{1})}; }

int ucdp_date_prec(const TimeSpan& t) {
    switch (t.precision()) {
        case TimePrecision::week: return 3;
        case TimePrecision::month: return 4;
        case TimePrecision::year: return 5;
        default: break;
    }
    const auto n = (sys_days{last_day(t)} - sys_days{first_day(t)}).count() + 1;
    return n <= 1 ? 1 : n <= 6 ? 2 : 5;
}

constexpr std::array<double, 5> kWherePrecRadius{1'000, 25'000, 100'000, 500'000, 2'000'000};  // where_prec 1, 2, 3, 4, 6

int ucdp_where_prec(const Incident& in) {
    const double r = in.uncertainty_m ? in.uncertainty_m->value() : 0;
    for (int i = 0; i < 4; ++i)
        if (r <= kWherePrecRadius[i]) return i + 1;
    return 6;
}

std::string degrees(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// One CSV row as texts, in the layout's column order; empty for unknown.
std::vector<std::string> acled_cells(const ExchangeRow& row, const std::string& timestamp) {
    const Incident& in = row.incident;
    const bool dated = in.time.is_known();
    const auto d = dated ? first_day(in.time) : year_month_day{};
    auto number = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
    return {in.id,
            dated ? format_iso_date(d) : "",
            dated ? std::to_string(static_cast<int>(d.year())) : "",
            dated ? std::to_string(acled_time_precision(in.time.precision())) : "",
            disorder_type(in.event_type),
            in.event_type ? std::string(to_string(*in.event_type)) : "",
            in.sub_event_type,
            in.actors.empty() ? "" : in.actors.front(),
            join_rest(in.actors),
            "",
            in.country.empty() ? "" : CountryNames::get().name_of(in.country),
            in.admin1,
            "",
            in.place_name,
            in.location ? degrees(in.location->lat_deg()) : "",
            in.location ? degrees(in.location->lon_deg()) : "",
            number(in.geo_precision),
            in.source,
            "",
            in.quote,
            number(in.fatalities),
            timestamp};
}

std::vector<std::string> ucdp_cells(const ExchangeRow& row) {
    const Incident& in = row.incident;
    const bool dated = in.time.is_known();
    auto number = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
    std::string violence;
    if (in.event_type == EventType::violence_against_civilians) violence = "3";
    else if (in.event_type == EventType::battles || in.event_type == EventType::explosions_remote_violence) violence = "1";
    return {in.id,
            dated ? format_iso_date(first_day(in.time)) : "",
            dated ? format_iso_date(last_day(in.time)) : "",
            dated ? std::to_string(ucdp_date_prec(in.time)) : "",
            in.location ? std::to_string(ucdp_where_prec(in)) : "",
            violence,
            in.location ? degrees(in.location->lat_deg()) : "",
            in.location ? degrees(in.location->lon_deg()) : "",
            in.country.empty() ? "" : CountryNames::get().name_of(in.country),
            number(in.fatalities),
            number(row.low ? row.low : in.fatalities),
            number(row.high ? row.high : in.fatalities),
            in.source};
}

// ------------------------------------------------------------------------------------------------------ reading

std::string trimmed(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    return s.substr(b);
}

// "2022-01-06", "2022-01-06 00:00:00.000", "2022-01-06T10:00", "06 January 2022", "6 Jan 2022".
std::optional<year_month_day> parse_table_date(const std::string& s) {
    if (s.size() >= 10) {
        if (auto d = parse_iso_date(std::string_view(s).substr(0, 10)); d && (s.size() == 10 || s[10] == ' ' || s[10] == 'T'))
            return d;
    }
    static constexpr std::array<const char*, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    unsigned dd = 0;
    int yy = 0;
    char word[16] = {};
    if (std::sscanf(s.c_str(), "%u %15s %d", &dd, word, &yy) != 3 && std::sscanf(s.c_str(), "%u-%15[A-Za-z]-%d", &dd, word, &yy) != 3)
        return std::nullopt;
    if (yy >= 0 && yy < 100) yy += 2000;  // "06-Jan-22"
    std::string w(word);
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (unsigned m = 0; m < 12; ++m)
        if (w.size() >= 3 && w.compare(0, 3, kMonths[m]) == 0) {
            const year_month_day d{year{yy}, month{m + 1}, day{dd}};
            if (d.ok()) return d;
        }
    return std::nullopt;
}

class RowReader {
public:
    RowReader(const std::string& source, OGRFeature& f, std::size_t row) : source_(source), f_(f), row_(row) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(source_, what, "row " + std::to_string(row_));
    }
    std::string text(const char* column) const {
        const int i = f_.GetFieldIndex(column);
        if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return {};
        std::string s = trimmed(f_.GetFieldAsString(i));
        if (!valid_utf8(s)) fail(std::string(column) + " is not valid UTF-8 text");
        return s;
    }
    std::optional<int> integer(const char* column, int low, int high) const {
        const std::string s = text(column);
        if (s.empty()) return std::nullopt;
        double v = 0;  // "3" and "3.0" (a spreadsheet's number) alike
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size() || v != std::floor(v) || v < low || v > high)
            fail(std::string(column) + " '" + s + "' is not a whole number from " + std::to_string(low) + " to " + std::to_string(high));
        return static_cast<int>(v);
    }
    std::optional<double> real(const char* column, double low, double high) const {
        const std::string s = text(column);
        if (s.empty()) return std::nullopt;
        double v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || end != s.data() + s.size() || !(v >= low && v <= high))
            fail(std::string(column) + " '" + s + "' is not a number from " + degrees(low) + " to " + degrees(high));
        return v;
    }
    std::optional<year_month_day> date(const char* column) const {
        const std::string s = text(column);
        if (s.empty()) return std::nullopt;
        const auto d = parse_table_date(s);
        if (!d) fail(std::string(column) + " '" + s + "' is not a date (YYYY-MM-DD or 06 January 2022)");
        return d;
    }
    std::optional<LatLon> location() const {
        const auto lat = real("latitude", -90, 90);
        const auto lon = real("longitude", -180, 180);
        if (lat.has_value() != lon.has_value()) fail(lat ? "latitude is given but longitude is empty" : "longitude is given but latitude is empty");
        if (!lat) return std::nullopt;
        return LatLon::degrees(*lat, *lon);
    }

private:
    const std::string& source_;
    OGRFeature& f_;
    std::size_t row_;
};

bool violent_type(const std::optional<EventType>& t) {
    return t && *t != EventType::protests && *t != EventType::strategic_developments;
}

ExchangeRow read_acled(const RowReader& r) {
    ExchangeRow row;
    Incident& in = row.incident;
    in.id = r.text("event_id_cnty");
    const auto d = r.date("event_date");
    if (!d) r.fail("event_date is empty");
    switch (r.integer("time_precision", 1, 3).value_or(1)) {
        case 1: in.time = TimeSpan::day(*d); break;
        case 2: in.time = TimeSpan::week(*d); break;
        default: in.time = TimeSpan::month(d->year() / d->month()); break;
    }
    if (const std::string t = r.text("event_type"); !t.empty()) {
        in.event_type = parse_event_type(t);
        if (!in.event_type) r.fail("event_type '" + t + "' is not an ACLED event type");
    }
    in.sub_event_type = r.text("sub_event_type");
    if (std::string a = r.text("actor1"); !a.empty()) in.actors.push_back(std::move(a));
    const std::string rest = r.text("actor2");
    for (std::size_t b = 0; b < rest.size();) {
        std::size_t e = rest.find(';', b);
        if (e == std::string::npos) e = rest.size();
        if (std::string a = trimmed(rest.substr(b, e - b)); !a.empty()) in.actors.push_back(std::move(a));
        b = e + 1;
    }
    in.violent = violent_type(in.event_type);
    if (const std::string c = r.text("country"); !c.empty()) in.country = CountryNames::get().code_of(c);
    in.admin1 = r.text("admin1");
    in.place_name = r.text("location");
    in.location = r.location();
    in.geo_precision = r.integer("geo_precision", 1, 3);
    if (!in.location) in.geo_precision.reset();
    in.source = r.text("source");
    in.quote = r.text("notes");
    in.fatalities = r.integer("fatalities", 0, 10'000'000);
    in.severity = implied_severity(in);
    return row;
}

ExchangeRow read_ucdp(const RowReader& r) {
    ExchangeRow row;
    Incident& in = row.incident;
    in.id = r.text("id");
    const auto first = r.date("date_start");
    const auto last = r.date("date_end");
    if (!first) r.fail("date_start is empty");
    const year_month_day end = last.value_or(*first);
    if (sys_days{end} < sys_days{*first}) r.fail("date_end " + format_iso_date(end) + " is before date_start " + format_iso_date(*first));
    TimePrecision p = TimePrecision::day;
    switch (r.integer("date_prec", 1, 5).value_or(1)) {
        case 3: p = TimePrecision::week; break;
        case 4: p = TimePrecision::month; break;
        case 5: p = TimePrecision::year; break;
        default: break;
    }
    in.time = TimeSpan::between(TimeSpan::Seconds{sys_days{*first}}, TimeSpan::Seconds{sys_days{end} + days{1}}, p);
    in.location = r.location();
    if (in.location) {
        const int where = r.integer("where_prec", 1, 7).value_or(1);
        const int slot = where <= 4 ? where - 1 : 4;
        in.uncertainty_m = Meters(kWherePrecRadius[slot]);
        in.geo_precision = where <= 2 ? 1 : where <= 3 ? 2 : 3;
    }
    switch (r.integer("type_of_violence", 1, 3).value_or(0)) {
        case 1:
        case 2: in.event_type = EventType::battles; break;
        case 3: in.event_type = EventType::violence_against_civilians; break;
        default: break;
    }
    in.violent = true;  // every GED event is organised violence
    if (const std::string c = r.text("country"); !c.empty()) in.country = CountryNames::get().code_of(c);
    in.fatalities = r.integer("best", 0, 10'000'000);
    row.low = r.integer("low", 0, 10'000'000);
    row.high = r.integer("high", 0, 10'000'000);
    if (row.low && row.high && *row.low > *row.high) r.fail("low " + std::to_string(*row.low) + " is above high " + std::to_string(*row.high));
    in.source = r.text("source_article");
    in.severity = implied_severity(in);
    return row;
}

}  // namespace

std::optional<ExchangeLayout> exchange_layout_of(const std::vector<std::string>& names) {
    auto has = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
    if (has("event_id_cnty") && has("event_date")) return ExchangeLayout::acled;
    if (has("date_prec") && has("best") && has("date_start")) return ExchangeLayout::ucdp;
    return std::nullopt;
}

struct ExchangeWriter::Impl {
    fs::path path;
    ExchangeLayout layout;
    AtomicOutput output;
    std::optional<gdal::Dataset> ds;  // after `output`: closed before the temporary file is removed
    std::optional<gdal::Layer> layer;
    std::vector<const char*> columns;
    std::string timestamp = std::to_string(std::time(nullptr));

    Impl(const fs::path& p, ExchangeLayout l) : path(p), layout(l), output(p) {}
};

ExchangeWriter::ExchangeWriter(const fs::path& path, ExchangeLayout layout) : impl_(std::make_unique<Impl>(path, layout)) {
    Impl& w = *impl_;
    w.ds.emplace(gdal::Dataset::create_vector("CSV", w.output.temp_path().string()));
    w.layer.emplace(w.ds->create_layer(layout == ExchangeLayout::acled ? "acled" : "ucdp", wkbNone, nullptr,
                                       {"STRING_QUOTING=IF_NEEDED", "LINEFORMAT=LF"}));
    w.columns = layout == ExchangeLayout::acled ? std::vector<const char*>(kAcledColumns.begin(), kAcledColumns.end())
                                                : std::vector<const char*>(kUcdpColumns.begin(), kUcdpColumns.end());
    for (const char* c : w.columns) w.layer->create_field(c, OFTString);
}

ExchangeWriter::~ExchangeWriter() = default;

void ExchangeWriter::add(const ExchangeRow& row) {
    Impl& w = *impl_;
    const auto cells = w.layout == ExchangeLayout::acled ? acled_cells(row, w.timestamp) : ucdp_cells(row);
    OGRFeature f(w.layer->get().GetLayerDefn());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!valid_utf8(cells[i]))
            throw Error(w.path.string() + ": incident '" + row.incident.id + "': " + w.columns[i] + " is not valid UTF-8");
        if (cells[i].empty()) f.SetFieldNull(static_cast<int>(i));
        else f.SetField(static_cast<int>(i), cells[i].c_str());
    }
    w.layer->create_feature(f);
}

void ExchangeWriter::commit() {
    Impl& w = *impl_;
    w.layer.reset();
    w.ds->close();
    w.output.commit();
}

void write_exchange_csv(std::span<const ExchangeRow> rows, ExchangeLayout layout, const fs::path& path) {
    ExchangeWriter writer(path, layout);
    for (const ExchangeRow& row : rows) writer.add(row);
    writer.commit();
}

namespace {

std::optional<ExchangeLayout> layout_of_layer(const gdal::Layer& layer) {
    std::vector<std::string> names;
    const OGRFeatureDefn& defn = *layer.get().GetLayerDefn();
    for (int i = 0; i < defn.GetFieldCount(); ++i) names.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
    return exchange_layout_of(names);
}

}  // namespace

std::optional<ExchangeLayout> exchange_layout_of_file(const fs::path& path) {
    auto ds = gdal::Dataset::open(path.string(), GDAL_OF_VECTOR);
    if (ds.layer_count() == 0) return std::nullopt;
    return layout_of_layer(ds.layer(0));
}

ExchangeRead read_exchange_table(const fs::path& path) {
    const std::string source = path.string();
    auto ds = gdal::Dataset::open(source, GDAL_OF_VECTOR, {"DATE_AS_STRING=YES"});
    if (ds.layer_count() == 0) throw InputError(source, "has no table");
    gdal::Layer layer = ds.layer(0);
    const auto layout = layout_of_layer(layer);
    if (!layout)
        throw InputError(source, "is neither an ACLED table (needs the columns event_id_cnty and event_date) nor a UCDP GED "
                                 "table (needs date_start, date_prec and best)");
    ExchangeRead out;
    out.layout = *layout;
    gdal::ErrorCapture capture;
    layer.reset_reading();
    while (gdal::Feature f = layer.next_feature()) {
        const RowReader r(source, *f, ++out.row_count);
        try {
            ExchangeRow row = *layout == ExchangeLayout::acled ? read_acled(r) : read_ucdp(r);
            if (auto problem = find_problem(row.incident)) r.fail(*problem);
            out.rows.push_back(std::move(row));
        } catch (const InputError& e) {
            out.problems.push_back(e);
        } catch (const std::exception& e) {  // a calendar date TimeSpan refuses, say
            out.problems.emplace_back(source, e.what(), "row " + std::to_string(out.row_count));
        }
    }
    if (capture.failed()) throw InputError(source, "reading stopped after row " + std::to_string(out.row_count) + ": " + capture.message());
    return out;
}

}  // namespace incidentmap::core::io
