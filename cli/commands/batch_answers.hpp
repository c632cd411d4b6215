#pragma once
// What `geoparse --batch` and `extract --batch` answer to one request (run_text_batch's handlers), apart from the
// commands so that the batch fuzzer (fuzz/fuzz_batch.cpp) drives the same code over its requests.
//  - answer_places writes the request's mentions as the raw member "mentions" (and "acceptance_samples" when asked),
//    each mention serialised as it is resolved. place_answers.cpp; needs only the text libraries.
//  - answer_incidents adds "type" and "features", the request's incidents as a GeoJSON FeatureCollection, each
//    incident's source the request's "id". incident_answers.cpp; needs core's GDAL part (incident_io).
// Both throw what the stages throw; run_text_batch turns it into the request's error line.

#include "cli/commands/text_requests.hpp"

#include <nlohmann/json.hpp>

namespace incidentmap::gazetteer {
class Geoparser;
struct ResolvedMention;
}  // namespace incidentmap::gazetteer
namespace incidentmap::extract {
class IncidentExtractor;
}

namespace incidentmap::cli {

struct PlaceAnswerOptions {
    bool demonyms = false;            // --demonyms; a request's "demonyms": true asks for them too
    bool acceptance_samples = false;  // --acceptance-samples (scripts/fit-resolver.py)
};

void answer_places(const gazetteer::Geoparser& parser, const PlaceAnswerOptions& options, const TextRequest& request);
void answer_incidents(const extract::IncidentExtractor& extractor, const TextRequest& request, nlohmann::json& answer);

// One mention as the batch and `geoparse --format json` write it; coordinates rounded to 6 decimals (round6).
nlohmann::json mention_json(const gazetteer::ResolvedMention& m);
double round6(double x);

}  // namespace incidentmap::cli
