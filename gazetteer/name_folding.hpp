#pragma once
// Folds a place name to the form that names are compared in: Latin script, ASCII, lower case, words separated by
// single spaces. "Алма-Ата", "ALMA ATA" and "Almá-Atá" all fold to "alma ata".
//
// Guarantees: the result depends only on the input text (ICU's "Any-Latin; Latin-ASCII" transliteration, then
// lower-casing of ASCII, then every run of characters that are not ASCII letters or digits becomes one space,
// trimmed at both ends). Apostrophes inside words are dropped ("Côte d'Ivoire" -> "cote divoire"). Invalid UTF-8
// sequences are treated as separators. The empty string folds to the empty string.
// A NameFolder is not thread-safe: use one per thread (building the ICU transliterator costs about a millisecond).

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
    NameFolder();  // throws core::Error if ICU lacks the transliterator data
    ~NameFolder();
    NameFolder(NameFolder&&) noexcept;
    NameFolder& operator=(NameFolder&&) noexcept;

    std::string fold(std::string_view utf8) const;

private:
    std::unique_ptr<icu::Transliterator> to_ascii_;
};

// "ICU 72.1"
std::string icu_version();

}  // namespace incidentmap::gazetteer
