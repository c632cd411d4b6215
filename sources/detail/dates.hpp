#pragma once
// The publication dates that pages and feeds write, read as the calendar day written (no conversion between time
// zones: "2022-01-06T23:30:00-05:00" is 6 January, as the outlet dated it).
//
// parse_iso8601_day: "YYYY-MM-DD" alone or followed by a time ("T", "t" or a blank, then anything); blanks around
// allowed. parse_rfc822_day: RFC 822 / 2822 as feeds write it: an optional weekday ("Thu," or "Thu"), the day (1 or
// 2 digits), the month (English, abbreviated or in full, any case), the year (4 digits, or 2: 00-49 are 20xx,
// 50-99 19xx), then optionally a time HH:MM[:SS] and a zone (+0600, -05:00, GMT, UT, Z, EST, or any 1-5 letters).
// Anything else after the date is refused. parse_publication_day tries ISO 8601 first, then RFC 822. Each returns
// nullopt for a text that is not such a date or for a day that does not exist (31 April). Cost: linear, no allocation.

#include <chrono>
#include <optional>
#include <string_view>

namespace incidentmap::sources::detail {

std::optional<std::chrono::year_month_day> parse_iso8601_day(std::string_view text);
std::optional<std::chrono::year_month_day> parse_rfc822_day(std::string_view text);
std::optional<std::chrono::year_month_day> parse_publication_day(std::string_view text);

}  // namespace incidentmap::sources::detail
