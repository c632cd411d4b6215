// An article's text, as any web page or feed could hand it over, through the geoparser and the incident extractor.
// First byte: the language, "f", "e" or "r"; the rest: the text, any bytes (the commands make it valid UTF-8 before
// these stages, as here). Both stages promise never to throw on a text (gazetteer/geoparser.hpp,
// extract/incident_extractor.hpp), so any exception is a finding too.

#include "core/language.hpp"
#include "core/utf8.hpp"
#include "fuzz/fuzz_input.hpp"
#include "fuzz/text_stages.hpp"

#include <chrono>

using namespace incidentmap;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::text_stages();  // the index and the lexicons load once, outside the timed runs
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [variant, bytes] = fuzz::choose(data, size, "fer");
    const core::Language lang = variant == 0 ? core::Language::fr : variant == 1 ? core::Language::en : core::Language::ru;
    std::string text(bytes);
    core::make_valid_utf8(text);  // as the text commands do before these stages
    const auto& s = fuzz::text_stages();

    gazetteer::ResolveOptions resolve;
    resolve.demonyms = (size & 1) != 0;
    (void)s.parser.parse(text, core::to_string(lang), resolve);

    extract::ExtractOptions options;
    options.published = std::chrono::year_month_day(std::chrono::year(2022), std::chrono::month(1), std::chrono::day(6));
    options.source = "fuzz";
    (void)s.extractor.extract(text, lang, options);
    return 0;
}
