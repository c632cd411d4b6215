// Writes a synthetic GeoNames dump (the 19-column export format of allCountries.txt) for the scale benchmark:
// as many lines as asked, with the mix of feature classes, scripts and alternate names the real dump has, so that
// building an index from it exercises the importer, the ICU folding and the sorting at allCountries' size.
// Usage: incidentmap_synthetic_geonames PLACES > allCountries-synthetic.txt
//
// Names are built from syllables (Latin, Latin with diacritics, Cyrillic), so they fold, collide and share
// prefixes as real names do; about one place in three has alternate names, giving 1.3 names per place on average
// beyond the primary one. The output is deterministic (fixed seed).

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>

namespace {

constexpr std::array<std::string_view, 24> kLatin = {"al", "ma", "ty", "ka", "zak", "stan", "ber", "lin", "par", "is",
                                                     "ro", "ma", "no", "vo", "grad", "sk", "ta", "shk", "ent", "ab",
                                                     "ad", "ur", "gen", "dorf"};
constexpr std::array<std::string_view, 12> kDiacritic = {"é", "ü", "ö", "ş", "ç", "ñ", "å", "ł", "ı", "ğ", "ž", "ā"};
constexpr std::array<std::string_view, 20> kCyrillic = {"ал", "ма", "ты", "ка", "зах", "стан", "бер", "лин", "пар",
                                                        "ро", "но", "во", "град", "ск", "та", "шк", "ент", "аб", "ур", "жез"};
// Feature class and code with their rough share of allCountries.
struct Feature {
    const char* cls;
    const char* code;
    int weight;
};
constexpr std::array<Feature, 9> kFeatures = {{{"P", "PPL", 40},
                                               {"H", "STM", 20},
                                               {"T", "MT", 15},
                                               {"S", "SCH", 12},
                                               {"L", "AREA", 4},
                                               {"A", "ADM3", 4},
                                               {"V", "FRST", 2},
                                               {"R", "RD", 2},
                                               {"P", "PPLA2", 1}}};
constexpr std::array<const char*, 12> kCountries = {"KZ", "RU", "FR", "US", "DE", "CN", "IN", "BR", "TR", "UA", "PL", "ES"};

std::mt19937_64 rng(20261124);
std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng() % n); }

std::string latin_name() {
    std::string s;
    const std::size_t parts = 2 + pick(3);
    for (std::size_t i = 0; i < parts; ++i) s += kLatin[pick(kLatin.size())];
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    if (pick(5) == 0) s += std::string(" ") + (pick(2) ? "Nord" : "Bay");
    return s;
}

std::string diacritic_name() {
    std::string s = latin_name();
    s.insert(1 + pick(s.size() - 1), kDiacritic[pick(kDiacritic.size())]);
    return s;
}

std::string cyrillic_name() {
    std::string s;
    const std::size_t parts = 2 + pick(3);
    for (std::size_t i = 0; i < parts; ++i) s += kCyrillic[pick(kCyrillic.size())];
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const long places = argc > 1 ? std::atol(argv[1]) : 12'000'000;
    if (places <= 0) {
        std::fprintf(stderr, "usage: %s PLACES\n", argv[0]);
        return 2;
    }
    int total_weight = 0;
    for (const auto& f : kFeatures) total_weight += f.weight;
    std::string line, alternates;
    for (long id = 1; id <= places; ++id) {
        const std::string name = pick(10) < 8 ? latin_name() : diacritic_name();
        alternates.clear();
        if (pick(3) == 0) {  // a third of the places carry 2-6 alternate names
            const std::size_t n = 2 + pick(5);
            for (std::size_t i = 0; i < n; ++i) {
                if (!alternates.empty()) alternates += ',';
                const std::size_t script = pick(10);
                alternates += script < 4 ? cyrillic_name() : script < 7 ? diacritic_name() : latin_name();
            }
        }
        int w = static_cast<int>(pick(static_cast<std::size_t>(total_weight)));
        const Feature* f = &kFeatures[0];
        for (const auto& c : kFeatures)
            if ((w -= c.weight) < 0) {
                f = &c;
                break;
            }
        const double lat = -60.0 + static_cast<double>(rng() % 1'300'000) / 10'000.0;
        const double lon = -180.0 + static_cast<double>(rng() % 3'600'000) / 10'000.0;
        const long population = f->cls[0] == 'P' ? static_cast<long>(std::exp2(static_cast<double>(pick(20)))) : 0;
        char buf[256];
        std::snprintf(buf, sizeof buf, "\t%.5f\t%.5f\t%s\t%s\t%s\t\t%02zu\t\t\t\t%ld\t\t%zu\tEurope/Berlin\t2024-01-01\n", lat,
                      lon, f->cls, f->code, kCountries[pick(kCountries.size())], 1 + pick(20), population, pick(3000));
        line = std::to_string(id);
        line += '\t';
        line += name;
        line += '\t';
        line += name;  // asciiname: the importer folds names itself; the column is kept as a plain copy
        line += '\t';
        line += alternates;
        line += buf;
        std::fwrite(line.data(), 1, line.size(), stdout);
    }
    return 0;
}
