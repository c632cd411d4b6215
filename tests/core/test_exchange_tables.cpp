#include "core/error.hpp"
#include "core/io/exchange_tables.hpp"

#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace incidentmap::core;
using namespace incidentmap::core::io;
using namespace std::chrono;
using incidentmap::test::TempDir;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Drops the last column (ACLED's timestamp, the time of the export) of every line.
std::string without_timestamps(const std::string& csv) {
    std::string out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) out += line.substr(0, line.rfind(',')) + "\n";
    return out;
}

Incident riot(const std::string& id) {
    Incident in;
    in.id = id;
    in.time = TimeSpan::day(year_month_day{year{2022}, January, day{5}});
    in.event_type = EventType::riots;
    in.sub_event_type = "Violent demonstration";
    in.actors = {"Rioters (Kazakhstan)", "Police Forces of Kazakhstan", "Protesters, \"Almaty\""};
    in.violent = true;
    in.fatalities = 8;
    in.severity = Severity::fatal;
    in.location = LatLon::degrees(43.2383, 76.9453);
    in.uncertainty_m = Meters(1000);
    in.geo_precision = 1;
    in.place_name = "Almaty";
    in.country = "KZ";
    in.admin1 = "Almaty City";
    in.quote = "Rioters stormed the akimat, police said; 8 were killed.";
    in.source = "a.txt; b.html";
    return in;
}

}  // namespace

TEST_CASE("ACLED and UCDP tables written by export read back with nothing their columns carry lost", "[io][exchange]") {
    TempDir dir;
    std::vector<ExchangeRow> rows{{riot("kz-1"), 6, 8}, {riot("kz-2"), std::nullopt, std::nullopt}, {riot("kz-3"), std::nullopt, std::nullopt}};
    rows[1].incident.time = TimeSpan::week(year_month_day{year{2022}, January, day{3}});
    rows[1].incident.fatalities.reset();
    rows[1].incident.severity = Severity::violent;
    rows[1].incident.event_type = EventType::battles;
    rows[1].incident.sub_event_type = "Armed clash";
    rows[2].incident.time = TimeSpan::month(year{2022} / January);
    rows[2].incident.location.reset();
    rows[2].incident.uncertainty_m.reset();
    rows[2].incident.geo_precision.reset();
    rows[2].incident.event_type = EventType::protests;
    rows[2].incident.violent = false;
    rows[2].incident.fatalities = 0;
    rows[2].incident.severity = Severity::disruptive;

    SECTION("ACLED") {
        write_exchange_csv(rows, ExchangeLayout::acled, dir / "acled.csv");
        const std::string csv = slurp(dir / "acled.csv");
        CHECK(csv.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,actor2,"
                              "interaction,country,admin1,admin2,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                              "fatalities,timestamp\n"));
        CHECK_THAT(csv, Catch::Contains("kz-1,2022-01-05,2022,1,\"Political violence; Demonstrations\",Riots,Violent demonstration,"
                                        "Rioters (Kazakhstan),\"Police Forces of Kazakhstan; Protesters, \"\"Almaty\"\"\",,Kazakhstan,"
                                        "Almaty City,,Almaty,43.2383,76.9453,1,\"a.txt; b.html\",,"));
        const ExchangeRead back = read_exchange_table(dir / "acled.csv");
        CHECK(back.layout == ExchangeLayout::acled);
        CHECK(back.problems.empty());
        REQUIRE(back.rows.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            Incident expected = rows[i].incident;
            expected.uncertainty_m.reset();  // ACLED has no radius
            CHECK(back.rows[i].incident == expected);
        }
        // And written again, the same table.
        write_exchange_csv(back.rows, ExchangeLayout::acled, dir / "again.csv");
        CHECK(without_timestamps(slurp(dir / "again.csv")) == without_timestamps(csv));
    }
    SECTION("UCDP") {
        write_exchange_csv(rows, ExchangeLayout::ucdp, dir / "ged.csv");
        const std::string csv = slurp(dir / "ged.csv");
        CHECK(csv.starts_with("id,date_start,date_end,date_prec,where_prec,type_of_violence,latitude,longitude,country,best,low,high,"
                              "source_article\n"));
        CHECK_THAT(csv, Catch::Contains("kz-1,2022-01-05,2022-01-05,1,1,,43.2383,76.9453,Kazakhstan,8,6,8,\"a.txt; b.html\"\n"));
        CHECK_THAT(csv, Catch::Contains("kz-2,2022-01-03,2022-01-09,3,1,1,"));
        const ExchangeRead back = read_exchange_table(dir / "ged.csv");
        CHECK(back.layout == ExchangeLayout::ucdp);
        CHECK(back.problems.empty());
        REQUIRE(back.rows.size() == 3);
        CHECK(back.rows[0].low == 6);
        CHECK(back.rows[0].high == 8);
        CHECK(back.rows[0].incident.fatalities == 8);
        CHECK(back.rows[0].incident.location == rows[0].incident.location);
        CHECK(back.rows[0].incident.time == rows[0].incident.time);
        CHECK(back.rows[1].incident.time == rows[1].incident.time);
        CHECK(back.rows[1].incident.event_type == EventType::battles);
        CHECK(back.rows[2].incident.time == rows[2].incident.time);
        CHECK(back.rows[0].incident.country == "KZ");
        write_exchange_csv(back.rows, ExchangeLayout::ucdp, dir / "again.csv");
        CHECK(slurp(dir / "again.csv") == csv);
    }
}

TEST_CASE("an ACLED table with bad rows: each named with its number and reason, the good rows read", "[io][exchange]") {
    TempDir dir;
    std::ofstream(dir / "acled.csv") << "event_id_cnty,event_date,time_precision,event_type,latitude,longitude,fatalities,country\n"
                                        "KAZ1,06 January 2022,1,Riots,43.25,76.95,3,Kazakhstan\n"
                                        "KAZ2,2022-13-45,1,Riots,43.25,76.95,3,Kazakhstan\n"
                                        "KAZ3,2022-01-06,1,Fighting,43.25,76.95,3,Kazakhstan\n"
                                        "KAZ4,2022-01-06,1,Protests,95,76.95,,Kazakhstan\n"
                                        "KAZ5,2022-01-06,1,Protests,43.25,76.95,-2,Kazakhstan\n"
                                        "KAZ6,,1,Protests,43.25,76.95,,Kazakhstan\n"
                                        "KAZ7,6-Jan-22,2,Protests,43.25,76.95,0,Atlantis\n";
    const ExchangeRead r = read_exchange_table(dir / "acled.csv");
    CHECK(r.row_count == 7);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].incident.id == "KAZ1");
    CHECK(r.rows[0].incident.time == TimeSpan::day(year_month_day{year{2022}, January, day{6}}));
    CHECK(r.rows[1].incident.country == "Atlantis");  // a name the table does not know stays as given
    CHECK(r.rows[1].incident.time.precision() == TimePrecision::week);
    REQUIRE(r.problems.size() == 5);
    CHECK(r.problems[0].location() == "row 2");
    CHECK_THAT(r.problems[0].detail(), Catch::Contains("event_date '2022-13-45' is not a date"));
    CHECK_THAT(r.problems[1].detail(), Catch::Contains("event_type 'Fighting'"));
    CHECK_THAT(r.problems[2].detail(), Catch::Contains("latitude '95'"));
    CHECK_THAT(r.problems[3].detail(), Catch::Contains("fatalities '-2'"));
    CHECK(r.problems[4].location() == "row 6");
    CHECK_THAT(r.problems[4].detail(), Catch::Contains("event_date is empty"));
}

TEST_CASE("a table with neither ACLED's nor UCDP's columns is refused, saying which are needed", "[io][exchange]") {
    TempDir dir;
    std::ofstream(dir / "other.csv") << "name,value\na,1\n";
    try {
        read_exchange_table(dir / "other.csv");
        FAIL("read a table of other columns");
    } catch (const InputError& e) {
        CHECK(e.source() == (dir / "other.csv").string());
        CHECK_THAT(e.detail(), Catch::Contains("event_id_cnty") && Catch::Contains("date_prec"));
    }
}
