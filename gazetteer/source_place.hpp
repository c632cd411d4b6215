#pragma once
// A place as an importer reads it from a source file, before it goes into the index: owned strings, every name.
//
// Importers guarantee: location is valid (LatLon), name is non-empty valid UTF-8, country is an ISO alpha-2 code in
// upper case or empty, names holds no duplicate of name. Everything else may be empty or zero when the source does
// not say.

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "gazetteer/place_kind.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace incidentmap::gazetteer {

// GeoNames alternateNamesV2 flags, and the project's own.
enum NameFlag : std::uint8_t {
    kNamePreferred = 1,
    kNameShort = 2,
    kNameColloquial = 4,
    kNameHistoric = 8,
    kNameOfficial = 16,  // the source's primary or official name
};

struct SourceName {
    std::string text;
    std::string lang;  // ISO 639 code when the source gives one ("fr", "ru", "kk"), else empty
    std::uint8_t flags = 0;
};

struct SourcePlace {
    PlaceSource source = PlaceSource::geonames;
    std::int64_t source_id = 0;  // GeoNames id, encoded OSM id (see encode_osm_id), ISO numeric code, row number
    std::string ref;             // the source's textual id where it has one ("kz-almaty-akimat"), else empty
    std::string name;            // primary name
    std::vector<SourceName> names;
    PlaceClass place_class = PlaceClass::city;
    std::string kind;            // "P.PPLA", "amenity=townhall;building=government", "country"
    core::LatLon location;
    std::uint64_t population = 0;
    std::string country;         // ISO 3166-1 alpha-2
    std::string admin1;          // GeoNames admin1 code within the country ("02"), or empty
    std::string admin2;          // GeoNames admin2 code within the admin1 ("169"), or empty; read while building only
    core::Meters radius;         // extent when known (area-equivalent radius), else 0
    std::int64_t city_geonameid = 0;  // the GeoNames city it lies in (landmarks), or 0
};

// OSM ids of different element types share one int64: id * 4 + type, so node 681341192 and way 681341192 differ.
enum class OsmType : std::uint8_t { node = 0, way = 1, relation = 2 };
constexpr std::int64_t encode_osm_id(OsmType type, std::int64_t id) { return id * 4 + static_cast<std::int64_t>(type); }
constexpr OsmType osm_type_of(std::int64_t encoded) { return static_cast<OsmType>(encoded & 3); }
constexpr std::int64_t osm_id_of(std::int64_t encoded) { return encoded >> 2; }

}  // namespace incidentmap::gazetteer
