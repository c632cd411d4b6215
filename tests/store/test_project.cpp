#include "store/project.hpp"

#include "core/error.hpp"
#include "core/io/incident_io.hpp"

#include "../skip.hpp"
#include "../temp_dir.hpp"
#include "postgis.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <numeric>
#include <random>

using namespace incidentmap;
using namespace std::chrono;
using incidentmap::test::TempDir;

namespace {

constexpr year_month_day kJan5{year{2022}, January, day{5}};

store::SourceRecord source(const std::string& text, const std::string& location, std::optional<year_month_day> published) {
    store::SourceRecord s;
    s.checksum = store::source_checksum(text);
    s.location = location;
    s.title = "Title of " + location;
    s.outlet = "Outlet";
    s.language = "en";
    s.published = published;
    return s;
}

store::Reading reading(const store::SourceRecord& s, int n, double lat, double lon, double radius_m, std::optional<int> killed) {
    store::Reading r;
    r.source_id = s.checksum;
    r.published = s.published;
    core::Incident& in = r.incident;
    in.id = s.checksum.substr(0, 12) + "-" + std::to_string(n);
    in.source = s.location;
    in.time = core::TimeSpan::day(kJan5);
    in.event_type = core::EventType::riots;
    in.sub_event_type = "Violent demonstration";
    in.violent = true;
    in.severity = killed ? core::Severity::fatal : core::Severity::violent;
    in.fatalities = killed;
    in.location = core::LatLon::degrees(lat, lon);
    in.uncertainty_m = core::Meters(radius_m);
    in.geo_precision = 1;
    in.place_name = "Almaty";
    in.quote = "Rioters clashed with police (" + s.location + ").";
    in.source_span = core::CodePointSpan{0, 40};
    in.mention_span = core::CodePointSpan{3, 9};
    in.language = "en";
    in.confidence = 0.5;
    return r;
}

// Two reports of one riot in Almaty and one of a riot in Aktobe on the same day.
store::Batch three_reports() {
    store::Batch b;
    b.sources.push_back(source("first text", "a.txt", year_month_day{year{2022}, January, day{6}}));
    b.sources.push_back(source("second text", "b.html", year_month_day{year{2022}, January, day{7}}));
    b.sources.push_back(source("third text", "c.txt", std::nullopt));
    b.readings.push_back(reading(b.sources[0], 1, 43.25667, 76.92861, 10'000, 8));
    b.readings.push_back(reading(b.sources[1], 1, 43.23833, 76.94528, 100, 12));
    b.readings.push_back(reading(b.sources[2], 1, 50.2839, 57.1670, 10'000, std::nullopt));
    for (auto& s : b.sources) s.readings = 1;
    return b;
}

void check_project(const std::string& target) {
    {
        auto project = store::Project::open(target, true);
        const store::BatchResult r = project.add(three_reports());
        CHECK(r.sources_added == 3);
        CHECK(r.readings_added == 3);
        CHECK(r.incidents == 2);
    }
    // Reopened: everything is there, as it was given.
    auto project = store::Project::open(target, false);
    const auto batch = three_reports();
    auto sources = project.sources();
    REQUIRE(sources.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(sources[i].checksum == batch.sources[i].checksum);
        CHECK(sources[i].location == batch.sources[i].location);
        CHECK(sources[i].title == batch.sources[i].title);
        CHECK(sources[i].published == batch.sources[i].published);
        CHECK(sources[i].readings == 1);
        CHECK(sources[i].ingested_at.size() == 20);
    }
    const auto readings = project.readings();
    REQUIRE(readings.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(readings[i] == batch.readings[i]);

    auto incidents = project.incidents();
    REQUIRE(incidents.size() == 2);
    const auto& almaty = incidents[0].sources.size() == 2 ? incidents[0] : incidents[1];
    CHECK(almaty.sources == std::vector<std::string>{batch.sources[1].checksum, batch.sources[0].checksum});
    CHECK(almaty.readings == std::vector<std::string>{batch.readings[1].incident.id, batch.readings[0].incident.id});
    CHECK(almaty.incident.fatalities == 12);
    CHECK(almaty.fatalities_low == 8);
    CHECK(almaty.fatalities_high == 12);
    CHECK_THAT(almaty.reconciliation, Catch::Contains("most recent"));
    CHECK(almaty.incident.source == "b.html; a.txt");
    // What the inspector lists: each reading, best first, with the source it came from.
    const auto listed = project.readings_of(almaty.incident.id);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].reading == batch.readings[1]);
    CHECK(listed[0].source.location == "b.html");
    CHECK(listed[1].source.checksum == batch.sources[0].checksum);
    CHECK(project.readings_of("no-such-incident").empty());

    // Re-ingesting the same sources changes nothing.
    const store::BatchResult again = project.add(three_reports());
    CHECK(again.sources_added == 0);
    CHECK(again.sources_known == 3);
    CHECK(again.readings_added == 0);
    CHECK(project.sources().size() == 3);
    CHECK(project.readings().size() == 3);
    CHECK(project.incidents().size() == 2);

    // Without merging, one incident per reading; merging again brings them back together.
    project.add({}, store::MergeOptions{.merge = false});
    CHECK(project.incidents().size() == 3);
    project.add({});
    CHECK(project.incidents().size() == 2);
}

}  // namespace

TEST_CASE("a GeoPackage project keeps sources, readings and merged incidents, and re-ingesting changes nothing", "[store]") {
    TempDir dir;
    check_project((dir / "events.gpkg").string());
    // The incidents are the GeoPackage's first layer: read_incidents, the viewer and render open the project as a file.
    const auto set = core::io::read_incidents(dir / "events.gpkg");
    CHECK(set.size() == 2);
}

TEST_CASE("a PostGIS project keeps sources, readings and merged incidents, and re-ingesting changes nothing", "[store][postgis]") {
    std::string why_not;
    auto* server = test::PostgisServer::get(why_not);
    if (!server) INCIDENTMAP_SKIP(why_not);
    check_project(server->create_database());
}

TEST_CASE("a project that is not there, or a file of other tables, is refused with its name", "[store]") {
    TempDir dir;
    CHECK_THROWS_AS(store::Project::open((dir / "missing.gpkg").string(), false), core::InputError);
    CHECK(!std::filesystem::exists(dir / "missing.gpkg"));
    // A GeoPackage of incidents that is no project (written by `extract -o`) is not written over.
    const auto path = dir / "plain.gpkg";
    core::io::write_incidents(core::IncidentSet{}, path);
    try {
        store::Project::open(path.string(), true);
        FAIL("opened a GeoPackage that is no project");
    } catch (const core::InputError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("plain.gpkg") && Catch::Contains("not an incidentmap project"));
    }
}

TEST_CASE("a batch that fails leaves the project as it was", "[store]") {
    TempDir dir;
    const std::string target = (dir / "events.gpkg").string();
    auto project = store::Project::open(target, true);
    project.add(three_reports());
    // A reading whose text is not UTF-8 is refused by GDAL's writer... the project must not change either way.
    store::Batch bad;
    bad.sources.push_back(source("fourth text", "d.txt", kJan5));
    auto r = reading(bad.sources[0], 1, 43.25, 76.93, 100, 1);
    r.incident.fatalities = -1;  // breaks the incident rules: the readings reader refuses it on the way back
    bad.readings.push_back(r);
    CHECK_THROWS(project.add(bad));
    auto reopened = store::Project::open(target, false);
    CHECK(reopened.sources().size() == 3);
    CHECK(reopened.readings().size() == 3);
    CHECK(reopened.incidents().size() == 2);
    // And the project still takes good batches afterwards.
    store::Batch good;
    good.sources.push_back(source("fifth text", "e.txt", kJan5));
    good.readings.push_back(reading(good.sources[0], 1, 43.25667, 76.92861, 10'000, 3));
    CHECK(project.add(good).sources_added == 1);
    CHECK(project.incidents().size() == 2);
    CHECK(project.readings().size() == 4);
}

namespace {

// Reports of 30 events (riots, protests and battles in and around three cities over twelve days) by 80 sources, each
// telling one to three of them with its own place precision, figures and publication day, and some readings that
// join nothing (no time). The same seed gives the same batch.
store::Batch many_reports(unsigned seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    struct Event {
        double lat, lon;
        int day;
        core::EventType type;
    };
    constexpr double kCities[3][2] = {{43.25667, 76.92861}, {50.2839, 57.1670}, {51.1694, 71.4491}};
    const core::EventType kTypes[3] = {core::EventType::riots, core::EventType::protests, core::EventType::battles};
    std::vector<Event> events;
    for (int e = 0; e < 30; ++e) {
        const auto& c = kCities[pick(3)];
        events.push_back({c[0] + (pick(200) - 100) * 1e-4, c[1] + (pick(200) - 100) * 1e-4, pick(12), kTypes[pick(3)]});
    }
    const double kRadii[] = {100, 2'000, 10'000, 10'000, 1'000'000};
    store::Batch b;
    for (int s = 0; s < 80; ++s) {
        b.sources.push_back(source("report " + std::to_string(s), "r" + std::to_string(s) + ".txt",
                                   year_month_day{year{2022}, January, day{static_cast<unsigned>(5 + pick(20))}}));
        const int told = 1 + pick(3);
        for (int n = 0; n < told; ++n) {
            const Event& e = events[static_cast<std::size_t>(pick(30))];
            auto r = reading(b.sources.back(), n, e.lat + (pick(20) - 10) * 1e-4, e.lon, kRadii[pick(5)],
                             pick(3) ? std::optional<int>(pick(15)) : std::nullopt);
            r.incident.time = core::TimeSpan::day(sys_days(kJan5) + days(e.day));
            r.incident.event_type = e.type;
            r.incident.sub_event_type.clear();
            if (pick(10) == 0) r.incident.time = {};  // joins nothing
            b.readings.push_back(std::move(r));
        }
        b.sources.back().readings = told;
    }
    return b;
}

void check_same(const std::vector<store::StoredIncident>& a, const std::vector<store::StoredIncident>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("incident " << i << " " << a[i].incident.id);
        CHECK(a[i].incident == b[i].incident);
        CHECK(a[i].sources == b[i].sources);
        CHECK(a[i].readings == b[i].readings);
        CHECK(a[i].fatalities_low == b[i].fatalities_low);
        CHECK(a[i].fatalities_high == b[i].fatalities_high);
        CHECK(a[i].reconciliation == b[i].reconciliation);
    }
}

}  // namespace

// `target(name)` gives a new project's place.
template <class Target>
void check_batches(Target target) {
    const store::Batch all = many_reports(7);
    auto whole = store::Project::open(target("whole"), true);
    whole.add(all);
    const auto reference = whole.incidents();
    CHECK(reference.size() == store::merge_readings(all.readings).size());
    CHECK(reference.size() < all.readings.size() - 20);  // the events were told by several sources

    for (unsigned order = 1; order <= 3; ++order) {
        INFO("order " << order);
        std::vector<std::size_t> sources(all.sources.size());
        std::iota(sources.begin(), sources.end(), std::size_t{0});
        std::mt19937 rng(order);
        std::shuffle(sources.begin(), sources.end(), rng);
        auto project = store::Project::open(target("batches" + std::to_string(order)), true);
        for (std::size_t b = 0; b < sources.size();) {
            const std::size_t size = 1 + rng() % 12;
            store::Batch batch;
            for (; b < sources.size() && batch.sources.size() < size; ++b) {
                const auto& s = all.sources[sources[b]];
                batch.sources.push_back(s);
                for (const auto& r : all.readings)
                    if (r.source_id == s.checksum) batch.readings.push_back(r);
            }
            project.add(batch);
        }
        check_same(project.incidents(), reference);
    }

    // Unmerged and merged again: the same once more.
    whole.add({}, store::MergeOptions{.merge = false});
    CHECK(whole.incidents().size() == all.readings.size());
    whole.add({});
    check_same(whole.incidents(), reference);
}

TEST_CASE("a project merged batch by batch, in any order, holds the incidents of one merge of every reading", "[store]") {
    TempDir dir;
    check_batches([&](const std::string& name) { return (dir / (name + ".gpkg")).string(); });
}

TEST_CASE("a PostGIS project merged batch by batch holds the incidents of one merge of every reading", "[store][postgis]") {
    std::string why_not;
    auto* server = test::PostgisServer::get(why_not);
    if (!server) INCIDENTMAP_SKIP(why_not);
    check_batches([&](const std::string&) { return server->create_database(); });
}

namespace {

// An analyst corrects the Almaty riot (moved to the akimat, 10 killed); later reports of the same riot merge into it
// and it stays as corrected; a no-merge pass and a merge again keep it too; an unknown id is returned.
void check_corrections(const std::string& target) {
    auto project = store::Project::open(target, true);
    project.add(three_reports());
    auto incidents = project.incidents();
    const auto almaty = std::find_if(incidents.begin(), incidents.end(), [](const auto& s) { return s.sources.size() == 2; });
    REQUIRE(almaty != incidents.end());
    core::Incident corrected = almaty->incident;
    corrected.location = core::LatLon::degrees(43.2380, 76.9455);
    corrected.fatalities = 10;
    corrected.place_name = "Akimat of Almaty";
    core::Incident unknown = corrected;
    unknown.id = "no-such-incident";
    const store::CorrectionResult r = project.correct(std::vector<core::Incident>{corrected, unknown});
    CHECK(r.applied == 1);
    CHECK(r.unknown == std::vector<std::string>{"no-such-incident"});
    corrected.manual_correction = true;

    auto find = [&](const std::string& id) {
        for (auto& s : project.incidents())
            if (s.incident.id == id) return std::optional<store::StoredIncident>(s);
        return std::optional<store::StoredIncident>();
    };
    const auto now = find(corrected.id);
    REQUIRE(now);
    CHECK(now->incident == corrected);
    CHECK(now->sources == almaty->sources);  // its provenance stays
    const auto kept = project.corrections();
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].incident == corrected);
    CHECK(kept[0].corrects == almaty->readings.front());
    CHECK(kept[0].corrected_at.size() == 20);

    // A later report of the same riot, with another toll: merged into the incident, which stays as corrected.
    store::Batch later;
    later.sources.push_back(source("fourth text", "d.txt", year_month_day{year{2022}, January, day{8}}));
    later.readings.push_back(reading(later.sources[0], 1, 43.2390, 76.9450, 100, 30));
    later.sources[0].readings = 1;
    CHECK(project.add(later).incidents == 2);
    const auto merged = find(corrected.id);
    REQUIRE(merged);
    CHECK(merged->incident == corrected);
    CHECK(merged->sources.size() == 3);

    // Every reading its own incident, then merged again: the corrected reading's incident is the correction.
    project.add({}, store::MergeOptions{.merge = false});
    const auto alone = find(corrected.id);
    REQUIRE(alone);
    CHECK(alone->incident == corrected);
    project.add({});
    CHECK(find(corrected.id)->incident == corrected);
    CHECK(project.incidents().size() == 2);

    // Reopened, the same.
    auto again = store::Project::open(target, false);
    CHECK(again.corrections() == kept);
}

}  // namespace

TEST_CASE("an analyst's corrections stay in a GeoPackage project through later merges", "[store]") {
    TempDir dir;
    check_corrections((dir / "events.gpkg").string());
}

TEST_CASE("an analyst's corrections stay in a PostGIS project through later merges", "[store][postgis]") {
    std::string why_not;
    auto* server = test::PostgisServer::get(why_not);
    if (!server) INCIDENTMAP_SKIP(why_not);
    check_corrections(server->create_database());
}
