#include "gazetteer/morphology.hpp"

#include "core/error.hpp"

#include <hunspell.hxx>

#include <cstdlib>

namespace incidentmap::gazetteer {

namespace {

// Whether a UTF-8 lemma starts with a capital: ASCII or Latin-1 capitals, Cyrillic А-Я and Ё (the dictionaries
// this project reads write proper nouns so).
bool capital_initial(std::string_view s) {
    if (s.empty()) return false;
    const auto c0 = static_cast<unsigned char>(s[0]);
    if (c0 < 0x80) return c0 >= 'A' && c0 <= 'Z';
    if (s.size() < 2) return false;
    const auto c1 = static_cast<unsigned char>(s[1]);
    if (c0 == 0xD0) return (c1 >= 0x90 && c1 <= 0xAF) || c1 == 0x81;                      // А-Я, Ё
    if (c0 == 0xC3) return c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97;                        // À-Þ but ×
    return false;
}

}  // namespace

Morphology::Morphology(std::string dictionary) : name_(std::move(dictionary)) {}
Morphology::~Morphology() = default;
Morphology::Morphology(Morphology&&) noexcept = default;
Morphology& Morphology::operator=(Morphology&&) noexcept = default;

std::filesystem::path Morphology::dictionary_dir() {
    if (const char* dir = std::getenv("INCIDENTMAP_HUNSPELL_DIR"); dir && *dir) return dir;
    return "/usr/share/hunspell";
}

void Morphology::open() const {
    const auto dir = dictionary_dir();
    const auto aff = dir / (name_ + ".aff");
    const auto dic = dir / (name_ + ".dic");
    for (const auto& f : {aff, dic})
        if (!std::filesystem::is_regular_file(f))
            // The installation's fault, not the text's: exit code 1.
            throw core::Error(f.string() + ": the Hunspell dictionary '" + name_ + "' is missing (Debian: hunspell-" +
                              name_.substr(0, 2) + (name_ == "en_US" ? "-us" : "") + "; or set INCIDENTMAP_HUNSPELL_DIR)");
    hunspell_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
}

const WordAnalysis& Morphology::analyse(std::string_view word) const {
    std::string key(word);
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
    if (!hunspell_) open();
    if (cache_.size() > 100000) cache_.clear();  // bounded memory on endless batches
    WordAnalysis a;
    // Hunspell's own limit on a word is 100 bytes; longer runs are no words of the language.
    if (!key.empty() && key.size() < 100) {
        for (std::string& lemma : hunspell_->stem(key)) {
            if (capital_initial(lemma)) a.proper = true;
            else a.ordinary = true;
            a.lemmas.push_back(std::move(lemma));
        }
    }
    return cache_.emplace(std::move(key), std::move(a)).first->second;
}

}  // namespace incidentmap::gazetteer
