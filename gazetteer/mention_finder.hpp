#pragma once
// Finds the stretches of a text that may name places (see mention.hpp), over the gazetteer's names.
//
// How: the text is tokenised (text_tokens.hpp); at each word the longest of these wins: a descriptive phrase
// of the lexicon, optionally followed by "de/of <place>" or "de la ville"; a gazetteer or region name of up to
// five words that starts and ends with a capitalised word (lower-case connectors such as "de", "of" inside;
// Russian words also through their lemmas, from the language's Hunspell dictionary, see morphology.hpp); an abbreviation of the lexicon; a demonym; a capitalised name
// joined to a feature noun ("avenue Kléber", "Freedom Square"). Function words never start a name.
//
// Guarantees: mentions come in text order and do not overlap, except that a name inside a descriptive mention
// is also reported, marked `nested`. find() never throws on any input (invalid UTF-8 acts as separators).
// A MentionFinder borrows the gazetteer, the region table and the lexicon, which must outlive it. It caches
// lookups across calls (bounded: cleared past 200,000 names) and owns a NameFolder, so it serves one thread at a time.
//
// Cost: linear in the words of the text: at each word at most five names are tried, each one hash lookup (cached;
// the cache is cleared past 200,000 names, so a long batch holds no more). Memory: the tokens and the mentions.

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/geoparse_lexicon.hpp"
#include "gazetteer/mention.hpp"
#include "gazetteer/morphology.hpp"
#include "gazetteer/name_folding.hpp"
#include "gazetteer/region_table.hpp"
#include "gazetteer/text_tokens.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incidentmap::gazetteer {

class MentionFinder {
public:
    MentionFinder(const Gazetteer& gazetteer, const RegionTable& regions, const Lexicon& lexicon);

    std::vector<Mention> find(std::string_view text, const std::vector<Token>& tokens) const;

    // The candidates for one name as written (folded, and through base forms when the lexicon has endings).
    std::vector<Hypothesis> candidates(std::string_view name) const;

private:
    struct Lookup {
        std::vector<Hypothesis> hyps;
        std::string key;
        bool inflected = false;
        bool ordinary = false;  // one word the language's dictionary knows only as an ordinary word ("Кроме")
    };
    const Lookup& lookup_cached(const std::string& surface, bool cyrillic) const;
    std::vector<Hypothesis> lookup_key(const std::string& folded, std::size_t limit = 12, const std::string& country = {}) const;
    // "Paris, Missouri", "HOLLIDAY, Mo.": a name followed by a comma and a region or country that holds one of its
    // places means that place, here and wherever the text repeats the name.
    void link_lists(std::string_view text, const std::vector<Token>& tokens, std::vector<Mention>& mentions) const;
    void apply_qualifiers(const std::vector<Token>& tokens, std::vector<Mention>& mentions) const;

    const Gazetteer& g_;
    const RegionTable& regions_;
    const Lexicon& lex_;
    NameFolder folder_;
    std::optional<Morphology> morphology_;  // when the lexicon names a dictionary
    mutable std::unordered_map<std::string, Lookup> cache_;
};

}  // namespace incidentmap::gazetteer
