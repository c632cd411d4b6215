#pragma once
// Numbers and casualty figures in news text: "2 300", "2,300", "dix-huit", "около тысячи", "at least 12", "dozens";
// "18 policiers ont été tués", "killed at least 12", "погибли 18 человек", "748 blessés", "no one was hurt".
//
// Guarantees:
//  - Unknown is never zero. A count the text does not give is nullopt; 0 comes only from a negation ("aucun mort",
//    "no one was hurt", "никто не пострадал"). A phrase that gives no number ("several", "des dizaines",
//    "несколько") yields no value, only `minimum`: the smallest count the phrase guarantees.
//  - Conventions for minimums: an unspecified quantifier gives the minimum its lexicon entry states (several,
//    plusieurs, несколько, many: 2; "un nombre indéterminé", "an unknown number": 1); a plural multiplier with no
//    count before it gives twice its unit (dozens 24, des dizaines 20, десятки 20, hundreds 200, thousands 2000) and
//    multiplies on ("several hundred" 200, "des dizaines de milliers" 20 000). "At least N" and "more than N" give
//    value N and minimum N (the figure as reported; N + 1 would be false precision).
//  - approximate is true when the text marks the count as an estimate: an approximating qualifier ("près de",
//    "about", "около"), a multiplier that counts in round units ("une dizaine", "a dozen", "сотни"), or a plural
//    multiplier alone. Unspecified quantifiers ("plusieurs") are not approximate: they give no number at all.
//  - Digits: groups of three digits continue a number after a group separator written alone between them (fr/ru: a
//    space, U+00A0 or U+202F, also '.'; en: ','), and the first group has at most three digits. A decimal mark
//    (fr/ru ',', en '.') makes a count only before a multiplier ("2,5 millions", "1.5 million", "2,5 тыс."). So
//    "2.300" is 2 300 in French and Russian, and in English 2.3, which alone is no count; "2,300" in French is 2,3,
//    no count either. Digits glued to other digits by any other single character ("12:30", "06/01", "10-15") are no
//    count.
//  - A casualty figure never crosses a sentence boundary (Gap::sentence, except the dot of a decimal number or of an
//    abbreviation the lexicon lists, "тыс."). Years and measures are not counts: a bare four-digit number from 1800
//    to 2100 ("en 2021"), a number followed by a measure word ("le 6 janvier", "3 ans", "12 heures"), by '%' or
//    joined by a hyphen to a word ("18-летний", "COVID-19").
//  - Spans are exact byte and code point offsets into the text (end exclusive), as the tokens give them.
//
// Statements found (each a count tied to an outcome of the lexicon, within one sentence):
//  - COUNT [subject, up to 4 words] [auxiliaries] OUTCOME: "18 policiers et militaires ont été tués", "12 people were
//    killed", "748 blessés", "un journaliste a été blessé", "a man was killed" (an indefinite article counts 1 only
//    with a subject noun), "plusieurs assaillants auraient été tués". Rejected when the subject holds another number
//    or a preposition, when COUNT follows "de"/"of" and has a subject ("le chauffeur d'un camion a été blessé") or
//    follows a preposition and has a subject of three words or more ("dans 3 villes des manifestants ont été
//    arrêtés"; "after 8 people died" is kept), when OUTCOME is an active verb with its own object count ("12
//    soldiers killed 3 protesters"), or when COUNT is coordinated with an earlier count that shares its outcome
//    ("two officers and a protester were injured" gives nothing rather than 1).
//  - OUTCOME [of] COUNT [subject, up to 3 words, ended by a preposition, a measure or a time word]: "killed at least
//    12", "погибли 18 человек", "arrestation de 12 militants".
//  - Negation: a zero subject ("aucun", "no one", "nobody") or one that needs a verb negation ("personne n'a été
//    blessé", "никто не погиб") gives 0; a verb negation with any other count ("12 personnes n'ont pas été blessées")
//    gives nothing.
//  - Coordination: a statement right after "et"/"and"/"и" whose subject is empty or only "autres"/"others" takes the
//    subject of the previous statement in the sentence ("8 people were killed and more than 130 injured").
// It does not resolve who the figures are about, add figures up, or tell overlapping figures apart ("81 people were
// injured, including 22 police officers" gives one figure, 81).
//
// Lexicon format (assets/extract/figures/<lang>.tsv, read through extract/lexicon_file.hpp): SECTION<TAB>WORDS<TAB>
// VALUE..., with WORDS matched as a sequence of tokens in lower case (spaces, hyphens and apostrophes between them
// alike: "dix-huit", "près d'", "no one"); a final '.' marks an abbreviation that matches with or without its dot and
// whose dot ends no sentence ("тыс."). Sections:
//   separator    group|decimal  space|CHAR   digit separators ("space" is U+0020, U+00A0, U+2009 or U+202F)
//   number       WORDS  N                    a number word; words add up ("vingt et un", "twenty-one")
//   multiplier   WORDS  N [approximate] [plural]
//                                            multiplies the count before it, or 1 alone ("cent", "thousand",
//                                            "тыс."); approximate: counts in round units ("dizaine", "dozen");
//                                            plural: alone and with no qualifier before it, at least 2 units
//                                            ("dizaines", "hundreds", "тысячи")
//   article      WORDS                       an indefinite article: 1 before a multiplier or a subject ("a", "an")
//   unspecified  WORDS  MIN                  a count without a number, with its guaranteed minimum ("plusieurs")
//   qualifier    WORDS  approximate|minimum  before a count ("près de", "at least", "более")
//   outcome      WORDS  killed|injured|arrested
//   auxiliary    WORDS                       may stand between a subject and its outcome ("ont été", "were",
//                                            "grièvement")
//   negation     WORDS  zero|zero-with-not|not
//   connector    WORDS  and|of               "and" joins number words ("vingt et un") and statements; "of" joins
//                                            multipliers ("dizaines de milliers") and outcome to count ("mort de")
//   measure      WORDS                       a date, time or measure word: after a number it makes no count
//                                            ("6 janvier", "3 ans"); it ends a subject ("dimanche")
//   preposition  WORDS                       ends a subject ("dans", "in", "в")
//   other        WORDS                       a subject meaning "more of the same" ("autres", "others")
// An unknown section, a missing or bad value, an extra field or a repeated entry throws core::InputError naming
// FILE:LINE.
//
// Thread safety: a FigureLexicon is immutable once built; share it between threads freely.
//
// Cost: linear in the tokens: each sentence is read once, each number phrase a bounded number of words.

#include "core/language.hpp"
#include "extract/lexicon_file.hpp"
#include "gazetteer/text_tokens.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::extract {

using core::Language;  // the languages read (core/language.hpp)

enum class CasualtyKind : std::uint8_t { killed, injured, arrested };

// "killed", "injured", "arrested" (the lexicon's spelling).
std::string_view to_string(CasualtyKind kind);

// The vocabulary of one language. Copies share the same immutable data.
class FigureLexicon {
public:
    // assets/extract/figures/<lang>.tsv; throws core::InputError when it is missing or malformed.
    static FigureLexicon load(Language lang);
    // Throws core::InputError "FILE:LINE: WHAT" for a malformed entry.
    static FigureLexicon parse(const LexiconFile& file);

    struct Vocabulary;  // defined in figures.cpp

private:
    explicit FigureLexicon(std::shared_ptr<const Vocabulary> vocabulary) : vocabulary_(std::move(vocabulary)) {}
    std::shared_ptr<const Vocabulary> vocabulary_;
    friend struct FigureReader;
};

// A number phrase as the text gives it.
struct NumberPhrase {
    std::optional<int> value;     // the count as written, exact or approximate; nullopt when the phrase gives none
    std::optional<int> minimum;   // a lower bound: "at least 12" 12, "several" 2, "dozens" 24; nullopt otherwise
    bool approximate = false;
    std::size_t token_count = 0;  // tokens read, qualifiers included
};

// Reads the number phrase that starts at tokens[0] ("au moins 2 300", "twenty-one", "нескольких тысяч"); nullopt
// when none starts there, when it is a decimal without a multiplier, or when it exceeds int. `text` is the text
// the tokens were made from (separators are read from it).
std::optional<NumberPhrase> parse_number(std::string_view text, std::span<const gazetteer::Token> tokens,
                                         const FigureLexicon& lexicon);
// The whole of `phrase` as one number phrase; nullopt unless every token of it is read.
std::optional<NumberPhrase> parse_number(std::string_view phrase, const FigureLexicon& lexicon);

// [begin, end) in bytes and in code points of the text.
struct FigureSpan {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t cp_begin = 0, cp_end = 0;

    bool operator==(const FigureSpan&) const = default;
};

struct CasualtyFigure {
    CasualtyKind kind = CasualtyKind::killed;
    std::optional<int> value;    // as NumberPhrase; 0 for a negation, 1 for a singular subject with an article
    std::optional<int> minimum;  // as NumberPhrase
    bool approximate = false;
    FigureSpan statement;        // count, subject and outcome: "18 policiers et militaires ont été tués"
    FigureSpan number;           // the count with its qualifiers: "au moins 18", "plusieurs", "aucun"
    std::string subject;         // the people counted as written ("policiers et militaires"); empty when not said
};

// The casualty statements in `tokens` (a sentence, several, or the whole tokenized text), in text order.
std::vector<CasualtyFigure> find_casualty_figures(std::string_view text, std::span<const gazetteer::Token> tokens,
                                                  const FigureLexicon& lexicon);

}  // namespace incidentmap::extract
