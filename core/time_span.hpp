#pragma once
// When something happened, and how well that is known.
//
// Guarantees:
//  - A known TimeSpan is a half-open interval [start, end) with start < end, in whole seconds. An "unknown" span
//    has no bounds: start()/end() must not be called on it (is_known() says which) and it overlaps nothing.
//  - The precision says how the bounds were obtained, so a day-precision incident is never read as if it had a
//    minute: exact = the minute reported ([t, t + 1 min)); part_of_day = morning [06, 12), afternoon [12, 18),
//    evening [18, 24), night [22, 06 next day); day = [00:00, 24:00); week = ISO week, Monday to Sunday;
//    month; year.
//  - Times are civil times as the report gives them (the local time of the place), carried in a sys_seconds without
//    a time zone conversion; comparing incidents from different time zones is off by their offset.
// It does not resolve relative expressions ("jeudi soir"): the extractor does that against the publication date.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace incidentmap::core {

enum class TimePrecision : std::uint8_t { exact, part_of_day, day, week, month, year, unknown };
enum class PartOfDay : std::uint8_t { morning, afternoon, evening, night };

std::string_view to_string(TimePrecision p);
std::optional<TimePrecision> parse_time_precision(std::string_view name);
std::string_view to_string(PartOfDay p);

class InvalidTimeSpan : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class TimeSpan {
public:
    using Seconds = std::chrono::sys_seconds;

    // Unknown: the default.
    TimeSpan() = default;
    static TimeSpan unknown() { return TimeSpan(); }

    static TimeSpan exact(Seconds t);
    static TimeSpan part_of_day(std::chrono::year_month_day day, PartOfDay part);  // throws InvalidTimeSpan if !day.ok()
    static TimeSpan day(std::chrono::year_month_day day);                           // throws InvalidTimeSpan if !day.ok()
    // Whole days from first to last inclusive; precision day. Throws InvalidTimeSpan if last < first.
    static TimeSpan days(std::chrono::year_month_day first, std::chrono::year_month_day last);
    static TimeSpan week(std::chrono::year_month_day any_day_of_week);              // Monday 00:00 to next Monday
    static TimeSpan month(std::chrono::year_month month);
    static TimeSpan year(std::chrono::year year);
    // Any interval; throws InvalidTimeSpan unless start < end and precision != unknown.
    static TimeSpan between(Seconds start, Seconds end, TimePrecision precision);

    bool is_known() const { return precision_ != TimePrecision::unknown; }
    TimePrecision precision() const { return precision_; }
    Seconds start() const { return start_; }
    Seconds end() const { return end_; }

    // Half-open overlap with [from, to). False for an unknown span or an empty window.
    bool overlaps(Seconds from, Seconds to) const { return is_known() && start_ < to && from < end_; }
    bool contains(Seconds t) const { return is_known() && start_ <= t && t < end_; }

    bool operator==(const TimeSpan&) const = default;

private:
    TimeSpan(Seconds start, Seconds end, TimePrecision p) : start_(start), end_(end), precision_(p) {}

    Seconds start_{};
    Seconds end_{};
    TimePrecision precision_ = TimePrecision::unknown;
};

// "2022-01-06": nullopt unless it is exactly YYYY-MM-DD and a real calendar day.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);
// "2022-01-06", "2022-01-06T18:30", "2022-01-06T18:30:15", optionally ending in "Z".
std::optional<TimeSpan::Seconds> parse_iso_datetime(std::string_view text);
// "2022-01-06T18:30:00" (no zone designator: civil time, see above).
std::string format_iso_datetime(TimeSpan::Seconds t);
// "2022-01-06".
std::string format_iso_date(std::chrono::year_month_day day);
std::string format_iso_date(TimeSpan::Seconds t);

}  // namespace incidentmap::core
