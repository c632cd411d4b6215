#include "sources/detail/dates.hpp"

#include <array>
#include <cctype>

namespace incidentmap::sources::detail {

namespace {

using std::chrono::year_month_day;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// Reads exactly `n` digits at `s`, advancing it; -1 when they are not there.
int take_digits(std::string_view& s, std::size_t n) {
    if (s.size() < n) return -1;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    s.remove_prefix(n);
    return v;
}

std::size_t run_of(std::string_view s, bool (*pred)(char)) {
    std::size_t n = 0;
    while (n < s.size() && pred(s[n])) ++n;
    return n;
}

std::optional<year_month_day> make_day(int y, int m, int d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                             std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

int month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> full{"january", "february", "march",     "april",   "may",      "june",
                                                           "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t i = 0; i < full.size(); ++i) {
        if (equals_ignoring_case(name, full[i]) || equals_ignoring_case(name, full[i].substr(0, 3))) return static_cast<int>(i) + 1;
    }
    if (equals_ignoring_case(name, "sept")) return 9;
    return 0;
}

// A time "HH:MM" or "HH:MM:SS" (fractions of a second allowed) at the head of `s`; advances past it.
bool take_time(std::string_view& s) {
    std::string_view t = s;
    const int h = take_digits(t, 2);
    if (h < 0 || h > 23 || t.empty() || t.front() != ':') return false;
    t.remove_prefix(1);
    const int mi = take_digits(t, 2);
    if (mi < 0 || mi > 59) return false;
    if (!t.empty() && t.front() == ':') {
        t.remove_prefix(1);
        const int se = take_digits(t, 2);
        if (se < 0 || se > 60) return false;
        if (!t.empty() && t.front() == '.') {
            t.remove_prefix(1);
            if (run_of(t, is_digit) == 0) return false;
            t.remove_prefix(run_of(t, is_digit));
        }
    }
    s = t;
    return true;
}

// A zone: +hhmm, -hh:mm, or 1 to 5 letters (GMT, UT, Z, EST, CEST...).
bool is_zone(std::string_view z) {
    if (z.empty()) return false;
    if (z.front() == '+' || z.front() == '-') {
        z.remove_prefix(1);
        if (z.size() == 4) return run_of(z, is_digit) == 4;
        if (z.size() == 5) return run_of(z.substr(0, 2), is_digit) == 2 && z[2] == ':' && run_of(z.substr(3), is_digit) == 2;
        return z.size() == 2 && run_of(z, is_digit) == 2;
    }
    return z.size() <= 5 && run_of(z, is_alpha) == z.size();
}

}  // namespace

std::optional<year_month_day> parse_iso8601_day(std::string_view text) {
    std::string_view s = trimmed(text);
    const int y = take_digits(s, 4);
    if (y < 0 || s.empty() || s.front() != '-') return std::nullopt;
    s.remove_prefix(1);
    const int m = take_digits(s, 2);
    if (m < 0 || s.empty() || s.front() != '-') return std::nullopt;
    s.remove_prefix(1);
    const int d = take_digits(s, 2);
    if (d < 0) return std::nullopt;
    if (!s.empty() && s.front() != 'T' && s.front() != 't' && !is_blank(s.front())) return std::nullopt;
    return make_day(y, m, d);
}

std::optional<year_month_day> parse_rfc822_day(std::string_view text) {
    std::string_view s = trimmed(text);
    // An optional weekday, with or without its comma.
    if (const std::size_t w = run_of(s, is_alpha); w > 0) {
        s.remove_prefix(w);
        if (!s.empty() && s.front() == ',') s.remove_prefix(1);
        s.remove_prefix(run_of(s, is_blank));
    }
    const std::size_t dn = run_of(s, is_digit);
    if (dn < 1 || dn > 2) return std::nullopt;
    const int d = take_digits(s, dn);
    const std::size_t b1 = run_of(s, is_blank);
    if (b1 == 0 && (s.empty() || s.front() != '-')) return std::nullopt;
    s.remove_prefix(b1 ? b1 : 1);
    const std::size_t mn = run_of(s, is_alpha);
    const int m = month_number(s.substr(0, mn));
    if (m == 0) return std::nullopt;
    s.remove_prefix(mn);
    const std::size_t b2 = run_of(s, is_blank);
    if (b2 == 0 && (s.empty() || s.front() != '-')) return std::nullopt;
    s.remove_prefix(b2 ? b2 : 1);
    const std::size_t yn = run_of(s, is_digit);
    if (yn != 2 && yn != 4) return std::nullopt;
    int y = take_digits(s, yn);
    if (yn == 2) y += y < 50 ? 2000 : 1900;
    // What may follow: a time, then a zone.
    s.remove_prefix(run_of(s, is_blank));
    if (!s.empty()) {
        if (!take_time(s)) return std::nullopt;
        s = trimmed(s);
        if (!s.empty() && !is_zone(s)) return std::nullopt;
    }
    return make_day(y, m, d);
}

std::optional<year_month_day> parse_publication_day(std::string_view text) {
    if (auto d = parse_iso8601_day(text)) return d;
    return parse_rfc822_day(text);
}

}  // namespace incidentmap::sources::detail
