#pragma once
// Word tokens of a UTF-8 text, with the offsets every machine-readable output needs.
//
// Guarantees:
//  - tokenize() returns the words of the text in order: maximal runs of letters, digits and combining marks, plus
//    initialisms written with dots ("U.S.", "B.C.") as one token that keeps its dots. Everything else (spaces,
//    punctuation, apostrophes, hyphens) separates words and is described by the next token's `gap`.
//  - Offsets: byte offsets into the input and Unicode code point offsets (end exclusive), both exact. Invalid UTF-8
//    bytes count as one code point each (what a U+FFFD replacement would count) and act as separators, so
//    the function never throws and never reads outside the input.
//  - `lower` is the word in lower case (ICU simple case mapping per code point), diacritics kept.
//  - Sentence starts are a heuristic: the first word, and a word after '.', '!', '?', '…' or a blank line,
//    except after a single-letter initial or an initialism.
//
// Cost: one pass over the text, linear in its length; one Token (56 bytes and its lower-case word) per word.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {

// What lies between a token and the word before it (the strongest separator seen).
enum class Gap : std::uint8_t {
    space,       // only white space (within a line)
    apostrophe,  // an apostrophe: "d'Almaty", "l'Ukraine"
    hyphen,      // a hyphen: "Kok-Tobe", "centre-ville"
    clause,      // a comma, colon, bracket, quote or similar: names do not continue across it
    sentence,    // '.', '!', '?', a line break, or the start of the text
};

struct Token {
    std::uint32_t begin = 0, end = 0;        // bytes
    std::uint32_t cp_begin = 0, cp_end = 0;  // code points
    std::string lower;
    Gap gap = Gap::sentence;
    bool upper_initial = false;   // first letter is upper case
    bool all_caps = false;        // at least two letters, none lower case
    bool inner_caps = false;      // upper case after the first letter and some lower case ("ОМОНа", "iPhone")
    bool cyrillic = false;        // the first letter is Cyrillic
    bool has_digit = false;
    bool sentence_start = false;
    bool line_start = false;      // first word of a line (titles and datelines)

    std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

std::vector<Token> tokenize(std::string_view utf8);

// Code points in the text, counted as tokenize() counts them (an ill-formed sequence counts as one).
std::uint32_t code_point_count(std::string_view utf8);

// Lower case per code point (ICU simple case mapping); invalid bytes are copied unchanged.
std::string to_lower(std::string_view utf8);

}  // namespace incidentmap::gazetteer
