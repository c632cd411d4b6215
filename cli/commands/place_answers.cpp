// The answer lines of `geoparse --batch` (see batch_answers.hpp).

#include "cli/commands/batch_answers.hpp"

#include "gazetteer/geoparser.hpp"

#include <cmath>

namespace incidentmap::cli {

double round6(double x) { return std::round(x * 1e6) / 1e6; }

nlohmann::json mention_json(const gazetteer::ResolvedMention& m) {
    nlohmann::json j{{"span", {m.cp_begin, m.cp_end}},
                     {"text", m.text},
                     {"lat", round6(m.location.lat_deg())},
                     {"lon", round6(m.location.lon_deg())},
                     {"name", m.name},
                     {"kind", m.place_class},
                     {"country", m.country}};
    if (m.id.starts_with("geonames:")) j["geonameid"] = std::stoll(m.id.substr(9));
    else if (m.id.starts_with("osm:")) j["osm_id"] = m.id.substr(4);
    else j["place_id"] = m.id;
    j["precision_m"] = std::round(m.precision.value());
    j["confidence"] = m.confidence;
    j["mention"] = gazetteer::to_string(m.mention_kind);
    j["why"] = m.why;
    return j;
}

void answer_places(const gazetteer::Geoparser& parser, const PlaceAnswerOptions& options, const TextRequest& request) {
    gazetteer::ResolveOptions resolve;
    const auto demonyms = request.json->find("demonyms");
    resolve.demonyms = options.demonyms || (demonyms != request.json->end() && demonyms->is_boolean() && demonyms->get<bool>());
    std::vector<gazetteer::NameSample> collected;
    if (options.acceptance_samples) resolve.samples = &collected;
    // Each mention is serialised as it is read: a long text's answer is built as text, not as a JSON tree.
    std::string& raw = request.raw_members;
    raw = "\"mentions\":[";
    bool first = true;
    parser.parse(request.text, request.lang, resolve, [&](const gazetteer::ResolvedMention& m) {
        if (!first) raw += ',';
        raw += dump_json(mention_json(m));
        first = false;
    });
    raw += ']';
    if (options.acceptance_samples) {
        nlohmann::json samples = nlohmann::json::array();
        for (const auto& s : collected) {
            nlohmann::json f = nlohmann::json::object();
            for (std::size_t k = 0; k < gazetteer::kEvidenceCount; ++k)
                f[std::string(gazetteer::to_string(static_cast<gazetteer::Evidence>(k)))] = s.features[k];
            nlohmann::json candidates = nlohmann::json::array();
            for (const auto& c : s.candidates) {
                nlohmann::json cf = nlohmann::json::object();
                for (std::size_t k = 0; k < gazetteer::kChoiceCount; ++k)
                    cf[std::string(gazetteer::to_string(static_cast<gazetteer::Choice>(k)))] = c.features[k];
                candidates.push_back({{"lat", round6(c.location.lat_deg())}, {"lon", round6(c.location.lon_deg())}, {"features", cf}});
            }
            samples.push_back({{"name", s.name}, {"spans", s.spans}, {"features", f}, {"accepted", s.accepted},
                               {"candidates", candidates}, {"chosen", s.chosen}});
        }
        raw += ",\"acceptance_samples\":" + dump_json(samples);
    }
}

}  // namespace incidentmap::cli
