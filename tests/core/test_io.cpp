#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/io/atomic_output.hpp"
#include "core/io/rgba_image.hpp"

#include "../temp_dir.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>
#include <fstream>
#include <sstream>

using namespace incidentmap::core;
using incidentmap::test::TempDir;

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

TEST_CASE("messages name the output, not its temporary file", "[core][io]") {
    CHECK(io::name_outputs("/tmp/x/.map.png.tmp-4242.png: cannot write PNG") == "/tmp/x/map.png: cannot write PNG");
    CHECK(io::name_outputs("cannot write ./.demo.geojson.tmp-17.geojson") == "cannot write ./demo.geojson");
    CHECK(io::name_outputs(".index.tmp-9: write failed") == "index: write failed");
    CHECK(io::name_outputs("'/a/.b.gpkg.tmp-1.gpkg' and /c/.d.csv.tmp-22.csv") == "'/a/b.gpkg' and /c/d.csv");
    CHECK(io::name_outputs("report.tmp-notes.txt, x.tmp-3") == "report.tmp-notes.txt, x.tmp-3");  // not temporaries
}

TEST_CASE("AtomicOutput replaces the file only on commit", "[core][io]") {
    TempDir dir;
    const auto target = dir / "out.txt";
    std::ofstream(target) << "old";
    SECTION("without commit the old file is intact and the temporary is gone") {
        std::filesystem::path temp;
        {
            io::AtomicOutput out(target);
            temp = out.temp_path();
            CHECK(temp.parent_path() == target.parent_path());
            CHECK(temp.extension() == ".txt");
            std::ofstream(temp) << "half-writ";
        }
        CHECK(slurp(target) == "old");
        CHECK_FALSE(std::filesystem::exists(temp));
    }
    SECTION("commit moves the new content into place") {
        io::AtomicOutput out(target);
        std::ofstream(out.temp_path()) << "new";
        out.commit();
        CHECK(slurp(target) == "new");
        CHECK_FALSE(std::filesystem::exists(out.temp_path()));
    }
    SECTION("commit with nothing written fails and names the file") {
        io::AtomicOutput out(target);
        CHECK_THROWS_WITH(out.commit(), Catch::Contains(target.string()));
        CHECK(slurp(target) == "old");
    }
}

TEST_CASE("AtomicOutput: SIGTERM removes the temporary file, one a SIGKILL left is swept by the next writer", "[core][io]") {
    TempDir dir;
    const auto target = dir / "out.geojson";
    std::ofstream(target) << "old";
    SECTION("SIGTERM while writing") {
        int pipe_fds[2];
        REQUIRE(::pipe(pipe_fds) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::signal(SIGTERM, SIG_DFL);  // as in a command-line run (the test framework handles it otherwise)
            io::AtomicOutput out(target);
            std::ofstream(out.temp_path()) << "half-writ";
            const std::string temp = out.temp_path().string();
            (void)!::write(pipe_fds[1], temp.c_str(), temp.size());
            ::close(pipe_fds[1]);
            ::pause();  // until the signal
            std::_Exit(0);
        }
        ::close(pipe_fds[1]);
        char buf[4096];
        const ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
        ::close(pipe_fds[0]);
        REQUIRE(n > 0);
        const std::filesystem::path temp(std::string(buf, static_cast<std::size_t>(n)));
        CHECK(std::filesystem::exists(temp));
        ::kill(child, SIGTERM);
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGTERM);  // the process still ends as the signal says
        CHECK_FALSE(std::filesystem::exists(temp));
        CHECK(slurp(target) == "old");
    }
    SECTION("a file left by a process that is gone") {
        // A process id that is surely gone: a child that has already been reaped.
        const pid_t gone = ::fork();
        REQUIRE(gone >= 0);
        if (gone == 0) std::_Exit(0);
        ::waitpid(gone, nullptr, 0);
        const auto orphan = dir / (".out.geojson.tmp-" + std::to_string(gone) + ".geojson");
        std::ofstream(orphan) << "left by SIGKILL";
        const auto other = dir / (".other.geojson.tmp-" + std::to_string(gone) + ".geojson");
        std::ofstream(other) << "another output's";
        {
            io::AtomicOutput out(target);
        }
        CHECK_FALSE(std::filesystem::exists(orphan));
        CHECK(std::filesystem::exists(other));  // only the output being written is swept
        CHECK(slurp(target) == "old");
    }
}

TEST_CASE("RGBA images round-trip through PNG exactly", "[core][io]") {
    TempDir dir;
    io::RgbaImage img(7, 5);
    img.set(0, 0, {255, 0, 0, 255});
    img.set(6, 4, {0, 0, 255, 128});
    img.set(3, 2, {10, 20, 30, 255});
    const auto path = dir / "img.png";
    io::write_png(img, path);
    const auto back = io::read_image(path);
    REQUIRE(back.width() == 7);
    REQUIRE(back.height() == 5);
    CHECK(back.at(0, 0) == io::Rgba{255, 0, 0, 255});
    CHECK(back.at(6, 4) == io::Rgba{0, 0, 255, 128});
    CHECK(back.at(3, 2) == io::Rgba{10, 20, 30, 255});
    CHECK(back.distinct_colors() == 4);
    // Nothing but the PNG is left in the directory (no temporary, no .aux.xml).
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);

    SECTION("flip reverses rows") {
        img.flip_vertically();
        CHECK(img.at(0, 4) == io::Rgba{255, 0, 0, 255});
        CHECK(img.at(3, 2) == io::Rgba{10, 20, 30, 255});
    }
    SECTION("writing into a missing directory fails and leaves nothing") {
        CHECK_THROWS_AS(io::write_png(img, dir / "no" / "such" / "dir.png"), Error);
    }
    SECTION("a failed write leaves an existing file intact") {
        const auto existing = dir / "keep.png";
        io::write_png(img, existing);
        const auto before = slurp(existing);
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
        const bool can_still_write = ::access(dir.path().c_str(), W_OK) == 0;  // root ignores permissions
        if (!can_still_write) CHECK_THROWS_AS(io::write_png(io::RgbaImage(2, 2), existing), Error);
        std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
        CHECK(slurp(existing) == before);
    }
    SECTION("sizes are checked") {
        CHECK_THROWS_AS(io::RgbaImage(0, 3), std::invalid_argument);
        CHECK_THROWS_AS(io::RgbaImage(2, 2, std::vector<std::uint8_t>(15)), std::invalid_argument);
        CHECK_THROWS_AS(img.at(7, 0), std::out_of_range);
    }
}

TEST_CASE("reading a missing image throws DatasetOpenError", "[core][io]") {
    CHECK_THROWS_AS(io::read_image("/nonexistent.png"), DatasetOpenError);
}

TEST_CASE("assets are found through INCIDENTMAP_ASSETS first", "[core][assets]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "basemap");
    std::ofstream(dir / "basemap" / "only-here.txt") << "x";
    ::setenv("INCIDENTMAP_ASSETS", dir.path().c_str(), 1);
    CHECK(find_asset("basemap/only-here.txt") == dir / "basemap" / "only-here.txt");
    try {
        find_asset("basemap/absent.json");
        FAIL("no exception");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains((dir / "basemap" / "absent.json").string()));
        CHECK_THAT(e.what(), Catch::Contains("INCIDENTMAP_ASSETS"));
    }
    ::unsetenv("INCIDENTMAP_ASSETS");
}
