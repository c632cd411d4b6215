#pragma once
// A language's morphology, from its Hunspell dictionary: the lemmas of a word as written, and whether the language
// knows the word as a proper noun (a lemma with a capital: "Китая" -> "Китай") or only as an ordinary word ("Кроме"
// -> "кроме", "Такой" -> "такой"). The geoparser uses the first to bring inflected names to the forms the gazetteer
// holds and the second as evidence that a capitalised word is no name.
//
// Hunspell was chosen over the Snowball stemmers by measurement (scripts/measure-morphology.py, docs/QUALITY.md):
// on FactRuEval's dev part its lemmas reach 83 % of one-word place names against Snowball's 85 %, while Snowball's
// stems let 30 % of the other capitalised words meet a place name against Hunspell's 10 %, and only a dictionary
// says which words are ordinary ones.
//
// Dictionaries are read from $INCIDENTMAP_HUNSPELL_DIR, else /usr/share/hunspell (Debian's hunspell-ru,
// hunspell-fr, hunspell-en-us), on the first word analysed: a text in another language pays nothing for them.
// A missing dictionary is a core::Error (the installation's fault, exit code 1) naming its path and the package.
//
// Not thread-safe (Hunspell handles are not, and answers are cached): one Morphology per thread.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

class Hunspell;

namespace incidentmap::gazetteer {

struct WordAnalysis {
    std::vector<std::string> lemmas;  // as the dictionary writes them; empty when it does not know the word
    bool proper = false;              // some lemma is written with a capital: a proper noun ("Китай", "Якоб")
    bool ordinary = false;            // some lemma is in lower case: an ordinary word ("кроме", "якобы")

    bool known() const { return !lemmas.empty(); }
    bool only_ordinary() const { return ordinary && !proper; }
};

class Morphology {
public:
    // `dictionary` is a Hunspell dictionary's name ("ru_RU"): files <dir>/<name>.aff and <name>.dic.
    explicit Morphology(std::string dictionary);
    ~Morphology();
    Morphology(Morphology&&) noexcept;
    Morphology& operator=(Morphology&&) noexcept;

    // The directory dictionaries are read from.
    static std::filesystem::path dictionary_dir();
    const std::string& dictionary() const { return name_; }

    // The word as written (UTF-8, one word). Throws core::Error on the first call if the dictionary is missing;
    // cached (bounded: cleared past 100,000 words).
    const WordAnalysis& analyse(std::string_view word) const;

private:
    void open() const;

    std::string name_;
    mutable std::unique_ptr<Hunspell> hunspell_;
    mutable std::unordered_map<std::string, WordAnalysis> cache_;
};

}  // namespace incidentmap::gazetteer
