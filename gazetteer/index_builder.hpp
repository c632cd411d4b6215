#pragma once
// Collects places from the importers in compact form and writes the gazetteer index file (detail/index_format.hpp).
//
// Memory: a place costs about 80 bytes plus its names' text, so a full GeoNames dump (12M places, 15M+ names)
// fits in a few GB. write() folds every name (on all cores), sorts the keys, builds the hash tables and writes the
// file atomically (AtomicOutput): on failure an existing index at that path is left as it was.
// Not thread-safe; add() and add_name() invalidate references returned by place().

#include "core/lat_lon.hpp"
#include "gazetteer/importers/geonames.hpp"  // Progress
#include "gazetteer/source_place.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incidentmap::gazetteer {

class IndexBuilder {
public:
    static constexpr std::uint32_t kNoPlace = 0xFFFFFFFFu;

    // 56 bytes a place: a full GeoNames dump holds 12 million of them.
    struct BuildPlace {
        std::int64_t source_id = 0;
        core::LatLon location;
        std::uint32_t population = 0;  // saturated at 4,294,967,295 (the index stores 32 bits)
        std::uint32_t radius_m = 0;
        std::uint32_t name = 0;  // arena offsets
        std::uint32_t kind = 0;
        std::uint32_t ref = 0;
        std::uint32_t admin1_code = 0;
        std::uint32_t admin1 = kNoPlace;  // place indexes
        std::uint32_t city = kNoPlace;
        float prominence = 0;
        char country[2] = {0, 0};
        PlaceSource source = PlaceSource::geonames;
        PlaceClass place_class = PlaceClass::city;
    };

    IndexBuilder();

    std::uint32_t add(SourcePlace&& place);
    void add_name(std::uint32_t place, const SourceName& name);

    std::size_t size() const { return places_.size(); }
    BuildPlace& place(std::uint32_t index) { return places_[index]; }
    const BuildPlace& place(std::uint32_t index) const { return places_[index]; }
    std::string_view text(std::uint32_t offset) const;
    std::string_view country(std::uint32_t index) const { return {places_[index].country, places_[index].country[0] ? 2u : 0u}; }
    std::optional<std::uint32_t> find_geonames(std::int64_t geonameid) const;

    struct Stats {
        std::size_t places = 0;
        std::size_t names = 0;
        std::size_t exact_keys = 0;
        std::size_t skeleton_keys = 0;
        std::uint64_t file_bytes = 0;
    };
    // `sources` is a short summary stored in the header (truncated to fit). write() consumes the builder: its places
    // and names are moved into the file, and the builder is left empty.
    Stats write(const std::filesystem::path& path, std::string_view sources, const Progress& progress = {});

private:
    std::uint32_t store(std::string_view s);

    std::string arena_;  // NUL-terminated strings; offset 0 is "". Becomes the head of the index's string pool.
    std::vector<BuildPlace> places_;
    struct BuildName {
        std::uint32_t place;
        std::uint32_t text;
        char lang[3];
        std::uint8_t flags;
    };
    static_assert(sizeof(BuildName) == 12);
    std::vector<BuildName> names_;
    // GeoNames places by id: a permutation of place indexes sorted by source id, rebuilt on the first find after
    // an add (finds come after the GeoNames import, so it is sorted once). 4 bytes a place, where a hash map costs 40.
    mutable std::vector<std::uint32_t> geonames_by_id_;
    mutable bool geonames_sorted_ = true;
    std::unordered_map<std::string, std::uint32_t> kinds_;  // kinds repeat: store each once
};

}  // namespace incidentmap::gazetteer
