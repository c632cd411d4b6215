#include "gazetteer/detail/edit_distance.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using incidentmap::gazetteer::detail::EditDistance;

namespace {

int reference_distance(const std::string& a, const std::string& b) {
    std::vector<int> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        int diag = row[0];
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

TEST_CASE("EditDistance agrees with the textbook dynamic programme", "[gazetteer][fuzzy]") {
    std::mt19937 rng(7);
    auto random_word = [&](std::size_t max_len) {
        std::string s(1 + rng() % max_len, 'a');
        for (char& c : s) c = static_cast<char>('a' + rng() % 4);  // a small alphabet makes near misses common
        return s;
    };
    for (int i = 0; i < 5000; ++i) {
        const std::string a = random_word(i % 2 ? 12 : 63), b = random_word(i % 2 ? 12 : 63);
        const int max = static_cast<int>(rng() % 5);
        const int expected = reference_distance(a, b);
        INFO(a << " / " << b << " max " << max);
        CHECK(EditDistance(a)(b, max) == std::min(expected, max + 1));
    }
}

TEST_CASE("EditDistance: the usual cases and its limits", "[gazetteer][fuzzy]") {
    CHECK(EditDistance("almaty")("almaty", 2) == 0);
    CHECK(EditDistance("almati")("almaty", 2) == 1);
    CHECK(EditDistance("almty")("almaty", 2) == 1);
    CHECK(EditDistance("kazakhstan")("qazaqstan", 3) == 3);
    CHECK(EditDistance("abc")("xyzxyz", 2) == 3);  // beyond reach: max + 1
    CHECK(EditDistance("")("a", 1) == 2);
    CHECK(EditDistance(std::string(64, 'a'))(std::string(64, 'a'), 3) == 4);  // too long to be a fuzzy match
}
