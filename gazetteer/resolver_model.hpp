#pragma once
// The resolver's two linear models, whose weights are data fitted on annotated corpora by scripts/fit-resolver.py
// (a new language or corpus means refitting them, not new rules):
//   - acceptance (assets/geoparse/acceptance.tsv): whether a name the text mentions is a place at all, the sign of
//     a logistic model's log-odds over the evidence of its mentions and of its best candidate in context;
//   - choice (assets/geoparse/choice.tsv): which of a name's candidate places it is, the candidate of highest score,
//     a conditional logit over what the gazetteer and the text's other places say of each candidate.
//
// File format: UTF-8, '#' starts a comment line, one `FEATURE <tab> WEIGHT` line for every feature of the model,
// each once. A missing, repeated or unknown feature, or a weight that is not a finite number, is a core::InputError
// naming the file and line.

#include <array>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {

// The evidence that a name is a place, each a number (most are 0 or 1), computed by the resolver for one name.
enum class Evidence : std::size_t {
    bias,         // always 1
    words2,       // the name has two words or more ("Kok Tobe", "New York")
    cue,          // the weight of the strongest word introducing a mention of it ("in", "à", "в"), in [0, 1]
    common,       // every mention is a common word of the language, written in lower case elsewhere, or an ordinary
                  // word of the dictionary that only ever opens a sentence
    start,        // every mention opens a sentence
    proper,       // every mention sits inside a person's or organisation's name
    caps,         // one word, every mention in capitals
    alias,        // matched through the lexicon's abbreviations ("Ky.", "NSW")
    public_body,  // it opens a public body's name ("Enfield Council")
    repeated,     // mentioned twice or more
    inflected,    // matched through a base form (Russian)
    variant1,     // one word that met its places only as spelling variants
    variant2,     // two words or more that met their places only as spelling variants
    ordinary,     // every mention is a word the dictionary knows only as an ordinary word ("Liberal", "Кроме")
    person,       // part of a person's name elsewhere in the text, or a first name alone, and its answer is a town
    kind,         // what its best candidate's kind says: a country, a region, a city by its population and seat
    context,      // the share of the text's places in its best candidate's country, at most 1.5
    support,      // what the other places named give its best candidate (its choice score less its prominence)
    qualified,    // a region or country after it says where it is ("Paris, Missouri", "London, Ontario")
    division,     // a region noun beside it or in it makes it a region ("штат Аризона", "Ленинградская область")
    count_
};
constexpr std::size_t kEvidenceCount = static_cast<std::size_t>(Evidence::count_);
using EvidenceVector = std::array<double, kEvidenceCount>;
std::string_view to_string(Evidence e);

// What speaks for one candidate place of a name.
enum class Choice : std::size_t {
    prior,          // the gazetteer's ranking score: prominence less match penalties
    variant,        // 1 when the name met it only as a spelling variant
    country_share,  // the share of the text's other places in its country (smoothed; less for a dwarfed namesake)
    named_country,  // its country is named in the text (less for a dwarfed namesake)
    near,           // the places named around it: the regions it lies in or holds, and distance to the others
    division,       // a region noun beside the name ("Washington state") and the candidate is a region
    listed,         // listed with regions of its country ("Virginia, Washington, West Virginia")
    foreign,        // a foreign country the text says nothing else of, beside a region of the text's country
    count_
};
constexpr std::size_t kChoiceCount = static_cast<std::size_t>(Choice::count_);
using ChoiceVector = std::array<double, kChoiceCount>;
std::string_view to_string(Choice c);

// A weighted sum over named features, read from a weights file.
class LinearModel {
public:
    // `features` names each feature in order; every one must have a weight in the text.
    static LinearModel parse(std::string_view text, const std::string& source_name, std::vector<std::string_view> features);
    static LinearModel load(const std::filesystem::path& file, std::vector<std::string_view> features);

    double weight(std::size_t feature) const { return w_.at(feature); }
    double score(std::span<const double> f) const;

private:
    std::vector<double> w_;
};

struct ResolverModel {
    LinearModel acceptance;  // over Evidence
    LinearModel choice;      // over Choice

    // The embedded weights (assets/geoparse/acceptance.tsv and choice.tsv).
    static ResolverModel embedded();
    static std::vector<std::string_view> evidence_names();
    static std::vector<std::string_view> choice_names();

    double accept(const EvidenceVector& f) const { return acceptance.score(f); }
    double choose(const ChoiceVector& f) const { return choice.score(f); }
    // What the text's other places give a candidate: its score less its prominence, its spelling and a named
    // country (which picks among a name's places but says nothing of whether it is one).
    double support(const ChoiceVector& f) const;
    double weight(Evidence e) const { return acceptance.weight(static_cast<std::size_t>(e)); }
    double weight(Choice c) const { return choice.weight(static_cast<std::size_t>(c)); }
};

}  // namespace incidentmap::gazetteer
