#pragma once
// What a gazetteer entry is, coarsely (for ranking and for the precision of an answer), and where it came from.
//
// PlaceClass is ordered from the largest kind of place to the smallest; to_geo_level() maps each class to the
// GeoPrecision level an answer resolved to it has. The fine kind (GeoNames "P.PPLA", OSM "amenity=townhall") is kept
// as text beside it.

#include "core/geo_precision.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace incidentmap::gazetteer {

enum class PlaceClass : std::uint8_t {
    country,
    admin_region,  // first- and lower-level divisions: regions, oblasts, states, districts with an administration
    city,          // populated places: cities, towns, villages
    district,      // parts of a city: neighbourhoods, sections of populated places
    street,        // streets and roads
    square,        // squares and plazas
    landmark,      // buildings, sites, facilities: townhall, police, tower, airport, station
    natural,       // hills, peaks, rivers, lakes, seas
};

enum class PlaceSource : std::uint8_t { geonames, country_table, admin1_table, landmark_table, osm, admin2_table };

std::string_view to_string(PlaceClass c);
std::optional<PlaceClass> parse_place_class(std::string_view name);
std::string_view to_string(PlaceSource s);
core::GeoLevel to_geo_level(PlaceClass c);

// GeoNames feature class and code ("P", "PPLA") to a PlaceClass.
PlaceClass classify_geonames(std::string_view feature_class, std::string_view feature_code);

}  // namespace incidentmap::gazetteer
