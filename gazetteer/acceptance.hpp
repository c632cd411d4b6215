#pragma once
// Whether a name the text mentions is a place at all: a logistic model over the evidence of its mentions and of its
// best candidate in context. The weights are data (assets/geoparse/acceptance.tsv), fitted on annotated corpora by
// scripts/fit-acceptance.py; a new language or corpus means refitting them, not new rules.
//
// File format: UTF-8, '#' starts a comment line, one `FEATURE <tab> WEIGHT` line for every feature below, each once.
// A missing, repeated or unknown feature, or a weight that is not a finite number, is a core::InputError naming the
// file and line.

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace incidentmap::gazetteer {

// The evidence, each a number (most are 0 or 1) computed by the resolver for one name.
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
    support,      // what the other places named give its best candidate (regions it lies in, distance, lists)
    count_
};
constexpr std::size_t kEvidenceCount = static_cast<std::size_t>(Evidence::count_);
using EvidenceVector = std::array<double, kEvidenceCount>;

std::string_view to_string(Evidence e);

class AcceptanceModel {
public:
    // The embedded weights (assets/geoparse/acceptance.tsv).
    static AcceptanceModel embedded();
    static AcceptanceModel load(const std::filesystem::path& file);
    static AcceptanceModel parse(std::string_view text, const std::string& source_name);

    double weight(Evidence e) const { return w_[static_cast<std::size_t>(e)]; }
    // The log-odds that the name is a place: accepted when positive.
    double score(const EvidenceVector& f) const;

private:
    EvidenceVector w_{};
};

}  // namespace incidentmap::gazetteer
