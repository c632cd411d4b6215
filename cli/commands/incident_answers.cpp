// The answer lines of `extract --batch` (see batch_answers.hpp).

#include "cli/commands/batch_answers.hpp"

#include "core/io/incident_io.hpp"
#include "extract/incident_extractor.hpp"

#include <sstream>

namespace incidentmap::cli {

void answer_incidents(const extract::IncidentExtractor& extractor, const TextRequest& request, nlohmann::json& answer) {
    extract::ExtractOptions options;
    options.published = request.published;
    // find(), not operator[]: on a const object a missing key is undefined behaviour, not null.
    if (const auto id = request.json->find("id"); id != request.json->end()) {
        if (id->is_string()) options.source = id->get<std::string>();
        else if (id->is_number_integer()) options.source = std::to_string(id->get<long long>());
    }
    const auto incidents = extractor.extract(request.text, *core::parse_language(request.lang), options);
    std::ostringstream geojson;
    core::io::write_geojson(geojson, std::span<const core::Incident>(incidents), core::io::GeoJsonLayout::single_line);
    nlohmann::json collection = nlohmann::json::parse(geojson.str());
    answer["type"] = std::move(collection["type"]);
    answer["features"] = std::move(collection["features"]);
}

}  // namespace incidentmap::cli
