#include "gazetteer/text_tokens.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace incidentmap::gazetteer {

namespace {

struct Cp {
    UChar32 c;       // negative for an invalid byte
    std::int32_t next;  // byte offset after it
};

Cp decode(std::string_view s, std::int32_t i) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
    return {c, i};
}

bool is_word_char(UChar32 c) {
    if (c < 0) return false;
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK ||
           u_charType(c) == U_COMBINING_SPACING_MARK;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018; }
bool is_hyphen(UChar32 c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool is_sentence_end(UChar32 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

void append_utf8(std::string& out, UChar32 c) {
    char buf[4];
    std::int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), n, 4, c, error);
    if (!error) out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace

std::uint32_t code_point_count(std::string_view s) {
    std::uint32_t n = 0;
    for (std::int32_t i = 0; i < static_cast<std::int32_t>(s.size()); ++n) i = decode(s, i).next;
    return n;
}

std::string to_lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::int32_t i = 0; i < static_cast<std::int32_t>(s.size());) {
        const std::int32_t at = i;
        const Cp cp = decode(s, i);
        i = cp.next;
        if (cp.c < 0) out.append(s.data() + at, static_cast<std::size_t>(i - at));
        else if (cp.c < 0x80) out.push_back(static_cast<char>(cp.c >= 'A' && cp.c <= 'Z' ? cp.c + 32 : cp.c));
        else append_utf8(out, u_tolower(cp.c));
    }
    return out;
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    out.reserve(s.size() / 6 + 1);
    const auto n = static_cast<std::int32_t>(s.size());
    std::int32_t i = 0;
    std::uint32_t cp = 0;
    Gap gap = Gap::sentence;
    bool line_start = true;
    int newlines = 0;
    bool after_initial = false;  // the last word was an initial or initialism: its dot ends no sentence

    auto stronger = [&](Gap g) {
        if (static_cast<int>(g) > static_cast<int>(gap)) gap = g;
    };

    while (i < n) {
        Cp c = decode(s, i);
        if (!is_word_char(c.c)) {
            if (c.c == '\n') {
                ++newlines;
                line_start = true;
                stronger(Gap::sentence);
            } else if (c.c == ' ' || c.c == '\t' || c.c == '\r' || c.c == 0xA0 || (c.c > 0 && u_isspace(c.c))) {
                // space
            } else if (is_apostrophe(c.c)) {
                stronger(Gap::apostrophe);
            } else if (is_hyphen(c.c)) {
                stronger(Gap::hyphen);
            } else if (is_sentence_end(c.c)) {
                stronger(after_initial && c.c == '.' ? Gap::clause : Gap::sentence);
            } else {
                stronger(Gap::clause);
            }
            i = c.next;
            ++cp;
            continue;
        }
        // A word: letters, digits and marks.
        Token t;
        t.begin = static_cast<std::uint32_t>(i);
        t.cp_begin = cp;
        int letters = 0, uppers = 0, lowers = 0;
        bool first_letter = true;
        std::int32_t j = i;
        std::uint32_t cpj = cp;
        auto take_run = [&] {
            while (j < n) {
                const Cp d = decode(s, j);
                if (!is_word_char(d.c)) break;
                if (u_isalpha(d.c)) {
                    ++letters;
                    const bool up = u_isupper(d.c) || u_istitle(d.c);
                    uppers += up;
                    lowers += u_islower(d.c) ? 1 : 0;
                    if (first_letter) {
                        t.upper_initial = up;
                        const UBlockCode b = ublock_getCode(d.c);
                        t.cyrillic = b == UBLOCK_CYRILLIC || b == UBLOCK_CYRILLIC_SUPPLEMENT;
                        first_letter = false;
                    }
                } else if (u_isdigit(d.c)) {
                    t.has_digit = true;
                }
                j = d.next;
                ++cpj;
            }
        };
        take_run();
        // Initialisms: single letters joined by dots ("U.S.", "B.C."), dots kept in the token.
        const std::int32_t run_bytes = j - i;
        if (letters == 1 && run_bytes <= 2 && j < n && s[static_cast<std::size_t>(j)] == '.') {
            std::int32_t k = j;
            std::uint32_t cpk = cpj;
            int parts = 1;
            while (k + 1 < n && s[static_cast<std::size_t>(k)] == '.') {
                const Cp d = decode(s, k + 1);
                if (!is_word_char(d.c) || !u_isalpha(d.c)) break;
                const Cp after = decode(s, d.next);
                if (d.next < n && is_word_char(after.c)) break;  // "U.Sa" is not an initialism
                ++letters;
                uppers += u_isupper(d.c) ? 1 : 0;
                k = d.next;
                cpk += 2;
                ++parts;
            }
            if (parts >= 2) {
                j = k;
                cpj = cpk;
                if (j < n && s[static_cast<std::size_t>(j)] == '.') ++j, ++cpj;  // the final dot
            }
        }
        t.end = static_cast<std::uint32_t>(j);
        t.cp_end = cpj;
        t.all_caps = letters >= 2 && lowers == 0 && uppers >= 2;
        t.inner_caps = lowers > 0 && uppers >= 2 && t.lower.find('.') == std::string::npos;
        t.lower = to_lower(s.substr(t.begin, t.end - t.begin));
        t.gap = gap;
        t.sentence_start = gap == Gap::sentence || newlines >= 2;
        t.line_start = line_start;
        after_initial = letters >= 1 && uppers == letters && (letters == 1 || t.lower.find('.') != std::string::npos);
        out.push_back(std::move(t));
        i = j;
        cp = cpj;
        gap = Gap::space;
        line_start = false;
        newlines = 0;
    }
    return out;
}

}  // namespace incidentmap::gazetteer
