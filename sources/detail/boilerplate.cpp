#include "sources/detail/boilerplate.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/language.hpp"

#include <cstdint>

namespace incidentmap::sources::detail {

namespace {

constexpr std::size_t kShortParagraphWords = 60;

// Decodes the code point at s[i] (the text is valid UTF-8: the readers repair it first; a stray byte reads as
// itself) and advances i.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > s.size() - i) n = 1;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | cp >> 6);
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | cp >> 12);
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | cp >> 18);
        out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
        out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Letters of the scripts news is written in, roughly by block: enough to tell words from punctuation and symbols.
bool is_letter(std::uint32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return true;
    if (cp >= 0xC0 && cp <= 0x2AF) return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x370 && cp <= 0x3FF) return cp != 0x37E && cp != 0x387;
    if (cp >= 0x400 && cp <= 0x52F) return cp < 0x482 || cp > 0x489;
    if (cp >= 0x531 && cp <= 0x587) return true;                  // Armenian
    if (cp >= 0x5D0 && cp <= 0x6FF) return true;                  // Hebrew, Arabic
    if (cp >= 0x900 && cp <= 0xDFF) return true;                  // Indic
    if (cp >= 0x10A0 && cp <= 0x10FF) return true;                // Georgian
    if (cp >= 0x1E00 && cp <= 0x1FFF) return true;                // Latin and Greek extended
    if (cp >= 0x3040 && cp <= 0x9FFF) return cp < 0x3000 || cp > 0x303F;  // kana, CJK
    if (cp >= 0xAC00 && cp <= 0xD7AF) return true;                // Hangul
    return false;
}

bool is_word_char(std::uint32_t cp) { return is_letter(cp) || (cp >= '0' && cp <= '9'); }

std::uint32_t fold(std::uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
    if (cp == 0x178) return 0xFF;
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
        // Latin Extended-A pairs upper/lower as even/odd, but for 0x139-0x148 and 0x179-0x17E (odd/even).
        const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        if (odd_upper ? (cp % 2 == 1) : (cp % 2 == 0)) return cp + 1;
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
    if (cp == 0x451) return 0x435;  // ё as е: Russian print mostly leaves the dots out
    return cp;
}

template <typename Each>
void for_each_word(std::string_view s, Each each) {
    std::string word;
    for (std::size_t i = 0; i < s.size();) {
        const std::uint32_t cp = next_code_point(s, i);
        if (is_word_char(cp)) {
            append_utf8(word, fold(cp));
        } else if (!word.empty()) {
            each(word);
            word.clear();
        }
    }
    if (!word.empty()) each(word);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::vector<std::string> folded_words(std::string_view utf8) {
    std::vector<std::string> words;
    for_each_word(utf8, [&](const std::string& w) { words.push_back(w); });
    return words;
}

std::size_t word_count(std::string_view utf8) {
    std::size_t n = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < utf8.size();) {
        const bool w = is_word_char(next_code_point(utf8, i));
        n += w && !in_word;
        in_word = w;
    }
    return n;
}

bool has_letter(std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size();)
        if (is_letter(next_code_point(utf8, i))) return true;
    return false;
}

BoilerplateCues BoilerplateCues::parse(std::string_view tsv, const std::string& name) {
    BoilerplateCues out;
    core::for_each_data_line(tsv, [&](std::string_view line, std::size_t line_no) {
        const std::size_t tab = line.find('\t');
        if (tab == std::string_view::npos) throw core::InputError(name, "expected LANGUAGE<TAB>CUE", std::to_string(line_no));
        const std::string_view lang = line.substr(0, tab);
        std::string_view cue = line.substr(tab + 1);
        while (!cue.empty() && (cue.front() == '\t' || cue.front() == ' ')) cue.remove_prefix(1);
        while (!cue.empty() && (cue.back() == '\t' || cue.back() == ' ')) cue.remove_suffix(1);
        if (!core::parse_language(lang))
            throw core::InputError(name, "language '" + std::string(lang) + "', expected fr, en or ru", std::to_string(line_no));
        Cue c{std::string(lang), {}, false};
        if (!cue.empty() && cue.back() == '*') {
            c.last_is_prefix = true;
            cue.remove_suffix(1);
        }
        c.words = folded_words(cue);
        if (c.words.empty()) throw core::InputError(name, "a cue without words", std::to_string(line_no));
        out.cues_.push_back(std::move(c));
    });
    return out;
}

const BoilerplateCues& BoilerplateCues::embedded() {
    static const BoilerplateCues cues = [] {
        const auto file = core::find_asset("sources/boilerplate.tsv");
        return parse(core::read_data_file(file, "boilerplate cue list"), file.string());
    }();
    return cues;
}

bool BoilerplateCues::has_cue(std::string_view paragraph, std::string_view language) const {
    const std::vector<std::string> words = folded_words(paragraph);
    for (const Cue& cue : cues_) {
        if (!language.empty() && cue.language != language && cue.language != "en") continue;
        const std::size_t n = cue.words.size();
        for (std::size_t at = 0; at + n <= words.size(); ++at) {
            bool match = true;
            for (std::size_t k = 0; k < n && match; ++k) {
                const bool prefix = cue.last_is_prefix && k + 1 == n;
                match = prefix ? starts_with(words[at + k], cue.words[k]) : words[at + k] == cue.words[k];
            }
            if (match) return true;
        }
    }
    return false;
}

KeptRange trim_boilerplate(const std::vector<std::string_view>& paragraphs, std::string_view language, const BoilerplateCues& cues) {
    auto boilerplate = [&](std::string_view p) {
        if (!has_letter(p)) return true;
        return word_count(p) < kShortParagraphWords && cues.has_cue(p, language);
    };
    KeptRange kept{0, paragraphs.size()};
    while (kept.first < kept.last && boilerplate(paragraphs[kept.first])) ++kept.first;
    while (kept.last > kept.first && boilerplate(paragraphs[kept.last - 1])) --kept.last;
    return kept;
}

}  // namespace incidentmap::sources::detail
