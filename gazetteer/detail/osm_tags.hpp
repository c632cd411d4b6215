#pragma once
// The tags of one OSM element, and the parser for the hstore-style `other_tags` text that GDAL's OSM driver writes
// for the tags its configuration does not turn into fields: "key"=>"value","k2"=>"v2".
//
// Guarantees of parse_other_tags:
//  - Accepts what GDAL writes (quoted keys and values, '\"' and '\\' escapes, ',' between pairs) and the rest of
//    hstore's syntax: spaces around "=>" and ',', and unquoted NULL values, which are skipped.
//  - Adds each pair to `tags` unless the key is already there (first value wins: fields come before other_tags).
//  - Returns false on malformed text; `tags` then holds the pairs read before the fault. Empty text is valid.
// It does not check that keys or values are valid UTF-8. Implemented in importers/osm.cpp.

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace incidentmap::gazetteer::detail {

// Ordered, so that "the first name:xx" and the kind text are deterministic; string_view lookups without copies.
using OsmTags = std::map<std::string, std::string, std::less<>>;

bool parse_other_tags(std::string_view text, OsmTags& tags);

}  // namespace incidentmap::gazetteer::detail
