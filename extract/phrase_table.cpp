#include "extract/phrase_table.hpp"

namespace incidentmap::extract {

namespace {

// The bytes of the first code point of a UTF-8 word.
std::string initial(std::string_view word) {
    if (word.empty()) return {};
    const auto c = static_cast<unsigned char>(word[0]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    return std::string(word.substr(0, std::min(n, word.size())));
}

}  // namespace

bool PhraseTable::add(std::string_view phrase, std::size_t entry) {
    // A '*' ends a word: tokenize the phrase without it, then mark the words that carried one.
    std::string plain;
    std::vector<std::size_t> star_ends;  // byte offsets in `plain` where a '*' stood
    for (const char c : phrase) {
        if (c == '*') star_ends.push_back(plain.size());
        else plain += c;
    }
    const auto tokens = gazetteer::tokenize(plain);
    if (tokens.empty()) return false;
    Phrase p{{}, entry};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0 && tokens[i].gap > gazetteer::Gap::hyphen) return false;
        bool prefix = false;
        for (const std::size_t at : star_ends) prefix = prefix || at == tokens[i].end;
        p.words.push_back({tokens[i].lower, prefix});
    }
    const std::size_t index = phrases_.size();
    if (p.words.front().prefix) by_initial_[initial(p.words.front().text)].push_back(index);
    else by_word_[p.words.front().text].push_back(index);
    phrases_.push_back(std::move(p));
    return true;
}

bool PhraseTable::word_matches(const Word& word, std::string_view lower) {
    return word.prefix ? lower.starts_with(word.text) : lower == word.text;
}

std::optional<PhraseTable::Match> PhraseTable::match_at(std::span<const gazetteer::Token> tokens, std::size_t at) const {
    if (at >= tokens.size()) return std::nullopt;
    std::optional<Match> best;
    std::size_t best_letters = 0;
    // Of phrases of one length, the most specific: an exact word over a prefix, a longer prefix over a shorter one
    // ("vigilante*" over "vigil*" for "vigilantes").
    auto letters = [](const Phrase& p) {
        std::size_t n = 0;
        for (const Word& w : p.words) n += w.text.size() * 2 + (w.prefix ? 0 : 1);
        return n;
    };
    auto consider = [&](const std::vector<std::size_t>& candidates) {
        for (const std::size_t index : candidates) {
            const Phrase& p = phrases_[index];
            if (at + p.words.size() > tokens.size() || (best && p.words.size() < best->length)) continue;
            const std::size_t specific = letters(p);
            if (best && p.words.size() == best->length && specific <= best_letters) continue;
            bool all = true;
            for (std::size_t k = 0; k < p.words.size() && all; ++k) {
                if (k > 0 && tokens[at + k].gap > gazetteer::Gap::hyphen) all = false;
                else all = word_matches(p.words[k], tokens[at + k].lower);
            }
            if (all) best = Match{p.entry, p.words.size()}, best_letters = specific;
        }
    };
    const std::string_view first = tokens[at].lower;
    if (const auto it = by_word_.find(std::string(first)); it != by_word_.end()) consider(it->second);
    if (const auto it = by_initial_.find(initial(first)); it != by_initial_.end()) consider(it->second);
    return best;
}

}  // namespace incidentmap::extract
