// Runs the real executable and checks its output and exit codes.

#include "tests/cli/run.hpp"
#include "tests/skip.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace incidentmap::test;

TEST_CASE("the help flag lists the subcommands and the exit codes", "[cli]") {
    const auto r = run("--help");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("info"));
    CHECK_THAT(r.output, Catch::Contains("view"));
    CHECK_THAT(r.output, Catch::Contains("Exit codes"));
}

TEST_CASE("the version flag prints the version", "[cli]") {
    const auto r = run("--version");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::StartsWith("incidentmap "));
}

TEST_CASE("an unknown subcommand exits 2 with a suggestion", "[cli]") {
    const auto r = run("inof");
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains("unknown command 'inof'"));
    CHECK_THAT(r.output, Catch::Contains("Did you mean 'info'?"));
    const auto far = run("geocode-everything");
    CHECK(far.code == 2);
    CHECK_THAT(far.output, Catch::Contains("incidentmap --help"));
}

TEST_CASE("bad usage exits 2", "[cli]") {
    CHECK(run("").code == 2);
    CHECK(run("--frobnicate").code == 2);
    CHECK(run("view --frames -1").code == 2);
    const auto bad_size = run("view --size 12by7");
    CHECK(bad_size.code == 2);
    CHECK_THAT(bad_size.output, Catch::Contains("--size"));
}

TEST_CASE("info checks the libraries and the embedded data", "[cli]") {
    const auto r = run("info");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("GDAL 3"));
    CHECK_THAT(r.output, Catch::Contains("'Алма-Ата' folds to 'alma ata'"));
    CHECK_THAT(r.output, Catch::Contains("countries"));
    CHECK_THAT(r.output, !Catch::Contains("FAILED"));
}

TEST_CASE("info exits 1 and says what failed when embedded data is missing", "[cli]") {
    const auto r = run("info");  // with the real assets first, for contrast
    REQUIRE(r.code == 0);
    const auto missing = run_with_env("INCIDENTMAP_ASSETS=/nonexistent-assets", "info");
    CHECK(missing.code == 1);
    CHECK_THAT(missing.output, Catch::Contains("FAILED"));
}

TEST_CASE("gazetteer lookup finds Almaty in text and JSON", "[cli][gazetteer]") {
    const auto text = run("gazetteer lookup Алматы --limit 2");
    CHECK(text.code == 0);
    CHECK_THAT(text.output, Catch::StartsWith("geonames:1526384"));
    const auto json = run("gazetteer lookup 'Kok Tobe' --near 43.25,76.92 --format json --limit 1");
    CHECK(json.code == 0);
    CHECK_THAT(json.output, Catch::Contains("\"id\": \"landmark:kz-almaty-kok-tobe\""));
    CHECK_THAT(json.output, Catch::Contains("\"distance_km\""));
}

TEST_CASE("gazetteer lookup of an unknown name is an empty answer: exit 0, a note on stderr", "[cli][gazetteer]") {
    const auto r = run("gazetteer lookup Qwertyuiopgrad");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("no place named 'Qwertyuiopgrad'"));
    const auto quiet = run("gazetteer lookup Qwertyuiopgrad 2>/dev/null | wc -c");
    CHECK(quiet.output.find_first_not_of(" \n") == quiet.output.find('0'));  // stdout holds no answer: 0 bytes
    CHECK(quiet.output.find_first_of("123456789") == std::string::npos);
    CHECK(run("gazetteer lookup Qwertyuiopgrad --format json").output.find("[]") != std::string::npos);
}

TEST_CASE("a directory or an impossible publication date as input: exit 2 naming it", "[cli]") {
    const auto dir = run("geoparse " + std::string(INCIDENTMAP_SOURCE_DIR) + "/docs");
    CHECK(dir.code == 2);
    CHECK_THAT(dir.output, Catch::Contains("docs: is a directory"));
    const auto date = run("extract - --lang en --published 0000-01-01 < /dev/null");
    CHECK(date.code == 2);
    CHECK_THAT(date.output, Catch::Contains("not between 1900 and 2100"));
}

TEST_CASE("gazetteer bad input exits 2 with the file or option named", "[cli][gazetteer]") {
    const auto missing = run("gazetteer build --geonames /nonexistent/allCountries.txt -o /tmp/never.imgz");
    CHECK(missing.code == 2);
    CHECK_THAT(missing.output, Catch::Contains("/nonexistent/allCountries.txt: no such file"));
    const auto corrupt = run("gazetteer info --index " + std::string(INCIDENTMAP_EXE));  // an ELF file, not an index
    CHECK(corrupt.code == 2);
    CHECK_THAT(corrupt.output, Catch::Contains("not a usable gazetteer index"));
    CHECK(run("gazetteer lookup Almaty --near 43.25").code == 2);
    CHECK(run("gazetteer lookup Almaty --country KAZ").code == 2);
    CHECK(run("gazetteer lookup Almaty --format xml").code == 2);
}

TEST_CASE("gazetteer info verifies the default index", "[cli][gazetteer]") {
    const auto r = run("gazetteer info");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("checksums verified"));
    CHECK_THAT(r.output, Catch::Contains("cities500"));
}

// For the render tests below.
#include <unistd.h>

#include <utility>

namespace {

// Width and height from a PNG file's IHDR chunk; {0, 0} when the file is missing or not a PNG.
std::pair<int, int> png_size(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {0, 0};
    unsigned char h[24] = {};
    const std::size_t n = std::fread(h, 1, sizeof h, f);
    std::fclose(f);
    if (n < 24 || h[1] != 'P' || h[2] != 'N' || h[3] != 'G') return {0, 0};
    auto be32 = [&](int at) { return (h[at] << 24) | (h[at + 1] << 16) | (h[at + 2] << 8) | h[at + 3]; };
    return {be32(16), be32(20)};
}

std::string temp_png(const std::string& name) {
    return "/tmp/incidentmap-cli-" + std::to_string(::getpid()) + "-" + name + ".png";
}

}  // namespace

TEST_CASE("render writes a PNG of the requested size without a display", "[cli][render]") {
    const std::string out = temp_png("kz");
    const auto r = run_with_env("env -u DISPLAY -u WAYLAND_DISPLAY",
                                "render -o " + out + " --size 640x400 --bbox 46.5,40.5,87.3,55.4");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("wrote " + out));
    CHECK(png_size(out) == std::pair{640, 400});
    std::remove(out.c_str());
}

TEST_CASE("render rejects a bad --bbox, --size or --hide with exit 2", "[cli][render]") {
    const std::string out = temp_png("bad");
    // "87.3,40.5,46.5,55.4": the west and east edges swapped, a 319-degree box across the antimeridian.
    for (const char* bbox : {"1,2,3", "46.5,40.5,87.3,abc", "46.5,55,87.3,40", "200,0,210,10", "10,95,20,96", "87.3,40.5,46.5,55.4"}) {
        const auto r = run("render -o " + out + " --bbox " + std::string(bbox));
        CHECK(r.code == 2);
        CHECK_THAT(r.output, Catch::Contains("--bbox"));
    }
    for (const char* size : {"640", "0x400", "640x-1", "99999x10", "12by7"}) {
        const auto r = run("render -o " + out + " --size " + std::string(size));
        CHECK(r.code == 2);
        CHECK_THAT(r.output, Catch::Contains("--size"));
    }
    const auto hide = run("render -o " + out + " --hide rivers");
    CHECK(hide.code == 2);
    CHECK_THAT(hide.output, Catch::Contains("no layer named 'rivers'"));
    CHECK(run("render --size 64x64").code == 2);  // -o is required
    const auto subtitle = run("render -o " + out + " --subtitle 'no title above'");
    CHECK(subtitle.code == 2);
    CHECK_THAT(subtitle.output, Catch::Contains("--title"));
    CHECK(run("render -o " + temp_png("x") + ".jpg").code == 2);
    CHECK(png_size(out) == std::pair{0, 0});  // nothing written
}

TEST_CASE("render with a missing basemap file says so and still writes the map", "[cli][render]") {
    const std::string out = temp_png("missing");
    const auto r = run("render -o " + out + " --size 320x200 --basemap /nonexistent/roads.geojson --hide labels");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("basemap 'roads.geojson' not shown"));
    CHECK_THAT(r.output, Catch::Contains("/nonexistent/roads.geojson"));
    CHECK(png_size(out) == std::pair{320, 200});
    std::remove(out.c_str());
}

TEST_CASE("render --basemap takes one value: the incident file after it is drawn, the count only of what is in view", "[cli][render]") {
    const std::string out = temp_png("one-basemap");
    const std::string incidents = std::string(INCIDENTMAP_SOURCE_DIR) + "/docs/examples/kazakhstan-2022-01.geojson";
    const std::string land = std::string(INCIDENTMAP_SOURCE_DIR) + "/assets/basemap/land-50m.json";
    const auto r = run("render --basemap " + land + " " + incidents + " --hide labels --size 640x400 -o " + out);
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("wrote " + out + " (640x400): 5 incidents shown"));
    // Almaty, Shymkent and Astana's incidents are outside a box round the Caspian: only Shevchenko's is counted.
    const auto caspian = run("render " + incidents + " --bbox 46,40,56,47 --hide labels --size 640x400 -o " + out);
    CHECK(caspian.code == 0);
    CHECK_THAT(caspian.output, Catch::Contains("1 incident shown"));
    std::remove(out.c_str());
}

TEST_CASE("view and render list their basemap options", "[cli][render]") {
    const auto help = run("--help");
    CHECK_THAT(help.output, Catch::Contains("render"));
    const auto view = run("view --help");
    CHECK(view.code == 0);
    CHECK_THAT(view.output, Catch::Contains("--basemap"));
    CHECK_THAT(view.output, Catch::Contains("FILES") || Catch::Contains("files"));
    const auto render = run("render --help");
    CHECK(render.code == 0);
    CHECK_THAT(render.output, Catch::Contains("--bbox"));
    CHECK(run("view --bbox 1,2,3,4").code == 2);  // view has no --bbox
}

TEST_CASE("geoparse --batch answers every line, errors included, in order", "[cli][geoparse]") {
    const std::string input = std::string("{\"id\":\"a\",\"text\":\"Clashes in Almaty.\",\"lang\":\"en\"}\n") +
                              "this is not json\n" + "{\"id\":\"c\",\"lang\":\"fr\"}\n" + "{\"id\":\"d\",\"text\":\"\"}\n" +
                              "{\"id\":\"e\",\"text\":\"In Almaty \xFF\xFE city\",\"lang\":\"en\"}\n";
    const std::string file = "/tmp/incidentmap-test-batch-" + std::to_string(::getpid()) + ".ndjson";
    FILE* f = std::fopen(file.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(input.data(), 1, input.size(), f);
    std::fclose(f);
    const auto r = run("geoparse --batch < " + file);
    std::remove(file.c_str());
    CHECK(r.code == 0);
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < r.output.size()) {
        const std::size_t nl = r.output.find('\n', at);
        lines.push_back(r.output.substr(at, nl - at));
        at = nl == std::string::npos ? r.output.size() : nl + 1;
    }
    REQUIRE(lines.size() == 5);
    CHECK_THAT(lines[0], Catch::Contains("\"id\":\"a\"") && Catch::Contains("\"geonameid\":1526384") &&
                             Catch::Contains("\"span\":[11,17]"));
    CHECK_THAT(lines[1], Catch::Contains("\"id\":null") && Catch::Contains("\"error\""));
    CHECK_THAT(lines[2], Catch::Contains("\"id\":\"c\"") && Catch::Contains("no \\\"text\\\""));
    CHECK_THAT(lines[3], Catch::Contains("\"id\":\"d\"") && Catch::Contains("\"mentions\":[]"));
    CHECK_THAT(lines[4], Catch::Contains("\"id\":\"e\"") && Catch::Contains("invalid UTF-8") &&
                             Catch::Contains("\"span\":[3,9]"));
}

TEST_CASE("geoparse of a file prints places, bad options exit 2", "[cli][geoparse]") {
    const auto r = run_with_env("printf 'Des tirs ont été entendus à Almaty.' |", "geoparse --lang fr -");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("Almaty"));
    CHECK(run("geoparse --lang xx -").code == 2);
    CHECK(run("geoparse --published 2022-13-45 -").code == 2);
    CHECK(run("geoparse /nonexistent/article.txt").code == 2);
}

#include "tests/temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// The text of a string property in one Feature line of the GeoJSON the project writes (one Feature a line);
// empty when absent or null.
std::string string_property(const std::string& feature, const std::string& name) {
    const std::string key = std::string("\"").append(name).append("\":\"");
    const std::size_t at = feature.find(key);
    if (at == std::string::npos) return {};
    const std::size_t begin = at + key.size();
    return feature.substr(begin, feature.find('"', begin) - begin);
}

// The demo run as the README gives it, never opening a window whatever the test environment.
const char* const kNoDisplay = "env -u DISPLAY -u WAYLAND_DISPLAY";

}  // namespace

TEST_CASE("demo writes every sample's incidents to demo.geojson and a PNG of the requested size", "[cli][demo]") {
    const incidentmap::test::TempDir dir;
    const std::filesystem::path out = dir / "not-yet-there";
    const auto r = run_with_env(kNoDisplay, "demo --no-window --size 640x400 -o " + out.string());
    REQUIRE(r.code == 0);
    for (const char* sample : {"lyon (fr", "manchester (en", "novosibirsk (ru", "taxis (fr"})
        CHECK_THAT(r.output, Catch::Contains(sample));
    CHECK_THAT(r.output, Catch::Contains("wrote " + (out / "demo.geojson").string()));
    CHECK_THAT(r.output, Catch::Contains("wrote " + (out / "demo.png").string() + " (640x400)"));
    CHECK(png_size((out / "demo.png").string()) == std::pair{640, 400});

    // Each sample gives incidents dated from its publication date in samples.tsv, and each feature is complete.
    std::set<std::string> sources, source_days;
    std::istringstream geojson(read_file(out / "demo.geojson"));
    int features = 0;
    for (std::string line; std::getline(geojson, line);) {
        if (line.find("\"type\":\"Feature\"") == std::string::npos) continue;
        ++features;
        INFO(line);
        CHECK_THAT(line, Catch::Contains("\"geometry\":{\"type\":\"Point\",\"coordinates\":["));
        CHECK_THAT(line, Catch::Matches(".*\"severity\":[0-4],.*"));
        const std::string source = string_property(line, "source");
        const std::string day = string_property(line, "date_start").substr(0, 10);
        CHECK(day.size() == 10);
        sources.insert(source);
        source_days.insert(source + " " + day);
    }
    CHECK(features >= 4);
    CHECK(sources == std::set<std::string>{"lyon", "manchester", "novosibirsk", "taxis"});
    for (const char* told : {"lyon 2021-11-18", "manchester 2022-03-05", "novosibirsk 2016-04-16", "taxis 2019-06-25"})
        CHECK(source_days.count(told) == 1);
}

TEST_CASE("demo with an unusable --output or --size exits 2 naming it", "[cli][demo]") {
    const incidentmap::test::TempDir dir;
    const std::filesystem::path file = dir / "plain.txt";
    write_file(file, "not a directory");
    for (const std::string& bad : {file.string(), (file / "sub").string(), std::string("/proc/incidentmap-demo")}) {
        const auto r = run_with_env(kNoDisplay, "demo --no-window -o " + bad);
        CHECK(r.code == 2);
        CHECK_THAT(r.output, Catch::Contains("--output") && Catch::Contains("'" + bad + "'"));
    }
    CHECK(read_file(file) == "not a directory");
    const auto size = run_with_env(kNoDisplay, "demo --no-window --size 12by7 -o " + dir.path().string());
    CHECK(size.code == 2);
    CHECK_THAT(size.output, Catch::Contains("--size"));
    CHECK_FALSE(std::filesystem::exists(dir / "demo.geojson"));
}

TEST_CASE("demo replaces existing outputs atomically and keeps them when it fails", "[cli][demo]") {
    const incidentmap::test::TempDir dir;
    write_file(dir / "demo.geojson", "old incidents");
    write_file(dir / "demo.png", "old picture");
    const auto failed = run_with_env(kNoDisplay, "demo --no-window --index /nonexistent/gazetteer.imgz -o " + dir.path().string());
    CHECK(failed.code == 2);
    CHECK_THAT(failed.output, Catch::Contains("/nonexistent/gazetteer.imgz"));
    CHECK(read_file(dir / "demo.geojson") == "old incidents");
    CHECK(read_file(dir / "demo.png") == "old picture");

    // Without --no-window but without a display: the files are written and the viewer is not opened.
    const auto r = run_with_env(kNoDisplay, "demo --size 320x200 -o " + dir.path().string());
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("no display"));
    CHECK(read_file(dir / "demo.geojson").rfind("{\"type\":\"FeatureCollection\"", 0) == 0);
    CHECK(png_size((dir / "demo.png").string()) == std::pair{320, 200});
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) names.insert(entry.path().filename().string());
    CHECK(names == std::set<std::string>{"demo.geojson", "demo.png"});  // no temporary file left behind
}

TEST_CASE("demo names the file and line of a malformed sample list", "[cli][demo]") {
    const incidentmap::test::TempDir assets;
    std::filesystem::create_directories(assets / "samples");
    const std::string env = std::string(kNoDisplay).append(" INCIDENTMAP_ASSETS=").append(assets.path().string());
    const std::string out = (assets / "out").string();
    const std::pair<const char*, const char*> cases[] = {
        {"# comment\nlyon.txt\tfr\n", "samples.tsv:2"},
        {"lyon.txt\tfr\t2021-11-19\nmanchester.txt\tde\t2022-03-07\n", "samples.tsv:2: unknown language 'de'"},
        {"lyon.txt\tfr\t19/11/2021\n", "samples.tsv:1"},
        {"# nothing listed\n", "lists no sample"},
    };
    for (const auto& [text, message] : cases) {
        write_file(assets / "samples" / "samples.tsv", text);
        const auto r = run_with_env(env, "demo --no-window -o " + out);
        INFO(text);
        CHECK(r.code == 2);
        CHECK_THAT(r.output, Catch::Contains(message));
    }
    std::filesystem::remove(assets / "samples" / "samples.tsv");
    const auto missing = run_with_env(env, "demo --no-window -o " + out);
    CHECK(missing.code == 2);
    CHECK_THAT(missing.output, Catch::Contains("samples/samples.tsv"));
}

TEST_CASE("extract writes GeoJSON of a report's incidents, to stdout or atomically to a file", "[cli][extract]") {
    const incidentmap::test::TempDir dir;
    write_file(dir / "report.txt",
               "Heurts à Lyon\n\nSamedi soir, des manifestants se sont affrontés avec la police place Bellecour à Lyon. "
               "Douze personnes ont été blessées et 30 interpellées.\n");
    const auto out = run("extract " + (dir / "report.txt").string() + " --published 2023-03-27");
    CHECK(out.code == 0);
    CHECK_THAT(out.output, Catch::Contains("\"type\":\"FeatureCollection\"") && Catch::Contains("\"date_start\":\"2023-03-25") &&
                               Catch::Contains("\"injured\":12") && Catch::Contains("\"arrested\":30") &&
                               Catch::Contains("\"fatalities\":null") && Catch::Contains("\"language\":\"fr\""));
    CHECK_THAT(out.output, !Catch::Contains("\"crs\""));

    // -o: the file is replaced only by a complete new one; a failed run leaves it as it was.
    write_file(dir / "out.geojson", "previous");
    CHECK(run("extract " + (dir / "report.txt").string() + " --published 2023-03-27 -o " + (dir / "out.geojson").string()).code == 0);
    CHECK_THAT(read_file(dir / "out.geojson"), Catch::Contains("\"arrested\":30"));
    const std::string before = read_file(dir / "out.geojson");
    CHECK(run("extract " + (dir / "missing.txt").string() + " -o " + (dir / "out.geojson").string()).code == 2);
    CHECK(run("extract " + (dir / "report.txt").string() + " --published 2023-02-30 -o " + (dir / "out.geojson").string()).code == 2);
    CHECK(read_file(dir / "out.geojson") == before);
}

TEST_CASE("extract --batch answers every line in order, errors and warnings included", "[cli][extract]") {
    const incidentmap::test::TempDir dir;
    write_file(dir / "requests.ndjson",
               "{\"id\":\"a\",\"text\":\"Police clashed with protesters in Manchester on Saturday.\",\"published\":\"2023-05-15\"}\n"
               "not json at all\n"
               "{\"id\":\"c\",\"lang\":\"en\"}\n"
               "{\"id\":\"d\",\"text\":\"Police clashed with protesters in Leeds on Saturday.\",\"published\":\"7:58 AM ET\"}\n"
               "{\"id\":7,\"text\":\"\"}\n"
               "{\"text\":\"Police clashed with protesters in York.\"}\n");  // no id: read with find(), found by fuzz_batch
    const auto r = run("extract --batch < " + (dir / "requests.ndjson").string());
    CHECK(r.code == 0);
    std::vector<std::string> lines;
    std::istringstream in(r.output);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 6);
    CHECK_THAT(lines[0], Catch::Contains("\"id\":\"a\"") && Catch::Contains("\"FeatureCollection\"") &&
                             Catch::Contains("\"date_start\":\"2023-05-13\""));
    CHECK_THAT(lines[1], Catch::Contains("\"id\":null") && Catch::Contains("\"error\""));
    CHECK_THAT(lines[2], Catch::Contains("\"id\":\"c\"") && Catch::Contains("no \\\"text\\\""));
    // An unreadable publication date is a warning: the text is answered, its weekday left unresolved.
    CHECK_THAT(lines[3], Catch::Contains("\"id\":\"d\"") && Catch::Contains("\"warning\"") && Catch::Contains("Leeds") &&
                             Catch::Contains("\"date_start\":null"));
    CHECK_THAT(lines[4], Catch::Contains("\"id\":7") && Catch::Contains("\"features\":[]"));
    CHECK_THAT(lines[5], Catch::Contains("\"id\":null") && Catch::Contains("York"));
}

TEST_CASE("a missing Hunspell dictionary exits 1 naming it, info says so", "[cli][geoparse]") {
    const auto ok = run("info");
    CHECK_THAT(ok.output, Catch::Contains("Hunspell ru_RU: ") && Catch::Contains("'Китая' -> Китай"));
    incidentmap::test::TempDir dir;
    std::ofstream(dir / "report.txt") << "В Москве прошёл митинг.";
    const auto missing = run_with_env("INCIDENTMAP_HUNSPELL_DIR=/nonexistent-dictionaries",
                                      "geoparse " + (dir / "report.txt").string() + " --lang ru");
    CHECK(missing.code == 1);
    CHECK_THAT(missing.output, Catch::Contains("/nonexistent-dictionaries/ru_RU.aff") && Catch::Contains("hunspell-ru"));
    const auto info = run_with_env("INCIDENTMAP_HUNSPELL_DIR=/nonexistent-dictionaries", "info");
    CHECK(info.code == 1);
    CHECK_THAT(info.output, Catch::Contains("Hunspell en_US: FAILED"));
}

TEST_CASE("output that cannot be written (a full disk) is a failure with a message, never exit 0", "[cli]") {
    std::FILE* full = std::fopen("/dev/full", "w");
    if (!full) INCIDENTMAP_SKIP("/dev/full is not there");
    std::fclose(full);
    for (const std::string command : {"geoparse - --lang en", "geoparse --batch", "extract - --lang en", "extract --batch"}) {
        INFO(command);
        const bool batch = command.find("--batch") != std::string::npos;
        const std::string input = batch ? R"({"id":"a","text":"Protesters clashed with police in Paris.","lang":"en"})"
                                        : "Protesters clashed with police in Paris.";
        const auto r = run_shell("echo '" + input + "' | " + std::string(INCIDENTMAP_EXE) + " " + command + " 2>&1 >/dev/full");
        CHECK(r.code == 1);
        CHECK_THAT(r.output, Catch::Contains("cannot write to standard output"));
    }
}

TEST_CASE("a text or a request over --max-bytes is refused naming the limit, /dev/zero is no hang", "[cli]") {
    const auto zero = run("geoparse /dev/zero --max-bytes 1000000");
    CHECK(zero.code == 2);
    CHECK_THAT(zero.output, Catch::Contains("/dev/zero: larger than the limit of 1000000 bytes"));
    const std::string big = std::string(R"({"id":"big","text":")") + std::string(5000, 'a') + R"("})";
    const auto batch = run("geoparse --batch --max-bytes 1000 <<'EOF'\n" + big + "\n" +
                           R"({"id":"small","text":"Protests in Lyon.","lang":"en"})" + "\nEOF\n");
    CHECK(batch.code == 0);
    CHECK_THAT(batch.output, Catch::Contains(R"("error":"line 1: the request is larger than the limit of 1000 bytes)"));
    CHECK_THAT(batch.output, Catch::Contains(R"("id":"small")"));
    CHECK(run("extract --max-bytes 0 -").code == 2);  // a limit must be positive
}

TEST_CASE("output into a directory that does not exist: exit 2 naming it, in every command that writes", "[cli]") {
    for (const std::string command : {"render -o /nonexistent-dir/map.png", "extract - --lang en -o /nonexistent-dir/out.geojson < /dev/null"}) {
        INFO(command);
        const auto r = run(command);
        CHECK(r.code == 2);
        CHECK_THAT(r.output, Catch::Contains("the directory /nonexistent-dir does not exist"));
    }
}

TEST_CASE("a malformed request line is answered with a short error, however long the line", "[cli]") {
    const std::string line = std::string(R"({"id":"x","text":")") + std::string(60000, 'a');  // no closing quote (popen takes one argument of at most 128 KiB)
    const auto r = run("geoparse --batch <<'EOF'\n" + line + "\nEOF\n");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("missing closing quote"));
    CHECK(r.output.size() < 1000);
    // A number no double holds is malformed too, and named with its line (found by fuzz_eval_corpus in gold JSON).
    const auto huge = run("geoparse --batch <<'EOF'\n{\"text\":\"x\",\"n\":1e999999}\nEOF\n");
    CHECK_THAT(huge.output, Catch::Contains("line 1: not a JSON object") && Catch::Contains("number overflow"));
}

// The README's exit-code table, command by command: 0 for success, 1 for a failure that is not the input's fault (a
// write that fails: stdout on a full device, or a file past the size limit the shell sets, with SIGXFSZ ignored so
// that the write returns an error), 2 for bad usage or bad input.
TEST_CASE("the README's exit codes hold for every command: 0, 1 and 2", "[cli][exit-codes]") {
    const incidentmap::test::TempDir dir;
    const std::string d = dir.path().string();
    write_file(dir / "report.txt", "Protesters clashed with police in Manchester on Saturday; two officers were injured.\n");
    write_file(dir / "article.txt", "Riots in Lyon and in Paris.");
    write_file(dir / "article.gold.json",
               R"({"article": "article.txt", "language": "en", "published": "2023-07-01",
                   "places": {"LYON": {"kind": "city", "lat": 45.76, "lon": 4.84, "tolerance_km": 10}, "PARIS": {"kind": "city", "lat": 48.8566, "lon": 2.3522, "tolerance_km": 10}},
                   "mentions": [{"text": "Lyon", "start": 10, "end": 14, "place": "LYON"}, {"text": "Paris", "start": 22, "end": 27, "place": "PARIS"}],
                   "incidents": []})");
    write_file(dir / "broken.gold.json", "{\"article\": ");
    write_file(dir / "damaged.imgz", std::string(4096, 'x'));
    write_file(dir / "cities.txt",
               "1526384\tAlmaty\tAlmaty\tAlma-Ata\t43.25\t76.91667\tP\tPPLA\tKZ\t\t02\t\t\t\t2000900\t\t786\tAsia/Almaty\t2022-01-01\n");
    const std::string examples = std::string(INCIDENTMAP_SOURCE_DIR) + "/docs/examples/kazakhstan-2022-01.geojson";
    const std::string full = "> /dev/full";                           // stdout on a full device
    const std::string small = "trap '' XFSZ; ulimit -f 1; ";          // files of at most 1 KiB
    struct Case {
        std::string prefix, args;
        int code;
        std::string says;  // part of what the command prints
    };
    const std::vector<Case> cases{
        {"", "info", 0, "GDAL"},
        {"", "info " + full, 1, "standard output"},
        {"", "info --bogus", 2, "--bogus"},
        {"", "gazetteer build --geonames " + d + "/cities.txt --no-embedded-landmarks -o " + d + "/tiny.imgz", 0, "built"},
        {small, "gazetteer build --geonames " + d + "/cities.txt --no-embedded-landmarks -o " + d + "/tiny.imgz", 1, "tiny.imgz"},
        {"", "gazetteer build --geonames " + d + "/absent.txt -o " + d + "/tiny.imgz", 2, "absent.txt"},
        {"", "gazetteer lookup Almaty", 0, "Almaty"},
        {"", "gazetteer lookup Almaty " + full, 1, "standard output"},
        {"", "gazetteer lookup Almaty --index " + d + "/damaged.imgz", 2, "damaged.imgz"},
        {"", "gazetteer info", 0, "checksums"},
        {"", "gazetteer info " + full, 1, "standard output"},
        {"", "gazetteer info --index " + d + "/damaged.imgz", 2, "damaged.imgz"},
        {"", "geoparse " + d + "/report.txt", 0, "Manchester"},
        {"", "geoparse " + d + "/report.txt " + full, 1, "standard output"},
        {"", "geoparse " + d + "/absent.txt", 2, "absent.txt"},
        {"", "extract " + d + "/report.txt --published 2023-05-15", 0, "FeatureCollection"},
        {"", "extract " + d + "/report.txt --published 2023-05-15 " + full, 1, "standard output"},
        {small, "extract " + d + "/report.txt --published 2023-05-15 -o " + d + "/out.geojson", 1, "out.geojson"},
        {"", "extract " + d + "/report.txt --published 2023-13-45", 2, "--published"},
        {"", "eval places " + d + "/article.gold.json", 0, "F1"},
        {"", "eval places " + d + "/article.gold.json " + full, 1, "standard output"},
        {"", "eval places " + d + "/broken.gold.json", 2, "broken.gold.json"},
        {"", "eval incidents " + d + "/article.gold.json", 0, "recall"},
        {"", "eval incidents " + d + "/article.gold.json " + full, 1, "standard output"},
        {"", "eval incidents " + d + "/broken.gold.json", 2, "broken.gold.json"},
        {"", "render " + examples + " -o " + d + "/map.png --size 400x300", 0, ""},
        {small, "render " + examples + " -o " + d + "/map.png --size 400x300", 1, "map.png"},
        {"", "render " + examples + " -o " + d + "/map.png --bbox 1,2", 2, "--bbox"},
        {"cd " + d + " && env -u DISPLAY -u WAYLAND_DISPLAY ", "demo --size 300x200", 0, "demo.png"},
        {"cd " + d + " && " + small + "env -u DISPLAY -u WAYLAND_DISPLAY ", "demo --size 300x200", 1, "demo"},
        {"cd " + d + " && ", "demo --size 0x0", 2, "--size"},
        {"", "view " + d + "/absent.geojson --screenshot " + d + "/shot.png", 2, "absent.geojson"},
    };
    for (const auto& c : cases) {
        INFO(c.prefix << "incidentmap " << c.args);
        const auto r = run_shell("(" + c.prefix + std::string(INCIDENTMAP_EXE) + " " + c.args + ") 2>&1");
        CHECK(r.code == c.code);
        CHECK_THAT(r.output, Catch::Contains(c.says) && !Catch::Contains(".tmp-"));
    }
}

// view needs a display for 0 and 1: a private Xvfb server, as the window tests have.
TEST_CASE("the README's exit codes hold for view under Xvfb: 0 and 1", "[cli][exit-codes]") {
    if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0) INCIDENTMAP_SKIP("xvfb-run is not installed");
    const incidentmap::test::TempDir dir;
    const std::string examples = std::string(INCIDENTMAP_SOURCE_DIR) + "/docs/examples/kazakhstan-2022-01.geojson";
    // Mesa's DRI driver leaks a few blocks after glfwTerminate: no leak detection for the window, as for the window
    // tests (tests/CMakeLists.txt).
    const std::string view = "ASAN_OPTIONS=detect_leaks=0 " + std::string(INCIDENTMAP_EXE) + " view " + examples +
                             " --size 640x480 --screenshot " + (dir / "shot.png").string();
    // The viewer's own exit code, printed inside the server's session: xvfb-run's exit code is sometimes its own
    // (a race while it removes its temporary directory). The size limit is the viewer's only: Xvfb writes files too.
    auto under_xvfb = [](const std::string& commands) {
        return run_shell("xvfb-run -a -s '-screen 0 1024x768x24' sh -c \"" + commands + "; echo viewer-exit=\\$?\" 2>&1");
    };
    const auto ok = under_xvfb(view);
    CHECK_THAT(ok.output, Catch::Contains("viewer-exit=0"));
    CHECK(std::filesystem::file_size(dir / "shot.png") > 1000);
    const auto failed = under_xvfb("trap '' XFSZ; ulimit -f 1; " + view);
    CHECK_THAT(failed.output, Catch::Contains("viewer-exit=1") && Catch::Contains("shot.png"));
}

// What a user or the internet can hand over, to every reader of files: each answers 0 (a text reader reads any bytes
// as text) or 2 naming the file, within its timeout, never 1, a crash or a hang. docs/RELIABILITY.md lists what the
// user sees.
TEST_CASE("bad files of every kind to every reader: exit 0 or 2 naming the file, never a crash or a hang", "[cli][bad-input]") {
    const incidentmap::test::TempDir dir;
    const std::string d = dir.path().string();
    std::string random_bytes;
    std::uint32_t x = 2463534242u;  // xorshift: the same bytes on every run
    for (int i = 0; i < 4096; ++i) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        random_bytes += static_cast<char>(x & 0xFF);
    }
    const std::vector<std::pair<std::string, std::string>> kinds{
        {"empty", ""},
        {"binary", random_bytes},
        {"nul", std::string(4096, '\0')},
        {"bad-utf8", "Riots in \xff\xfe Paris \xc0\xaf and Lyon.\n"},
        {"png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + random_bytes.substr(0, 200)},
        {"nested-json", std::string(100000, '[')},
        {"nested-xml", [] { std::string s; for (int i = 0; i < 50000; ++i) s += "<a>"; return s; }()},
        {"truncated-json", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":)"},
    };
    write_file(dir / "cities.txt",
               "1526384\tAlmaty\tAlmaty\tAlma-Ata\t43.25\t76.91667\tP\tPPLA\tKZ\t\t02\t\t\t\t2000900\t\t786\tAsia/Almaty\t2022-01-01\n");
    // Each reader: the command with FILE where the bad file goes, the extension it is given, and whether the reader
    // takes any bytes (a text: exit 0) or must refuse what is not its format (exit 2).
    struct Reader {
        std::string args, extension;
        bool text;
    };
    const std::vector<Reader> readers{
        {"geoparse FILE --lang en", ".txt", true},
        {"extract FILE --lang en --published 2022-01-06", ".txt", true},
        {"geoparse --batch < FILE", ".ndjson", true},
        {"extract --batch < FILE", ".ndjson", true},
        {"render FILE -o " + d + "/map.png --size 200x100", ".geojson", false},
        {"render FILE -o " + d + "/map.png --size 200x100", ".gpkg", false},
        {"render FILE -o " + d + "/map.png --size 200x100", ".csv", false},
        {"gazetteer build --geonames FILE --no-embedded-landmarks -o " + d + "/g.imgz", ".txt", false},
        {"gazetteer build --geonames FILE --no-embedded-landmarks -o " + d + "/g.imgz", ".txt.zst", false},
        {"gazetteer build --geonames " + d + "/cities.txt --landmarks FILE --no-embedded-landmarks -o " + d + "/g.imgz", ".csv", false},
        {"gazetteer build --geonames " + d + "/cities.txt --osm FILE --no-embedded-landmarks -o " + d + "/g.imgz", ".osm", false},
        {"gazetteer lookup Almaty --index FILE", ".imgz", false},
        {"eval places FILE", ".xml", false},
        {"eval places FILE", ".gold.json", false},
    };
    for (const auto& reader : readers) {
        for (const auto& [kind, bytes] : kinds) {
            const std::string file = d + "/" + kind + reader.extension;
            write_file(file, bytes);
            std::string args = reader.args;
            args.replace(args.find("FILE"), 4, file);
            INFO("incidentmap " << args);
            const auto r = run_shell("timeout 120 " + std::string(INCIDENTMAP_EXE) + " " + args + " 2>&1 >/dev/null");
            if (reader.text && kind != "empty") {
                CHECK(r.code == 0);
            } else {
                CHECK((r.code == 2 || (reader.text && r.code == 0)));  // an empty text is a text too
                if (r.code == 2) CHECK_THAT(r.output, Catch::Contains(kind + reader.extension));
            }
            CHECK_THAT(r.output, !Catch::Contains("Sanitizer") && !Catch::Contains(" error: "));
        }
    }
}
