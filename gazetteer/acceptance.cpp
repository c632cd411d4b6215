#include "gazetteer/acceptance.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"

#include <cmath>

namespace incidentmap::gazetteer {

std::string_view to_string(Evidence e) {
    switch (e) {
        case Evidence::bias: return "bias";
        case Evidence::words2: return "words2";
        case Evidence::cue: return "cue";
        case Evidence::common: return "common";
        case Evidence::start: return "start";
        case Evidence::proper: return "proper";
        case Evidence::caps: return "caps";
        case Evidence::alias: return "alias";
        case Evidence::public_body: return "public_body";
        case Evidence::repeated: return "repeated";
        case Evidence::inflected: return "inflected";
        case Evidence::variant1: return "variant1";
        case Evidence::variant2: return "variant2";
        case Evidence::ordinary: return "ordinary";
        case Evidence::person: return "person";
        case Evidence::kind: return "kind";
        case Evidence::context: return "context";
        case Evidence::support: return "support";
        case Evidence::count_: break;
    }
    return "?";
}

AcceptanceModel AcceptanceModel::embedded() { return load(core::find_asset("geoparse/acceptance.tsv")); }

AcceptanceModel AcceptanceModel::load(const std::filesystem::path& file) {
    return parse(core::read_data_file(file, "acceptance weights"), file.string());
}

AcceptanceModel AcceptanceModel::parse(std::string_view text, const std::string& source) {
    AcceptanceModel m;
    std::array<bool, kEvidenceCount> seen{};
    core::for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
        auto fail = [&](const std::string& why) {
            throw core::InputError(source + ":" + std::to_string(line_no), "acceptance weight '" + std::string(line) + "': " + why);
        };
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) fail("expected FEATURE <tab> WEIGHT");
        const std::string_view name = line.substr(0, tab);
        std::size_t k = 0;
        while (k < kEvidenceCount && to_string(static_cast<Evidence>(k)) != name) ++k;
        if (k == kEvidenceCount) fail("unknown feature '" + std::string(name) + "'");
        if (seen[k]) fail("a second weight for '" + std::string(name) + "'");
        const std::string value(line.substr(tab + 1));
        std::size_t used = 0;
        double w = 0;
        try {
            w = std::stod(value, &used);
        } catch (const std::exception&) {
            fail("the weight is not a number");
        }
        if (used != value.size() || !std::isfinite(w)) fail("the weight is not a finite number");
        m.w_[k] = w;
        seen[k] = true;
    });
    for (std::size_t k = 0; k < kEvidenceCount; ++k)
        if (!seen[k]) throw core::InputError(source, "no weight for the feature '" + std::string(to_string(static_cast<Evidence>(k))) + "'");
    return m;
}

double AcceptanceModel::score(const EvidenceVector& f) const {
    double s = 0;
    for (std::size_t k = 0; k < kEvidenceCount; ++k) s += w_[k] * f[k];
    return s;
}

}  // namespace incidentmap::gazetteer
