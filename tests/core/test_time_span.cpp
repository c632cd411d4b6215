#include "core/time_span.hpp"

#include <catch2/catch.hpp>

using namespace incidentmap::core;
using namespace std::chrono;

namespace {
TimeSpan::Seconds at(const char* iso) { return *parse_iso_datetime(iso); }
}  // namespace

TEST_CASE("a day is midnight to midnight", "[core][time]") {
    const auto d = TimeSpan::day(2022y / January / 6);
    CHECK(d.precision() == TimePrecision::day);
    CHECK(d.start() == at("2022-01-06T00:00:00"));
    CHECK(d.end() == at("2022-01-07T00:00:00"));
    CHECK(d.contains(at("2022-01-06T23:59:59")));
    CHECK_FALSE(d.contains(at("2022-01-07T00:00:00")));
    CHECK_THROWS_AS(TimeSpan::day(2022y / February / 30), InvalidTimeSpan);
}

TEST_CASE("parts of the day", "[core][time]") {
    const auto evening = TimeSpan::part_of_day(2022y / January / 6, PartOfDay::evening);
    CHECK(evening.start() == at("2022-01-06T18:00"));
    CHECK(evening.end() == at("2022-01-07T00:00"));
    CHECK(evening.precision() == TimePrecision::part_of_day);
    SECTION("the night runs into the next day") {
        const auto night = TimeSpan::part_of_day(2022y / January / 5, PartOfDay::night);
        CHECK(night.start() == at("2022-01-05T22:00"));
        CHECK(night.end() == at("2022-01-06T06:00"));
    }
}

TEST_CASE("weeks, months, years and ranges", "[core][time]") {
    SECTION("an ISO week starts on Monday") {
        const auto w = TimeSpan::week(2022y / January / 6);  // a Thursday
        CHECK(w.start() == at("2022-01-03"));
        CHECK(w.end() == at("2022-01-10"));
        CHECK(TimeSpan::week(2022y / January / 3) == w);
        CHECK(TimeSpan::week(2022y / January / 9) == w);
    }
    SECTION("February of a leap year has 29 days") {
        const auto m = TimeSpan::month(2024y / February);
        CHECK(m.end() - m.start() == std::chrono::days{29});
    }
    SECTION("a year") {
        const auto y = TimeSpan::year(2022y);
        CHECK(y.start() == at("2022-01-01"));
        CHECK(y.end() == at("2023-01-01"));
    }
    SECTION("day ranges are inclusive of the last day") {
        const auto r = TimeSpan::days(2022y / January / 5, 2022y / January / 6);
        CHECK(r.end() - r.start() == std::chrono::days{2});
        CHECK_THROWS_AS(TimeSpan::days(2022y / January / 6, 2022y / January / 5), InvalidTimeSpan);
    }
    SECTION("between checks its bounds") {
        CHECK_THROWS_AS(TimeSpan::between(at("2022-01-06"), at("2022-01-06"), TimePrecision::exact), InvalidTimeSpan);
        CHECK_THROWS_AS(TimeSpan::between(at("2022-01-06"), at("2022-01-07"), TimePrecision::unknown), InvalidTimeSpan);
        CHECK(TimeSpan::between(at("2022-01-06"), at("2022-01-07"), TimePrecision::day) == TimeSpan::day(2022y / January / 6));
    }
    SECTION("an exact time covers its minute") {
        const auto e = TimeSpan::exact(at("2022-01-06T18:30"));
        CHECK(e.end() - e.start() == minutes(1));
    }
}

TEST_CASE("overlap is half-open and unknown overlaps nothing", "[core][time]") {
    const auto d = TimeSpan::day(2022y / January / 6);
    CHECK(d.overlaps(at("2022-01-05T12:00"), at("2022-01-06T00:00:01")));
    CHECK_FALSE(d.overlaps(at("2022-01-05T12:00"), at("2022-01-06T00:00")));
    CHECK_FALSE(d.overlaps(at("2022-01-07T00:00"), at("2022-01-08T00:00")));
    CHECK(d.overlaps(at("2022-01-01"), at("2022-02-01")));
    const TimeSpan unknown;
    CHECK_FALSE(unknown.is_known());
    CHECK_FALSE(unknown.overlaps(at("1900-01-01"), at("2100-01-01")));
    CHECK_FALSE(unknown.contains(at("2022-01-06")));
}

TEST_CASE("ISO 8601 parsing and formatting", "[core][time]") {
    CHECK(parse_iso_date("2022-01-06") == year_month_day{2022y / January / 6});
    CHECK_FALSE(parse_iso_date("2022-02-30"));
    CHECK_FALSE(parse_iso_date("2022-1-6"));
    CHECK_FALSE(parse_iso_date("06/01/2022"));
    CHECK(format_iso_datetime(at("2022-01-06T18:30:15Z")) == "2022-01-06T18:30:15");
    CHECK(format_iso_datetime(at("2022-01-06")) == "2022-01-06T00:00:00");
    CHECK(format_iso_date(at("2022-01-06T23:00")) == "2022-01-06");
    CHECK_FALSE(parse_iso_datetime("2022-01-06T24:00"));
    CHECK_FALSE(parse_iso_datetime("2022-01-06T18"));
    CHECK_FALSE(parse_iso_datetime("2022-01-06X18:00"));
    CHECK(parse_time_precision("part_of_day") == TimePrecision::part_of_day);
    CHECK(to_string(TimePrecision::week) == "week");
    CHECK_FALSE(parse_time_precision("fortnight"));
}
