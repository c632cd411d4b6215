#pragma once
// The gazetteer index file, version 2. Written by IndexBuilder, read in place (memory-mapped) by Gazetteer.
//
// Layout: a fixed 256-byte Header, then the sections it lists, each 8-byte aligned. All integers little-endian.
// The header carries the file size (truncation check), an XXH3-64 checksum of itself and one of everything after it
// (corruption check): the reader verifies both before touching any section, so a damaged file is refused, never
// read. Strings live in one pool of NUL-terminated UTF-8, addressed by byte offset (offset 0 is "").
//
// Sections:
//   places        PlaceRecord[place_count], ordered by source then source id
//   strings       char[]: the pool
//   names         NameRecord[name_count]: each place's names, contiguous per place
//   exact_keys    KeyRecord[]: one per (folded name, place) pair, sorted by key bytes, then by prominence (descending)
//   exact_hash    HashSlot[exact_buckets]: open addressing (linear probing) on XXH3(key), at most half full; a slot
//                 holds the index of a key run's first record + 1 (0: empty) and the hash's upper 32 bits, so that a
//                 probe compares strings only when the tags agree
//   skeleton_keys KeyRecord[] and skeleton_hash HashSlot[]: the same over skeleton(fold(name))

#include <cstdint>

namespace incidentmap::gazetteer::detail {

inline constexpr char kIndexMagic[8] = {'I', 'M', 'G', 'A', 'Z', 'I', 'D', 'X'};
inline constexpr std::uint32_t kIndexVersion = 2;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

enum Section : std::uint32_t {
    kPlaces,
    kStrings,
    kNames,
    kExactKeys,
    kExactHash,
    kSkeletonKeys,
    kSkeletonHash,
    kSectionCount
};

struct SectionRef {
    std::uint64_t offset;
    std::uint64_t size;  // bytes
};

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t header_size;
    std::uint64_t file_size;
    std::uint64_t header_checksum;  // XXH3-64 of the header with this field set to 0
    std::uint64_t body_checksum;    // XXH3-64 of bytes [header_size, file_size)
    std::uint64_t built_unix_time;
    std::uint32_t place_count;
    std::uint32_t name_count;
    std::uint32_t exact_key_count;
    std::uint32_t skeleton_key_count;
    SectionRef sections[kSectionCount];
    char sources[80];  // NUL-terminated summary of what went in, e.g. "geonames:cities500.txt.zst landmarks osm:1"
};
static_assert(sizeof(Header) == 256);

struct PlaceRecord {
    std::int64_t source_id;
    std::int32_t lat_e7;
    std::int32_t lon_e7;
    std::uint32_t population;   // saturated at 4,294,967,295
    std::uint32_t radius_m;     // 0 when unknown
    std::uint32_t name;         // string offset: primary name
    std::uint32_t kind;         // string offset: "P.PPLA", "townhall;amenity=townhall"
    std::uint32_t ref;          // string offset: textual source id, or 0
    std::uint32_t names_begin;  // index into names
    std::uint32_t admin1;       // place index of the first-level division it lies in, or kNone
    std::uint32_t city;         // place index of the city a landmark lies in, or kNone
    float prominence;           // default rank: higher first
    std::uint16_t names_count;
    char country[2];            // ISO alpha-2, or "\0\0"
    std::uint8_t source;        // PlaceSource
    std::uint8_t place_class;   // PlaceClass
    std::uint8_t reserved[6];
};
static_assert(sizeof(PlaceRecord) == 64);

struct NameRecord {
    std::uint32_t text;  // string offset
    char lang[3];        // ISO 639 code, NUL-padded ("fr\0", "kk\0"); "\0\0\0" when unknown
    std::uint8_t flags;  // NameFlag
};
static_assert(sizeof(NameRecord) == 8);

struct KeyRecord {
    std::uint32_t key;    // string offset of the folded (or skeleton) key
    std::uint32_t place;  // place index
    std::uint32_t name;   // string offset of the original name this key came from
    float prominence;     // the place's, repeated here so that ranking a run never touches the place records
};
static_assert(sizeof(KeyRecord) == 16);

struct HashSlot {
    std::uint32_t first;  // index of the run's first KeyRecord + 1; 0 marks an empty slot
    std::uint32_t tag;    // XXH3-64(key) >> 32
};
static_assert(sizeof(HashSlot) == 8);

}  // namespace incidentmap::gazetteer::detail
