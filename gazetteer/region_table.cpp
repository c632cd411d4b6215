#include "gazetteer/region_table.hpp"

#include "core/error.hpp"
#include "gazetteer/name_folding.hpp"

#include <fstream>

namespace incidentmap::gazetteer {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (true) {
        const std::size_t next = s.find(sep, at);
        out.push_back(s.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) break;
        at = next + 1;
    }
    return out;
}

}  // namespace

RegionTable RegionTable::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw core::InputError(file.string(), "cannot open the region table");
    RegionTable t;
    const NameFolder folder;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_no == 1 || line.empty() || line[0] == '#') continue;
        const auto f = split(line, '\t');
        auto fail = [&](const std::string& why) {
            throw core::InputError(file.string() + ":" + std::to_string(line_no), "region row: " + why);
        };
        if (f.size() < 7) fail("expected 7 tab-separated columns, found " + std::to_string(f.size()));
        double lat = 0, lon = 0, radius_km = 0;
        try {
            lat = std::stod(f[3]);
            lon = std::stod(f[4]);
            radius_km = std::stod(f[5]);
        } catch (const std::exception&) {
            fail("lat, lon and radius_km must be numbers");
        }
        const auto at = core::LatLon::try_degrees(lat, lon);
        if (!at) fail("not a valid latitude and longitude");
        const auto names = split(f[1], '|');
        if (names.empty() || names[0].empty()) fail("no name");
        const std::size_t index = t.regions_.size();
        t.regions_.push_back({"region:" + f[0], names[0], f[2], *at, core::Meters::kilometers(radius_km)});
        for (const auto& n : names) {
            const std::string key = folder.fold(n);
            if (key.empty()) continue;
            bool seen = false;
            for (auto [it, end] = t.by_key_.equal_range(key); it != end; ++it) seen |= it->second == index;
            if (!seen) t.by_key_.emplace(key, index);
        }
    }
    return t;
}

std::vector<const Region*> RegionTable::lookup(const std::string& folded) const {
    std::vector<const Region*> out;
    for (auto [it, end] = by_key_.equal_range(folded); it != end; ++it) out.push_back(&regions_[it->second]);
    return out;
}

}  // namespace incidentmap::gazetteer
