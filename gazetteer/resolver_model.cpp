#include "gazetteer/resolver_model.hpp"

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
        case Evidence::qualified: return "qualified";
        case Evidence::division: return "division";
        case Evidence::count_: break;
    }
    return "?";
}

std::string_view to_string(Choice c) {
    switch (c) {
        case Choice::prior: return "prior";
        case Choice::variant: return "variant";
        case Choice::country_share: return "country_share";
        case Choice::named_country: return "named_country";
        case Choice::near: return "near";
        case Choice::division: return "division";
        case Choice::listed: return "listed";
        case Choice::foreign: return "foreign";
        case Choice::count_: break;
    }
    return "?";
}

LinearModel LinearModel::load(const std::filesystem::path& file, std::vector<std::string_view> features) {
    return parse(core::read_data_file(file, "resolver weights"), file.string(), std::move(features));
}

LinearModel LinearModel::parse(std::string_view text, const std::string& source, std::vector<std::string_view> features) {
    LinearModel m;
    m.w_.assign(features.size(), 0.0);
    std::vector<bool> seen(features.size(), false);
    core::for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
        auto fail = [&](const std::string& why) {
            throw core::InputError(source + ":" + std::to_string(line_no), "weight '" + std::string(line) + "': " + why);
        };
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) fail("expected FEATURE <tab> WEIGHT");
        const std::string_view name = line.substr(0, tab);
        std::size_t k = 0;
        while (k < features.size() && features[k] != name) ++k;
        if (k == features.size()) fail("unknown feature '" + std::string(name) + "'");
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
    for (std::size_t k = 0; k < features.size(); ++k)
        if (!seen[k]) throw core::InputError(source, "no weight for the feature '" + std::string(features[k]) + "'");
    return m;
}

double LinearModel::score(std::span<const double> f) const {
    double s = 0;
    for (std::size_t k = 0; k < w_.size() && k < f.size(); ++k) s += w_[k] * f[k];
    return s;
}

std::vector<std::string_view> ResolverModel::evidence_names() {
    std::vector<std::string_view> out;
    for (std::size_t k = 0; k < kEvidenceCount; ++k) out.push_back(to_string(static_cast<Evidence>(k)));
    return out;
}

std::vector<std::string_view> ResolverModel::choice_names() {
    std::vector<std::string_view> out;
    for (std::size_t k = 0; k < kChoiceCount; ++k) out.push_back(to_string(static_cast<Choice>(k)));
    return out;
}

double ResolverModel::support(const ChoiceVector& f) const {
    double s = 0;
    for (const Choice c : {Choice::country_share, Choice::near, Choice::division, Choice::listed, Choice::foreign})
        s += weight(c) * f[static_cast<std::size_t>(c)];
    return s;
}

ResolverModel ResolverModel::embedded() {
    return {LinearModel::load(core::find_asset("geoparse/acceptance.tsv"), evidence_names()),
            LinearModel::load(core::find_asset("geoparse/choice.tsv"), choice_names())};
}

}  // namespace incidentmap::gazetteer
