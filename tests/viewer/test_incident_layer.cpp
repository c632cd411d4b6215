// The incident layer's model: what the filter keeps and counts, how markers fold and cull, the words for times and
// intervals, and the rendered map: each incident in its severity colour where it lies, gone when its severity is off.

#include "core/error.hpp"
#include "core/io/rgba_image.hpp"
#include "viewer/incident_filter.hpp"
#include "viewer/incident_layer.hpp"
#include "viewer/incident_markers.hpp"
#include "viewer/incident_text.hpp"
#include "viewer/incident_files.hpp"
#include "viewer/map_render.hpp"
#include "viewer/panels/inspector_panel.hpp"

#include "tests/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>

using namespace incidentmap;
using namespace std::chrono;
using core::Incident;
using core::Severity;
using core::TimeSpan;

namespace {

Incident make(std::string id, double lat, double lon, TimeSpan time, Severity severity,
              std::optional<core::EventType> type = core::EventType::riots) {
    Incident in;
    in.id = std::move(id);
    in.location = core::LatLon::degrees(lat, lon);
    in.time = time;
    in.severity = severity;
    in.event_type = type;
    return in;
}

TimeSpan on_day(int d) { return TimeSpan::day(2022y / January / d); }
TimeSpan::Seconds at(int d, int h = 0) { return TimeSpan::Seconds{sys_days{2022y / January / d}} + hours{h}; }

std::vector<std::string> ids(const core::IncidentSet& set, std::span<const std::uint32_t> indices) {
    std::vector<std::string> out;
    for (auto i : indices) out.emplace_back(set.id(i));
    return out;
}

}  // namespace

TEST_CASE("an incident without a location is counted and listed, not drawn", "[viewer][incident_filter]") {
    Incident nowhere = make("nowhere", 0, 0, on_day(4), Severity::disruptive);
    nowhere.location.reset();
    const core::IncidentSet set(std::vector<Incident>{make("here", 43.2, 76.9, on_day(3), Severity::violent), nowhere});
    viewer::FilteredIncidents f;
    viewer::IncidentFilter filter;
    f.update(set, filter);
    CHECK(ids(set, f.indices()) == std::vector<std::string>{"here"});
    CHECK(ids(set, f.unlocated()) == std::vector<std::string>{"nowhere"});
    CHECK(f.counts().shown == 2);
    CHECK(f.counts().unlocated == 1);
    CHECK(f.counts().by_severity[static_cast<std::size_t>(core::rank(Severity::disruptive))] == 1);
    filter.severity[static_cast<std::size_t>(core::rank(Severity::disruptive))] = false;
    f.update(set, filter);
    CHECK(f.unlocated().empty());
}

TEST_CASE("the filter keeps what overlaps the time shown and counts each facet under the other filters", "[viewer][incident_filter]") {
    const core::IncidentSet set(std::vector<Incident>{
        make("d3", 43.2, 76.9, on_day(3), Severity::disruptive),
        make("d5", 43.2, 76.9, on_day(5), Severity::violent),
        make("d6-evening", 43.2, 76.9, TimeSpan::part_of_day(2022y / January / 6, core::PartOfDay::evening), Severity::fatal,
             core::EventType::battles),
        make("month", 43.2, 76.9, TimeSpan::month(2022y / January), Severity::injuries, std::nullopt),
        make("undated", 43.2, 76.9, TimeSpan::unknown(), Severity::fatal),
    });
    viewer::FilteredIncidents f;
    viewer::IncidentFilter filter;

    SECTION("no time filter: everything, the undated incident too") {
        f.update(set, filter);
        CHECK(f.counts().shown == 5);
        CHECK(f.counts().by_severity[4] == 2);
    }
    SECTION("a window shows incidents while it overlaps them: a day incident all day, the month all month") {
        filter.mode = viewer::TimeMode::window;
        filter.window = hours{6};
        filter.time = at(5, 23);
        f.update(set, filter);
        CHECK(ids(set, f.indices()) == std::vector<std::string>{"month", "d5"});
        filter.time = at(6, 20);
        f.update(set, filter);
        CHECK(ids(set, f.indices()) == std::vector<std::string>{"month", "d6-evening"});
    }
    SECTION("accumulate shows everything that began before the slider") {
        filter.mode = viewer::TimeMode::accumulate;
        filter.time = at(5, 12);
        f.update(set, filter);
        CHECK(ids(set, f.indices()) == std::vector<std::string>{"month", "d3", "d5"});
    }
    SECTION("switches hide, counts still tell what a switch would bring back") {
        filter.severity[core::rank(Severity::fatal)] = false;
        filter.event_type[viewer::kEventTypeSlots - 1] = false;  // unknown type: "month"
        f.update(set, filter);
        CHECK(ids(set, f.indices()) == std::vector<std::string>{"d3", "d5"});
        CHECK(f.counts().by_severity[core::rank(Severity::fatal)] == 2);
        CHECK(f.counts().by_event_type[viewer::kEventTypeSlots - 1] == 1);
        CHECK(f.counts().in_time == 5);
        CHECK(f.counts().shown == 2);
    }
    SECTION("a count follows the other facet's switches: Battles off, the battle's fatal incident is not counted") {
        filter.event_type[static_cast<std::size_t>(core::EventType::battles)] = false;
        f.update(set, filter);
        CHECK(f.counts().by_severity[core::rank(Severity::fatal)] == 1);  // "undated" alone
        CHECK(f.counts().by_event_type[static_cast<std::size_t>(core::EventType::battles)] == 1);  // still told
        filter.severity[core::rank(Severity::fatal)] = false;
        f.update(set, filter);
        CHECK(f.counts().by_event_type[static_cast<std::size_t>(core::EventType::battles)] == 0);
        CHECK(f.counts().by_severity[core::rank(Severity::fatal)] == 1);
    }
}

TEST_CASE("markers fold incidents that would overlap and cull those out of view", "[viewer][incident_markers]") {
    const core::IncidentSet set(std::vector<Incident>{
        make("almaty-a", 43.2380, 76.9458, on_day(5), Severity::violent),
        make("almaty-b", 43.2385, 76.9460, on_day(6), Severity::fatal),
        make("astana", 51.13, 71.43, on_day(4), Severity::disruptive),
        make("paris", 48.85, 2.35, on_day(4), Severity::fatal),
    });
    viewer::MercatorPoints points;
    points.assign(set.locations());
    const std::vector<std::uint32_t> all{0, 1, 2, 3};
    viewer::MarkerBuilder builder;
    const viewer::MapCamera kz = viewer::camera_for({core::LatLon::degrees(40, 60), core::LatLon::degrees(55, 85)}, 1000, 700);
    const auto markers = builder.build(points, all, set, kz);

    REQUIRE(markers.size() == 2);  // Paris is out of view
    // Least grave first: Astana (disruptive), then the Almaty cluster (its gravest is fatal).
    CHECK(markers[0].count == 1);
    CHECK(set.id(markers[0].first) == "astana");
    CHECK(markers[1].count == 2);
    CHECK(markers[1].severity == Severity::fatal);
    CHECK(markers[1].by_severity[core::rank(Severity::violent)] == 1);
    const auto almaty = kz.to_screen(core::LatLon::degrees(43.238, 76.9459));
    CHECK(std::abs(markers[1].at.x - almaty->x) < 1.0);
    CHECK(ids(set, builder.members(markers[1], points, all)) == std::vector<std::string>{"almaty-a", "almaty-b"});

    SECTION("zoomed in to the street, the two Almaty incidents stand apart") {
        viewer::MapCamera street(1000, 700);
        street.look_at(core::LatLon::degrees(43.2382, 76.9459), 0.5);
        const auto close = builder.build(points, all, set, street);
        REQUIRE(close.size() == 2);
        CHECK(close[0].count == 1);
        CHECK(close[1].count == 1);
    }
    SECTION("a view across the antimeridian counts incidents on both sides once") {
        const core::IncidentSet pacific(std::vector<Incident>{make("fiji", -17.7, 178.4, on_day(1), Severity::violent),
                                                              make("samoa", -13.8, -172.1, on_day(1), Severity::violent)});
        viewer::MercatorPoints pp;
        pp.assign(pacific.locations());
        const std::vector<std::uint32_t> both{0, 1};
        const viewer::MapCamera cam = viewer::camera_for({core::LatLon::degrees(-25, 170), core::LatLon::degrees(-5, -165)}, 1000, 700);
        const auto m = builder.build(pp, both, pacific, cam);
        REQUIRE(m.size() == 2);
        CHECK(m[0].at.x > 0);
        CHECK(m[0].at.x < 1000);
        CHECK(m[1].at.x > 0);
        CHECK(m[1].at.x < 1000);
    }
    SECTION("many random incidents: every one in view counted exactly once") {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> lat(-60, 70), lon(-180, 180);
        std::vector<Incident> many;
        for (int i = 0; i < 5000; ++i) many.push_back(make(std::to_string(i), lat(rng), lon(rng), on_day(1), Severity::violent));
        const core::IncidentSet big(many);
        viewer::MercatorPoints bp;
        bp.assign(big.locations());
        std::vector<std::uint32_t> shown(big.size());
        for (std::uint32_t i = 0; i < shown.size(); ++i) shown[i] = i;
        viewer::MapCamera cam(1200, 800);
        cam.look_at(core::LatLon::degrees(20, 10), 20'000);
        const auto m = builder.build(bp, shown, big, cam, {.cell_px = 28, .margin_px = 0});
        std::size_t counted = 0, expected = 0;
        for (const auto& marker : m) counted += marker.count;
        const viewer::WorldBox box = cam.visible_box(0);
        for (std::uint32_t i : shown)
            if (bp.y[i] >= box.min_y && bp.y[i] <= box.max_y && bp.x[i] >= box.min_x && bp.x[i] <= box.max_x) ++expected;
        CHECK(counted == expected);
        CHECK(std::is_sorted(m.begin(), m.end(), [](const auto& a, const auto& b) { return core::rank(a.severity) < core::rank(b.severity); }));
    }
}

TEST_CASE("times and intervals are worded at their precision", "[viewer][incident_text]") {
    CHECK(viewer::describe_time(on_day(6)) == "2022-01-06");
    CHECK(viewer::describe_time(TimeSpan::part_of_day(2022y / January / 6, core::PartOfDay::evening)) == "2022-01-06 evening");
    CHECK(viewer::describe_time(TimeSpan::part_of_day(2022y / January / 6, core::PartOfDay::night)) == "2022-01-06 night");
    CHECK(viewer::describe_time(TimeSpan::exact(at(6, 18) + minutes{30})) == "2022-01-06 18:30");
    CHECK(viewer::describe_time(TimeSpan::month(2022y / January)) == "January 2022");
    CHECK(viewer::describe_time(TimeSpan::days(2022y / January / 5, 2022y / January / 7)) == "2022-01-05 to 2022-01-07");
    CHECK(viewer::describe_time(TimeSpan::unknown()) == "date unknown");
    CHECK(viewer::describe_interval(at(4), at(7)) == "2022-01-04 to 2022-01-06");
    CHECK(viewer::describe_interval(at(4), at(5)) == "2022-01-04");
    CHECK(viewer::describe_interval(at(4, 18), at(5, 6)) == "2022-01-04 18:00 to 2022-01-05 06:00");
    CHECK(viewer::describe_window(hours{24 * 7}) == "1 week");
    CHECK(viewer::describe_window(hours{6}) == "6 hours");
    CHECK(viewer::short_count(1234) == "1.2k");
}

TEST_CASE("rendered incidents take their severity colour where they lie, and go when their severity is off",
          "[viewer][render][incidents]") {
    const viewer::GeoBox box{core::LatLon::degrees(40, 60), core::LatLon::degrees(55, 85)};
    viewer::RenderOptions o;
    o.width = 1000;
    o.height = 700;
    o.bbox = box;
    o.basemap_options.gazetteer = INCIDENTMAP_DEFAULT_INDEX;
    o.incidents = core::IncidentSet(std::vector<Incident>{make("astana", 51.13, 71.43, on_day(4), Severity::disruptive),
                                                          make("shymkent", 42.3, 69.6, on_day(5), Severity::injuries)});
    const viewer::MapStyle style;
    auto color_at = [&](const core::io::RgbaImage& img, double lat, double lon) {
        const auto p = viewer::camera_for(box, o.width, o.height).to_screen(core::LatLon::degrees(lat, lon));
        REQUIRE(p);
        return img.at(static_cast<int>(p->x), static_cast<int>(p->y));
    };
    auto rgba = [](ImU32 c) {
        return core::io::Rgba{static_cast<std::uint8_t>(c & 0xFF), static_cast<std::uint8_t>((c >> 8) & 0xFF),
                              static_cast<std::uint8_t>((c >> 16) & 0xFF), 255};
    };
    const auto shown = viewer::render_map(o);
    CHECK(color_at(shown.image, 51.13, 71.43) == rgba(style.severity[core::rank(Severity::disruptive)]));
    CHECK(color_at(shown.image, 42.3, 69.6) == rgba(style.severity[core::rank(Severity::injuries)]));
    core::io::write_png(shown.image, "render_incidents.png");

    o.filter.severity[core::rank(Severity::injuries)] = false;
    const auto filtered = viewer::render_map(o);
    CHECK(color_at(filtered.image, 51.13, 71.43) == rgba(style.severity[core::rank(Severity::disruptive)]));
    CHECK(color_at(filtered.image, 42.3, 69.6) != rgba(style.severity[core::rank(Severity::injuries)]));
}

TEST_CASE("ACLED and UCDP tables load as published: their columns and dates, bad rows named, good rows shown",
          "[viewer][incident_files]") {
    test::TempDir dir;
    const auto acled = (dir / "acled.csv").string(), ucdp = (dir / "ged.csv").string();
    std::ofstream(acled) << "event_id_cnty,event_date,time_precision,event_type,latitude,longitude,fatalities,country,notes\n"
                            "KAZ1,06 January 2022,1,Riots,43.25,76.95,3,Kazakhstan,Clashes in Almaty\n"
                            "KAZ2,yesterday,1,Riots,43.25,76.95,3,Kazakhstan,\n"
                            "KAZ3,2022-01-07,1,Protests,43.30,76.90,,Kazakhstan,\n";
    std::ofstream(ucdp) << "id,date_start,date_end,date_prec,where_prec,latitude,longitude,country,best,low,high\n"
                           "501,2022-01-05 00:00:00.000,2022-01-05 00:00:00.000,1,1,43.24,76.94,Kazakhstan,8,5,10\n";

    const viewer::LoadedIncidents loaded = viewer::load_incident_files({acled, ucdp});
    REQUIRE(loaded.set.size() == 3);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < loaded.set.size(); ++i) ids.emplace_back(loaded.set.id(i));
    CHECK(ids == std::vector<std::string>{"501", "KAZ1", "KAZ3"});  // by date: 5, 6 and 7 January
    const Incident kaz1 = loaded.set.incident(1);
    CHECK(kaz1.time == TimeSpan::day(2022y / January / 6));
    CHECK(kaz1.fatalities == 3);
    CHECK(kaz1.quote == "Clashes in Almaty");
    CHECK(loaded.set.incident(0).fatalities == 8);
    REQUIRE(loaded.problems.size() == 1);
    CHECK_THAT(loaded.problems[0], Catch::Contains("acled.csv") && Catch::Contains("row 2") && Catch::Contains("yesterday"));
    REQUIRE(loaded.loaded.size() == 2);
    CHECK_THAT(loaded.loaded[0], Catch::Contains("2 incidents (ACLED table)"));
    CHECK_THAT(loaded.loaded[1], Catch::Contains("1 incident (UCDP GED table)"));

    // A report shows all it was asked to: the bad row fails it, named.
    try {
        viewer::load_incident_files({acled}, /*strict=*/true);
        FAIL("a table with a bad row loaded strictly");
    } catch (const core::InputError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("row 2"));
    }
}

TEST_CASE("the legend counts each incident in the picture once however many world copies it shows", "[viewer][incident_layer]") {
    viewer::IncidentLayer layer;
    layer.set_incidents(core::IncidentSet(std::vector<Incident>{make("almaty", 43.2, 76.9, on_day(3), Severity::violent),
                                                                make("fiji", -18.1, 178.4, on_day(3), Severity::fatal),
                                                                make("lima", -12.0, -77.0, on_day(3), Severity::fatal)}));
    layer.refresh();
    viewer::MapCamera wide(4000, 400);
    wide.look_at(core::LatLon::degrees(0, 0), viewer::MapCamera::kWorldWidth / 1000);
    REQUIRE(wide.visible_box().width() > 2 * viewer::MapCamera::kWorldWidth);  // the world three times and more
    auto counts = layer.counts_in_view(wide);
    CHECK(counts.drawn == 3);
    CHECK(counts.by_severity[core::rank(Severity::fatal)] == 2);
    // A box across the antimeridian holds Fiji alone.
    const auto pacific = viewer::camera_for({core::LatLon::degrees(-40, 150), core::LatLon::degrees(0, -150)}, 800, 600);
    counts = layer.counts_in_view(pacific);
    CHECK(counts.drawn == 1);
    CHECK(counts.by_severity[core::rank(Severity::fatal)] == 1);
    // Filtered out, not counted.
    layer.filter().severity[core::rank(Severity::fatal)] = false;
    layer.refresh();
    CHECK(layer.counts_in_view(wide).drawn == 1);
}

TEST_CASE("the inspector marks the mention from its span, whatever words name the place", "[viewer][inspector]") {
    core::Incident in;
    in.quote = "Le bâtiment de l'administration locale a été incendié.";
    in.source_span = core::CodePointSpan{100, 155};
    in.place_name = "Almaty City Akimat";
    in.mention_span = core::CodePointSpan{103, 138};  // "bâtiment de l'administration locale"
    auto mark = viewer::mention_in_quote(in);
    REQUIRE(mark);
    CHECK(in.quote.substr(mark->first, mark->second - mark->first) == "bâtiment de l'administration locale");
    // A mention outside the quote (the place came from the article's context): the name, if the sentence has it.
    in.mention_span = core::CodePointSpan{10, 16};
    CHECK_FALSE(viewer::mention_in_quote(in));
    in.quote = "В Новосибирске полиция задержала участников.";
    in.place_name = "Новосибирск";
    in.mention_span.reset();
    mark = viewer::mention_in_quote(in);
    REQUIRE(mark);
    CHECK(in.quote.substr(mark->first, mark->second - mark->first) == "Новосибирске");
}
