#include "core/utf8.hpp"

#include <cstdint>

namespace incidentmap::core {

namespace {

// The length of the valid sequence starting at s[i], or 0 when the byte there starts none.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
    else return 0;
    if (n > s.size() - i) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto d = static_cast<unsigned char>(s[i + k]);
        if ((d & 0xC0) != 0x80) return 0;
        cp = cp << 6 | (d & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::size_t make_valid_utf8(std::string& s) {
    // The common case, valid text, is one pass and no copy; from the first bad byte on the text is rebuilt.
    std::size_t i = 0, bad = 0;
    while (i < s.size()) {
        const std::size_t n = sequence_length(s, i);
        if (n == 0) break;
        i += n;
    }
    if (i == s.size()) return 0;
    std::string out(s, 0, i);
    out.reserve(s.size() + 16);
    while (i < s.size()) {
        const std::size_t n = sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++bad;
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    s = std::move(out);
    return bad;
}

}  // namespace incidentmap::core
