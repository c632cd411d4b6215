// The resolver's models: their weights files, and the evidence the resolver hands them.

#include "gazetteer/resolver_model.hpp"
#include "gazetteer/geoparser.hpp"

#include "core/error.hpp"

#include "default_index.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace incidentmap;
using namespace incidentmap::gazetteer;

namespace {
std::string weights_text(std::string_view skip = {}, std::string_view extra = {}) {
    std::ostringstream out;
    out << "# a comment\n";
    for (std::size_t k = 0; k < kEvidenceCount; ++k) {
        const auto name = to_string(static_cast<Evidence>(k));
        if (name != skip) out << name << '\t' << (k + 1) * 0.5 << '\n';
    }
    out << extra;
    return out.str();
}
}  // namespace

TEST_CASE("acceptance weights: every feature once, finite, or an error naming the line", "[gazetteer][acceptance]") {
    const auto names = ResolverModel::evidence_names();
    const auto m = LinearModel::parse(weights_text(), "w.tsv", names);
    CHECK(m.weight(static_cast<std::size_t>(Evidence::bias)) == Approx(0.5));
    CHECK(m.weight(static_cast<std::size_t>(Evidence::support)) == Approx(0.5 * (static_cast<std::size_t>(Evidence::support) + 1)));
    CHECK(m.weight(kEvidenceCount - 1) == Approx(0.5 * kEvidenceCount));
    EvidenceVector f{};
    f[static_cast<std::size_t>(Evidence::bias)] = 1;
    f[static_cast<std::size_t>(Evidence::cue)] = 0.8;
    CHECK(m.score(f) == Approx(0.5 + 0.8 * m.weight(static_cast<std::size_t>(Evidence::cue))));

    CHECK_THROWS_WITH(LinearModel::parse(weights_text("cue"), "w.tsv", names), Catch::Contains("no weight for the feature 'cue'"));
    CHECK_THROWS_WITH(LinearModel::parse(weights_text({}, "cue\t1\n"), "w.tsv", names), Catch::Contains("w.tsv:" + std::to_string(kEvidenceCount + 2)) && Catch::Contains("second"));
    CHECK_THROWS_WITH(LinearModel::parse(weights_text({}, "hunch\t1\n"), "w.tsv", names), Catch::Contains("unknown feature 'hunch'"));
    CHECK_THROWS_WITH(LinearModel::parse(weights_text("cue", "cue\tnan\n"), "w.tsv", names), Catch::Contains("finite"));
    CHECK_THROWS_WITH(LinearModel::parse(weights_text("cue", "cue\t1x\n"), "w.tsv", names), Catch::Contains("finite"));
    CHECK_THROWS_AS(LinearModel::parse(weights_text("cue", "cue 1\n"), "w.tsv", names), core::InputError);
}

TEST_CASE("acceptance: the embedded weights load, and the resolver reports the evidence it weighed", "[gazetteer][acceptance]") {
    const auto m = ResolverModel::embedded();
    CHECK(m.weight(Evidence::cue) > 0);     // a word introducing a place says place
    CHECK(m.weight(Evidence::common) < 0);  // a common word says the opposite
    CHECK(m.weight(Choice::prior) > 0);     // a more prominent place is the likelier
    std::vector<NameSample> samples;
    ResolveOptions options;
    options.samples = &samples;
    const auto found = testing::default_parser().parse("Riots broke out in Almaty. Steele said so.", "en", options);
    REQUIRE(samples.size() >= 2);
    const auto almaty = std::find_if(samples.begin(), samples.end(), [](const NameSample& s) { return s.name == "almaty"; });
    REQUIRE(almaty != samples.end());
    CHECK(almaty->accepted);
    CHECK(almaty->features[static_cast<std::size_t>(Evidence::cue)] > 0);
    CHECK(almaty->spans == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{19, 25}});
    CHECK(almaty->features[static_cast<std::size_t>(Evidence::bias)] == 1.0);
    // What is accepted is what is reported.
    REQUIRE(almaty->candidates.size() > almaty->chosen);
    CHECK(core::distance(almaty->candidates[almaty->chosen].location, core::LatLon::degrees(43.25, 76.92)).km() < 20);
    CHECK(std::count_if(samples.begin(), samples.end(), [](const NameSample& s) { return s.accepted; }) ==
          static_cast<std::ptrdiff_t>(found.size()));
}
