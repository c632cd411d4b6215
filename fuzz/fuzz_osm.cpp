// An OpenStreetMap extract in .osm XML (gazetteer build --osm FILE), read by gazetteer::import_osm through GDAL's
// OSM driver. The bytes are the file. Checked: the import returns or throws core::Error; every place it gives keeps
// source_place.hpp's promises.

#include "core/error.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/source_place_check.hpp"
#include "gazetteer/importers/osm.hpp"

#include <cpl_conv.h>

using namespace incidentmap;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    CPLSetConfigOption("CPL_LOG", "/dev/null");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = fuzz::write_input_file(fuzz::as_text(data, size), "extract.osm");
    gazetteer::ImportReport report;
    try {
        gazetteer::import_osm(path, [](gazetteer::SourcePlace&& p) { fuzz::check_source_place(p); }, report);
    } catch (const core::Error&) {
    }
    return 0;
}
