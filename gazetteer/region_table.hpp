#pragma once
// Places the embedded gazetteer does not hold because they are neither populated places nor administrative
// divisions: continents, world regions, oceans and seas (assets/geoparse/regions.tsv).
//
// File format: UTF-8, tab-separated, a header line, then one region per line:
//   id  names (|-separated, any language; the first is the main name)  class  lat  lon  radius_km  source
// where class is "continent", "region" or "sea". lookup() takes a key folded by NameFolder::fold, like the
// gazetteer's own lookup, and returns every region with that name. A RegionTable is immutable after load()
// and safe to share between threads.

#include "core/lat_lon.hpp"
#include "core/meters.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incidentmap::gazetteer {

struct Region {
    std::string id;  // "region:africa"
    std::string name;
    std::string region_class;  // continent | region | sea
    core::LatLon location;
    core::Meters radius;
};

class RegionTable {
public:
    RegionTable() = default;
    // Throws core::InputError naming the file and line on a malformed row.
    static RegionTable load(const std::filesystem::path& file);

    std::vector<const Region*> lookup(const std::string& folded) const;
    std::size_t size() const { return regions_.size(); }

private:
    std::vector<Region> regions_;
    std::unordered_multimap<std::string, std::size_t> by_key_;
};

}  // namespace incidentmap::gazetteer
