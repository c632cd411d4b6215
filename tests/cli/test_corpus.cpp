// ingest, export and import through the real executable, on the corpus written for these tests (tests/data/corpus.md):
// one event per language told by two sources becomes one incident listing both, and the other events stay apart.

#include "tests/cli/run.hpp"
#include "tests/skip.hpp"
#include "tests/store/postgis.hpp"
#include "tests/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

using namespace incidentmap::test;
using Json = nlohmann::json;

namespace {

const std::string kCorpus = std::string(INCIDENTMAP_SOURCE_DIR) + "/tests/data/corpus";

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// The corpus's files, in the given order.
std::string corpus_files(bool reversed = false) {
    std::vector<std::string> files{"kabul.en.rss", "lyon-lemonde.fr.txt", "lyon-leprogres.fr.html", "lyon-manifestation.fr.html",
                                   "minsk.ru.ndjson"};
    if (reversed) std::reverse(files.begin(), files.end());
    std::string out;
    for (const auto& f : files) out += quoted(kCorpus + "/" + f) + " ";
    return out;
}

// The lemonde text file has no date of its own.
const std::string kPublished = " --published 2023-07-05";

Json export_geojson(const std::string& project, const TempDir& dir, const std::string& name) {
    const auto r = run("export " + quoted(project) + " -o " + quoted((dir / name).string()));
    REQUIRE(r.code == 0);
    return Json::parse(slurp(dir / name));
}

// The incident of `features` whose place and type are these.
const Json* find_incident(const Json& features, const std::string& place, const std::string& type) {
    for (const auto& f : features)
        if (f["properties"]["place_name"] == place && f["properties"]["event_type"] == type) return &f;
    return nullptr;
}

void check_corpus_incidents(const Json& fc) {
    const Json& features = fc["features"];
    CHECK(features.size() == 6);
    // Tuesday night's riot in Lyon, told by a text file and a saved page: one incident, both sources.
    const Json* lyon = find_incident(features, "Lyon", "Riots");
    REQUIRE(lyon);
    CHECK_THAT((*lyon)["properties"]["source"].get<std::string>(),
               Catch::Contains("lyon-lemonde.fr.txt") && Catch::Contains("lyon-leprogres.fr.html"));
    // Thursday's march is another event in the same city, two days later.
    const Json* march = find_incident(features, "Lyon", "Protests");
    REQUIRE(march);
    CHECK((*march)["properties"]["date_start"] == "2023-07-06");
    // Monday's bombing in Kabul, 12 then 19 killed: the later report's toll.
    const Json* kabul = find_incident(features, "Kabul", "Explosions/Remote violence");
    REQUIRE(kabul);
    CHECK((*kabul)["properties"]["fatalities"] == 19);
    CHECK_THAT((*kabul)["properties"]["source"].get<std::string>(),
               Catch::Contains("kabul-wire1") && Catch::Contains("kabul-wire2"));
    // Sunday's arrests in Minsk, 200 then 250 detained; Wednesday's clashes apart.
    const Json* minsk = find_incident(features, "Minsk", "Protests");
    REQUIRE(minsk);
    CHECK((*minsk)["properties"]["arrested"] == 250);
    CHECK_THAT((*minsk)["properties"]["source"].get<std::string>(), Catch::Contains("minsk-1") && Catch::Contains("minsk-2"));
    std::size_t with_two_sources = 0;
    for (const auto& f : features)
        with_two_sources += f["properties"]["source"].get<std::string>().find("; ") != std::string::npos;
    CHECK(with_two_sources == 3);
    // The pages' menus, share buttons, newsletter box, related articles and advertising gave no incident: every
    // incident's quote is from the reports' own sentences.
    for (const auto& f : features) {
        const std::string quote = f["properties"]["quote"].get<std::string>();
        CHECK_THAT(quote, !Catch::Contains("newsletter") && !Catch::Contains("Marseille") && !Catch::Contains("cookies"));
    }
}

}  // namespace

TEST_CASE("ingest merges the reports of one event from several sources in three languages, and keeps other events apart",
          "[cli][ingest]") {
    TempDir dir;
    const std::string project = (dir / "events.gpkg").string();
    const auto r = run("ingest " + corpus_files() + "--into " + quoted(project) + kPublished);
    INFO(r.output);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("9 sources added") && Catch::Contains("9 readings") && Catch::Contains("6 incidents"));
    const Json first = export_geojson(project, dir, "first.geojson");
    check_corpus_incidents(first);

    SECTION("re-ingesting changes nothing") {
        const auto again = run("ingest " + corpus_files() + "--into " + quoted(project) + kPublished);
        CHECK(again.code == 0);
        CHECK_THAT(again.output, Catch::Contains("0 sources added, 9 already there"));
        CHECK(export_geojson(project, dir, "again.geojson") == first);
    }
    SECTION("the same sources in another order give the same incidents") {
        const std::string other = (dir / "other.gpkg").string();
        REQUIRE(run("ingest " + corpus_files(true) + "--into " + quoted(other) + kPublished).code == 0);
        CHECK(export_geojson(other, dir, "other.geojson") == first);
    }
    SECTION("--no-merge keeps each reading, and merging again gives the incidents back") {
        REQUIRE(run("ingest " + corpus_files() + "--into " + quoted(project) + kPublished + " --no-merge").code == 0);
        CHECK(export_geojson(project, dir, "apart.geojson")["features"].size() == 9);
        REQUIRE(run("ingest " + corpus_files() + "--into " + quoted(project) + kPublished).code == 0);
        CHECK(export_geojson(project, dir, "together.geojson") == first);
    }
    SECTION("project -> GeoJSON -> import -> project -> GeoJSON keeps every property") {
        const std::string copy = (dir / "copy.gpkg").string();
        const auto imported = run("import " + quoted((dir / "first.geojson").string()) + " --into " + quoted(copy));
        INFO(imported.output);
        REQUIRE(imported.code == 0);
        CHECK(export_geojson(copy, dir, "copy.geojson") == first);
    }
    SECTION("ACLED and UCDP CSV exports read back by import with nothing their columns carry lost") {
        for (const std::string layout : {"acled", "ucdp"}) {
            const auto csv = dir / (layout + ".csv");
            REQUIRE(run("export " + quoted(project) + " --layout " + layout + " -o " + quoted(csv.string())).code == 0);
            const auto back = dir / (layout + ".geojson");
            const auto imported = run("import " + quoted(csv.string()) + " -o " + quoted(back.string()));
            INFO(imported.output);
            REQUIRE(imported.code == 0);
            CHECK_THAT(imported.output, Catch::Contains("6 of 6 rows imported"));
            const auto csv2 = dir / (layout + "-again.csv");
            REQUIRE(run("export " + quoted(back.string()) + " --layout " + layout + " -o " + quoted(csv2.string())).code == 0);
            // ACLED's timestamp is the time of the export. UCDP's low and high are the project's range of the sources'
            // figures, which an incident file does not carry: through a file they come back as best.
            auto strip_timestamps = [&](std::string text) {
                std::string out;
                std::istringstream in(text);
                for (std::string line; std::getline(in, line);) {
                    if (layout == "acled") {
                        out += line.substr(0, line.rfind(',')) + "\n";
                        continue;
                    }
                    std::vector<std::string> cells;
                    std::size_t b = 0;
                    for (int c = 0; c < 12; ++c) {
                        const std::size_t e = line.find(',', b);
                        cells.push_back(line.substr(b, e - b));
                        b = e + 1;
                    }
                    cells[10] = cells[11] = "";
                    for (const auto& cell : cells) out += cell + ",";
                    out += line.substr(b) + "\n";
                }
                return out;
            };
            CHECK(strip_timestamps(slurp(csv2)) == strip_timestamps(slurp(csv)));
        }
    }
    SECTION("every export format opens in ogrinfo, and the GeoJSON is RFC 7946") {
        for (const std::string name : {"x.geojson", "x.geojsonl", "x.gpkg", "x.fgb", "x.kml", "x.csv"}) {
            const auto out = dir / name;
            REQUIRE(run("export " + quoted(project) + " -o " + quoted(out.string())).code == 0);
            const auto info = run_shell("ogrinfo -ro -al -so " + quoted(out.string()) + " 2>&1");
            INFO(name << ": " << info.output);
            CHECK(info.code == 0);
            CHECK_THAT(info.output, Catch::Contains("Feature Count: 6"));
        }
        CHECK(!first.contains("crs"));
        const Json* kabul = find_incident(first["features"], "Kabul", "Explosions/Remote violence");
        REQUIRE(kabul);
        CHECK((*kabul)["geometry"]["coordinates"][0].get<double>() == Approx(69.17).margin(0.2));  // longitude first
        CHECK((*kabul)["geometry"]["coordinates"][1].get<double>() == Approx(34.53).margin(0.2));
    }
    SECTION("export selects by time, severity, area, country and event type") {
        auto count = [&](const std::string& options) {
            const auto out = dir / "selected.geojson";
            const auto e = run("export " + quoted(project) + " -o " + quoted(out.string()) + " " + options);
            INFO(e.output);
            REQUIRE(e.code == 0);
            return Json::parse(slurp(out))["features"].size();
        };
        CHECK(count("--from 2023-07-01 --to 2023-07-31") == 2);
        CHECK(count("--to 2020-12-31") == 2);
        CHECK(count("--country AF") == 2);
        CHECK(count("--country af,BY") == 4);
        CHECK(count("--event-type Riots,Protests") >= 3);
        CHECK(count("--min-severity fatal") == 1);
        CHECK(count("--bbox 60,30,75,40") == 2);         // Afghanistan
        CHECK(count("--bbox 170,-10,-170,10") == 0);     // across the antimeridian, nothing there
        CHECK(run("export " + quoted(project) + " -o " + quoted((dir / "y.geojson").string()) + " --bbox 10,50,20,40").code == 2);
        CHECK(run("export " + quoted(project) + " -o " + quoted((dir / "y.geojson").string()) + " --event-type Fights").code == 2);
    }
}

TEST_CASE("ingest reports bad sources by name and reason while the others go in", "[cli][ingest]") {
    TempDir dir;
    std::ofstream(dir / "menu.html") << "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>";
    std::ofstream(dir / "broken.rss") << "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
                                         "<item><title>Riot in Lyon</title><description>Rioters burned cars in Lyon on Tuesday.</description>"
                                         "<pubDate>Tue, 04 Jul 2023 10:00:00 +0000</pubDate></item>"
                                         "<item></item></channel></rss>";
    std::ofstream(dir / "requests.ndjson") << "{\"id\": \"a\", \"text\": \"Protesters marched in Paris on Monday.\", \"published\": \"2023-07-04\"}\n"
                                              "not json\n";
    const std::string project = (dir / "events.gpkg").string();
    const auto r = run("ingest " + quoted((dir / "menu.html").string()) + " " + quoted((dir / "broken.rss").string()) + " " +
                       quoted((dir / "requests.ndjson").string()) + " " + quoted((dir / "missing.txt").string()) +
                       " --into " + quoted(project));
    INFO(r.output);
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains("menu.html"));
    CHECK_THAT(r.output, Catch::Contains("broken.rss: item 2"));
    CHECK_THAT(r.output, Catch::Contains("requests.ndjson: line 2"));
    CHECK_THAT(r.output, Catch::Contains("missing.txt: no such file"));
    CHECK_THAT(r.output, Catch::Contains("2 sources added"));
}

TEST_CASE("import reports every bad ACLED row with its number and reason and imports the good ones", "[cli][import]") {
    TempDir dir;
    std::ofstream(dir / "acled.csv") << "event_id_cnty,event_date,time_precision,event_type,latitude,longitude,fatalities,country\n"
                                        "KAZ1,2022-01-05,1,Riots,43.25,76.95,3,Kazakhstan\n"
                                        "KAZ2,yesterday,1,Riots,43.25,76.95,3,Kazakhstan\n"
                                        "KAZ3,2022-01-06,1,Protests,43.25,76.95,,Kazakhstan\n";
    std::ofstream(dir / "columns.csv") << "event_id,when\nKAZ1,2022-01-05\n";
    const auto r = run("import " + quoted((dir / "acled.csv").string()) + " --into " + quoted((dir / "p.gpkg").string()));
    INFO(r.output);
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains("row 2: event_date 'yesterday' is not a date"));
    CHECK_THAT(r.output, Catch::Contains("2 of 3 rows imported"));
    const auto e = run("export " + quoted((dir / "p.gpkg").string()) + " -o " + quoted((dir / "p.geojson").string()));
    CHECK(Json::parse(slurp(dir / "p.geojson"))["features"].size() == 2);
    const auto missing = run("import " + quoted((dir / "columns.csv").string()) + " -o " + quoted((dir / "x.geojson").string()));
    CHECK(missing.code == 2);
    CHECK_THAT(missing.output, Catch::Contains("columns.csv"));
}

TEST_CASE("SIGKILL during an ingest leaves the project as it was after its last batch, and the ingest can be run again",
          "[cli][ingest]") {
    TempDir dir;
    // 400 short reports of distinct events, committed 20 at a time.
    std::filesystem::create_directories(dir / "many");
    for (int i = 0; i < 400; ++i)
        std::ofstream(dir / "many" / ("r" + std::to_string(1000 + i) + ".txt"))
            << "Protesters marched in Lyon on Monday, report " << i << ". Police arrested " << (i % 50 + 1) << " people.";
    const std::string project = (dir / "events.gpkg").string();
    const std::string ingest = std::string(INCIDENTMAP_EXE) + " ingest " + quoted((dir / "many").string()) + " --into " +
                               quoted(project) + " --published 2023-07-05 --batch 20";
    // Killed once the project exists and the ingest has had a moment to commit (a sanitizer build starts slowly).
    const auto killed = run_shell("(" + ingest + " >/dev/null 2>&1 & pid=$!; for i in $(seq 600); do [ -f " + quoted(project) +
                                  " ] && break; sleep 0.1; done; sleep 1.5; kill -9 $pid; wait $pid; echo $?) 2>&1");
    INFO(killed.output);
    const auto before = run("export " + quoted(project) + " -o " + quoted((dir / "before.geojson").string()));
    INFO(before.output);
    REQUIRE(before.code == 0);  // the project opens and reads whole
    const auto resumed = run_shell(ingest + " 2>&1");
    INFO(resumed.output);
    REQUIRE(resumed.code == 0);
    // The resumed ingest ends where one uninterrupted ingest ends.
    const std::string fresh = (dir / "fresh.gpkg").string();
    REQUIRE(run_shell(std::string(INCIDENTMAP_EXE) + " ingest " + quoted((dir / "many").string()) + " --into " + quoted(fresh) +
                      " --published 2023-07-05 2>&1").code == 0);
    CHECK(export_geojson(project, dir, "resumed.geojson") == export_geojson(fresh, dir, "fresh.geojson"));
}

TEST_CASE("SIGKILL during an export leaves the existing output file as it was", "[cli][export]") {
    TempDir dir;
    // A large incident file (200,000 incidents), written as awk can.
    const auto big = dir / "big.geojson";
    REQUIRE(run_shell("awk 'BEGIN { print \"{\\\"type\\\":\\\"FeatureCollection\\\",\\\"features\\\":[\"; for (i = 0; i < 200000; i++) "
                      "printf \"%s{\\\"type\\\":\\\"Feature\\\",\\\"geometry\\\":{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[%f,%f]},"
                      "\\\"properties\\\":{\\\"id\\\":\\\"e%d\\\",\\\"date_start\\\":\\\"2022-01-05\\\",\\\"event_type\\\":\\\"Riots\\\"}}\\n\", "
                      "(i ? \",\" : \"\"), (i % 360) - 180 + 0.5, (i % 170) - 85 + 0.5, i; print \"]}\" }' > " + quoted(big.string())).code == 0);
    const auto out = dir / "out.gpkg";
    std::ofstream(out) << "the analyst's existing file";
    const auto killed = run_shell("(" + std::string(INCIDENTMAP_EXE) + " export " + quoted(big.string()) + " -o " +
                                  quoted(out.string()) + " >/dev/null 2>&1 & pid=$!; sleep 1.5; kill -9 $pid; wait $pid; echo $?) 2>&1");
    INFO(killed.output);
    CHECK_THAT(killed.output, Catch::Contains("137"));  // it was still running when killed
    CHECK(slurp(out) == "the analyst's existing file");
}

TEST_CASE("a PostGIS project: two ingests at the same time lose nothing and duplicate nothing", "[cli][ingest][postgis]") {
    std::string why_not;
    auto* server = PostgisServer::get(why_not);
    if (!server) INCIDENTMAP_SKIP(why_not);
    TempDir dir;
    const std::string project = server->create_database();
    // Both ingest the whole corpus, one source per transaction, in opposite orders: they meet on every source.
    const std::string a = std::string(INCIDENTMAP_EXE) + " ingest " + corpus_files() + "--into " + quoted(project) + kPublished + " --batch 1";
    const std::string b = std::string(INCIDENTMAP_EXE) + " ingest " + corpus_files(true) + "--into " + quoted(project) + kPublished + " --batch 1";
    const auto both = run_shell("(" + a + " > " + quoted((dir / "a.log").string()) + " 2>&1 & " + b + " > " +
                                quoted((dir / "b.log").string()) + " 2>&1; wait) ; cat " + quoted((dir / "a.log").string()) +
                                " " + quoted((dir / "b.log").string()));
    INFO(both.output);
    const Json fc = export_geojson(project, dir, "pg.geojson");
    check_corpus_incidents(fc);
    // Every source once.
    const auto sources = run_shell("ogrinfo -ro -so " + quoted(project) + " sources 2>&1");
    CHECK_THAT(sources.output, Catch::Contains("Feature Count: 9"));
    const auto readings = run_shell("ogrinfo -ro -so " + quoted(project) + " readings 2>&1");
    CHECK_THAT(readings.output, Catch::Contains("Feature Count: 9"));
    // The same incidents as a GeoPackage project of the same sources.
    const std::string gpkg = (dir / "events.gpkg").string();
    REQUIRE(run("ingest " + corpus_files() + "--into " + quoted(gpkg) + kPublished).code == 0);
    // GDAL's PostgreSQL driver sends reals with 15 significant digits (as CSV, core/io/incident_io.hpp): compare those so.
    auto fifteen_digits = [](Json collection) {
        for (auto& f : collection["features"])
            for (const char* key : {"uncertainty_m", "confidence"})
                if (f["properties"][key].is_number()) {
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.15g", f["properties"][key].get<double>());
                    f["properties"][key] = std::stod(buf);
                }
        return collection;
    };
    CHECK(fifteen_digits(export_geojson(gpkg, dir, "gpkg.geojson")) == fifteen_digits(fc));
    // And export to a PostGIS table.
    const auto to_pg = run("export " + quoted(gpkg) + " -o " + quoted(project) + " --table exported");
    INFO(to_pg.output);
    CHECK(to_pg.code == 0);
    CHECK_THAT(run_shell("ogrinfo -ro -so " + quoted(project) + " exported 2>&1").output, Catch::Contains("Feature Count: 6"));
    CHECK(run("export " + quoted(gpkg) + " -o " + quoted(project) + " --table incidents").code == 2);  // the project's own
}

TEST_CASE("a PostGIS project of 100000 incidents: import, export, import again and export keep every property", "[cli][postgis]") {
    std::string why_not;
    auto* server = PostgisServer::get(why_not);
    if (!server) INCIDENTMAP_SKIP(why_not);
    TempDir dir;
    // 100,000 incidents with every property, in the encoding export writes (one in 97 of unknown time, one in 89
    // unlocated), as awk writes them.
    const auto input = dir / "input.geojson";
    REQUIRE(run_shell(
                "awk 'BEGIN { print \"{\\\"type\\\":\\\"FeatureCollection\\\",\\\"features\\\":[\"; "
                "for (i = 0; i < 100000; i++) { d = sprintf(\"2022-%02d-%02d\", i % 12 + 1, i % 28 + 1); "
                "known = i % 97 != 0; located = i % 89 != 0; "
                "printf \"%s{\\\"type\\\":\\\"Feature\\\",\\\"id\\\":\\\"e%d\\\",\\\"geometry\\\":%s,\\\"properties\\\":{"
                "\\\"id\\\":\\\"e%d\\\",\\\"date_start\\\":%s,\\\"date_end\\\":%s,\\\"time_precision\\\":\\\"%s\\\","
                "\\\"event_type\\\":\\\"Riots\\\",\\\"sub_event_type\\\":\\\"Violent demonstration\\\","
                "\\\"actors\\\":[\\\"Rioters (Kazakhstan)\\\",\\\"Police\\\"],\\\"violent\\\":true,\\\"fatalities\\\":%d,"
                "\\\"fatalities_min\\\":null,\\\"injured\\\":%d,\\\"arrested\\\":null,\\\"severity\\\":4,\\\"geo_precision\\\":%s,"
                "\\\"uncertainty_m\\\":%s,\\\"place_name\\\":\\\"Алматы, place de la République\\\",\\\"place_id\\\":\\\"geonames:%d\\\","
                "\\\"country\\\":\\\"KZ\\\",\\\"admin1\\\":null,\\\"quote\\\":\\\"Les émeutiers ont incendié l’akimat (%d).\\\","
                "\\\"source_span\\\":[%d,%d],\\\"language\\\":\\\"fr\\\",\\\"confidence\\\":0.%d,\\\"source\\\":\\\"report-%d.html\\\","
                "\\\"manual_correction\\\":%s,\\\"mention_span\\\":[%d,%d]}}\\n\", (i ? \",\" : \"\"), i, "
                "(located ? sprintf(\"{\\\"type\\\":\\\"Point\\\",\\\"coordinates\\\":[%.5f,%.5f]}\", (i % 3600) / 10 - 179.95, (i % 1700) / 10 - 84.95) : \"null\"), "
                "i, (known ? \"\\\"\" d \"\\\"\" : \"null\"), (known ? \"\\\"\" d \"\\\"\" : \"null\"), (known ? \"day\" : \"unknown\"), "
                "i % 40, i % 300, (located ? \"2\" : \"null\"), (located ? sprintf(\"%d.5\", 100 + i % 5000) : \"null\"), i, i, "
                "i % 1000, i % 1000 + 40, i % 90 + 10, i % 500, (i % 7 ? \"false\" : \"true\"), i % 1000 + 3, i % 1000 + 9; } print \"]}\" }' > " +
                quoted(input.string()))
                .code == 0);
    const std::string first = server->create_database(), second = server->create_database();
    auto import_into = [&](const std::filesystem::path& file, const std::string& project) {
        const auto r = run("import " + quoted(file.string()) + " --into " + quoted(project));
        INFO(r.output);
        REQUIRE(r.code == 0);
        CHECK_THAT(r.output, Catch::Contains("100000 of 100000 rows imported"));
    };
    import_into(input, first);
    const Json a = export_geojson(first, dir, "a.geojson");
    import_into(dir / "a.geojson", second);
    const Json b = export_geojson(second, dir, "b.geojson");
    CHECK(slurp(dir / "a.geojson") == slurp(dir / "b.geojson"));

    // Every incident of the input comes out with every property as it went in.
    const Json in = Json::parse(slurp(input));
    REQUIRE(a["features"].size() == 100'000);
    std::map<std::string, const Json*> by_id;
    for (const auto& f : a["features"]) by_id[f["id"].get<std::string>()] = &f;
    std::size_t same = 0;
    for (const auto& f : in["features"]) {
        const auto it = by_id.find(f["id"].get<std::string>());
        if (it == by_id.end()) continue;
        if (it->second->at("geometry") == f["geometry"] && it->second->at("properties") == f["properties"]) ++same;
        else if (same < 3) CHECK(it->second->dump() == f.dump());  // the first differences, shown
    }
    CHECK(same == 100'000);
}

TEST_CASE("correct writes the viewer's corrections into a project, where a later ingest keeps them", "[cli][correct]") {
    TempDir dir;
    std::ofstream(dir / "a.txt") << "Protesters clashed with police in Lyon on Monday. Police arrested 12 people.";
    std::ofstream(dir / "b.txt") << "On Monday, police in Lyon arrested 15 protesters after clashes.";
    const std::string project = (dir / "events.gpkg").string();
    REQUIRE(run("ingest " + quoted((dir / "a.txt").string()) + " --into " + quoted(project) + " --published 2023-07-05").code == 0);
    // The analyst's edit, as the viewer saves it: a file of incidents, the corrected one marked.
    Json saved = export_geojson(project, dir, "saved.geojson");
    REQUIRE(!saved["features"].empty());
    Json& edited = saved["features"][0];
    edited["properties"]["arrested"] = 14;
    edited["properties"]["place_name"] = "Place Bellecour";
    edited["properties"]["manual_correction"] = true;
    edited["geometry"]["coordinates"] = Json::array({4.8320, 45.7578});
    const std::string edited_id = edited["properties"]["id"];
    Json unknown = edited;
    unknown["properties"]["id"] = "not-in-this-project";
    saved["features"].push_back(unknown);  // (`edited` refers into the array: not used after this)
    std::ofstream(dir / "corrected.geojson") << saved.dump();

    const auto r = run("correct " + quoted(project) + " " + quoted((dir / "corrected.geojson").string()));
    INFO(r.output);
    CHECK(r.code == 2);  // one id was not the project's: named, the other applied
    CHECK_THAT(r.output, Catch::Contains("not-in-this-project") && Catch::Contains("1 of 2 corrected incidents"));
    auto corrected_in = [&](const Json& all) -> const Json* {
        for (const Json& f : all["features"])
            if (f["properties"]["id"] == edited_id) return &f;
        return nullptr;
    };
    const Json after = export_geojson(project, dir, "after.geojson");
    const Json* c = corrected_in(after);
    REQUIRE(c);
    CHECK((*c)["properties"]["arrested"] == 14);
    CHECK((*c)["properties"]["place_name"] == "Place Bellecour");
    CHECK((*c)["properties"]["manual_correction"] == true);

    // A second report of the same arrests: merged into the incident, which stays as the analyst made it.
    REQUIRE(run("ingest " + quoted((dir / "b.txt").string()) + " --into " + quoted(project) + " --published 2023-07-05").code == 0);
    const Json later = export_geojson(project, dir, "later.geojson");
    const Json* kept = corrected_in(later);
    REQUIRE(kept);
    CHECK((*kept)["properties"]["arrested"] == 14);
    CHECK((*kept)["geometry"]["coordinates"][0].get<double>() == Approx(4.8320));
}
