// The evaluation corpora that `incidentmap eval` scores against (eval/evaluation.hpp): first byte "x" the rest as
// an XML corpus (TR-News, GeoVirus, LGL), "g" as a gold JSON file and, after a NUL byte, the article it names,
// written beside it as article.txt. Checked: read_corpus returns or throws core::Error; each document it returns can
// be scored against an empty answer.

#include "core/error.hpp"
#include "eval/evaluation.hpp"
#include "fuzz/fuzz_input.hpp"

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr const char* kNames[] = {"corpus.xml", "article.gold.json"};
    const auto [variant, bytes] = fuzz::choose(data, size, "xg");
    std::string_view corpus_bytes = bytes;
    if (variant == 1) {
        const std::size_t nul = bytes.find('\0');
        corpus_bytes = bytes.substr(0, nul);
        fuzz::write_input_file(nul == std::string_view::npos ? std::string_view() : bytes.substr(nul + 1), "article.txt");
    }
    const auto path = fuzz::write_input_file(corpus_bytes, kNames[variant]);
    try {
        const eval::Corpus corpus = eval::read_corpus(path);
        eval::PlaceScores places;
        eval::IncidentScores incidents;
        for (const auto& doc : corpus.documents) {
            eval::score_places(doc, {}, places);
            eval::score_incidents(doc, {}, incidents);
        }
    } catch (const core::Error&) {
    }
    return 0;
}
