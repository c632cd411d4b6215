// A GeoNames export as a user downloads it (or a damaged one): the main table and the alternate names, plain or
// zstd-compressed. First byte: "t" the rest as a main table (cities500.txt), "z" the rest compressed as one zstd
// frame, then cut short when its last byte is odd (a download that stopped), "r" the rest as a .zst file of raw
// bytes, "a" the rest as alternateNamesV2.txt.
// Checked: the importers return or throw core::Error; every place they give keeps source_place.hpp's promises.

#include "core/error.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/source_place_check.hpp"
#include "gazetteer/importers/geonames.hpp"

#include <zstd.h>

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [variant, bytes] = fuzz::choose(data, size, "tzra");
    gazetteer::ImportReport report;
    try {
        if (variant == 3) {
            const auto path = fuzz::write_input_file(bytes, "alternateNamesV2.txt");
            gazetteer::import_alternate_names(path, [](std::int64_t, gazetteer::SourceName&& n) {
                if (n.text.empty() || !gazetteer::detail::valid_utf8(n.text)) std::abort();
            }, report);
            return 0;
        }
        std::string file(bytes);
        if (variant == 1) {
            file.resize(ZSTD_compressBound(bytes.size()));
            const std::size_t n = ZSTD_compress(file.data(), file.size(), bytes.data(), bytes.size(), 1);
            if (ZSTD_isError(n)) std::abort();
            file.resize(n);
            if (!bytes.empty() && (static_cast<unsigned char>(bytes.back()) & 1)) file.resize(n / 2);
        }
        const auto path = fuzz::write_input_file(file, variant == 0 ? "cities.txt" : "cities.txt.zst");
        gazetteer::import_geonames(path, [](gazetteer::SourcePlace&& p) { fuzz::check_source_place(p); }, report);
    } catch (const core::Error&) {
    }
    return 0;
}
