// A gazetteer index file (gazetteer build's output, passed around or downloaded as a .imgz), opened by
// gazetteer::Gazetteer::open and queried. The index carries checksums that refuse damaged bytes; to reach the checks
// behind them, as a crafted file would, this target writes correct checksums into whatever header the bytes hold
// before opening. Checked: open returns or throws core::Error; an opened index answers lookups and hands over every
// place and name without reading outside the file (AddressSanitizer watches the mapping's bounds) or looping.

#include "core/error.hpp"
#include "fuzz/fuzz_input.hpp"
#include "gazetteer/detail/index_format.hpp"
#include "gazetteer/gazetteer.hpp"

#include <xxhash.h>

#include <cstring>

using namespace incidentmap;
using gazetteer::detail::Header;

volatile std::size_t read_bytes;  // what the target read, kept so that the reads are not optimised away

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string file(fuzz::as_text(data, size));
    if (file.size() >= sizeof(Header)) {
        Header h;
        std::memcpy(&h, file.data(), sizeof h);
        h.body_checksum = XXH3_64bits(file.data() + sizeof h, file.size() - sizeof h);
        h.header_checksum = 0;
        h.header_checksum = XXH3_64bits(&h, sizeof h);
        std::memcpy(file.data(), &h, sizeof h);
    }
    const auto path = fuzz::write_input_file(file, "index.imgz");
    try {
        const auto g = gazetteer::Gazetteer::open(path);
        (void)g.info();
        std::size_t bytes = 0;
        for (std::uint32_t i = 0; i < g.size(); ++i) {
            const gazetteer::Place p = g.place(i);
            bytes += p.id().size() + p.name().size() + p.kind().size() + p.country().size();
            for (const auto& n : p.names()) bytes += n.text.size() + n.lang.size();
            (void)p.location();
            if (const auto a = p.admin1()) bytes += a->name().size();
            if (const auto c = p.city()) bytes += c->name().size();
        }
        for (const char* name : {"Almaty", "Paris", "Алматы", "a", ""}) {
            gazetteer::LookupOptions options;
            options.prefix = true;
            options.fuzzy = true;
            for (const auto& c : g.lookup(name, options)) bytes += c.matched_name().size() + c.place.name().size();
        }
        read_bytes = bytes;
    } catch (const core::Error&) {
    }
    return 0;
}
