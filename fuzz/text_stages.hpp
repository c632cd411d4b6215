#pragma once
// The embedded default index (the fuzz build's own, build-fuzz/gazetteer.imgz), a geoparser and an extractor over
// it, made once per process: what the text targets (fuzz_text, fuzz_batch) run inputs through.

#include "extract/incident_extractor.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparser.hpp"

namespace incidentmap::fuzz {

struct TextStages {
    gazetteer::Gazetteer index = gazetteer::Gazetteer::open(INCIDENTMAP_DEFAULT_INDEX);
    gazetteer::Geoparser parser{index};
    extract::IncidentExtractor extractor{parser};
};

inline const TextStages& text_stages() {
    static const TextStages s;
    return s;
}

}  // namespace incidentmap::fuzz
