#pragma once
// Decides which mentions (mention.hpp) are places and which place each names, in the context of the whole text.
//
// How: mentions of one name are resolved together (coherence). Each candidate place is scored: its prominence
// in the gazetteer (population, kind), the share of the text's other places in its country, its distance to
// them, whether it contains or lies in another mentioned place. A name is kept as a place when that score and
// the evidence around its mentions (the word introducing it, capitalisation, position in the sentence, being a
// common word of the language, sitting inside a person's or organisation's name) clear a threshold: a logistic model
// whose weights are fitted on annotated corpora, as are those that combine what speaks for each candidate
// (resolver_model.hpp).
// Descriptive references resolve to a landmark of their kind in the city in context (the place named with them,
// else the last city mentioned before them, else the city the text mentions most), or, when the gazetteer has
// no such landmark there, to the city itself with the city's precision.
//
// Guarantees: answers come in text order, do not overlap, and carry a confidence in [0, 1] and a short `why`.
// Demonyms are reported only when ResolveOptions::demonyms is set. A Resolver borrows the gazetteer, which must
// outlive it; resolve() is const and may run on several threads at once.
//
// Cost: the resolver reads one window of the text at a time (Geoparser::kWindowBytes); its work on a window is bounded
// by the window's names and their candidates (at most 12 each, 50 inside a named region), so the whole text costs
// time and memory linear in its length.

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "gazetteer/resolver_model.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparse_lexicon.hpp"
#include "gazetteer/mention.hpp"
#include "gazetteer/text_tokens.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incidentmap::gazetteer {

// One name's evidence as the resolver's models saw it, for fitting them (scripts/fit-resolver.py).
struct NameSample {
    struct Candidate {
        core::LatLon location;
        ChoiceVector features{};
    };
    std::string name;                                         // as first written
    // Code points of the mentions reported if accepted, into the window the text was read in (the whole text below
    // Geoparser::kWindowBytes).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    EvidenceVector features{};
    bool accepted = false;
    std::vector<Candidate> candidates;  // every candidate place, with what spoke for it in the last round
    std::size_t chosen = 0;             // the candidate the resolver chose
};

struct ResolveOptions {
    bool demonyms = false;  // also report demonyms and adjectives ("Turkish") as their country
    std::vector<NameSample>* samples = nullptr;  // when set, every name's evidence is appended to it
};

struct ResolvedMention {
    std::uint32_t begin = 0, end = 0;        // bytes
    std::uint32_t cp_begin = 0, cp_end = 0;  // code points
    std::string text;
    MentionKind mention_kind = MentionKind::name;
    std::string id;           // "geonames:1526384", "landmark:kz-almaty-akimat", "region:africa", "country:KZ"
    std::string name;
    std::string place_class;  // country, admin_region, city, district, street, square, landmark, continent, ...
    std::string country;      // ISO alpha-2, or empty
    core::LatLon location;
    core::Meters precision;   // radius within which the place lies
    double confidence = 0;
    std::string why;
    std::string landmark_kind;  // for a descriptive reference: the kind of landmark it names ("amenity=police;...")
    bool at_city = false;       // the gazetteer lacks it (a street, a building): placed at its city
};

class Resolver {
public:
    // The embedded weights (assets/geoparse/acceptance.tsv and choice.tsv), or the given ones.
    explicit Resolver(const Gazetteer& gazetteer);
    Resolver(const Gazetteer& gazetteer, ResolverModel model);

    std::vector<ResolvedMention> resolve(std::string_view text, const std::vector<Token>& tokens,
                                         const std::vector<Mention>& mentions, const Lexicon& lexicon,
                                         const ResolveOptions& options = {}) const;

    // Landmarks the gazetteer places in a city (by the city's index), for descriptive references.
    const std::vector<std::uint32_t>& landmarks_in(std::uint32_t city) const;
    // Where a city's centre is: its town hall when the gazetteer has one (town halls keep to the historic centre far
    // more often than a gazetteer's point for the city does), else the city's point.
    core::LatLon city_centre(const Hypothesis& city) const;

private:
    const Gazetteer& g_;
    ResolverModel model_;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> landmarks_by_city_;
    std::unordered_map<std::string, std::uint32_t> countries_;  // ISO alpha-2 -> the country table's place
};

}  // namespace incidentmap::gazetteer
