#pragma once
// Phrases of a lexicon matched against a tokenized text: the one mechanism by which the extractor's vocabularies
// (events, actors, cue words) find their entries in a sentence.
//
// A phrase is written as the text would be ("prendre d'assaut", "set fire to", "ещё один") and matched as the
// sequence of its tokens' lower-case forms (gazetteer::tokenize), so spaces, apostrophes and hyphens between words
// are alike. A word ending in '*' matches any word it begins ("affrontement*" matches "affrontements";
// "столкновени*" every case of "столкновение").
//
// Guarantees: match_at() returns the longest phrase starting at a token, or nothing; a phrase never matches across
// a sentence boundary or a clause break (comma, colon, bracket, quote). Each phrase carries the index of the entry
// that added it, so that a lexicon keeps its own data beside the table.

#include "gazetteer/text_tokens.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace incidentmap::extract {

class PhraseTable {
public:
    struct Match {
        std::size_t entry = 0;   // as given to add()
        std::size_t length = 0;  // tokens matched
    };

    // Adds a phrase for `entry`; returns false when the phrase has no word or joins words by anything but spaces,
    // apostrophes and hyphens (the caller reports the lexicon line).
    bool add(std::string_view phrase, std::size_t entry);
    // The longest phrase starting at tokens[at], if any; of phrases of one length, the most specific (exact words over
    // prefixes, longer prefixes over shorter ones), then the first added.
    std::optional<Match> match_at(std::span<const gazetteer::Token> tokens, std::size_t at) const;
    bool empty() const { return phrases_.empty(); }

private:
    struct Word {
        std::string text;
        bool prefix = false;
    };
    struct Phrase {
        std::vector<Word> words;
        std::size_t entry = 0;
    };
    static bool word_matches(const Word& word, std::string_view lower);

    std::vector<Phrase> phrases_;
    // Phrases by their first word: exact words by the word, prefixes by their first letter's bytes.
    std::unordered_map<std::string, std::vector<std::size_t>> by_word_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_initial_;
};

}  // namespace incidentmap::extract
