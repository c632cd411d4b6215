#pragma once
// The OpenStreetMap importer: named places, streets, landmarks and natural features from .osm.pbf / .osm extracts,
// read with GDAL's OSM driver (all five layers, interleaved at dataset level, as the driver recommends).
//
// Guarantees:
//  - Every SourcePlace given to the sink keeps source_place.hpp's promises, has source PlaceSource::osm and source_id
//    encode_osm_id(type, id) of its element; a merged street or river takes the smallest encoded id of its ways.
//  - Streaming: memory holds GDAL's node index and the named street and river segments waiting to be merged, not the
//    other features. Those are given to the sink as they are read; merged streets and rivers come after all of them.
//  - Ways of one street come out as one place: same name, same family of highway values (major roads, minor
//    streets, paths; links count as their road), chained by gaps of at most `merge_distance`. Its kind is the
//    highway value of most of its length. The same name elsewhere stays a separate place. Rivers merge alike.
//  - Named features that cannot be used (broken geometry, coordinates out of range, unparsable other_tags, invalid
//    UTF-8 name) are skipped and recorded in the report as "node/123", "way/456" or "relation/789". Unnamed or
//    unclassified features are skipped silently. Failures GDAL reports while parsing (it drops the element itself)
//    are recorded with location "reader".
//  - Throws core::DatasetOpenError naming the path if GDAL cannot open the file, and core::InputError if it opens
//    with another driver than OSM or GDAL fails before producing any feature (a corrupt file). Exceptions from the sink propagate; places given before stay given.
// Not thread-safe: one call at a time per thread (GDAL's error handler is per thread; the dataset is private).

#include "core/meters.hpp"
#include "gazetteer/import_report.hpp"
#include "gazetteer/source_place.hpp"

#include <filesystem>
#include <functional>

namespace incidentmap::gazetteer {

struct OsmImportOptions {
    bool streets = true;                                 // named highway ways as streets; squares come regardless
    core::Meters merge_distance = core::Meters(1000.0);  // segments closer than this belong to one street or river
};

// Calls `sink` once per usable named feature (see above). Records what it skipped in `report`, and every place it
// gives in report.imported().
void import_osm(const std::filesystem::path& path, const std::function<void(SourcePlace&&)>& sink, ImportReport& report,
                const OsmImportOptions& options = {});

}  // namespace incidentmap::gazetteer
