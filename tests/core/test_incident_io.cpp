#include "core/error.hpp"
#include "core/gdal.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/incident_io.hpp"
#include "core/proj.hpp"

#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <optional>
#include <tuple>

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_utils.h>

using namespace incidentmap::core;
using namespace std::chrono;
using incidentmap::test::TempDir;

namespace {

TimeSpan::Seconds at(int y, unsigned m, unsigned d, int h = 0, int mi = 0) {
    return TimeSpan::Seconds{sys_days{year{y} / month{m} / day{d}}} + hours{h} + minutes{mi};
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

OGRSpatialReference web_mercator() {
    OGRSpatialReference mercator;
    mercator.importFromEPSG(3857);
    mercator.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return mercator;
}

void spit(const std::filesystem::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::size_t files_in(const TempDir& dir) {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()));
}

// Every property set, on the evening of 5 January 2022 in Almaty.
Incident full_incident() {
    Incident in;
    in.id = "almaty-2022-01-05-akimat";
    in.time = TimeSpan::part_of_day(2022y / January / 5, PartOfDay::evening);
    in.event_type = EventType::riots;
    in.sub_event_type = "Violent demonstration";
    in.actors = {"Rioters (Kazakhstan)", "Police Forces of Kazakhstan (2019-)"};
    in.violent = true;
    in.fatalities = 0;
    in.fatalities_min = 2;
    in.injured = 748;
    in.arrested = 2300;
    in.severity = Severity::injuries;
    in.location = LatLon::degrees(43.2380, 76.9455);
    in.geo_precision = 1;
    in.uncertainty_m = Meters(150.5);
    in.place_name = "Akimat d'Almaty, place de la République";
    in.place_id = "osm:way/38427316";
    in.country = "KZ";
    in.admin1 = "Almaty";
    in.quote = "Le bâtiment de l'administration locale a été pris d'assaut et incendié « mercredi soir ».";
    in.source_span = CodePointSpan{1204, 1291};
    in.mention_span = CodePointSpan{1207, 1242};
    in.language = "fr";
    in.confidence = 0.875;
    in.source = "almaty-2022-01-06.fr.txt";
    in.manual_correction = true;
    return in;
}

// Nothing known but where it is.
Incident bare_incident(std::string id, LatLon where) {
    Incident in;
    in.id = std::move(id);
    in.location = where;
    return in;
}

// One incident per kind of time span, each with a distinct start, plus two of unknown time.
IncidentSet sample_set() {
    std::vector<Incident> v{full_incident(), bare_incident("bare", LatLon::degrees(-33.8688, 151.2093))};
    Incident day = bare_incident("day", LatLon::degrees(43.25, 76.9166667));
    day.time = TimeSpan::day(2022y / January / 6);
    day.event_type = EventType::battles;
    day.fatalities = 18;
    day.severity = Severity::fatal;
    day.actors = {"Military Forces of Kazakhstan (2019-)"};
    v.push_back(day);
    Incident exact = bare_incident("exact", LatLon::degrees(43.12345678, -0.5));  // rounds to 43.1234568
    exact.time = TimeSpan::exact(at(2022, 1, 6, 18, 30));
    exact.source_span = CodePointSpan{0, 0};
    v.push_back(exact);
    Incident week = bare_incident("week", LatLon::degrees(-89.9999999, -179.9999999));
    week.time = TimeSpan::week(2022y / January / 12);  // Monday 10 to Sunday 16
    week.event_type = EventType::strategic_developments;
    v.push_back(week);
    Incident month = bare_incident("month", LatLon::degrees(90, 180));
    month.time = TimeSpan::month(2021y / December);
    month.event_type = EventType::explosions_remote_violence;
    v.push_back(month);
    Incident year_long = bare_incident("year", LatLon::degrees(0, 0));
    year_long.time = TimeSpan::year(2020y);
    year_long.event_type = EventType::violence_against_civilians;
    v.push_back(year_long);
    Incident days = bare_incident("days", LatLon::degrees(51.5, 0.1));
    days.time = TimeSpan::days(2022y / January / 2, 2022y / January / 4);
    days.event_type = EventType::protests;
    days.actors = {"Protesters (Kazakhstan)"};
    v.push_back(days);
    Incident odd = bare_incident("odd-hours", LatLon::degrees(10, 10));  // day precision, not on midnight
    odd.time = TimeSpan::between(at(2022, 1, 7, 5), at(2022, 1, 8, 5), TimePrecision::day);
    v.push_back(odd);
    v.push_back(bare_incident("bare-2", LatLon::degrees(1, 2)));
    Incident nowhere = bare_incident("nowhere", LatLon::degrees(0, 0));  // the report names no place
    nowhere.location.reset();
    nowhere.time = TimeSpan::day(2022y / January / 7);
    v.push_back(nowhere);
    return IncidentSet(v);
}

// What a read of ReadFields::map keeps of an incident: all but the texts a map does not draw.
Incident map_fields(Incident in) {
    in.actors.clear();
    in.place_name.clear();
    in.place_id.clear();
    in.country.clear();
    in.admin1.clear();
    in.quote.clear();
    in.source_span.reset();
    in.language.clear();
    in.confidence.reset();
    in.source.clear();
    return in;
}

void require_same(const IncidentSet& a, const IncidentSet& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("incident " << i << " (" << a.id(i) << ")");
        CHECK(a.incident(i) == b.incident(i));
    }
}

std::string feature(const std::string& properties,
                    const std::string& geometry = R"({"type":"Point","coordinates":[76.9455,43.238]})") {
    return R"({"type":"Feature","geometry":)" + geometry + R"(,"properties":)" + properties + "}";
}

std::string collection(const std::vector<std::string>& features, const std::string& extra = "") {
    std::string s = R"({"type":"FeatureCollection",)" + extra + R"("features":[)";
    for (std::size_t i = 0; i < features.size(); ++i) s += (i ? ",\n" : "\n") + features[i];
    return s + "\n]}\n";
}

}  // namespace

TEST_CASE("GeoJSON round trip keeps every property, nulls stay null", "[core][incident_io]") {
    TempDir dir;
    const IncidentSet set = sample_set();
    const auto path = dir / "incidents.geojson";
    io::write_incidents(set, path);
    CHECK(files_in(dir) == 1);  // no temporary left
    require_same(io::read_incidents(path), set);

    const std::string text = slurp(path);
    SECTION("RFC 7946: [lon, lat], at most 7 decimals, no crs") {
        CHECK_THAT(text, Catch::StartsWith(R"({"type":"FeatureCollection","features":[)"));
        CHECK_THAT(text, Catch::Contains(R"("coordinates":[76.9455,43.238])"));
        CHECK_THAT(text, Catch::Contains(R"("coordinates":[-0.5,43.1234568])"));
        CHECK_THAT(text, Catch::Contains(R"("coordinates":[-179.9999999,-89.9999999])"));
        CHECK_THAT(text, Catch::Contains(R"("coordinates":[180,90])"));
        CHECK_THAT(text, !Catch::Contains("crs"));
    }
    SECTION("the full incident in the contract's order") {
        CHECK_THAT(text, Catch::Contains(
            R"j({"type":"Feature","id":"almaty-2022-01-05-akimat","geometry":{"type":"Point","coordinates":[76.9455,43.238]},)j"
            R"j("properties":{"id":"almaty-2022-01-05-akimat","date_start":"2022-01-05T18:00:00","date_end":"2022-01-06T00:00:00",)j"
            R"j("time_precision":"part_of_day","event_type":"Riots","sub_event_type":"Violent demonstration",)j"
            R"j("actors":["Rioters (Kazakhstan)","Police Forces of Kazakhstan (2019-)"],"violent":true,"fatalities":0,)j"
            R"j("fatalities_min":2,"injured":748,"arrested":2300,"severity":3,"geo_precision":1,"uncertainty_m":150.5,)j"
            R"j("place_name":"Akimat d'Almaty, place de la République","place_id":"osm:way/38427316","country":"KZ",)j"
            R"j("admin1":"Almaty","quote":"Le bâtiment de l'administration locale a été pris d'assaut et incendié « mercredi soir ».",)j"
            R"j("source_span":[1204,1291],"language":"fr","confidence":0.875,"source":"almaty-2022-01-06.fr.txt",)j"
            R"j("manual_correction":true,"mention_span":[1207,1242]}})j"));
    }
    SECTION("unknown values are null, not 0 or empty") {
        CHECK_THAT(text, Catch::Contains(
            R"("properties":{"id":"bare","date_start":null,"date_end":null,"time_precision":"unknown","event_type":null,)"
            R"("sub_event_type":null,"actors":[],"violent":false,"fatalities":null,"fatalities_min":null,"injured":null,)"
            R"("arrested":null,"severity":0,"geo_precision":null,"uncertainty_m":null,"place_name":null,"place_id":null,)"
            R"("country":null,"admin1":null,"quote":null,"source_span":null,"language":null,"confidence":null,"source":null,)"
            R"("manual_correction":false,"mention_span":null})"));
    }
    SECTION("dates at the precision of the span: whole days inclusive, instants exclusive") {
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2022-01-06","date_end":"2022-01-06","time_precision":"day")"));
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2022-01-06T18:30:00","date_end":"2022-01-06T18:31:00","time_precision":"exact")"));
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2022-01-10","date_end":"2022-01-16","time_precision":"week")"));
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2021-12-01","date_end":"2021-12-31","time_precision":"month")"));
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2020-01-01","date_end":"2020-12-31","time_precision":"year")"));
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2022-01-02","date_end":"2022-01-04","time_precision":"day")"));
        CHECK_THAT(text, Catch::Contains(R"("date_start":"2022-01-07T05:00:00","date_end":"2022-01-08T05:00:00","time_precision":"day")"));
    }
    SECTION("one feature per line") {
        CHECK(std::count(text.begin(), text.end(), '\n') == static_cast<long>(set.size()) + 2);
    }
}

TEST_CASE("a GeoJSON file is read as GeoJSON whatever its texts quote (found by fuzz/fuzz_incident_file)", "[core][incident_io]") {
    // GDAL's content sniffing alone gives a file whose first bytes hold "<kml" to the KML driver.
    TempDir dir;
    IncidentSet set;
    Incident i;
    i.id = "a";
    i.location = LatLon::degrees(43.2, 76.9);
    i.quote = "<kml xmlns=\"http://www.opengis.net/kml/2.2\"> was quoted";
    set.add(i);
    const auto path = dir / "quoted.geojson";
    io::write_incidents(set, path);
    require_same(io::read_incidents(path), set);
}

TEST_CASE("GeoJSON to a stream: one line for the batch interface", "[core][incident_io]") {
    const std::vector<Incident> incidents{full_incident(), bare_incident("b", LatLon::degrees(1, 2))};
    std::ostringstream out;
    io::write_geojson(out, incidents, io::GeoJsonLayout::single_line);
    const std::string s = out.str();
    CHECK(s.find('\n') == std::string::npos);
    CHECK_THAT(s, Catch::StartsWith(R"({"type":"FeatureCollection","features":[{"type":"Feature","id":"almaty-2022-01-05-akimat")"));
    CHECK_THAT(s, Catch::EndsWith(R"("manual_correction":false,"mention_span":null}}]})"));

    std::ostringstream empty;
    io::write_geojson(empty, IncidentSet(), io::GeoJsonLayout::single_line);
    CHECK(empty.str() == R"({"type":"FeatureCollection","features":[]})");
}

TEST_CASE("GeoPackage, CSV and FlatGeobuf round trips", "[core][incident_io]") {
    TempDir dir;
    const IncidentSet set = sample_set();

    SECTION("GeoPackage: same field names, dates as text, actors joined") {
        const auto path = dir / "project.gpkg";
        io::write_incidents(set, path);
        CHECK(files_in(dir) == 1);
        require_same(io::read_incidents(path), set);

        auto ds = gdal::Dataset::open_vector(path.string());
        auto layer = ds.layer("incidents");
        OGRFeatureDefn* defn = layer.get().GetLayerDefn();
        CHECK(defn->GetFieldDefn(defn->GetFieldIndex("date_start"))->GetType() == OFTString);
        CHECK(defn->GetFieldDefn(defn->GetFieldIndex("fatalities"))->GetType() == OFTInteger);
        CHECK(defn->GetFieldDefn(defn->GetFieldIndex("violent"))->GetSubType() == OFSTBoolean);
        bool seen_full = false;
        while (auto f = layer.next_feature()) {
            if (std::string(f->GetFieldAsString("id")) != "almaty-2022-01-05-akimat") {
                if (std::string(f->GetFieldAsString("id")) == "bare") CHECK(f->IsFieldNull(defn->GetFieldIndex("fatalities")));
                continue;
            }
            seen_full = true;
            CHECK(std::string(f->GetFieldAsString("actors")) == "Rioters (Kazakhstan); Police Forces of Kazakhstan (2019-)");
            CHECK(std::string(f->GetFieldAsString("date_start")) == "2022-01-05T18:00:00");
            CHECK(std::string(f->GetFieldAsString("source_span")) == "[1204,1291]");
            CHECK(std::string(f->GetFieldAsString("mention_span")) == "[1207,1242]");
            CHECK(f->GetFieldAsInteger("fatalities") == 0);
            CHECK_FALSE(f->IsFieldNull(defn->GetFieldIndex("fatalities")));
        }
        CHECK(seen_full);
    }
    SECTION("CSV with latitude and longitude columns") {
        const auto path = dir / "incidents.csv";
        io::write_incidents(set, path);
        CHECK(files_in(dir) == 1);
        const std::string text = slurp(path);
        CHECK_THAT(text, Catch::StartsWith("id,date_start,date_end,time_precision,event_type"));
        CHECK_THAT(text, Catch::Contains("manual_correction,mention_span,latitude,longitude"));
        require_same(io::read_incidents(path), set);
    }
    SECTION("FlatGeobuf, which holds no feature without a geometry") {
        const auto path = dir / "incidents.fgb";
        CHECK_THROWS_WITH(io::write_incidents(set, path), Catch::Contains("incident 'nowhere' has no location"));
        CHECK(files_in(dir) == 0);
        std::vector<Incident> located;
        for (std::size_t i = 0; i < set.size(); ++i)
            if (set.located()[i]) located.push_back(set.incident(i));
        const IncidentSet placed(located);
        io::write_incidents(placed, path);
        CHECK(files_in(dir) == 1);
        require_same(io::read_incidents(path), placed);  // no two incidents share a start here
    }
    SECTION("an explicit driver name overrides the extension") {
        const auto path = dir / "incidents.dat";
        io::write_incidents(set, path, "GPKG");
        require_same(io::read_incidents(path), set);
    }
}

TEST_CASE("KML and Shapefile are written, each file renamed into place", "[core][incident_io]") {
    TempDir dir;
    const IncidentSet set = sample_set();
    io::write_incidents(set, dir / "incidents.kml");
    CHECK_THAT(slurp(dir / "incidents.kml"), Catch::Contains("almaty-2022-01-05-akimat"));

    io::write_incidents(set, dir / "incidents.shp");
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        INFO(ext);
        CHECK(std::filesystem::exists(dir / (std::string("incidents") + ext)));
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK_THAT(entry.path().filename().string(), Catch::StartsWith("incidents."));
    auto ds = gdal::Dataset::open_vector((dir / "incidents.shp").string());
    CHECK(ds.layer(0).feature_count() == static_cast<std::int64_t>(set.size()));
}

TEST_CASE("reading reprojects layers in another CRS to WGS84", "[core][incident_io]") {
    TempDir dir;
    proj::Context ctx;
    const auto to_mercator = proj::Transformation::wgs84_to_web_mercator(ctx);
    const LatLon akimat = LatLon::degrees(43.2380, 76.9455);
    const LatLon tower = LatLon::degrees(43.22879, 76.97634);
    const auto a = *to_mercator.forward(akimat);
    const auto t = *to_mercator.forward(tower);
    auto near = [](LatLon got, LatLon want) {
        return std::abs(got.lat_e7() - want.lat_e7()) <= 1 && std::abs(got.lon_e7() - want.lon_e7()) <= 1;
    };

    SECTION("a GeoJSON with a crs member (GeoJSON 2008)") {
        char geometry[128];
        std::snprintf(geometry, sizeof geometry, R"({"type":"Point","coordinates":[%.4f,%.4f]})", a.x, a.y);
        const auto path = dir / "mercator.geojson";
        spit(path, collection({feature(R"({"id":"akimat","date_start":"2022-01-05"})", geometry)},
                              R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},)"));
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 1);
        CHECK(near(set.locations()[0], akimat));
    }
    SECTION("a GeoPackage in EPSG:3857") {
        const auto path = (dir / "mercator.gpkg").string();
        {
            auto ds = gdal::Dataset::create_vector("GPKG", path);
            const OGRSpatialReference mercator = web_mercator();
            auto layer = ds.create_layer("towers", wkbPoint, &mercator);
            layer.create_field("id", OFTString);
            layer.create_field("event_type", OFTString);
            OGRFeature f(layer.get().GetLayerDefn());
            f.SetField("id", "tv-tower");
            f.SetField("event_type", "Riots");
            OGRPoint p(t.x, t.y);
            f.SetGeometry(&p);
            layer.create_feature(f);
            ds.close();
        }
        const auto set = io::read_incidents(path, "towers");
        REQUIRE(set.size() == 1);
        CHECK(set.id(0) == "tv-tower");
        CHECK(near(set.locations()[0], tower));
        CHECK_THROWS_AS(io::read_incidents(path, "no-such-layer"), InputError);
    }
}

TEST_CASE("reading takes what a source has and fills in the rest", "[core][incident_io]") {
    TempDir dir;

    SECTION("one property: unknown time, no figures, informational") {
        const auto path = dir / "bare.geojson";
        spit(path, collection({feature(R"({"severity":0})")}));
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 1);
        CHECK(set.incident(0) == bare_incident("", LatLon::degrees(43.238, 76.9455)));
    }
    SECTION("shapes without any incident property but an id are a map, not incidents") {
        const auto path = dir / "roads.geojson";
        spit(path, collection({feature(R"({"id":"way/28","highway":"primary","name":"Abay Avenue"})",
                                       R"({"type":"LineString","coordinates":[[76.90,43.24],[76.95,43.24]]})"),
                               feature("{}")}));
        try {
            io::read_incidents(path);
            FAIL("read a road map as incidents");
        } catch (const InputError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("roads.geojson") && Catch::Contains("not an incident layer") &&
                                                  Catch::Contains("--basemap"));
        }
    }
    SECTION("an empty set written reads back empty; geometries without any property are still refused") {
        const auto path = dir / "empty.geojson";
        io::write_incidents(IncidentSet{}, path);  // a FeatureCollection of no features
        CHECK(io::read_incidents(path).empty());
        const auto shapes = dir / "shapes.geojson";
        spit(shapes, collection({feature("{}", R"({"type":"LineString","coordinates":[[76.90,43.24],[76.95,43.24]]})")}));
        CHECK_THROWS_WITH(io::read_incidents(shapes), Catch::Contains("shapes.geojson") && Catch::Contains("not an incident layer"));
    }
    SECTION("a missing severity follows the figures") {
        const auto path = dir / "figures.geojson";
        spit(path, collection({feature(R"({"id":"k","fatalities":3})"), feature(R"({"id":"w","injured":1,"violent":true})"),
                               feature(R"({"id":"v","violent":true})"), feature(R"({"id":"p","event_type":"Protests"})"),
                               feature(R"({"id":"s","severity":"violent","fatalities":3})")}));
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 5);
        CHECK(set.severities()[0] == Severity::fatal);
        CHECK(set.severities()[1] == Severity::injuries);
        CHECK(set.severities()[2] == Severity::violent);
        CHECK(set.severities()[3] == Severity::disruptive);
        CHECK(set.severities()[4] == Severity::violent);  // given: kept as given
    }
    SECTION("dates without date_end or time_precision") {
        const auto path = dir / "dates.geojson";
        spit(path, collection({feature(R"({"id":"d","date":"2022-01-06"})"),
                               feature(R"({"id":"t","date_start":"2022-01-06T18:30Z"})"),
                               feature(R"({"id":"m","date_start":"2021-12-15","time_precision":"month"})"),
                               feature(R"({"id":"w","date_start":"2022-01-12","time_precision":"week"})")}));
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 4);
        const auto find = [&](const std::string& id) {
            for (std::size_t i = 0; i < set.size(); ++i)
                if (set.id(i) == id) return set.time(i);
            FAIL("no incident " << id);
            return TimeSpan();
        };
        CHECK(find("d") == TimeSpan::day(2022y / January / 6));
        CHECK(find("t") == TimeSpan::exact(at(2022, 1, 6, 18, 30)));
        CHECK(find("m") == TimeSpan::month(2021y / December));
        CHECK(find("w") == TimeSpan::week(2022y / January / 10));
    }
    SECTION("a polygon gives a point on its surface") {
        const auto path = dir / "square.geojson";
        spit(path, collection({feature(R"({"id":"square","event_type":"Riots"})",
                                       R"({"type":"Polygon","coordinates":[[[76.94,43.23],[76.95,43.23],[76.95,43.24],[76.94,43.24],[76.94,43.23]]]})")}));
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 1);
        const LatLon p = set.locations()[0];
        CHECK(p.lat_deg() > 43.23);
        CHECK(p.lat_deg() < 43.24);
        CHECK(p.lon_deg() > 76.94);
        CHECK(p.lon_deg() < 76.95);
    }
    SECTION("CSV with lat/lon columns, ACLED's event_date, text figures") {
        const auto path = dir / "acled.csv";
        spit(path, "event_id,event_date,event_type,fatalities,lat,lon,actors\n"
                   "x,2022-01-06,Battles,4,43.25,76.92,\"A; B\"\n"
                   "y,2022-01-05,Protests,,43.3,76.9,\n");
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 2);
        const Incident x = set.incident(1);
        CHECK(x.time == TimeSpan::day(2022y / January / 6));
        CHECK(x.event_type == EventType::battles);
        CHECK(x.fatalities == 4);
        CHECK(x.severity == Severity::fatal);
        CHECK(x.actors == std::vector<std::string>{"A", "B"});
        CHECK(x.location == LatLon::degrees(43.25, 76.92));
        CHECK_FALSE(set.incident(0).fatalities);
        CHECK(set.incident(0).actors.empty());
    }
    SECTION("CSV with a WKT column") {
        const auto path = dir / "wkt.csv";
        spit(path, "id,event_type,WKT\nline,Riots,\"LINESTRING (76.9 43.2, 77.0 43.2)\"\n");
        const auto set = io::read_incidents(path);
        REQUIRE(set.size() == 1);
        CHECK(set.locations()[0].lat_deg() == Approx(43.2));
        CHECK(set.locations()[0].lon_deg() >= 76.9);
        CHECK(set.locations()[0].lon_deg() <= 77.0);
    }
}

TEST_CASE("malformed features are refused, naming the file, the feature and the fault", "[core][incident_io]") {
    TempDir dir;
    const auto path = dir / "bad.geojson";
    // The first feature is fine; the second (FID 1) carries the fault.
    auto bad = [&](const std::string& properties, const std::string& geometry = R"({"type":"Point","coordinates":[76.9455,43.238]})") {
        spit(path, collection({feature(R"({"id":"good","date_start":"2022-01-06"})"), feature(properties, geometry)}));
    };
    auto require_fault = [&](const std::string& detail) {
        REQUIRE_THROWS_AS(io::read_incidents(path), InputError);
        try {
            io::read_incidents(path);
        } catch (const InputError& e) {
            CHECK(e.source() == path.string());
            CHECK(e.location() == std::optional<std::string>("FID 1 (id bad)"));
            CHECK_THAT(e.detail(), Catch::Contains(detail));
            CHECK_THAT(e.what(), Catch::StartsWith(path.string() + ":FID 1 (id bad): "));
        }
    };

    SECTION("a text that is not UTF-8 (found by fuzz/fuzz_incident_file)") {
        bad("{\"id\":\"bad\",\"quote\":\"caf\xe9\"}");
        require_fault("quote is not valid UTF-8 text");
    }
    SECTION("a date not in ISO 8601") {
        bad(R"({"id":"bad","date_start":"06/01/2022"})");
        require_fault("date_start '06/01/2022' is not an ISO 8601 date");
    }
    SECTION("a day that does not exist") {
        bad(R"({"id":"bad","date_start":"2022-02-30"})");
        require_fault("date_start '2022-02-30'");
    }
    SECTION("an end before the start") {
        bad(R"({"id":"bad","date_start":"2022-01-06","date_end":"2022-01-05"})");
        require_fault("date_end 2022-01-05 is before date_start 2022-01-06");
    }
    SECTION("an unknown time precision") {
        bad(R"({"id":"bad","date_start":"2022-01-06","time_precision":"fortnight"})");
        require_fault("time_precision 'fortnight'");
    }
    SECTION("severity out of range, as a number and as a name") {
        bad(R"({"id":"bad","severity":7})");
        require_fault("severity 7 out of range 0..4");
        bad(R"({"id":"bad","severity":"extreme"})");
        require_fault("severity 'extreme' is not a level");
    }
    SECTION("an event type that is not ACLED's") {
        bad(R"({"id":"bad","event_type":"Riot"})");
        require_fault("event_type 'Riot' is not an ACLED event type");
    }
    SECTION("figures that are not non-negative integers") {
        bad(R"({"id":"bad","fatalities":"many"})");
        require_fault("fatalities 'many' is not an integer");
        bad(R"({"id":"bad","injured":2.5})");
        require_fault("injured is 2.5, not an integer");
        bad(R"({"id":"bad","arrested":-3})");
        require_fault("arrested is -3, must be >= 0");
    }
    SECTION("geo_precision, confidence and source_span out of their ranges") {
        bad(R"({"id":"bad","geo_precision":4})");
        require_fault("geo_precision is 4, must be 1, 2 or 3");
        bad(R"({"id":"bad","confidence":1.5})");
        require_fault("confidence is 1.5, must be in [0, 1]");
        bad(R"({"id":"bad","source_span":[10,2]})");
        require_fault("source_span is [10, 2)");
        bad(R"({"id":"bad","mention_span":[9,3]})");
        require_fault("mention_span is [9, 3)");
        bad(R"({"id":"bad","source_span":[1,2,3]})");
        require_fault("is not [begin, end]");
    }
    SECTION("every bad feature is named, not only the first") {
        const auto many = dir / "many.geojson";
        std::string fc = R"({"type":"FeatureCollection","features":[)";
        for (int i = 0; i < 25; ++i) {
            if (i) fc += ",";
            fc += R"({"type":"Feature","geometry":{"type":"Point","coordinates":[76.9,43.2]},"properties":{"id":"bad)" + std::to_string(i) +
                  R"(","date_start":"not a date"}})";
        }
        spit(many, fc + "]}");
        try {
            io::read_incidents(many);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK_THAT(e.detail(), Catch::Contains("25 of its 25 features are malformed"));
            CHECK_THAT(e.detail(), Catch::Contains("(id bad0)"));
            CHECK_THAT(e.detail(), Catch::Contains("(id bad19)"));
            CHECK_THAT(e.detail(), Catch::Contains("... and 5 more"));
        }
    }
    SECTION("a boolean that is not one") {
        bad(R"({"id":"bad","violent":"perhaps"})");
        require_fault("violent 'perhaps' is not a boolean");
    }
    SECTION("a latitude or longitude out of range") {
        bad(R"({"id":"bad"})", R"({"type":"Point","coordinates":[76.9,95.0]})");
        require_fault("latitude 95 out of range [-90, 90]");
        bad(R"({"id":"bad"})", R"({"type":"Point","coordinates":[200,43.2]})");
        require_fault("longitude 200 out of range [-180, 180]");
    }
    SECTION("an empty geometry; a null geometry with a precision") {
        bad(R"({"id":"bad"})", R"({"type":"MultiPoint","coordinates":[]})");
        require_fault("empty geometry");
        bad(R"({"id":"bad","geo_precision":1})", "null");
        require_fault("geo_precision is 1 for an incident without a location");
    }
    SECTION("CSV: a latitude that is no number, a WKT that is empty") {
        const auto csv = dir / "bad.csv";
        spit(csv, "id,latitude,longitude\ngood,43.2,76.9\nbad,north,76.9\n");
        CHECK_THROWS_WITH(io::read_incidents(csv), Catch::Contains("bad.csv:FID 2 (id bad): latitude 'north' is not a number"));
        spit(csv, "id,severity,WKT\nbad,0,POINT EMPTY\n");
        CHECK_THROWS_WITH(io::read_incidents(csv), Catch::Contains("(id bad): empty geometry"));
        spit(csv, "id,severity,WKT\nbad,0,\"POINT (nan nan)\"\n");  // GDAL reads no geometry from it: no silent unlocated incident
        CHECK_THROWS_WITH(io::read_incidents(csv), Catch::Contains("WKT 'POINT (nan nan)' is not a geometry"));
    }
    SECTION("a file that is not there") {
        CHECK_THROWS_AS(io::read_incidents(dir / "missing.geojson"), DatasetOpenError);
    }
}

TEST_CASE("a failed write leaves the existing file as it was", "[core][incident_io]") {
    TempDir dir;
    const IncidentSet set = sample_set();

    for (const std::string name : {"incidents.geojson", "incidents.gpkg", "incidents.csv"}) {
        DYNAMIC_SECTION(name) {
            const auto path = dir / name;
            spit(path, "the previous output");
            // A directory where the temporary file must go makes the write fail.
            const auto temp = io::AtomicOutput(path).temp_path();
            std::filesystem::create_directories(temp / "blocker");
            CHECK_THROWS_AS(io::write_incidents(set, path), Error);
            CHECK(slurp(path) == "the previous output");
            std::filesystem::remove_all(temp);
            CHECK(files_in(dir) == 1);

            io::write_incidents(set, path);  // and then succeeds
            require_same(io::read_incidents(path), set);
        }
    }
    SECTION("a text that is not UTF-8 stops the GeoJSON half-way") {
        const auto path = dir / "incidents.geojson";
        spit(path, "the previous output");
        Incident broken = full_incident();
        broken.quote = "cut in the middle of a character: \xc3";
        IncidentSet with_broken = set;
        with_broken.add(broken);
        CHECK_THROWS_WITH(io::write_incidents(with_broken, path), Catch::Contains("incident 'almaty-2022-01-05-akimat'"));
        CHECK(slurp(path) == "the previous output");
        CHECK(files_in(dir) == 1);
    }
    SECTION("a driver that writes no file, an unknown driver, an unknown extension") {
        const auto path = dir / "incidents.gpkg";
        spit(path, "the previous output");
        CHECK_THROWS_AS(io::write_incidents(set, path, "Memory"), Error);
        CHECK_THROWS_WITH(io::write_incidents(set, path, "NoSuchDriver"), Catch::Contains("no driver named 'NoSuchDriver'"));
        CHECK_THROWS_WITH(io::write_incidents(set, dir / "incidents.xyz"), Catch::Contains("'.xyz'"));
        CHECK(slurp(path) == "the previous output");
        CHECK(files_in(dir) == 1);
    }
}

TEST_CASE("a large GeoPackage is read on two threads as it would be on one, bad features named wherever they are", "[core][incident_io]") {
    TempDir dir;
    // More features than the reader splits at, some unlocated, some of unknown time.
    std::vector<Incident> many;
    for (int n = 0; n < 60'000; ++n) {
        Incident in = full_incident();
        in.id = std::to_string(n);  // (not "e" + ...: GCC 12 warns, wrongly, of an overlapping copy)
        in.time = n % 97 == 0 ? TimeSpan::unknown() : TimeSpan::day(sys_days{2022y / January / 1} + days{n % 365});
        if (n % 89 == 0) {
            in.location.reset();
            in.geo_precision.reset();
            in.uncertainty_m.reset();
        } else {
            in.location = LatLon::degrees(-60 + (n % 120), -170 + (n % 340));
        }
        in.fatalities = n % 13;
        many.push_back(in);
    }
    const IncidentSet set(many);
    const auto path = dir / "many.gpkg";
    io::write_incidents(set, path);
    const IncidentSet back = io::read_incidents(path);
    REQUIRE(back.size() == set.size());
    for (std::size_t i = 0; i < set.size(); ++i) REQUIRE(back.incident(i) == set.incident(i));
    CHECK(io::read_incident_list(path).size() == many.size());
    const IncidentSet map = io::read_incidents(path, {}, io::ReadFields::map);
    REQUIRE(map.size() == set.size());
    for (std::size_t i = 0; i < set.size(); ++i) REQUIRE(map.incident(i) == map_fields(set.incident(i)));

    // Two bad features, one in each half: both named, with their FIDs.
    {
        auto ds = gdal::Dataset::open(path.string(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
        for (const char* sql : {"UPDATE incidents SET fatalities = -3 WHERE fid = 10", "UPDATE incidents SET severity = 9 WHERE fid = 55000"}) {
            OGRLayer* r = ds.get().ExecuteSQL(sql, nullptr, nullptr);
            if (r) ds.get().ReleaseResultSet(r);
        }
    }
    try {
        io::read_incidents(path);
        FAIL("read a file with two bad features");
    } catch (const InputError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("2 of its 60000 features") && Catch::Contains("FID 10 ") &&
                                              Catch::Contains("FID 55000 ") && Catch::Contains("severity 9"));
    }
}

TEST_CASE("a read for the map keeps what the map draws and leaves the other texts unknown", "[core][incident_io]") {
    TempDir dir;
    const IncidentSet set = sample_set();
    for (const char* name : {"map.geojson", "map.gpkg", "map.csv"}) {
        INFO(name);
        const auto path = dir / name;
        io::write_incidents(set, path);
        const IncidentSet map = io::read_incidents(path, {}, io::ReadFields::map);
        REQUIRE(map.size() == set.size());
        for (std::size_t i = 0; i < set.size(); ++i) CHECK(map.incident(i) == map_fields(set.incident(i)));
    }
    // The texts are neither read nor checked: a malformed source_span fails only the whole read.
    const auto path = dir / "odd-span.geojson";
    spit(path, collection({feature(R"({"id": "x", "source_span": "not a span"})")}));
    CHECK_THROWS_AS(io::read_incidents(path), InputError);
    CHECK(io::read_incidents(path, {}, io::ReadFields::map).size() == 1);
}

TEST_CASE("a GeoPackage read through SQLite gives what GDAL's features give", "[core][incident_io]") {
    // The same file read twice: from disk (straight through SQLite) and from GDAL's memory file system, which
    // SQLite cannot open (so through GDAL's features). Good rows give the same incidents, bad rows the same errors.
    TempDir dir;
    const auto path = (dir / "mixed.gpkg").string();
    {
        // Polygons, points and none, in EPSG:3857, with a user's own columns, and the project's fields.
        auto ds = gdal::Dataset::create_vector("GPKG", path);
        const OGRSpatialReference mercator = web_mercator();
        auto layer = ds.create_layer("mixed", wkbUnknown, &mercator);
        for (const char* text : {"id", "date_start", "date_end", "time_precision", "event_type", "actors", "quote", "note"})
            layer.create_field(text, OFTString);
        OGRFieldDefn violent("violent", OFTInteger);
        violent.SetSubType(OFSTBoolean);
        REQUIRE(layer.get().CreateField(&violent) == OGRERR_NONE);
        layer.create_field("fatalities", OFTInteger);
        layer.create_field("uncertainty_m", OFTReal);
        layer.create_field("severity", OFTString);
        for (int n = 0; n < 12; ++n) {
            OGRFeature f(layer.get().GetLayerDefn());
            std::string id = "m";
            id += std::to_string(n);
            f.SetField("id", id.c_str());
            if (n % 3 != 0) f.SetField("date_start", n % 2 ? "2022-01-05" : "2022-01-05T18:00");
            if (n % 4 == 1 && n % 3 != 0) f.SetField("date_end", "2022-01-07");
            if (n % 5 == 2) f.SetField("event_type", "Riots");
            if (n % 2) f.SetField("actors", n % 4 == 1 ? R"j(["Rioters (Kazakhstan)","Police"])j" : "Rioters (Kazakhstan); Police");
            f.SetField("quote", n % 3 ? "Le bâtiment a été incendié." : "");
            f.SetField("note", "a user's own column");
            if (n % 2 == 0) f.SetField("violent", n % 4 == 0 ? 1 : 0);
            if (n % 3 == 1) f.SetField("fatalities", n);
            if (n % 3 == 2) f.SetField("severity", n % 2 ? "violent" : "2");
            std::unique_ptr<OGRGeometry> g;
            if (n % 6 == 3) {
                OGRPolygon square;
                OGRLinearRing ring;
                for (auto [x, y] : {std::pair{8.56e6, 5.35e6}, {8.57e6, 5.35e6}, {8.57e6, 5.36e6}, {8.56e6, 5.36e6}, {8.56e6, 5.35e6}})
                    ring.addPoint(x + n * 1e3, y);
                square.addRing(&ring);
                g = std::make_unique<OGRPolygon>(square);
            } else if (n % 6 != 5) {
                g = std::make_unique<OGRPoint>(8.565e6 + n * 100.0, 5.355e6);
                f.SetField("uncertainty_m", 100.25 * n);
            }
            if (g) f.SetGeometry(g.get());
            layer.create_feature(f);
        }
        ds.close();
    }
    auto both = [&](const std::string& file) {
        const std::string memory = "/vsimem/" + std::filesystem::path(file).filename().string();
        REQUIRE(CPLCopyFile(memory.c_str(), file.c_str()) == 0);
        struct Unlink {
            std::string p;
            ~Unlink() { VSIUnlink(p.c_str()); }
        } unlink{memory};
        std::string direct_error, gdal_error;
        std::optional<IncidentSet> direct, through_gdal;
        try {
            direct = io::read_incidents(file);
        } catch (const InputError& e) {
            direct_error = e.what();
        }
        try {
            through_gdal = io::read_incidents(memory);
        } catch (const InputError& e) {
            gdal_error = e.what();
        }
        return std::tuple{std::move(direct), std::move(through_gdal), direct_error, gdal_error, memory};
    };

    {
        auto [direct, through_gdal, direct_error, gdal_error, memory] = both(path);
        INFO(direct_error << gdal_error);
        REQUIRE(direct_error.empty());
        REQUIRE(gdal_error.empty());
        REQUIRE(direct->size() == 12);
        require_same(*direct, *through_gdal);
    }

    // Values of the wrong storage class, an empty geometry and a bad boolean, named alike both ways.
    {
        auto ds = gdal::Dataset::open(path, GDAL_OF_VECTOR | GDAL_OF_UPDATE);
        for (const char* sql : {"UPDATE mixed SET uncertainty_m = 'wide' WHERE fid = 2",
                                "UPDATE mixed SET id = 42 WHERE fid = 3",
                                "UPDATE mixed SET violent = 7 WHERE fid = 5",
                                "UPDATE mixed SET date_start = 'Jan 5' WHERE fid = 8"}) {
            OGRLayer* r = ds.get().ExecuteSQL(sql, nullptr, nullptr);
            if (r) ds.get().ReleaseResultSet(r);
        }
    }
    auto [direct, through_gdal, direct_error, gdal_error, memory] = both(path);
    REQUIRE_FALSE(direct_error.empty());
    CHECK_THAT(direct_error, Catch::Contains("FID 5") && Catch::Contains("violent is 7") && Catch::Contains("FID 8") &&
                                 Catch::Contains("'Jan 5'"));
    // Only the file's name differs.
    std::string renamed = gdal_error;
    for (std::size_t at; (at = renamed.find(memory)) != std::string::npos;) renamed.replace(at, memory.size(), path);
    CHECK(direct_error == renamed);
}

TEST_CASE("a GeoPackage that ogr2ogr made from the project's GeoJSON reads back as the same incidents", "[core][incident_io]") {
    // GDAL types a GeoJSON column that mixes dates and date-times as DateTime, so that ogr2ogr writes whole days as
    // their midnights into DATETIME columns: they must read back as days.
    TempDir dir;
    const IncidentSet set = sample_set();
    const auto geojson = dir / "events.geojson", gpkg = dir / "events.gpkg";
    io::write_incidents(set, geojson);
    {
        gdal::ensure_initialized();
        GDALDatasetH src = GDALOpenEx(geojson.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
        REQUIRE(src);
        const char* args[] = {"-f", "GPKG", nullptr};
        GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
        int failed = 0;
        GDALDatasetH out = GDALVectorTranslate(gpkg.c_str(), nullptr, 1, &src, options, &failed);
        GDALVectorTranslateOptionsFree(options);
        REQUIRE(out);
        GDALClose(out);
        GDALClose(src);
        REQUIRE(failed == 0);
    }
    {
        auto ds = gdal::Dataset::open(gpkg.string(), GDAL_OF_VECTOR);
        const OGRFeatureDefn& defn = *ds.layer(0).get().GetLayerDefn();
        REQUIRE(defn.GetFieldDefn(defn.GetFieldIndex("date_start"))->GetType() == OFTDateTime);  // the case in point
    }
    const IncidentSet back = io::read_incidents(gpkg);
    REQUIRE(back.size() == set.size());
    for (std::size_t i = 0; i < set.size(); ++i) {
        INFO(set.id(i));
        CHECK(back.time(i) == set.time(i));
        CHECK(back.incident(i) == set.incident(i));
    }
}
