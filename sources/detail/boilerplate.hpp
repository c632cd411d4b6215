#pragma once
// The text boilerplate filter every reader of sources/ applies (its rule: sources/readers.hpp), and the small text
// tools it rests on.
//
// The cues are data: assets/sources/boilerplate.tsv, one "LANGUAGE<TAB>CUE" a line, '#' comments. A cue is one or
// more words; it matches a run of consecutive words of a paragraph, compared after folding (lower case for Latin,
// Greek and Cyrillic letters, ё as е); a cue ending in '*' lets its last word be a prefix ("advertis*" matches
// "advertising"). Words are the runs of letters and digits, so that hyphens and apostrophes of either kind separate
// them: "Partagez-le" is "partagez" "le", "l’article" and "l'article" are both "l" "article".
// Cost: linear in the text times the cues of two languages (about a hundred).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::sources::detail {

// The cue list, parsed. Throws core::InputError "FILE:LINE: ..." for a line that is not "fr|en|ru<TAB>cue".
class BoilerplateCues {
public:
    static BoilerplateCues parse(std::string_view tsv, const std::string& name);
    // assets/sources/boilerplate.tsv through core::find_asset, loaded on the first call (thread-safe).
    static const BoilerplateCues& embedded();

    // True when `paragraph` holds a cue of `language` ("fr", "en", "ru") or of English; of every language when
    // `language` is empty.
    bool has_cue(std::string_view paragraph, std::string_view language) const;

private:
    struct Cue {
        std::string language;
        std::vector<std::string> words;  // folded
        bool last_is_prefix = false;
    };
    std::vector<Cue> cues_;
};

// The words of `text` (runs of letters and digits), folded as the cues are.
std::vector<std::string> folded_words(std::string_view utf8);
// How many words `text` has; whether it has a letter at all.
std::size_t word_count(std::string_view utf8);
bool has_letter(std::string_view utf8);

// The paragraphs of `paragraphs` that stay: the half-open index range [first, last) left when the leading and
// trailing runs of boilerplate are dropped (first == last when everything goes). `language` as has_cue takes it; the
// caller passes the declared or detected language.
struct KeptRange {
    std::size_t first = 0, last = 0;
};
KeptRange trim_boilerplate(const std::vector<std::string_view>& paragraphs, std::string_view language,
                           const BoilerplateCues& cues = BoilerplateCues::embedded());

}  // namespace incidentmap::sources::detail
