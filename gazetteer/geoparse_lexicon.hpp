#pragma once
// The vocabulary the geoparser reads a language with, loaded from assets/geoparse/<lang>.tsv (data, not code).
//
// File format: UTF-8, one entry per line, fields separated by tabs, '#' starts a comment line:
//   function  WORD                  a function word: never a place name on its own ("Par", "Sur", "The")
//   common    WORD                  a common noun or adjective that is also somewhere's name ("police", "centre")
//   cue       WORD  WEIGHT          a word that introduces a place ("in", "à", "в"); WEIGHT in [0, 1]
//   connector WORD                  links a descriptive phrase to the place it lies in ("de", "of")
//   city      WORD                  "the city" in a phrase ("ville", "города"): the city the text is about
//   title     WORD                  precedes a person's name ("President", "M.", "господин")
//   org       WORD                  a capitalised word that, after a place name, makes an organisation name
//   eponym    WORD                  a lower-case or capitalised word that, after a place name, makes the phrase a
//                                   thing named after the place ("Marburg virus", "Lassa fever"): no mention of it
//   public_body WORD                a capitalised word that, right after a place name or one word later, makes the
//                                   phrase the place's own public body ("Metcalfe County Sheriff", "Kentucky State
//                                   Police"): the place is mentioned, unlike in a newspaper's or a team's name
//   compass   WORD                  a direction ("north", "eastern"): a name made of these alone is no place
//   plural_ending SUFFIX            an ending that makes a word plural ("ах": "в тюрьмах"); a descriptive phrase whose
//                                   '*' takes one names things of a kind, no one building
//   list_word WORD                  joins the last items of an enumeration ("and", "et", "и"): "Ohio, Oregon and
//                                   Idaho" is one list
//   prefix    WORD                  an abbreviation that begins a name, written with or without a full stop ("St.",
//                                   "Mt."): the stop ends no sentence, and the word alone is no place
//   demonym   FORM  CC              an adjective or demonym of country CC; FORM ending in '*' is a prefix
//   adjective FORM NAME ID          an adjective of a place below a country, the gazetteer place ID named NAME
//                                   ("подмосковн*" Moscow Oblast, "parisien*" Paris); FORM ending in '*' is a prefix.
//                                   Like demonyms, reported as that place only when demonyms are asked for
//   demonym_case capitalised        the language writes demonyms with a capital (English): lower-case forms are
//                                   other words ("turkey", "polish")
//   alias     SURFACE  NAME  ID     an abbreviation (case-sensitive) for the gazetteer place ID named NAME
//   landmark  PATTERN  TARGET       a descriptive reference: PATTERN is words, '*' at a word's end matches any
//                                   ending; TARGET is "tag=value[;~tag=value...]" (a landmark kind, '~' marks a
//                                   preference), "@centre" (the city centre), or "@anaphor" (the building last named);
//                                   an optional 4th field "place" requires a place or "the city" to follow
//   institution WORD TARGET         an institution whose building a bare "headquarters" means ("police")
//   feature   WORD  before|after|both  a generic feature noun that makes a capitalised name a street, square or
//                                   landmark ("avenue Kléber", "Freedom Square", "Болотная площадь")
//   natural   WORD  before|after|both  a natural feature's generic noun, part of its name ("mer Caspienne", "golfe
//                                   Persique", "Чёрное море"): the name is a mention only as the gazetteer or the
//                                   region table holds it whole, and is never placed at a city
//   division  WORD  before|after    a noun that makes the name beside it a region ("Washington state", "state of
//                                   Oregon", "штат Техас"); before it, a connector may come between ("of", "de")
//   ending    FROM  TO              a case ending and its replacement for the base form (Russian: "е" -> "а"), for
//                                   words the dictionary does not know and for the words of longer names
//   complement_after_name yes       a country right after a capitalised name is that name's complement, not part of
//                                   it (Russian genitive: "Минсельхоз РФ", "Бундестаг Германии"); without it a name
//                                   before a country makes one name ("Sputnik Kazakhstan")
//   dictionary NAME                 the Hunspell dictionary of the language ("ru_RU", see morphology.hpp): the lemmas
//                                   of inflected names, and which capitalised words are ordinary words
// All words are compared in lower case (see text_tokens.hpp); unknown sections are an error naming the line.
//
// Guarantees: a Lexicon is immutable after load() and safe to share between threads.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace incidentmap::gazetteer {

struct LandmarkPattern {
    std::vector<std::string> words;  // lower case; a trailing '*' marks a prefix
    std::string target;              // as in the file
    bool needs_place = false;        // only when followed by "de/of <place>" or "de la ville" (4th field "place")
};

struct Alias {
    std::string name;  // the gazetteer name to look up
    std::string id;    // the Place::id() it must have
};

class Lexicon {
public:
    // Throws core::InputError naming the file and line on a malformed entry.
    static Lexicon load(const std::filesystem::path& file);
    static Lexicon parse(std::string_view text, const std::string& source_name);

    bool is_function(std::string_view lower) const { return function_.contains(std::string(lower)); }
    bool is_common(std::string_view lower) const { return common_.contains(std::string(lower)); }
    double cue(std::string_view lower) const;  // 0 when not a cue
    bool is_connector(std::string_view lower) const { return connector_.contains(std::string(lower)); }
    bool is_city_word(std::string_view lower) const { return city_.contains(std::string(lower)); }
    bool is_title(std::string_view lower) const { return title_.contains(std::string(lower)); }
    bool is_org(std::string_view lower) const { return org_.contains(std::string(lower)); }
    bool is_name_prefix(std::string_view lower) const { return prefix_.contains(std::string(lower)); }
    bool is_eponym_noun(std::string_view lower) const { return eponym_.contains(std::string(lower)); }
    bool is_public_body(std::string_view lower) const { return public_body_.contains(std::string(lower)); }
    bool is_compass(std::string_view lower) const { return compass_.contains(std::string(lower)); }
    bool is_list_word(std::string_view lower) const { return list_word_.contains(std::string(lower)); }
    bool is_plural_ending(std::string_view suffix) const { return plural_ending_.contains(std::string(suffix)); }
    // A first name of the language's people ("марк", "владимир", "paris"): from assets/geoparse/first_names.tsv.
    bool is_first_name(std::string_view lower) const { return first_name_.contains(std::string(lower)); }
    void add_first_name(std::string_view name);
    bool capitalised_demonyms() const { return capitalised_demonyms_; }
    bool is_division_before(std::string_view lower) const { return division_before_.contains(std::string(lower)); }
    bool is_division_after(std::string_view lower) const { return division_after_.contains(std::string(lower)); }
    // The country code of a demonym or adjective ("kazakhes" -> "KZ"), or empty.
    std::string_view demonym(std::string_view lower) const;
    const Alias* alias(std::string_view surface) const;
    // The place a (lower-case) place adjective stands for ("подмосковного" -> Moscow Oblast), or nullptr.
    const Alias* adjective(std::string_view lower) const;
    std::string_view institution(std::string_view lower) const;  // empty when none
    // "before" when the feature noun precedes the name ("avenue Kléber"), "after" when it follows, empty otherwise.
    std::string_view feature(std::string_view lower) const;
    // The same for natural features' nouns ("mer", "море"), or empty.
    std::string_view natural_feature(std::string_view lower) const;
    const std::vector<LandmarkPattern>& landmarks() const { return landmarks_; }
    // Landmark patterns that can start with this word (a prefix pattern word matches by its stem).
    std::vector<const LandmarkPattern*> landmarks_starting(std::string_view lower) const;
    // Base forms of an inflected word by the `ending` rules, longest ending first; never includes the word itself.
    std::vector<std::string> base_forms(std::string_view lower) const;
    bool has_endings() const { return !endings_.empty(); }
    // The Hunspell dictionary named by the `dictionary` entry, or empty.
    const std::string& dictionary() const { return dictionary_; }
    bool complement_after_name() const { return complement_after_name_; }

    // Does a pattern word match a (lower-case) token?
    static bool word_matches(std::string_view pattern_word, std::string_view lower);

private:
    std::unordered_set<std::string> function_, common_, connector_, city_, title_, org_, prefix_, eponym_, public_body_, compass_, list_word_, plural_ending_;
    std::unordered_set<std::string> division_before_, division_after_, first_name_;
    bool capitalised_demonyms_ = false;
    std::unordered_map<std::string, double> cue_;
    std::unordered_map<std::string, std::string> demonym_exact_, institution_;
    std::vector<std::pair<std::string, std::string>> feature_;  // pattern word ('*' for a prefix), before|after
    std::vector<std::pair<std::string, std::string>> natural_;  // the same, for natural features
    std::vector<std::pair<std::string, std::string>> demonym_prefix_;
    std::vector<std::pair<std::string, Alias>> adjective_;  // form ('*' at the end for a prefix), its place
    std::unordered_map<std::string, Alias> alias_;
    std::vector<LandmarkPattern> landmarks_;
    std::vector<std::pair<std::string, std::string>> endings_;  // sorted by decreasing length of FROM
    std::string dictionary_;
    bool complement_after_name_ = false;
};

}  // namespace incidentmap::gazetteer
