#include "core/language.hpp"

#include <array>
#include <cctype>
#include <string>

namespace incidentmap::core {

namespace {

// Frequent function words that the other language rarely has.
constexpr std::array<std::string_view, 18> kFrench{"le", "la", "les", "des", "du", "une", "est", "et", "dans", "pour",
                                                   "que", "qui", "sur", "au", "aux", "ont", "par", "pas"};
constexpr std::array<std::string_view, 18> kEnglish{"the", "and", "of", "to", "in", "is", "was", "were", "for", "that",
                                                    "with", "on", "by", "at", "from", "have", "has", "said"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view w) {
    for (auto x : words)
        if (x == w) return true;
    return false;
}

}  // namespace

std::string_view to_string(Language lang) {
    switch (lang) {
        case Language::fr: return "fr";
        case Language::en: return "en";
        case Language::ru: return "ru";
    }
    return "?";
}

std::optional<Language> parse_language(std::string_view code) {
    if (code == "fr") return Language::fr;
    if (code == "en") return Language::en;
    if (code == "ru") return Language::ru;
    return std::nullopt;
}

std::optional<Language> detect_language(std::string_view text) {
    std::size_t latin = 0, cyrillic = 0, fr = 0, en = 0;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        fr += contains(kFrench, word);
        en += contains(kEnglish, word);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalpha(c)) {
            ++latin;
            word.push_back(static_cast<char>(std::tolower(c)));
            continue;
        }
        // Cyrillic letters are U+0400..U+04FF: lead bytes 0xD0..0xD3 in UTF-8.
        if (c >= 0xD0 && c <= 0xD3 && i + 1 < text.size()) {
            ++cyrillic;
            ++i;
        } else if (c >= 0xC0) {
            ++latin;  // accented Latin letters ("é") and other scripts count as letters, not word breaks
            word.push_back(static_cast<char>(c));
            continue;
        } else if (c >= 0x80) {
            word.push_back(static_cast<char>(c));  // continuation byte of a letter already counted
            continue;
        }
        flush();
    }
    flush();
    if (latin + cyrillic == 0) return std::nullopt;
    if (cyrillic * 3 > latin + cyrillic) return Language::ru;
    return fr > en ? Language::fr : Language::en;
}

}  // namespace incidentmap::core
