#include "core/incident.hpp"
#include "core/incident_set.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <span>

using namespace incidentmap::core;
using namespace std::chrono;

namespace {

TimeSpan::Seconds at(int y, unsigned m, unsigned d, int h = 0, int mi = 0) {
    return TimeSpan::Seconds{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{mi};
}

Incident make(std::string id, TimeSpan time) {
    Incident in;
    in.id = std::move(id);
    in.time = time;
    in.location = LatLon::degrees(43.238, 76.9455);
    return in;
}

std::vector<std::string> ids(const IncidentSet& set, const std::vector<std::size_t>& indices) {
    std::vector<std::string> out;
    for (std::size_t i : indices) out.emplace_back(set.id(i));
    return out;
}

std::vector<std::string> all_ids(const IncidentSet& set) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < set.size(); ++i) out.emplace_back(set.id(i));
    return out;
}

}  // namespace

TEST_CASE("event types carry ACLED's exact spellings", "[core][incident]") {
    CHECK(to_string(EventType::battles) == "Battles");
    CHECK(to_string(EventType::explosions_remote_violence) == "Explosions/Remote violence");
    CHECK(to_string(EventType::violence_against_civilians) == "Violence against civilians");
    CHECK(to_string(EventType::protests) == "Protests");
    CHECK(to_string(EventType::riots) == "Riots");
    CHECK(to_string(EventType::strategic_developments) == "Strategic developments");
    for (std::size_t i = 0; i < kEventTypeCount; ++i) {
        const auto t = static_cast<EventType>(i);
        CHECK(parse_event_type(to_string(t)) == t);
    }
    CHECK_FALSE(parse_event_type("riots"));
    CHECK_FALSE(parse_event_type("Explosions/remote violence"));
    CHECK_FALSE(parse_event_type(""));
}

TEST_CASE("find_problem names the first broken rule", "[core][incident]") {
    Incident in = make("a", TimeSpan::day(2022y / January / 6));
    CHECK_FALSE(find_problem(in));
    in.fatalities = 0;  // zero is a reported figure, not unknown, and valid
    in.geo_precision = 2;
    in.uncertainty_m = Meters(0);
    in.confidence = 1.0;
    in.source_span = CodePointSpan{5, 5};
    CHECK_FALSE(find_problem(in));

    SECTION("negative figures") {
        in.injured = -1;
        CHECK(find_problem(in) == "injured is -1, must be >= 0");
    }
    SECTION("geo_precision outside 1..3") {
        in.geo_precision = 4;
        CHECK(find_problem(in) == "geo_precision is 4, must be 1, 2 or 3");
        in.geo_precision = 0;
        CHECK(find_problem(in));
    }
    SECTION("uncertainty and confidence") {
        in.uncertainty_m = Meters(-5);
        CHECK_THAT(*find_problem(in), Catch::StartsWith("uncertainty_m is -5"));
        in.uncertainty_m = Meters(std::numeric_limits<double>::infinity());
        CHECK(find_problem(in));
        in.uncertainty_m.reset();
        in.confidence = 1.5;
        CHECK_THAT(*find_problem(in), Catch::StartsWith("confidence is 1.5"));
        in.confidence = std::nan("");
        CHECK(find_problem(in));
    }
    SECTION("source span") {
        in.source_span = CodePointSpan{10, 4};
        CHECK_THAT(*find_problem(in), Catch::Contains("source_span is [10, 4)"));
        in.source_span = CodePointSpan{-1, 4};
        CHECK(find_problem(in));
    }
    SECTION("empty actor names") {
        in.actors = {"Police", ""};
        CHECK(find_problem(in) == "actor 2 has an empty name");
    }
}

TEST_CASE("IncidentSet keeps incidents sorted by start and gives them back exactly", "[core][incident_set]") {
    Incident full = make("full", TimeSpan::part_of_day(2022y / January / 5, PartOfDay::evening));
    full.event_type = EventType::riots;
    full.sub_event_type = "Violent demonstration";
    full.actors = {"Rioters (Kazakhstan)", "Police Forces of Kazakhstan"};
    full.violent = true;
    full.fatalities = 0;
    full.fatalities_min = 2;
    full.injured = 748;
    full.arrested = 2300;
    full.severity = Severity::fatal;
    full.geo_precision = 1;
    full.uncertainty_m = Meters(150);
    full.place_name = "Almaty";
    full.place_id = "geonames:1526384";
    full.country = "KZ";
    full.admin1 = "Almaty Qalasy";
    full.quote = "Le bâtiment de l'administration locale a été incendié.";
    full.source_span = CodePointSpan{120, 176};
    full.mention_span = CodePointSpan{130, 136};
    full.language = "fr";
    full.confidence = 0.75;
    full.source = "almaty-2022-01-06.fr.txt";
    full.manual_correction = true;

    const std::vector<Incident> input{
        make("c", TimeSpan::day(2022y / January / 7)),
        make("unknown-1", TimeSpan::unknown()),
        full,
        make("a", TimeSpan::exact(at(2022, 1, 5, 9, 30))),
        make("b", TimeSpan::day(2022y / January / 6)),
        make("b2", TimeSpan::day(2022y / January / 6)),  // same start as b: stays after it
        make("unknown-2", TimeSpan::unknown()),
    };
    IncidentSet set(input);
    REQUIRE(set.size() == 7);
    CHECK(set.known_count() == 5);
    CHECK(all_ids(set) == std::vector<std::string>{"a", "full", "b", "b2", "c", "unknown-1", "unknown-2"});
    CHECK(std::is_sorted(set.starts().begin(), set.starts().begin() + set.known_count()));

    for (const Incident& in : input) {
        const auto all = all_ids(set);
        const auto i = static_cast<std::size_t>(std::find(all.begin(), all.end(), in.id) - all.begin());
        CHECK(set.incident(i) == in);
    }
    CHECK(set.incident(1) == full);
    CHECK(set.locations()[0] == LatLon::degrees(43.238, 76.9455));
    CHECK(set.severities()[1] == Severity::fatal);
    CHECK(set.event_type(1) == EventType::riots);
    CHECK_FALSE(set.event_type(0));
    CHECK(set.precisions()[5] == TimePrecision::unknown);
    CHECK_FALSE(set.time(5).is_known());
    CHECK_THROWS_AS(set.incident(7), std::out_of_range);

    SECTION("the time range runs from the first start to the last end") {
        const auto range = set.time_range();
        REQUIRE(range);
        CHECK(range->begin == at(2022, 1, 5, 9, 30));
        CHECK(range->end == at(2022, 1, 8));
        CHECK_FALSE(IncidentSet().time_range());
        CHECK_FALSE(IncidentSet(std::vector<Incident>{make("u", TimeSpan::unknown())}).time_range());
    }
    SECTION("add() puts one incident in its place and says where") {
        CHECK(set.add(make("b3", TimeSpan::day(2022y / January / 6))) == 4);
        CHECK(set.add(make("first", TimeSpan::year(2021y))) == 0);
        const std::size_t last = set.add(make("unknown-3", TimeSpan::unknown()));
        CHECK(last == set.size() - 1);
        CHECK(all_ids(set) == std::vector<std::string>{"first", "a", "full", "b", "b2", "b3", "c", "unknown-1",
                                                       "unknown-2", "unknown-3"});
        CHECK(set.known_count() == 7);
        CHECK(set.time_window(at(2021, 6, 1), at(2021, 6, 2)) == std::vector<std::size_t>{0});
    }
    SECTION("adding many re-sorts the whole set") {
        set.add(std::vector<Incident>{make("z", TimeSpan::day(2023y / March / 1)), make("y", TimeSpan::exact(at(2020, 1, 1)))});
        CHECK(all_ids(set) == std::vector<std::string>{"y", "a", "full", "b", "b2", "c", "z", "unknown-1", "unknown-2"});
    }
    SECTION("an invalid incident is refused and nothing changes") {
        Incident bad = make("bad", TimeSpan::day(2022y / January / 1));
        bad.fatalities = -2;
        CHECK_THROWS_AS(set.add(bad), InvalidIncident);
        CHECK_THROWS_WITH(set.add(bad), "incident 'bad': fatalities is -2, must be >= 0");
        CHECK_THROWS_AS(set.add(std::vector<Incident>{make("ok", TimeSpan::unknown()), bad}), InvalidIncident);
        CHECK_THROWS_AS(IncidentSet(std::vector<Incident>{bad}), InvalidIncident);
        CHECK_THROWS_AS(set.replace(0, bad), InvalidIncident);
        CHECK(set.size() == 7);
        CHECK(all_ids(set) == std::vector<std::string>{"a", "full", "b", "b2", "c", "unknown-1", "unknown-2"});
    }
    SECTION("set_location moves an incident, marks it corrected and keeps indices") {
        const LatLon tv_tower = LatLon::degrees(43.22879, 76.97634);
        set.set_location(2, tv_tower);
        CHECK(set.locations()[2] == tv_tower);
        CHECK(set.incident(2).manual_correction);
        CHECK(set.id(2) == "b");
        CHECK_THROWS_AS(set.set_location(7, tv_tower), std::out_of_range);
    }
    SECTION("replace() re-sorts when the start changes") {
        Incident moved = set.incident(0);  // "a", 5 January
        moved.time = TimeSpan::day(2022y / January / 8);
        moved.manual_correction = true;
        CHECK(set.replace(0, moved) == 4);
        CHECK(all_ids(set) == std::vector<std::string>{"full", "b", "b2", "c", "a", "unknown-1", "unknown-2"});
        CHECK(set.incident(4) == moved);

        Incident dated = set.incident(6);  // "unknown-2" gets a date
        dated.time = TimeSpan::exact(at(2022, 1, 1));
        CHECK(set.replace(6, dated) == 0);
        CHECK(set.known_count() == 6);
        CHECK(all_ids(set) == std::vector<std::string>{"unknown-2", "full", "b", "b2", "c", "a", "unknown-1"});

        Incident undated = set.incident(2);  // "b" loses its date
        undated.time = TimeSpan::unknown();
        CHECK(set.replace(2, undated) == 6);
        CHECK(set.known_count() == 5);
        CHECK(all_ids(set) == std::vector<std::string>{"unknown-2", "full", "b2", "c", "a", "unknown-1", "b"});
        CHECK(set.time_window(at(2000, 1, 1), at(2030, 1, 1)).size() == 5);
    }
    SECTION("clear") {
        set.clear();
        CHECK(set.empty());
        CHECK(set.known_count() == 0);
        CHECK(set.time_window(at(2000, 1, 1), at(2030, 1, 1)).empty());
    }
}

TEST_CASE("time windows find every span that overlaps, long ones included", "[core][incident_set]") {
    IncidentSet set(std::vector<Incident>{
        make("year-2021", TimeSpan::year(2021y)),
        make("dec-2021", TimeSpan::month(2021y / December)),
        make("minute-jan-5", TimeSpan::exact(at(2022, 1, 5, 23, 59))),
        make("night-jan-5", TimeSpan::part_of_day(2022y / January / 5, PartOfDay::night)),  // 22:00 to 06:00
        make("week-jan-3", TimeSpan::week(2022y / January / 5)),                            // Mon 3 to Mon 10
        make("day-jan-6", TimeSpan::day(2022y / January / 6)),
        make("minute-jan-6", TimeSpan::exact(at(2022, 1, 6, 12, 0))),
        make("days-jan-6-8", TimeSpan::days(2022y / January / 6, 2022y / January / 8)),
        make("decade", TimeSpan::between(at(2015, 1, 1), at(2025, 1, 1), TimePrecision::year)),
        make("unknown", TimeSpan::unknown()),
    });

    SECTION("a day overlaps the long spans that started long before") {
        CHECK(ids(set, set.time_window(at(2022, 1, 6), at(2022, 1, 7))) ==
              std::vector<std::string>{"decade", "week-jan-3", "night-jan-5", "day-jan-6", "days-jan-6-8", "minute-jan-6"});
    }
    SECTION("half-open bounds: a span ending at the window's start is out, one starting at its end is out") {
        // day-jan-6 is [6 Jan 00:00, 7 Jan 00:00): the window [7 Jan, 8 Jan) does not touch it.
        CHECK(ids(set, set.time_window(at(2022, 1, 7), at(2022, 1, 8))) ==
              std::vector<std::string>{"decade", "week-jan-3", "days-jan-6-8"});
        // minute-jan-5 is [23:59, 00:00): a window ending at 23:59 does not contain it.
        const auto before = ids(set, set.time_window(at(2022, 1, 5, 23, 0), at(2022, 1, 5, 23, 59)));
        CHECK(std::find(before.begin(), before.end(), "minute-jan-5") == before.end());
        CHECK(std::find(before.begin(), before.end(), "night-jan-5") != before.end());
    }
    SECTION("a window inside 2021 finds the year and the decade") {
        CHECK(ids(set, set.time_window(at(2021, 6, 1), at(2021, 6, 2))) == std::vector<std::string>{"decade", "year-2021"});
        CHECK(ids(set, set.time_window(at(2021, 12, 31), at(2022, 1, 1))) ==
              std::vector<std::string>{"decade", "year-2021", "dec-2021"});
    }
    SECTION("empty and reversed windows find nothing; unknown times are never found") {
        CHECK(set.time_window(at(2022, 1, 6), at(2022, 1, 6)).empty());
        CHECK(set.time_window(at(2022, 1, 7), at(2022, 1, 6)).empty());
        CHECK(set.time_window(TimeSpan::Seconds::min(), TimeSpan::Seconds::max()).size() == 9);
    }
    SECTION("starting_in is the contiguous range of starts") {
        const auto r = set.starting_in(at(2022, 1, 5), at(2022, 1, 6, 12, 0));
        CHECK(ids(set, {r.begin, r.begin + 1, r.begin + 2, r.begin + 3}) ==
              std::vector<std::string>{"night-jan-5", "minute-jan-5", "day-jan-6", "days-jan-6-8"});
        CHECK(r.size() == 4);
        CHECK(set.starting_in(at(2030, 1, 1), at(2031, 1, 1)).empty());
        CHECK(set.starting_in(at(2022, 1, 7), at(2022, 1, 6)).empty());
    }
    SECTION("the reusable-buffer form clears what was there") {
        std::vector<std::size_t> out{99, 98};
        set.time_window(at(2021, 6, 1), at(2021, 6, 2), out);
        CHECK(out.size() == 2);
    }
}

TEST_CASE("time windows agree with a linear scan on random spans", "[core][incident_set]") {
    std::mt19937 rng(20220106);
    std::uniform_int_distribution<int> day_of(0, 3 * 365);
    std::uniform_int_distribution<int> kind(0, 9);
    std::uniform_int_distribution<int> minute_of(0, 24 * 60 - 1);
    const auto origin = sys_days{2020y / January / 1};
    std::vector<Incident> input;
    for (int i = 0; i < 3000; ++i) {
        const year_month_day d{origin + days{day_of(rng)}};
        TimeSpan t;
        switch (kind(rng)) {
            case 0: t = TimeSpan::year(d.year()); break;
            case 1: t = TimeSpan::month(d.year() / d.month()); break;
            case 2: t = TimeSpan::week(d); break;
            case 3: t = TimeSpan::days(d, year_month_day{sys_days{d} + days{minute_of(rng) % 20}}); break;
            case 4: t = TimeSpan::part_of_day(d, static_cast<PartOfDay>(minute_of(rng) % 4)); break;
            case 5: t = TimeSpan::unknown(); break;
            case 6: case 7: t = TimeSpan::exact(TimeSpan::Seconds{sys_days{d}} + minutes{minute_of(rng)}); break;
            default: t = TimeSpan::day(d); break;
        }
        input.push_back(make(std::to_string(i), t));
    }
    const IncidentSet set(input);
    for (int q = 0; q < 300; ++q) {
        // One query in ten begins before every start: the prefix path (accumulate mode).
        const auto from = q % 10 == 0 ? TimeSpan::Seconds{origin - days{1}}
                                      : TimeSpan::Seconds{origin + days{day_of(rng)}} + minutes{minute_of(rng)};
        const auto to = from + minutes{1 + minute_of(rng) * (q % 3 == 0 ? 40 : 1)} + days{q % 10 == 0 ? day_of(rng) : 0};
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < set.size(); ++i)
            if (set.time(i).overlaps(from, to)) expected.push_back(i);
        REQUIRE(set.time_window(from, to) == expected);
    }
}

TEST_CASE("TextColumn keeps texts end to end and moves, permutes and joins them like a vector", "[core][incident_set]") {
    // Each operation checked against std::vector<std::string> doing the same, on random texts (empty ones too).
    std::mt19937 rng(7);
    auto text = [&] {
        std::string s(rng() % 6, 'a');
        for (char& c : s) c = static_cast<char>('a' + rng() % 26);
        return s;
    };
    TextColumn column;
    std::vector<std::string> model;
    auto same = [&] {
        REQUIRE(column.size() == model.size());
        for (std::size_t i = 0; i < model.size(); ++i) REQUIRE(column[i] == model[i]);
    };
    for (int i = 0; i < 40; ++i) {
        model.push_back(text());
        column.push_back(model.back());
    }
    same();
    for (int round = 0; round < 200; ++round) {
        const std::size_t from = rng() % model.size(), to = rng() % model.size();
        column.move(from, to);
        std::string moved = model[from];
        model.erase(model.begin() + static_cast<std::ptrdiff_t>(from));
        model.insert(model.begin() + static_cast<std::ptrdiff_t>(to), moved);
        same();
    }
    std::vector<std::uint32_t> order(model.size());
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), rng);
    column.permute(order);
    std::vector<std::string> permuted;
    for (std::uint32_t i : order) permuted.push_back(model[i]);
    model = permuted;
    same();

    TextColumn more;
    for (const char* s : {"", "x", "Алматы"}) {
        more.push_back(s);
        model.emplace_back(s);
    }
    column.append(std::move(more));
    CHECK(more.empty());
    same();
    column.pop_back();
    model.pop_back();
    same();
}

TEST_CASE("a set built in parts is the set made at once", "[core][incident_set]") {
    // Parts of random sizes, joined, sorted once: the same incidents in the same order as IncidentSet(all), equal
    // starts in the order given.
    std::mt19937 rng(11);
    std::vector<Incident> all;
    for (int n = 0; n < 500; ++n) {
        Incident in = make("i" + std::to_string(n), n % 17 == 0 ? TimeSpan::unknown() : TimeSpan::day(2022y / January / (1 + rng() % 9)));
        in.actors = n % 3 == 0 ? std::vector<std::string>{} : std::vector<std::string>{"A" + std::to_string(n), "", "B"};
        in.actors.erase(std::remove(in.actors.begin(), in.actors.end(), ""), in.actors.end());
        in.quote = std::string(n % 50, 'q');
        all.push_back(in);
    }
    std::vector<IncidentSet::Builder> parts;
    for (std::size_t i = 0; i < all.size();) {
        const std::size_t n = std::min<std::size_t>(1 + rng() % 80, all.size() - i);
        IncidentSet::Builder part;
        for (std::size_t k = 0; k < n; ++k) part.add(all[i + k]);
        parts.push_back(std::move(part));
        i += n;
    }
    const IncidentSet built = IncidentSet::Builder::joined(std::move(parts)).take();
    const IncidentSet at_once(all);
    REQUIRE(built.size() == at_once.size());
    CHECK(built.known_count() == at_once.known_count());
    for (std::size_t i = 0; i < built.size(); ++i) REQUIRE(built.incident(i) == at_once.incident(i));

    // A set added to another: the same as one set of both.
    const std::span<const Incident> whole(all);
    IncidentSet first(whole.first(200));
    first.add(IncidentSet(whole.subspan(200)));
    for (std::size_t i = 0; i < first.size(); ++i) REQUIRE(first.incident(i) == at_once.incident(i));

    // A bad incident is refused by the builder, which keeps nothing of it.
    IncidentSet::Builder b;
    Incident bad = make("bad", TimeSpan::day(2022y / January / 1));
    bad.fatalities = -1;
    CHECK_THROWS_AS(b.add(bad), InvalidIncident);
    CHECK(b.size() == 0);
}
