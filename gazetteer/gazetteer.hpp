#pragma once
// The gazetteer: the index file (detail/index_format.hpp) memory-mapped and queried in place.
//
// Guarantees:
//  - open() verifies the magic, the version, the size (truncation), the checksums of header and body (corruption)
//    and that every section lies inside the file, and throws core::InputError naming the file and the fault
//    otherwise; then that every string offset, place index and name range of the records lies inside its section,
//    so that a crafted file with correct checksums is refused too. After a successful open no lookup can read
//    outside the mapping or loop. Opening costs a pass over the file (the checksum) and one over the records, a few
//    milliseconds for the default index; nothing is parsed or copied.
//  - lookup() never throws for an unknown or empty name: it returns no candidates. Candidates are ranked by score
//    (highest first), at most one per place.
//  - A Gazetteer is immutable after open and safe to query from several threads at once; Place views stay valid as
//    long as the Gazetteer lives.

#include "core/io/mapped_file.hpp"
#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "gazetteer/place_kind.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {

namespace detail {
struct Header;
struct PlaceRecord;
struct NameRecord;
struct KeyRecord;
struct HashSlot;
}  // namespace detail

class Gazetteer;

struct PlaceName {
    std::string_view text;
    std::string_view lang;  // empty when unknown
    std::uint8_t flags;     // NameFlag
};

// A place in the index, by value (an index and a pointer to its gazetteer).
class Place {
public:
    Place(const Gazetteer& g, std::uint32_t index);

    std::uint32_t index() const { return index_; }
    // "geonames:1526384", "osm:node/681341192", "landmark:kz-almaty-akimat", "country:KZ", "admin1:KZ.02"
    std::string id() const;
    PlaceSource source() const;
    std::int64_t source_id() const;
    std::string_view name() const;
    std::vector<PlaceName> names() const;  // the other names, in index order
    PlaceClass place_class() const;
    std::string_view kind() const;
    core::LatLon location() const;
    std::uint64_t population() const;
    core::Meters radius() const;  // 0 when unknown
    std::string_view country() const;  // ISO alpha-2, or empty
    std::optional<Place> admin1() const;
    std::optional<Place> city() const;
    float prominence() const;

private:
    friend struct Candidate;
    const detail::PlaceRecord& record() const;
    const Gazetteer* g_;
    std::uint32_t index_;
};

enum class MatchKind : std::uint8_t { exact, variant, prefix, fuzzy };
std::string_view to_string(MatchKind m);

struct LookupOptions {
    std::optional<core::LatLon> near;    // rank places close to this point higher
    std::optional<std::string> country;  // ISO alpha-2: only places in this country
    bool prefix = false;                 // also names that start with the query (type-ahead)
    bool fuzzy = false;                  // also names within a small edit distance
    std::size_t limit = 10;
};

struct Candidate {
    Place place;
    MatchKind match;
    double score;
    std::optional<core::Meters> distance;  // from LookupOptions::near

    // The name (as stored) that matched. Resolved on demand: ranking never touches the name strings.
    std::string_view matched_name() const;

private:
    friend class Gazetteer;
    Candidate(Place p, std::uint32_t name, MatchKind m, double s) : place(p), match(m), score(s), name_(name) {}
    std::uint32_t name_;  // string offset
};

class Gazetteer {
public:
    static Gazetteer open(const std::filesystem::path& path);
    // $INCIDENTMAP_GAZETTEER if set, else gazetteer.imgz beside the executable, else in ../share/incidentmap/.
    static std::filesystem::path default_path();

    std::size_t size() const;
    Place place(std::uint32_t index) const { return Place(*this, index); }
    std::vector<Candidate> lookup(std::string_view name, const LookupOptions& options = {}) const;
    // Candidates for an already folded key (NameFolder::fold), for callers that fold many names themselves.
    std::vector<Candidate> lookup_folded(const std::string& folded, const LookupOptions& options = {}) const;

    struct Info {
        std::uint32_t version;
        std::uint64_t file_bytes;
        std::uint64_t built_unix_time;
        std::size_t places, names, exact_keys, skeleton_keys;
        std::string sources;
    };
    Info info() const;
    const std::filesystem::path& path() const { return file_.path(); }

private:
    friend class Place;
    friend struct Candidate;
    explicit Gazetteer(core::io::MappedFile file);
    void validate_records() const;
    std::string_view str(std::uint32_t offset) const { return std::string_view(strings_.data() + offset); }
    // The run of records whose key is `key` (`key_hash` = XXH3-64 of it), empty when there is none.
    std::span<const detail::KeyRecord> run(std::span<const detail::KeyRecord> keys, std::span<const detail::HashSlot> hash,
                                           std::string_view key, std::uint64_t key_hash) const;

    core::io::MappedFile file_;
    const detail::Header* header_ = nullptr;
    std::span<const detail::PlaceRecord> places_;
    std::span<const char> strings_;
    std::span<const detail::NameRecord> names_;
    std::span<const detail::KeyRecord> exact_;
    std::span<const detail::HashSlot> exact_hash_;
    std::span<const detail::KeyRecord> skeleton_;
    std::span<const detail::HashSlot> skeleton_hash_;
};

}  // namespace incidentmap::gazetteer
