#include "gazetteer/place_kind.hpp"

#include "core/detail/enum_names.hpp"

#include <array>

namespace incidentmap::gazetteer {

namespace {
constexpr std::array<std::string_view, 8> kClassNames{"country", "admin_region", "city",     "district",
                                                      "street",  "square",       "landmark", "natural"};
constexpr std::array<std::string_view, 5> kSourceNames{"geonames", "countries", "admin1", "landmarks", "osm"};
}  // namespace

std::string_view to_string(PlaceClass c) { return core::detail::enum_name(kClassNames, c); }
std::string_view to_string(PlaceSource s) { return core::detail::enum_name(kSourceNames, s); }

std::optional<PlaceClass> parse_place_class(std::string_view name) {
    return core::detail::parse_enum<PlaceClass>(kClassNames, name);
}

core::GeoLevel to_geo_level(PlaceClass c) {
    switch (c) {
        case PlaceClass::country: return core::GeoLevel::country;
        case PlaceClass::admin_region: return core::GeoLevel::admin_region;
        case PlaceClass::city: return core::GeoLevel::city;
        case PlaceClass::district: return core::GeoLevel::district;
        case PlaceClass::street:
        case PlaceClass::square: return core::GeoLevel::street;
        case PlaceClass::landmark:
        case PlaceClass::natural: return core::GeoLevel::landmark;
    }
    return core::GeoLevel::city;
}

PlaceClass classify_geonames(std::string_view fclass, std::string_view code) {
    if (fclass == "A") {
        if (code.starts_with("PCL")) return PlaceClass::country;
        return PlaceClass::admin_region;
    }
    if (fclass == "P") return code == "PPLX" ? PlaceClass::district : PlaceClass::city;
    if (fclass == "R") return PlaceClass::street;
    if (fclass == "S") return code == "SQR" ? PlaceClass::square : PlaceClass::landmark;
    if (fclass == "L") return code == "PRK" ? PlaceClass::landmark : PlaceClass::natural;
    if (fclass == "H" || fclass == "T" || fclass == "U" || fclass == "V") return PlaceClass::natural;
    return PlaceClass::landmark;
}

}  // namespace incidentmap::gazetteer
