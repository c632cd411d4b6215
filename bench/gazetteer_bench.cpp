// Gazetteer speed, measured: index open, exact lookups per second on one core, fuzzy lookup latency, and the same
// exact lookups against the names in an SQLite FTS5 table (what a user might build instead).
// Usage: incidentmap_bench_gazetteer [INDEX]   (default: build/gazetteer.imgz). Results go to stdout as Markdown.

#include "gazetteer/gazetteer.hpp"
#include "gazetteer/name_folding.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace incidentmap::gazetteer;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "build/gazetteer.imgz";

    // Open: median of 21 (the file is in the page cache, as it is for every run after the first).
    std::vector<double> opens;
    for (int i = 0; i < 21; ++i) {
        const auto t0 = Clock::now();
        const auto g = Gazetteer::open(path);
        opens.push_back(seconds_since(t0) * 1e3);
    }
    const auto g = Gazetteer::open(path);

    // Queries: names of random places, primary and alternate, every script, as a text would present them.
    std::mt19937 rng(42);
    std::vector<std::string> queries;
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(g.size() - 1));
    while (queries.size() < 200'000) {
        const Place p = g.place(pick(rng));
        queries.emplace_back(p.name());
        const auto names = p.names();
        if (!names.empty()) queries.emplace_back(names[rng() % names.size()].text);
    }
    std::size_t ascii = 0;
    for (const auto& q : queries) ascii += std::all_of(q.begin(), q.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });

    const NameFolder folder;
    std::vector<std::string> folded;
    for (const auto& q : queries) folded.push_back(folder.fold(q));

    LookupOptions exact;
    exact.limit = 10;
    std::size_t found = 0;
    auto t0 = Clock::now();
    for (const auto& k : folded) found += !g.lookup_folded(k, exact).empty();
    const double folded_rate = folded.size() / seconds_since(t0);
    t0 = Clock::now();
    for (const auto& q : queries) found += !g.lookup(q, exact).empty();
    const double raw_rate = queries.size() / seconds_since(t0);

    // Fuzzy: a random one-letter substitution in names of 5+ letters.
    LookupOptions fuzzy;
    fuzzy.fuzzy = true;
    std::vector<double> fuzzy_ms;
    for (std::size_t i = 0; fuzzy_ms.size() < 2000 && i < folded.size(); ++i) {
        std::string k = folded[i];
        if (k.size() < 5) continue;
        k[1 + rng() % (k.size() - 1)] = static_cast<char>('a' + rng() % 26);
        const auto f0 = Clock::now();
        g.lookup_folded(k, fuzzy);
        fuzzy_ms.push_back(seconds_since(f0) * 1e3);
    }

    // SQLite FTS5 over the same folded names: one row per (name, place), a phrase query per lookup.
    sqlite3* db = nullptr;
    check(sqlite3_open(":memory:", &db), db, "open");
    check(sqlite3_exec(db, "CREATE VIRTUAL TABLE names USING fts5(name, place UNINDEXED)", nullptr, nullptr, nullptr), db, "create");
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* ins = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO names VALUES (?, ?)", -1, &ins, nullptr), db, "prepare insert");
    std::size_t rows = 0;
    t0 = Clock::now();
    for (std::uint32_t i = 0; i < g.size(); ++i) {
        const Place p = g.place(i);
        auto add = [&](std::string_view n) {
            const std::string k = folder.fold(n);
            if (k.empty()) return;
            sqlite3_bind_text(ins, 1, k.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(ins, 2, i);
            check(sqlite3_step(ins), db, "insert");
            sqlite3_reset(ins);
            ++rows;
        };
        add(p.name());
        for (const auto& n : p.names()) add(n.text);
    }
    sqlite3_finalize(ins);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    const double sqlite_build = seconds_since(t0);
    sqlite3_stmt* q = nullptr;
    check(sqlite3_prepare_v2(db, "SELECT place FROM names WHERE names MATCH ? LIMIT 10", -1, &q, nullptr), db, "prepare query");
    const std::size_t sqlite_n = 20'000;
    std::size_t sqlite_found = 0;
    t0 = Clock::now();
    for (std::size_t i = 0; i < sqlite_n; ++i) {
        const std::string phrase = "name:\"" + folded[i] + "\"";
        sqlite3_bind_text(q, 1, phrase.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(q) == SQLITE_ROW) ++sqlite_found;
        sqlite3_reset(q);
    }
    const double sqlite_rate = sqlite_n / seconds_since(t0);
    sqlite3_finalize(q);
    sqlite3_close(db);

    const auto info = g.info();
    std::printf("| measure | result |\n|---|---|\n");
    std::printf("| index | %s: %zu places, %zu names, %.1f MB |\n", path.c_str(), info.places, info.names, info.file_bytes / 1e6);
    std::printf("| open (verify checksums, map), median of 21 | %.2f ms |\n", percentile(opens, 0.5));
    std::printf("| queries | %zu names of random places (%.0f %% ASCII), %zu found |\n", queries.size(), 100.0 * ascii / queries.size(), found / 2);
    std::printf("| exact lookups, pre-folded keys, one core | %.0f /s |\n", folded_rate);
    std::printf("| exact lookups, raw names (ICU folding included), one core | %.0f /s |\n", raw_rate);
    std::printf("| fuzzy lookups (one substituted letter), %zu queries | p50 %.3f ms, p99 %.3f ms, max %.3f ms |\n",
                fuzzy_ms.size(), percentile(fuzzy_ms, 0.5), percentile(fuzzy_ms, 0.99), percentile(fuzzy_ms, 1.0));
    std::printf("| SQLite FTS5 (in memory, %zu rows, built in %.1f s), phrase queries on the same keys | %.0f /s |\n", rows,
                sqlite_build, sqlite_rate);
    std::printf("| incidentmap / SQLite FTS5, exact lookups | %.1fx (pre-folded), %.1fx (raw names) |\n", folded_rate / sqlite_rate,
                raw_rate / sqlite_rate);
    return 0;
}
