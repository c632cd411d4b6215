#include "gazetteer/importers/geonames.hpp"

#include "core/error.hpp"
#include "core/io/line_reader.hpp"
#include "gazetteer/detail/parse_number.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <unordered_set>
#include <vector>

namespace incidentmap::gazetteer {

using detail::parse_number;

namespace detail {

bool is_country_code(std::string_view code) {
    return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

bool looks_like_code(std::string_view name) {
    if (name.find("://") != std::string_view::npos || name.starts_with("www.")) return true;
    bool all_caps = !name.empty() && name.size() <= 4;
    for (char c : name) {
        if (c >= '0' && c <= '9') return true;
        if (!(c >= 'A' && c <= 'Z')) all_caps = false;
    }
    return all_caps;
}

}  // namespace detail

namespace {

// Splits on '\t' into at most N fields; returns the number of fields found (which may exceed N: counted, not kept).
template <std::size_t N>
std::size_t split_tabs(std::string_view line, std::array<std::string_view, N>& out) {
    std::size_t n = 0, start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        const std::string_view field = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        if (n < N) out[n] = field;
        ++n;
        if (tab == std::string_view::npos) return n;
        start = tab + 1;
    }
}

class ProgressTicker {
public:
    ProgressTicker(const Progress& p, const core::io::LineReader& r) : progress_(p), reader_(r) {}
    void tick() {
        if (!progress_ || (++count_ & 0xFFF)) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(250)) return;
        last_ = now;
        if (reader_.file_size() > 0) progress_(static_cast<double>(reader_.bytes_read()) / reader_.file_size());
    }
    ~ProgressTicker() {
        if (progress_) progress_(1.0);
    }

private:
    const Progress& progress_;
    const core::io::LineReader& reader_;
    std::size_t count_ = 0;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace

void import_geonames(const std::filesystem::path& path, const std::function<void(SourcePlace&&)>& sink,
                     ImportReport& report, const Progress& progress) {
    core::io::LineReader reader(path);
    const std::string file = path.filename().string();
    ProgressTicker ticker(progress, reader);
    std::array<std::string_view, 19> f;
    std::size_t lines = 0, kept = 0;
    std::vector<bool> seen_ids;  // a bitmap by geonameid: GeoNames' ids stay below 2^25, 4 MB
    while (auto line = reader.next()) {
        ticker.tick();
        if (line->empty() || line->front() == '#') continue;
        ++lines;
        // The location text is built only for lines that are skipped: millions of lines pass through here.
        auto skip = [&](std::string why) { report.skipped(file, "line " + std::to_string(reader.line_number()), std::move(why)); };
        if (const std::size_t n = split_tabs(*line, f); n != 19) {
            skip("expected 19 tab-separated columns, found " + std::to_string(n));
            continue;
        }
        if (!detail::valid_utf8(*line)) {
            skip("invalid UTF-8");
            continue;
        }
        SourcePlace p;
        double lat = 0, lon = 0;
        if (!parse_number(f[0], p.source_id) || p.source_id <= 0 || p.source_id >= (std::int64_t{1} << 31)) {
            skip("geonameid '" + std::string(f[0]) + "' is not a positive integer below 2^31");
            continue;
        }
        const auto id = static_cast<std::size_t>(p.source_id);
        if (id >= seen_ids.size()) seen_ids.resize(std::max(id + 1, seen_ids.size() * 2));
        if (seen_ids[id]) {
            skip("geonameid " + std::string(f[0]) + " repeated: the first line with it is kept");
            continue;
        }
        seen_ids[id] = true;
        if (!parse_number(f[4], lat) || !parse_number(f[5], lon)) {
            skip("latitude '" + std::string(f[4]) + "' or longitude '" + std::string(f[5]) + "' is not a number");
            continue;
        }
        const auto location = core::LatLon::try_degrees(lat, lon);
        if (!location) {
            skip("coordinates " + std::string(f[4]) + ", " + std::string(f[5]) + " out of range");
            continue;
        }
        if (f[1].empty()) {
            skip("empty name");
            continue;
        }
        p.source = PlaceSource::geonames;
        p.location = *location;
        p.name.assign(f[1]);
        p.place_class = classify_geonames(f[6], f[7]);
        p.kind.assign(f[6]);
        p.kind += '.';
        p.kind.append(f[7]);
        if (!f[8].empty() && !detail::is_country_code(f[8])) {
            skip("country code '" + std::string(f[8]) + "' is not two capital letters (ISO 3166-1 alpha-2)");
            continue;
        }
        p.country.assign(f[8]);
        p.admin1.assign(f[10]);
        p.admin2.assign(f[11]);
        // The most populous places hold tens of millions; a count beyond ten billion or below zero is no count.
        if (!f[14].empty() && (!parse_number(f[14], p.population) || p.population > 10'000'000'000ull)) {
            skip("population '" + std::string(f[14]) + "' is not a count of people (0 to 10^10)");
            continue;
        }
        std::unordered_set<std::string_view> seen{f[1]};
        auto add = [&](std::string_view n, std::uint8_t flags) {
            if (n.empty() || detail::looks_like_code(n) || !seen.insert(n).second) return;
            p.names.push_back({std::string(n), {}, flags});
        };
        add(f[2], 0);  // asciiname
        for (std::size_t start = 0; start <= f[3].size();) {
            const std::size_t comma = f[3].find(',', start);
            add(f[3].substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start), 0);
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        report.imported();
        ++kept;
        sink(std::move(p));
    }
    // An empty file, or one none of whose lines is a record, is no GeoNames export (random bytes, the wrong file):
    // an error, not an index without its places.
    if (lines == 0) throw core::InputError(path.string(), "is empty: no GeoNames record");
    if (kept == 0)
        throw core::InputError(path.string(), "none of its " + std::to_string(lines) +
                                                  " lines is a GeoNames record (19 tab-separated columns, a geonameid, coordinates): "
                                                  "not a GeoNames export");
}

void import_alternate_names(const std::filesystem::path& path,
                            const std::function<void(std::int64_t, SourceName&&)>& sink, ImportReport& report,
                            const Progress& progress) {
    static const std::unordered_set<std::string_view> kCodeSystems{"link", "post", "iata", "icao", "faac", "abbr",
                                                                   "wkdt", "unlc", "tcid", "fr_1793", "phon", "piny"};
    core::io::LineReader reader(path);
    const std::string file = path.filename().string();
    ProgressTicker ticker(progress, reader);
    std::array<std::string_view, 10> f;
    while (auto line = reader.next()) {
        ticker.tick();
        if (line->empty()) continue;
        auto skip = [&](std::string why) { report.skipped(file, "line " + std::to_string(reader.line_number()), std::move(why)); };
        const std::size_t n = split_tabs(*line, f);
        if (n != 10 && n != 8) {
            skip("expected 8 or 10 tab-separated columns, found " + std::to_string(n));
            continue;
        }
        if (!detail::valid_utf8(*line)) {
            skip("invalid UTF-8");
            continue;
        }
        std::int64_t id = 0;
        if (!parse_number(f[1], id) || id <= 0) {
            skip("geonameid '" + std::string(f[1]) + "' is not a positive integer");
            continue;
        }
        if (kCodeSystems.contains(f[2]) || f[3].empty()) continue;
        SourceName name{std::string(f[3]), std::string(f[2]), 0};
        if (f[4] == "1") name.flags |= kNamePreferred;
        if (f[5] == "1") name.flags |= kNameShort;
        if (f[6] == "1") name.flags |= kNameColloquial;
        if (f[7] == "1") name.flags |= kNameHistoric;
        report.imported();
        sink(id, std::move(name));
    }
}

}  // namespace incidentmap::gazetteer
