#pragma once
// How place names are compared: two foldings applied alike to the gazetteer's names and to the text's words.
//
// fold(): Latin script, ASCII, lower case, words separated by single spaces. Cyrillic goes through ICU's BGN/PCGN
// transforms (Russian, then Kazakh letters), the spelling GeoNames and English-language news use ("Жезказган" ->
// "zhezkazgan", "Шымкент" -> "shymkent", "Қарағанды" -> "qaraghandy"); other scripts through ICU's Any-Latin; then
// Latin-ASCII strips diacritics. Every run of characters other than ASCII letters and digits becomes one space,
// trimmed at both ends; an apostrophe inside a word is dropped ("Côte d'Ivoire" -> "cote divoire"). Invalid UTF-8
// acts as a separator. fold("") == "".
//
// skeleton(): a coarser key over fold()'s output that makes the transliteration variants of one name meet, at the
// price of some unrelated names meeting too (candidates are scored afterwards, never taken on the key alone).
// It removes spaces, maps zh/dzh/dj -> j, kh -> k, gh -> g, q -> k, ck -> k, sh/sch/shch/ch/tch/ts -> s,
// ph -> f, w -> v, ou -> u, y -> i, drops a "y" or "i" between a word start and a vowel ("ye" -> "e"), and
// collapses doubled letters. So Jezkazgan / Zhezqazghan / Жезказган -> "jezkazgan", Chimkent / Shymkent ->
// "simkent", Almaty / Almatı / Алматы -> "almati", Aqtau / Aktau -> "aktau".
//
// A NameFolder is not thread-safe: use one per thread. Its ICU transliterators are built on the first name that
// needs them (tens of milliseconds for the Cyrillic chain), so folding ASCII names costs no ICU start-up at all.

#include <memory>
#include <string>
#include <string_view>

#include <unicode/uversion.h>  // defines the versioned icu namespace; light

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace incidentmap::gazetteer {

class NameFolder {
public:
    NameFolder();  // fold() throws core::Error if ICU lacks the transliterator data
    ~NameFolder();
    NameFolder(NameFolder&&) noexcept;
    NameFolder& operator=(NameFolder&&) noexcept;

    std::string fold(std::string_view utf8) const;

private:
    mutable std::unique_ptr<icu::Transliterator> any_to_ascii_;    // built on first use
    mutable std::unique_ptr<icu::Transliterator> latin_to_ascii_;  // built on first use
};

// Works on fold()'s output (lower-case ASCII and spaces); other bytes pass through unchanged.
std::string skeleton(std::string_view folded);

// Whether a name starts in a script that fold() can only transliterate (beyond Latin, Greek and Cyrillic: from
// U+0590 on, Hebrew, Arabic, the Indic scripts, Ethiopic, CJK...): a Latin or Cyrillic word meets such a name only
// through its transliteration.
bool in_transliterated_script(std::string_view name);

// "ICU 72.1"
std::string icu_version();

}  // namespace incidentmap::gazetteer
