// Runs the real executable and checks its output and exit codes.

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace {

struct Result {
    int code;
    std::string output;  // stdout and stderr together
};

// `env` is prepended as shell variable assignments, e.g. "INCIDENTMAP_ASSETS=/x".
Result run_with_env(const std::string& env, const std::string& args) {
    const std::string cmd = env + " " + std::string(INCIDENTMAP_EXE) + " " + args + " 2>&1";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

Result run(const std::string& args) { return run_with_env("", args); }

}  // namespace

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

TEST_CASE("gazetteer lookup of an unknown name exits 1 and says so", "[cli][gazetteer]") {
    const auto r = run("gazetteer lookup Qwertyuiopgrad");
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("no place named 'Qwertyuiopgrad'"));
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
    for (const char* bbox : {"1,2,3", "46.5,40.5,87.3,abc", "46.5,55,87.3,40", "200,0,210,10", "10,95,20,96"}) {
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
                              "{\"id\":\"e\",\"text\":\"Almaty \xFF\xFE city\",\"lang\":\"en\"}\n";
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
                             Catch::Contains("\"span\":[0,6]"));
}

TEST_CASE("geoparse of a file prints places; bad options exit 2", "[cli][geoparse]") {
    const auto r = run_with_env("printf 'Des tirs ont été entendus à Almaty.' |", "geoparse --lang fr -");
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("Almaty"));
    CHECK(run("geoparse --lang xx -").code == 2);
    CHECK(run("geoparse --published 2022-13-45 -").code == 2);
    CHECK(run("geoparse /nonexistent/article.txt").code == 2);
}
