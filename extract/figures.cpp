#include "extract/figures.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace incidentmap::extract {

using gazetteer::Gap;
using gazetteer::Token;

struct FigureLexicon::Vocabulary {
    enum class Section : std::uint8_t {
        number, multiplier, article, unspecified, qualifier, outcome, auxiliary, negation, connector, measure,
        preposition, other,
    };
    enum class Qualifier : std::uint8_t { approximate, minimum };
    enum class Negation : std::uint8_t { zero, zero_with_not, verb };
    enum class Connector : std::uint8_t { and_, of };

    struct Phrase {
        std::vector<std::string> words;  // token `lower`s
        Section section = Section::number;
        std::int64_t number = 0;         // number, multiplier: its value; unspecified: its minimum
        bool approximate = false;        // multiplier flags
        bool plural = false;
        Qualifier qualifier = Qualifier::approximate;
        CasualtyKind outcome = CasualtyKind::killed;
        Negation negation = Negation::zero;
        Connector connector = Connector::and_;
    };

    std::vector<Phrase> phrases;
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;  // phrase indices, longest first
    std::unordered_set<std::string> abbreviations;  // words whose dot ends no sentence ("тыс")
    bool group_space = false;                       // a space-like separator between groups of three digits
    std::string group_marks;                        // ASCII group separators (",", ".")
    char decimal_mark = 0;                          // 0: none
};

namespace {

// Words a subject may have between a count and its outcome, and with a noun complement ("de", "of") in it.
constexpr std::size_t kSubjectWords = 4;
constexpr std::size_t kLongSubjectWords = 8;

using Vocabulary = FigureLexicon::Vocabulary;
using Section = Vocabulary::Section;
using Phrase = Vocabulary::Phrase;

constexpr std::string_view kSectionNames[] = {
    "number", "multiplier", "article", "unspecified", "qualifier", "outcome", "auxiliary", "negation", "connector",
    "measure", "preposition", "other",
};

std::optional<Section> parse_section(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kSectionNames); ++i)
        if (kSectionNames[i] == name) return static_cast<Section>(i);
    return std::nullopt;
}

std::optional<std::int64_t> parse_integer(std::string_view field) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc{} || end != field.data() + field.size() || value < 0 || value > INT_MAX) return std::nullopt;
    return value;
}

std::string quoted(std::string_view what, std::string_view field) {
    std::string message(what);
    message += " '";
    message += field;
    message += '\'';
    return message;
}

// Reads one entry into `vocabulary`; throws through file.fail.
void add_entry(const LexiconFile& file, const LexiconEntry& entry, Vocabulary& vocabulary,
               std::map<std::pair<Section, std::vector<std::string>>, std::size_t>& seen) {
    const auto& fields = entry.fields;
    auto require_fields = [&](std::size_t min, std::size_t max) {
        if (fields.size() < min) file.fail(entry, quoted("missing value in section", fields[0]));
        if (fields.size() > max) file.fail(entry, quoted("unexpected field", fields[max]));
    };
    if (fields[0] == "separator") {
        require_fields(3, 3);
        const std::string& mark = fields[2];
        const bool space = mark == "space";
        if (!space && (mark.size() != 1 || static_cast<unsigned char>(mark[0]) >= 0x80 ||
                       std::isalnum(static_cast<unsigned char>(mark[0]))))
            file.fail(entry, quoted("bad separator (\"space\" or one ASCII punctuation character)", mark));
        if (fields[1] == "group") {
            if (space) vocabulary.group_space = true;
            else vocabulary.group_marks += mark[0];
        } else if (fields[1] == "decimal") {
            if (space) file.fail(entry, "a space cannot be a decimal mark");
            vocabulary.decimal_mark = mark[0];
        } else {
            file.fail(entry, quoted("bad separator kind (group or decimal)", fields[1]));
        }
        if (vocabulary.decimal_mark != 0 && vocabulary.group_marks.find(vocabulary.decimal_mark) != std::string::npos)
            file.fail(entry, "the same mark separates groups and decimals");
        return;
    }
    const auto section = parse_section(fields[0]);
    if (!section) file.fail(entry, quoted("unknown section", fields[0]));
    if (fields.size() < 2) file.fail(entry, quoted("missing words in section", fields[0]));

    Phrase phrase;
    phrase.section = *section;
    const std::string& written = fields[1];
    const auto tokens = gazetteer::tokenize(written);
    if (tokens.empty()) file.fail(entry, quoted("no word in", written));
    for (const auto& token : tokens) phrase.words.push_back(token.lower);
    // A final dot right after the last word marks an abbreviation (an initialism keeps its dots in the token).
    if (written.back() == '.' && tokens.back().end + 1 == written.size())
        vocabulary.abbreviations.insert(tokens.back().lower);

    const std::string_view value = fields.size() > 2 ? std::string_view(fields[2]) : std::string_view();
    auto require_integer = [&](std::int64_t min) {
        const auto number = parse_integer(value);
        if (!number || *number < min) file.fail(entry, quoted("bad number", value));
        return *number;
    };
    switch (*section) {
        case Section::number:
            require_fields(3, 3);
            phrase.number = require_integer(0);
            break;
        case Section::multiplier:
            require_fields(3, 5);
            phrase.number = require_integer(2);
            for (std::size_t i = 3; i < fields.size(); ++i) {
                if (fields[i] == "approximate") phrase.approximate = true;
                else if (fields[i] == "plural") phrase.plural = true;
                else file.fail(entry, quoted("bad multiplier flag (approximate or plural)", fields[i]));
            }
            break;
        case Section::unspecified:
            require_fields(3, 3);
            phrase.number = require_integer(1);
            break;
        case Section::qualifier:
            require_fields(3, 3);
            if (value == "approximate") phrase.qualifier = Vocabulary::Qualifier::approximate;
            else if (value == "minimum") phrase.qualifier = Vocabulary::Qualifier::minimum;
            else file.fail(entry, quoted("bad qualifier (approximate or minimum)", value));
            break;
        case Section::outcome:
            require_fields(3, 3);
            if (value == "killed") phrase.outcome = CasualtyKind::killed;
            else if (value == "injured") phrase.outcome = CasualtyKind::injured;
            else if (value == "arrested") phrase.outcome = CasualtyKind::arrested;
            else file.fail(entry, quoted("bad outcome (killed, injured or arrested)", value));
            break;
        case Section::negation:
            require_fields(3, 3);
            if (value == "zero") phrase.negation = Vocabulary::Negation::zero;
            else if (value == "zero-with-not") phrase.negation = Vocabulary::Negation::zero_with_not;
            else if (value == "not") phrase.negation = Vocabulary::Negation::verb;
            else file.fail(entry, quoted("bad negation (zero, zero-with-not or not)", value));
            break;
        case Section::connector:
            require_fields(3, 3);
            if (value == "and") phrase.connector = Vocabulary::Connector::and_;
            else if (value == "of") phrase.connector = Vocabulary::Connector::of;
            else file.fail(entry, quoted("bad connector (and or of)", value));
            break;
        case Section::article:
        case Section::auxiliary:
        case Section::measure:
        case Section::preposition:
        case Section::other:
            require_fields(2, 2);
            break;
    }
    const auto [at, inserted] = seen.emplace(std::pair(phrase.section, phrase.words), entry.line);
    if (!inserted) {
        std::string message = quoted("repeated entry", written);
        message += " (first at line ";
        message += std::to_string(at->second);
        message += ')';
        file.fail(entry, message);
    }
    vocabulary.phrases.push_back(std::move(phrase));
}

bool is_digits(const Token& token) {
    return !token.lower.empty() &&
           std::all_of(token.lower.begin(), token.lower.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The length in bytes of a space-like character at the start of `s` (U+0020, U+00A0, U+2009, U+202F), else 0.
std::size_t space_length(std::string_view s) {
    if (s.starts_with(' ')) return 1;
    if (s.starts_with("\xC2\xA0")) return 2;
    if (s.starts_with("\xE2\x80\xAF") || s.starts_with("\xE2\x80\x89")) return 3;
    return 0;
}

bool is_single_space(std::string_view s) { return !s.empty() && space_length(s) == s.size(); }

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view to_string(CasualtyKind kind) {
    switch (kind) {
        case CasualtyKind::killed: return "killed";
        case CasualtyKind::injured: return "injured";
        case CasualtyKind::arrested: return "arrested";
    }
    return "?";
}

FigureLexicon FigureLexicon::parse(const LexiconFile& file) {
    auto vocabulary = std::make_shared<Vocabulary>();
    std::map<std::pair<Section, std::vector<std::string>>, std::size_t> seen;
    for (const auto& entry : file.entries) add_entry(file, entry, *vocabulary, seen);
    for (std::size_t i = 0; i < vocabulary->phrases.size(); ++i)
        vocabulary->by_first_word[vocabulary->phrases[i].words.front()].push_back(i);
    for (auto& [word, indices] : vocabulary->by_first_word)
        std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) {
            return vocabulary->phrases[a].words.size() > vocabulary->phrases[b].words.size();
        });
    return FigureLexicon(std::move(vocabulary));
}

FigureLexicon FigureLexicon::load(Language lang) { return parse(read_lexicon_asset("figures", to_string(lang))); }

// Reads numbers and statements over one token range; indices are into `tokens`.
struct FigureReader {
    std::string_view text;
    std::span<const Token> tokens;
    const Vocabulary& vocabulary;

    FigureReader(std::string_view text, std::span<const Token> tokens, const FigureLexicon& lexicon)
        : text(text), tokens(tokens), vocabulary(*lexicon.vocabulary_) {}

    struct Match {
        const Phrase* phrase = nullptr;
        std::size_t end = 0;  // token after it
        explicit operator bool() const { return phrase != nullptr; }
        const Phrase* operator->() const { return phrase; }
    };

    // A count as a statement's subject or object: a number phrase, a negation or an article.
    struct Count {
        NumberPhrase number;
        std::size_t begin = 0, end = 0;
        bool zero_with_not = false;  // "personne", "никто": zero only with a verb negation
        bool article = false;        // "a": one only with a noun
    };

    struct Statement {
        CasualtyFigure figure;
        std::size_t begin = 0, end = 0;                  // tokens
        std::size_t subject_begin = 0, subject_end = 0;  // tokens, empty when none
    };

    std::string_view between(std::size_t i) const {
        return text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
    }

    // Token i continues the sentence of token i - 1 although a dot stands between them: the dot of a decimal
    // number or a digit group ("2.5", "2.300"), or of an abbreviation before a word in lower case ("тыс. человек").
    bool dot_inside_sentence(std::size_t i) const {
        const std::string_view raw = between(i);
        if (raw == ".") return is_digits(tokens[i - 1]) && is_digits(tokens[i]);
        if (raw.empty() || raw.front() != '.' || !vocabulary.abbreviations.contains(tokens[i - 1].lower)) return false;
        if (tokens[i].upper_initial) return false;
        for (std::string_view rest = raw.substr(1); !rest.empty();) {
            const std::size_t n = space_length(rest);
            if (n == 0) return false;
            rest.remove_prefix(n);
        }
        return true;
    }

    bool starts_sentence(std::size_t i) const {
        return i == 0 || (tokens[i].gap == Gap::sentence && !dot_inside_sentence(i));
    }

    // Token i belongs to the same phrase as token i - 1: only spaces, a hyphen, an apostrophe or an inner dot.
    bool joined(std::size_t i) const {
        if (i == 0 || i >= tokens.size()) return false;
        switch (tokens[i].gap) {
            case Gap::space:
            case Gap::apostrophe:
            case Gap::hyphen: return true;
            case Gap::clause: return false;
            case Gap::sentence: return dot_inside_sentence(i);
        }
        return false;
    }

    // The longest phrase of `section` whose words are tokens i, i + 1... (joined, before `end`).
    Match match(std::size_t i, Section section, std::size_t end) const {
        if (i >= end) return {};
        const auto found = vocabulary.by_first_word.find(tokens[i].lower);
        if (found == vocabulary.by_first_word.end()) return {};
        for (const std::size_t index : found->second) {
            const Phrase& phrase = vocabulary.phrases[index];
            if (phrase.section != section || i + phrase.words.size() > end) continue;
            bool same = true;
            for (std::size_t k = 1; k < phrase.words.size() && same; ++k)
                same = joined(i + k) && tokens[i + k].lower == phrase.words[k];
            if (same) return {&phrase, i + phrase.words.size()};
        }
        return {};
    }

    bool is(std::size_t i, Section section, std::size_t end) const { return bool(match(i, section, end)); }

    // A phrase of `section` (of up to three words) that ends right before token `end`, joined to it.
    Match match_before(std::size_t end, Section section) const {
        if (!joined(end)) return {};
        for (std::size_t k = end; k-- > 0 && k + 3 >= end;) {
            const Match found = match(k, section, end);
            if (found && found.end == end) return found;
            if (!joined(k)) break;
        }
        return {};
    }

    // ---- Numbers ----

    struct Digits {
        double value = 0;
        std::size_t end = 0;
        bool decimal = false;
    };

    bool glued(std::string_view raw) const { return raw.size() == 1 && space_length(raw) == 0; }

    bool is_group_separator(std::string_view raw) const {
        if (vocabulary.group_space && is_single_space(raw)) return true;
        return raw.size() == 1 && vocabulary.group_marks.find(raw[0]) != std::string::npos;
    }

    // Digits from token i: groups of three after a group separator, a decimal part after the decimal mark. nullopt
    // when digits are glued to other digits in any other way.
    std::optional<Digits> read_digits(std::size_t i, std::size_t end) const {
        const Token& first = tokens[i];
        if (first.begin >= 2 && glued(text.substr(first.begin - 1, 1)) && is_ascii_digit(text[first.begin - 2]))
            return std::nullopt;
        std::string digits = first.lower;
        std::size_t next = i + 1;
        if (digits.size() <= 3)
            while (next < end && is_digits(tokens[next]) && tokens[next].lower.size() == 3 &&
                   is_group_separator(between(next))) {
                digits += tokens[next].lower;
                ++next;
            }
        if (digits.size() > 10) return std::nullopt;
        Digits result{static_cast<double>(std::stoll(digits)), next, false};
        if (next < end && is_digits(tokens[next]) && between(next).size() == 1 &&
            between(next)[0] == vocabulary.decimal_mark && vocabulary.decimal_mark != 0) {
            const std::string& fraction = tokens[next].lower;
            if (fraction.size() > 6) return std::nullopt;
            result.value += static_cast<double>(std::stoll(fraction)) / std::pow(10.0, static_cast<double>(fraction.size()));
            result.decimal = true;
            result.end = ++next;
        }
        if (next < end && is_digits(tokens[next]) && glued(between(next))) return std::nullopt;
        return result;
    }

    // The quantity from token i without qualifiers; `qualified`: a qualifier stands before it.
    std::optional<NumberPhrase> read_quantity(std::size_t i, std::size_t end, bool qualified) const {
        enum class Last { none, digits, decimal, word, multiplier, unspecified, article };
        Last last = Last::none;
        double total = 0, current = 0;
        std::int64_t last_word = 0, last_multiplier = 0;
        bool minimum_only = false, approximate = false;

        auto apply_multiplier = [&](const Phrase& multiplier) {
            const bool alone = last == Last::none || (last == Last::multiplier && current == 0);
            double count = current;
            if (alone) {
                count = 1;
                if (multiplier.plural && !qualified) {
                    count = 2;
                    minimum_only = true;
                    approximate = true;
                }
            }
            approximate = approximate || multiplier.approximate;
            if (multiplier.number < 1000) {
                current = count * static_cast<double>(multiplier.number);
            } else {
                total += count * static_cast<double>(multiplier.number);
                current = 0;
            }
            last = Last::multiplier;
            last_multiplier = multiplier.number;
        };
        // Whether a number word of value v may add to what was read: "vingt" + "deux", "cent" + "dix".
        auto may_add = [&](std::int64_t v) {
            if (last == Last::word) return last_word >= 10 && last_word % 10 == 0 && v < last_word;
            if (last == Last::multiplier) return v < last_multiplier;
            return false;
        };
        // Whether a multiplier may apply to what was read.
        auto may_multiply = [&](const Phrase& multiplier) {
            if (last == Last::multiplier) return current == 0 || multiplier.number > last_multiplier;
            return true;
        };

        std::size_t q = i;
        while (q < end && (q == i || joined(q))) {
            if (last == Last::none && is_digits(tokens[q])) {
                const auto digits = read_digits(q, end);
                if (!digits) return std::nullopt;
                current = digits->value;
                last = digits->decimal ? Last::decimal : Last::digits;
                q = digits->end;
                continue;
            }
            const Match number = match(q, Section::number, end);
            const Match multiplier = match(q, Section::multiplier, end);
            if (last == Last::none) {
                const Match unspecified = match(q, Section::unspecified, end);
                const Match article = match(q, Section::article, end);
                const std::size_t longest =
                    std::max({number ? number.end : 0, multiplier ? multiplier.end : 0,
                              unspecified ? unspecified.end : 0, article ? article.end : 0});
                if (longest == 0) return std::nullopt;
                if (number && number.end == longest) {
                    current = static_cast<double>(number->number);
                    last_word = number->number;
                    last = Last::word;
                    q = number.end;
                } else if (multiplier && multiplier.end == longest) {
                    apply_multiplier(*multiplier.phrase);
                    q = multiplier.end;
                } else if (unspecified && unspecified.end == longest) {
                    current = static_cast<double>(unspecified->number);
                    minimum_only = true;
                    last = Last::unspecified;
                    q = unspecified.end;
                } else {
                    // An article counts only before a multiplier ("a dozen", "a hundred").
                    if (!joined(article.end) || !is(article.end, Section::multiplier, end)) return std::nullopt;
                    current = 1;
                    last = Last::article;
                    q = article.end;
                }
                continue;
            }
            if (number && (!multiplier || number.end >= multiplier.end) && may_add(number->number)) {
                current += static_cast<double>(number->number);
                last_word = number->number;
                last = Last::word;
                q = number.end;
                continue;
            }
            if (multiplier && may_multiply(*multiplier.phrase)) {
                apply_multiplier(*multiplier.phrase);
                q = multiplier.end;
                continue;
            }
            // "vingt et un", "hundred and five"; "dizaines de milliers", "hundreds of thousands".
            const Match connector = match(q, Section::connector, end);
            if (connector && joined(connector.end)) {
                const std::size_t after = connector.end;
                if (connector->connector == Vocabulary::Connector::and_) {
                    const Match next = match(after, Section::number, end);
                    const bool after_tens = last == Last::word && last_word >= 20 && last_word % 10 == 0;
                    if (next && (after_tens || last == Last::multiplier) && may_add(next->number)) {
                        q = after;
                        continue;
                    }
                } else {
                    const Match next = match(after, Section::multiplier, end);
                    if (next && last == Last::multiplier && next->number > last_multiplier) {
                        q = after;
                        continue;
                    }
                }
            }
            break;
        }
        if (last == Last::none || last == Last::decimal || last == Last::article) return std::nullopt;
        const double result = std::round(total + current);
        if (result > INT_MAX) return std::nullopt;
        NumberPhrase phrase;
        const int count = static_cast<int>(result);
        if (minimum_only) phrase.minimum = count;
        else phrase.value = count;
        phrase.approximate = approximate;
        phrase.token_count = q - i;
        return phrase;
    }

    std::optional<NumberPhrase> read_number(std::size_t i, std::size_t end) const {
        std::size_t q = i;
        bool approximate = false, minimum = false;
        while (const Match qualifier = match(q, Section::qualifier, end)) {
            if (qualifier.end >= end || !joined(qualifier.end)) break;
            (qualifier->qualifier == Vocabulary::Qualifier::minimum ? minimum : approximate) = true;
            q = qualifier.end;
        }
        if (q > i) {
            if (auto phrase = read_quantity(q, end, true)) {
                phrase->approximate = phrase->approximate || approximate;
                if (minimum && phrase->value) phrase->minimum = phrase->value;
                phrase->token_count += q - i;
                return phrase;
            }
        }
        // No qualifier, or a qualifier that is also a quantity when no number follows ("some people").
        return read_quantity(i, end, false);
    }

    // ---- Statements ----

    std::optional<Count> read_count(std::size_t i, std::size_t end) const {
        Count count;
        count.begin = i;
        if (const Match negation = match(i, Section::negation, end);
            negation && negation->negation != Vocabulary::Negation::verb) {
            count.number.value = 0;
            count.number.token_count = negation.end - i;
            count.end = negation.end;
            count.zero_with_not = negation->negation == Vocabulary::Negation::zero_with_not;
            return count;
        }
        if (auto number = read_number(i, end)) {
            count.number = *number;
            count.end = i + number->token_count;
            return count;
        }
        if (const Match article = match(i, Section::article, end)) {
            count.number.value = 1;
            count.number.token_count = article.end - i;
            count.end = article.end;
            count.article = true;
            return count;
        }
        return std::nullopt;
    }

    // Not a date, a time, a measure or part of a compound word.
    bool plausible(const Count& count, std::size_t end) const {
        const Token& first = tokens[count.begin];
        if (count.end == count.begin + 1 && is_digits(first) && first.lower.size() == 4 && count.number.value &&
            *count.number.value >= 1800 && *count.number.value <= 2100)
            return false;  // a year
        if (first.gap == Gap::hyphen && count.begin > 0) return false;  // "COVID-19"
        if (count.end < end && joined(count.end)) {
            if (tokens[count.end].gap == Gap::hyphen) return false;  // "18-летний", "twenty-year-old"
            if (is(count.end, Section::measure, end)) return false;
        }
        std::string_view after = text.substr(tokens[count.end - 1].end);
        while (const std::size_t n = space_length(after)) after.remove_prefix(n);
        return !after.starts_with('%');
    }

    FigureSpan span(std::size_t begin, std::size_t end) const {
        FigureSpan result{tokens[begin].begin, tokens[end - 1].end, tokens[begin].cp_begin, tokens[end - 1].cp_end};
        if (vocabulary.abbreviations.contains(tokens[end - 1].lower) && result.end < text.size() &&
            text[result.end] == '.') {
            ++result.end;  // the abbreviation's dot: "2,5 тыс."
            ++result.cp_end;
        }
        return result;
    }

    Statement make_statement(const Count& count, CasualtyKind kind, std::size_t begin, std::size_t end,
                             std::size_t subject_begin, std::size_t subject_end) const {
        Statement statement;
        statement.begin = begin;
        statement.end = end;
        // The subject without a leading "of"/"de": "des dizaines de personnes" counts "personnes".
        while (subject_begin < subject_end) {
            const Match connector = match(subject_begin, Section::connector, subject_end);
            if (!connector || connector->connector != Vocabulary::Connector::of) break;
            subject_begin = connector.end;
        }
        statement.subject_begin = subject_begin;
        statement.subject_end = subject_end;
        CasualtyFigure& figure = statement.figure;
        figure.kind = kind;
        figure.value = count.number.value;
        figure.minimum = count.number.minimum;
        figure.approximate = count.number.approximate;
        figure.statement = span(begin, end);
        figure.number = span(count.begin, count.end);
        if (subject_begin < subject_end) {
            const FigureSpan words = span(subject_begin, subject_end);
            figure.subject = std::string(text.substr(words.begin, words.end - words.begin));
        }
        return statement;
    }

    // COUNT [subject] [auxiliaries] OUTCOME.
    std::optional<Statement> read_subject_first(const Count& count, std::size_t end) const {
        std::size_t q = count.end;
        std::size_t subject_end = q;
        bool in_verb = false, negated = false;
        std::size_t subject_limit = kSubjectWords;
        while (q < end && joined(q)) {
            if (const Match outcome = match(q, Section::outcome, end)) {
                if (negated && count.number.value != 0) return std::nullopt;  // "12 personnes n'ont pas été blessées"
                if (count.zero_with_not && !negated) return std::nullopt;     // "la personne a été blessée"
                const bool has_subject = subject_end > count.end;
                if (count.article && !has_subject) return std::nullopt;
                // A count after "de"/"of" with a noun is a complement ("le chauffeur d'un camion"); after a
                // preposition, a subject of three words or more reads two noun phrases ("dans 3 villes des
                // manifestants"), a shorter one is a clause ("after 8 people died", "with 12 people injured").
                const Match before = match_before(count.begin, Section::connector);
                const bool complement = before && before->connector == Vocabulary::Connector::of;
                const bool prepositional = subject_end - count.end > 2 && match_before(count.begin, Section::preposition);
                if (has_subject && (complement || prepositional)) return std::nullopt;
                if (!in_verb && has_object_count(outcome.end, end)) return std::nullopt;  // "12 soldiers killed 3"
                return make_statement(count, outcome->outcome, count.begin, outcome.end, count.end, subject_end);
            }
            if (const Match negation = match(q, Section::negation, end);
                negation && negation->negation == Vocabulary::Negation::verb) {
                in_verb = negated = true;
                q = negation.end;
                continue;
            }
            if (const Match auxiliary = match(q, Section::auxiliary, end)) {
                in_verb = true;
                q = auxiliary.end;
                continue;
            }
            // A noun's complement joins the subject ("un journaliste d'un média local", "members of the family").
            if (const Match of = match(q, Section::connector, end);
                of && of->connector == Vocabulary::Connector::of && !in_verb && q > count.end && joined(of.end)) {
                subject_limit = kLongSubjectWords;
                subject_end = q = of.end;
                continue;
            }
            // A subject word: no number, no preposition, at most four (eight with a complement).
            if (in_verb || q - count.end >= subject_limit || is_digits(tokens[q]) || is(q, Section::preposition, end))
                return std::nullopt;
            if (const auto inner = read_number(q, end); inner && inner->value != 1) return std::nullopt;
            subject_end = ++q;
        }
        return std::nullopt;
    }

    // An outcome at token i is a verb with its own object count ("killed 3 protesters"), unless that count starts a
    // statement of its own ("un mort 3 blessés").
    bool has_object_count(std::size_t i, std::size_t end) const {
        const auto count = read_object_count(i, end);
        return count && !read_subject_first(*count, end);
    }

    // The count right after an outcome, past an optional "of": "killed 12", "mort de 3 personnes".
    std::optional<Count> read_object_count(std::size_t i, std::size_t end) const {
        if (i >= end || !joined(i)) return std::nullopt;
        if (const Match connector = match(i, Section::connector, end);
            connector && connector->connector == Vocabulary::Connector::of && joined(connector.end))
            i = connector.end;
        auto count = read_count(i, end);
        if (!count || count->zero_with_not || !plausible(*count, end)) return std::nullopt;
        return count;
    }

    // OUTCOME [of] COUNT [subject].
    std::optional<Statement> read_outcome_first(std::size_t i, const Match& outcome, std::size_t end) const {
        if (const Match negation = match_before(i, Section::negation);
            negation && negation->negation == Vocabulary::Negation::verb)
            return std::nullopt;  // "не пострадали"
        const auto count = read_object_count(outcome.end, end);
        if (!count) return std::nullopt;
        std::size_t q = count->end;
        if (const Match connector = match(q, Section::connector, end);
            connector && connector->connector == Vocabulary::Connector::of && joined(q))
            q = connector.end;
        std::size_t subject_end = count->end;
        for (std::size_t words = 0; words < 3 && q < end && joined(q); ++words) {
            const bool ends_subject = is_digits(tokens[q]) || is(q, Section::preposition, end) ||
                                      is(q, Section::connector, end) || is(q, Section::outcome, end) ||
                                      is(q, Section::auxiliary, end) || is(q, Section::negation, end) ||
                                      is(q, Section::measure, end) || read_number(q, end);
            if (ends_subject) break;
            subject_end = ++q;
        }
        if (count->article && subject_end == count->end) return std::nullopt;
        return make_statement(*count, outcome->outcome, i, subject_end, count->end, subject_end);
    }

    // A statement after "and" with no subject of its own, or only "others", takes the previous one's.
    void share_subject(Statement& statement, const Statement& previous) const {
        bool own_subject = false;
        for (std::size_t q = statement.subject_begin; q < statement.subject_end && !own_subject;) {
            const Match other = match(q, Section::other, statement.subject_end);
            own_subject = !other;
            q = other ? other.end : q;
        }
        if (own_subject || previous.figure.subject.empty()) return;
        const Match connector = match_before(statement.begin, Section::connector);
        if (connector && connector->connector == Vocabulary::Connector::and_)
            statement.figure.subject = previous.figure.subject;
    }

    // The count is the second of two coordinated subjects sharing one outcome ("two officers and a protester were
    // injured"): alone it would be part of the figure. `floor`: where the words before it may start.
    bool coordinated_with_count(const Count& count, std::size_t floor) const {
        const Match connector = match_before(count.begin, Section::connector);
        if (!connector || connector->connector != Vocabulary::Connector::and_) return false;
        const std::size_t connector_begin = count.begin - connector->words.size();
        for (std::size_t k = connector_begin; k-- > floor && k + 4 >= connector_begin;) {
            if (is(k, Section::auxiliary, connector_begin) || is(k, Section::outcome, connector_begin))
                break;  // a clause of its own: "1.5 million people were displaced and 2.5 thousand arrested"
            if (read_count(k, connector_begin)) return true;
            if (!joined(k)) break;
        }
        return false;
    }

    void read_sentence(std::size_t begin, std::size_t end, std::vector<CasualtyFigure>& out) const {
        std::optional<Statement> previous;
        auto keep = [&](Statement statement) {
            if (previous) share_subject(statement, *previous);
            out.push_back(statement.figure);
            previous = std::move(statement);
        };
        for (std::size_t i = begin; i < end;) {
            if (const auto count = read_count(i, end)) {
                const std::size_t floor = previous ? previous->end : begin;
                if (plausible(*count, end) && !coordinated_with_count(*count, floor))
                    if (auto statement = read_subject_first(*count, end)) {
                        i = statement->end;
                        keep(std::move(*statement));
                        continue;
                    }
                i = count->end;
                continue;
            }
            if (const Match outcome = match(i, Section::outcome, end)) {
                if (auto statement = read_outcome_first(i, outcome, end)) {
                    i = statement->end;
                    keep(std::move(*statement));
                    continue;
                }
            }
            ++i;
        }
    }

    std::vector<CasualtyFigure> read_all() const {
        std::vector<CasualtyFigure> out;
        for (std::size_t begin = 0; begin < tokens.size();) {
            std::size_t end = begin + 1;
            while (end < tokens.size() && !starts_sentence(end)) ++end;
            read_sentence(begin, end, out);
            begin = end;
        }
        return out;
    }
};

std::optional<NumberPhrase> parse_number(std::string_view text, std::span<const Token> tokens,
                                         const FigureLexicon& lexicon) {
    if (tokens.empty()) return std::nullopt;
    const FigureReader reader(text, tokens, lexicon);
    std::size_t end = 1;
    while (end < tokens.size() && !reader.starts_sentence(end)) ++end;
    return reader.read_number(0, end);
}

std::optional<NumberPhrase> parse_number(std::string_view phrase, const FigureLexicon& lexicon) {
    const auto tokens = gazetteer::tokenize(phrase);
    auto number = parse_number(phrase, tokens, lexicon);
    if (!number || number->token_count != tokens.size()) return std::nullopt;
    return number;
}

std::vector<CasualtyFigure> find_casualty_figures(std::string_view text, std::span<const Token> tokens,
                                                  const FigureLexicon& lexicon) {
    return FigureReader(text, tokens, lexicon).read_all();
}

}  // namespace incidentmap::extract
