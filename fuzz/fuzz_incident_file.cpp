// An incident file as a colleague, a feed or another tool hands it over, read by core::io::read_incidents through
// GDAL. First byte: the format by extension, "j" GeoJSON, "c" CSV, "l" GeoJSON sequence, "k" KML, "p" GeoPackage,
// "f" FlatGeobuf; the rest: the file.
// Checked: reading returns or throws core::Error (InputError naming the feature); what it returns can be written as
// GeoJSON and read back to as many incidents, so that nothing the reader accepts is refused further on.

#include "core/error.hpp"
#include "core/io/incident_io.hpp"
#include "fuzz/fuzz_input.hpp"

#include <cpl_conv.h>

using namespace incidentmap;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    CPLSetConfigOption("CPL_LOG", "/dev/null");  // GDAL's own warnings are not findings; ours are exceptions
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
    CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr const char* kNames[] = {"input.geojson", "input.csv", "input.geojsonl", "input.kml", "input.gpkg", "input.fgb"};
    const auto [variant, bytes] = fuzz::choose(data, size, "jclkpf");
    const auto path = fuzz::write_input_file(bytes, kNames[variant]);
    core::IncidentSet incidents;
    try {
        incidents = core::io::read_incidents(path);
    } catch (const core::Error&) {
        return 0;  // refused, with a message: what a bad file should get
    }
    const auto copy = fuzz::write_input_file("", "copy.geojson");
    core::io::write_incidents(incidents, copy);  // throws (and so reports) if an accepted set cannot be written
    if (core::io::read_incidents(copy).size() != incidents.size()) std::abort();
    return 0;
}
