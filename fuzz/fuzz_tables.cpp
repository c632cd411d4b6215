// The gazetteer's own tables as a user extends them (gazetteer build --landmarks FILE.csv, or edited assets/):
// first byte "l" the rest as a landmark CSV, "d" as admin1.tsv, "n" as admin1_names.tsv, "c" as one CSV record.
// Checked: the readers return or throw core::Error; every landmark keeps source_place.hpp's promises.

#include "core/error.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/source_place_check.hpp"
#include "gazetteer/importers/tables.hpp"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [variant, bytes] = fuzz::choose(data, size, "ldnc");
    gazetteer::ImportReport report;
    try {
        switch (variant) {
        case 0:
            for (const auto& p : gazetteer::read_landmarks(fuzz::write_input_file(bytes, "landmarks.csv"), report))
                fuzz::check_source_place(p);
            break;
        case 1:
            for (const auto& d : gazetteer::read_divisions(fuzz::write_input_file(bytes, "admin1.tsv"), report))
                if (d.country.size() != 2 || d.code.empty()) std::abort();
            break;
        case 2:
            (void)gazetteer::read_division_names(fuzz::write_input_file(bytes, "admin1_names.tsv"), report);
            break;
        default:
            (void)gazetteer::detail::parse_csv_line(bytes);
        }
    } catch (const core::Error&) {
    }
    return 0;
}
