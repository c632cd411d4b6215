#include "core/time_span.hpp"

#include "core/detail/enum_names.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace incidentmap::core {

using namespace std::chrono;

namespace {

constexpr std::array<std::string_view, 7> kPrecisionNames{"exact", "part_of_day", "day", "week", "month", "year", "unknown"};
constexpr std::array<std::string_view, 4> kPartNames{"morning", "afternoon", "evening", "night"};

sys_days checked(year_month_day d) {
    if (!d.ok()) throw InvalidTimeSpan("not a calendar day");
    return sys_days(d);
}

// Parses exactly `width` decimal digits at text[pos].
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

}  // namespace

std::string_view to_string(TimePrecision p) { return core::detail::enum_name(kPrecisionNames, p); }
std::string_view to_string(PartOfDay p) { return core::detail::enum_name(kPartNames, p); }

std::optional<TimePrecision> parse_time_precision(std::string_view name) {
    return core::detail::parse_enum<TimePrecision>(kPrecisionNames, name);
}

TimeSpan TimeSpan::exact(Seconds t) { return TimeSpan(t, t + minutes(1), TimePrecision::exact); }

TimeSpan TimeSpan::part_of_day(year_month_day d, PartOfDay part) {
    const Seconds midnight{checked(d)};
    switch (part) {
        case PartOfDay::morning: return TimeSpan(midnight + hours(6), midnight + hours(12), TimePrecision::part_of_day);
        case PartOfDay::afternoon: return TimeSpan(midnight + hours(12), midnight + hours(18), TimePrecision::part_of_day);
        case PartOfDay::evening: return TimeSpan(midnight + hours(18), midnight + hours(24), TimePrecision::part_of_day);
        case PartOfDay::night: return TimeSpan(midnight + hours(22), midnight + hours(30), TimePrecision::part_of_day);
    }
    throw InvalidTimeSpan("unknown part of day");
}

TimeSpan TimeSpan::day(year_month_day d) {
    const Seconds midnight{checked(d)};
    return TimeSpan(midnight, midnight + std::chrono::days{1}, TimePrecision::day);
}

TimeSpan TimeSpan::days(year_month_day first, year_month_day last) {
    const sys_days a = checked(first), b = checked(last);
    if (b < a) throw InvalidTimeSpan("day range ends before it starts: " + format_iso_date(first) + " to " + format_iso_date(last));
    return TimeSpan(Seconds{a}, Seconds{b + std::chrono::days{1}}, TimePrecision::day);
}

TimeSpan TimeSpan::week(year_month_day any_day) {
    const sys_days d = checked(any_day);
    const auto since_monday = (weekday(d) - Monday);  // 0..6 days
    const sys_days monday = d - since_monday;
    return TimeSpan(Seconds{monday}, Seconds{monday + std::chrono::days{7}}, TimePrecision::week);
}

TimeSpan TimeSpan::month(year_month ym) {
    if (!ym.ok()) throw InvalidTimeSpan("not a calendar month");
    const sys_days first{ym / 1};
    const sys_days next{(ym + months{1}) / 1};
    return TimeSpan(Seconds{first}, Seconds{next}, TimePrecision::month);
}

TimeSpan TimeSpan::year(std::chrono::year y) {
    if (!y.ok()) throw InvalidTimeSpan("not a calendar year");
    return TimeSpan(Seconds{sys_days{y / January / 1}}, Seconds{sys_days{(y + years{1}) / January / 1}}, TimePrecision::year);
}

TimeSpan TimeSpan::between(Seconds start, Seconds end, TimePrecision p) {
    if (p == TimePrecision::unknown) throw InvalidTimeSpan("a bounded time span cannot have unknown precision");
    if (!(start < end)) throw InvalidTimeSpan("time span must end after it starts: " + format_iso_datetime(start) + " to " + format_iso_datetime(end));
    return TimeSpan(start, end, p);
}

std::optional<year_month_day> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    const year_month_day ymd{std::chrono::year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::optional<TimeSpan::Seconds> parse_iso_datetime(std::string_view text) {
    if (!text.empty() && text.back() == 'Z') text.remove_suffix(1);
    const auto date = parse_iso_date(text.substr(0, std::min<std::size_t>(10, text.size())));
    if (!date) return std::nullopt;
    TimeSpan::Seconds t{sys_days(*date)};
    if (text.size() == 10) return t;
    if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    const auto h = digits(text, 11, 2), mi = digits(text, 14, 2);
    if (!h || !mi || text[13] != ':' || *h > 23 || *mi > 59) return std::nullopt;
    int s = 0;
    if (text.size() == 19) {
        const auto sec = digits(text, 17, 2);
        if (!sec || text[16] != ':' || *sec > 59) return std::nullopt;
        s = *sec;
    }
    return t + hours(*h) + minutes(*mi) + seconds(s);
}

namespace {

// `value` as `width` decimal digits (zero-padded; the lowest digits if it has more).
void put_digits(char* at, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

// By hand, not snprintf: exports format two dates per incident, millions of times.
std::string format_iso_date(year_month_day d) {
    const int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999) {  // outside ISO 8601's four digits: as printf would give it
        char buf[24];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
        return buf;
    }
    std::string out(10, '-');
    put_digits(out.data(), static_cast<unsigned>(y), 4);
    put_digits(out.data() + 5, static_cast<unsigned>(d.month()), 2);
    put_digits(out.data() + 8, static_cast<unsigned>(d.day()), 2);
    return out;
}

std::string format_iso_date(TimeSpan::Seconds t) { return format_iso_date(year_month_day{floor<std::chrono::days>(t)}); }

std::string format_iso_datetime(TimeSpan::Seconds t) {
    const auto day = floor<std::chrono::days>(t);
    const hh_mm_ss hms{t - day};
    std::string out = format_iso_date(year_month_day{day}) + "T00:00:00";
    char* at = out.data() + out.size() - 8;
    put_digits(at, static_cast<unsigned>(hms.hours().count()), 2);
    put_digits(at + 3, static_cast<unsigned>(hms.minutes().count()), 2);
    put_digits(at + 6, static_cast<unsigned>(hms.seconds().count()), 2);
    return out;
}

}  // namespace incidentmap::core
