#include "store/merging.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace incidentmap;
using namespace std::chrono;
using core::EventType;
using core::Incident;
using core::LatLon;
using core::Meters;
using core::TimeSpan;
using store::Reading;

namespace {

constexpr year_month_day kJan5{year{2022}, January, day{5}};

// A reading of a clash in Almaty on 5 January 2022, by `source`, at a place of the given radius.
Reading reading(const std::string& source, double lat, double lon, double radius_m, std::optional<int> killed = std::nullopt,
                std::optional<year_month_day> published = kJan5) {
    Reading r;
    r.source_id = source;
    r.published = published;
    Incident& in = r.incident;
    in.id = source + "-1";
    in.source = source + ".txt";
    in.time = TimeSpan::day(kJan5);
    in.event_type = EventType::riots;
    in.sub_event_type = "Violent demonstration";
    in.violent = true;
    in.severity = killed ? core::Severity::fatal : core::Severity::violent;
    in.fatalities = killed;
    in.location = LatLon::degrees(lat, lon);
    in.uncertainty_m = Meters(radius_m);
    in.geo_precision = 1;
    in.place_name = "Almaty";
    in.quote = "Clashes broke out in " + source;
    in.confidence = 0.6;
    return r;
}

// Almaty's centre and Republic Square, about 1.6 km apart.
constexpr double kAlmatyLat = 43.25667, kAlmatyLon = 76.92861;
constexpr double kSquareLat = 43.23833, kSquareLon = 76.94528;

}  // namespace

TEST_CASE("three sources of one riot become one incident listing all three", "[store][merging]") {
    std::vector<Reading> readings{
        reading("fr-lemonde", kAlmatyLat, kAlmatyLon, 10'000, 8, year_month_day{year{2022}, January, day{6}}),
        reading("en-reuters", kSquareLat, kSquareLon, 100, 12, year_month_day{year{2022}, January, day{7}}),
        reading("ru-tass", kAlmatyLat, kAlmatyLon, 10'000, std::nullopt, year_month_day{year{2022}, January, day{8}}),
    };
    readings[2].incident.sub_event_type = "Mob violence";
    readings[2].incident.actors = {"protesters"};
    readings[1].incident.actors = {"police", "protesters"};

    const auto merged = store::merge_readings(readings);
    REQUIRE(merged.size() == 1);
    const auto& m = merged[0];
    CHECK(m.readings == std::vector<std::size_t>{1, 0, 2});  // the best-located first
    CHECK(m.incident.location == readings[1].incident.location);
    CHECK(m.incident.uncertainty_m == Meters(100));
    CHECK(m.incident.quote == readings[1].incident.quote);
    CHECK(m.incident.sub_event_type == "Violent demonstration");
    CHECK(m.incident.actors == std::vector<std::string>{"police", "protesters"});
    // 8 and 12 killed: the most recent source that gives a toll wins, the range is kept and the choice said.
    CHECK(m.incident.fatalities == 12);
    CHECK(m.fatalities_low == 8);
    CHECK(m.fatalities_high == 12);
    CHECK_THAT(m.reconciliation, Catch::Contains("fatalities 12 from the most recent of 2 sources"));
    CHECK(m.incident.severity == core::Severity::fatal);
    CHECK(m.incident.source == "en-reuters.txt; fr-lemonde.txt; ru-tass.txt");
    CHECK(m.incident.confidence.value() == Approx(0.94));  // 1 - 0.4^3, to hundredths
    CHECK(m.incident.id == "en-reuters-1");
}

TEST_CASE("merging gives the same incidents whatever the order of the readings", "[store][merging]") {
    std::vector<Reading> readings;
    for (int i = 0; i < 6; ++i) {
        readings.push_back(reading("a" + std::to_string(i), kAlmatyLat + i * 0.001, kAlmatyLon, 10'000 - i * 1000, i));
        Reading other = reading("b" + std::to_string(i), kSquareLat, kSquareLon, 100, std::nullopt);
        other.incident.time = TimeSpan::day(year_month_day{year{2022}, January, day{static_cast<unsigned>(3 + i % 2)}});
        readings.push_back(other);
    }
    const auto reference = store::merge_readings(readings);
    auto as_incidents = [](const std::vector<store::MergedIncident>& ms) {
        std::vector<Incident> out;
        for (const auto& m : ms) out.push_back(m.incident);
        return out;
    };
    std::mt19937 shuffle(7);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(readings.begin(), readings.end(), shuffle);
        CHECK(as_incidents(store::merge_readings(readings)) == as_incidents(reference));
    }
}

TEST_CASE("different events close in time and space stay apart", "[store][merging]") {
    SECTION("the same square on two days") {
        Reading a = reading("a", kSquareLat, kSquareLon, 100);
        Reading b = reading("b", kSquareLat, kSquareLon, 100);
        b.incident.time = TimeSpan::day(year_month_day{year{2022}, January, day{6}});
        CHECK(store::merge_readings(std::vector{a, b}).size() == 2);
    }
    SECTION("two sites 1.6 km apart on the same day") {
        const Reading a = reading("a", kSquareLat, kSquareLon, 100);
        const Reading b = reading("b", kAlmatyLat, kAlmatyLon, 100);
        CHECK(store::merge_readings(std::vector{a, b}).size() == 2);
    }
    SECTION("a protest and an arrest campaign are other kinds than a battle") {
        Reading a = reading("a", kSquareLat, kSquareLon, 100);
        a.incident.event_type = EventType::battles;
        Reading b = reading("b", kSquareLat, kSquareLon, 100);
        b.incident.event_type = EventType::strategic_developments;
        b.incident.sub_event_type = "Arrests";
        CHECK(store::merge_readings(std::vector{a, b}).size() == 2);
    }
    SECTION("two events of one source are the extractor's decision, kept") {
        const Reading a = reading("a", kSquareLat, kSquareLon, 100);
        Reading b = reading("a", kSquareLat, kSquareLon, 100);
        b.incident.id = "a-2";
        CHECK(store::merge_readings(std::vector{a, b}).size() == 2);
    }
    SECTION("readings without a place or a time join nothing") {
        Reading a = reading("a", kSquareLat, kSquareLon, 100);
        Reading b = reading("b", kSquareLat, kSquareLon, 100);
        b.incident.location.reset();
        b.incident.uncertainty_m.reset();
        b.incident.geo_precision.reset();
        Reading c = reading("c", kSquareLat, kSquareLon, 100);
        c.incident.time = TimeSpan::unknown();
        CHECK(store::merge_readings(std::vector{a, b, c}).size() == 3);
    }
}

TEST_CASE("a country-wide reading never chains two city events into one", "[store][merging]") {
    // Clashes in Almaty and in Aktobe (1,600 km apart) on one day, and a report of clashes "across Kazakhstan".
    const Reading almaty = reading("a", kAlmatyLat, kAlmatyLon, 10'000);
    const Reading aktobe = reading("b", 50.2839, 57.1670, 10'000);
    const Reading country = reading("c", 48.0, 68.0, 1'500'000);
    const auto merged = store::merge_readings(std::vector{almaty, aktobe, country});
    REQUIRE(merged.size() == 2);
    std::size_t with_country = 0;
    for (const auto& m : merged) with_country += m.readings.size() == 2;
    CHECK(with_country == 1);
}

TEST_CASE("without merging each reading is its own incident, unchanged", "[store][merging]") {
    const std::vector<Reading> readings{reading("a", kAlmatyLat, kAlmatyLon, 10'000, 3),
                                        reading("b", kSquareLat, kSquareLon, 100, 5)};
    const auto merged = store::merge_readings(readings, store::MergeOptions{.merge = false});
    REQUIRE(merged.size() == 2);
    for (const auto& m : merged) {
        REQUIRE(m.readings.size() == 1);
        CHECK(m.incident == readings[m.readings[0]].incident);
        CHECK(m.reconciliation.empty());
    }
}

TEST_CASE("sources that agree on a figure leave no note", "[store][merging]") {
    const auto merged = store::merge_readings(std::vector{reading("a", kSquareLat, kSquareLon, 100, 4),
                                                          reading("b", kSquareLat, kSquareLon, 100, 4)});
    REQUIRE(merged.size() == 1);
    CHECK(merged[0].incident.fatalities == 4);
    CHECK(merged[0].fatalities_low == 4);
    CHECK(merged[0].fatalities_high == 4);
    CHECK(merged[0].reconciliation.empty());
}
