#include "extract/time_expressions.hpp"

#include "core/detail/enum_names.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <unordered_map>

namespace incidentmap::extract {

namespace chr = std::chrono;
using gazetteer::Gap;
using gazetteer::Token;
using Ymd = chr::year_month_day;

namespace detail {

struct TimeVocabulary {
    // The sections of a lexicon file that hold phrases; "ordinal_suffix" and "setting" are read apart.
    enum class Section : std::uint8_t {
        month,
        weekday,
        relative_day,
        part_of_day,
        anchored_part,
        night_before,
        night_to,
        part_link,
        relative_period,
        range_from,
        range_to,
        period_cue,
        year_word,
        date_link,
    };
    enum class PeriodUnit : std::uint8_t { week, month, year };
    enum class WrittenOrder : std::uint8_t { day_month, month_day, both };
    enum class NumericOrder : std::uint8_t { day_first, month_first, unambiguous };

    struct Phrase {
        Section section = Section::month;
        std::vector<std::string> words;  // lower-case tokens
        int value = 0;                   // month 1..12, ISO weekday 1..7, or a day or period offset
        core::PartOfDay part = core::PartOfDay::morning;
        PeriodUnit unit = PeriodUnit::week;
        bool capitalized = false;   // counts only with an upper-case initial
        bool abbreviation = false;  // may be followed by a dot
        bool bound = false;         // never an expression on its own
        bool story = false;         // a relative day counted from the story's day, not publication
    };

    std::vector<Phrase> phrases;
    std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;  // indexes into phrases
    std::vector<std::string> ordinal_suffixes;
    WrittenOrder written_dates = WrittenOrder::day_month;
    NumericOrder numeric_dates = NumericOrder::unambiguous;
};

}  // namespace detail

namespace {

using detail::TimeVocabulary;
using Section = TimeVocabulary::Section;
using PeriodUnit = TimeVocabulary::PeriodUnit;
using WrittenOrder = TimeVocabulary::WrittenOrder;
using NumericOrder = TimeVocabulary::NumericOrder;
using Phrase = TimeVocabulary::Phrase;

constexpr std::array<std::string_view, 14> kSectionNames{
    "month",     "weekday",         "relative_day", "part_of_day", "anchored_part", "night_before", "night_to",
    "part_link", "relative_period", "range_from",   "range_to",    "period_cue",    "year_word",    "date_link"};
constexpr std::array<std::string_view, 3> kUnitNames{"week", "month", "year"};
constexpr std::array<std::string_view, 3> kWrittenOrderNames{"day_month", "month_day", "both"};
constexpr std::array<std::string_view, 3> kNumericOrderNames{"day_first", "month_first", "unambiguous"};

constexpr std::array<std::string_view, 8> kKindNames{"explicit_date", "month",           "year",        "weekday",
                                                     "relative_day",  "relative_period", "part_of_day", "range"};

// Years a cue or a year word may introduce on their own; a year after a day and month, or after a month, may be
// any four digits ("14 juillet 1789").
constexpr int kFirstLoneYear = 1900;
constexpr int kLastLoneYear = 2100;
constexpr int kFirstWrittenYear = 1000;
constexpr int kLastWrittenYear = 9999;
// Bounds on lexicon offsets, to catch typos.
constexpr int kMaxDayOffset = 31;
constexpr int kMaxPeriodOffset = 10;

// ---------------------------------------------------------------------------------------------------------------
// Reading the lexicon

std::string quoted(std::string_view what, std::string_view value) {
    std::string message(what);
    message += " '";
    message += value;
    message += '\'';
    return message;
}

std::optional<int> parse_int(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-') return std::nullopt;
    }
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<core::PartOfDay> parse_part(std::string_view name) {
    for (const auto part : {core::PartOfDay::morning, core::PartOfDay::afternoon, core::PartOfDay::evening,
                            core::PartOfDay::night})
        if (core::to_string(part) == name) return part;
    return std::nullopt;
}

class VocabularyReader {
public:
    explicit VocabularyReader(const LexiconFile& file) : file_(file) {}

    TimeVocabulary read() {
        for (const auto& entry : file_.entries) read_entry(entry);
        if (!written_dates_) throw core::InputError(file_.name, "missing 'setting written_dates'");
        if (!numeric_dates_) throw core::InputError(file_.name, "missing 'setting numeric_dates'");
        vocabulary_.written_dates = *written_dates_;
        vocabulary_.numeric_dates = *numeric_dates_;
        return std::move(vocabulary_);
    }

private:
    void read_entry(const LexiconEntry& entry) {
        const std::string_view name = entry.fields[0];
        if (name == "setting") return read_setting(entry);
        if (name == "ordinal_suffix") return read_suffix(entry);
        const auto section = core::detail::parse_enum<Section>(kSectionNames, name);
        if (!section) file_.fail(entry, quoted("unknown section", name));

        Phrase phrase;
        phrase.section = *section;
        switch (*section) {
            case Section::month:
            case Section::weekday:
                expect_fields(entry, 3, 6);
                phrase.value = number(entry, 2, 1, *section == Section::month ? 12 : 7);
                for (std::size_t i = 3; i < entry.fields.size(); ++i) read_flag(entry, entry.fields[i], phrase);
                break;
            case Section::relative_day:
                expect_fields(entry, 3, 4);
                phrase.value = number(entry, 2, -kMaxDayOffset, kMaxDayOffset);
                if (entry.fields.size() > 3) {
                    if (entry.fields[3] != "story") file_.fail(entry, quoted("unknown flag (story)", entry.fields[3]));
                    phrase.story = true;
                }
                break;
            case Section::part_of_day:
                expect_fields(entry, 3, 3);
                phrase.part = part(entry, 2);
                break;
            case Section::anchored_part:
                expect_fields(entry, 4, 4);
                phrase.value = number(entry, 2, -kMaxDayOffset, kMaxDayOffset);
                phrase.part = part(entry, 3);
                break;
            case Section::relative_period: {
                expect_fields(entry, 4, 4);
                phrase.value = number(entry, 2, -kMaxPeriodOffset, kMaxPeriodOffset);
                const auto unit = core::detail::parse_enum<PeriodUnit>(kUnitNames, entry.fields[3]);
                if (!unit) file_.fail(entry, quoted("unknown period unit (week, month, year)", entry.fields[3]));
                phrase.unit = *unit;
                break;
            }
            default: expect_fields(entry, 2, 2); break;
        }
        phrase.words = words(entry);
        add(entry, std::move(phrase));
    }

    void read_flag(const LexiconEntry& entry, std::string_view flag, Phrase& phrase) {
        if (flag == "capitalized") phrase.capitalized = true;
        else if (flag == "abbreviation") phrase.abbreviation = true;
        else if (flag == "bound") phrase.bound = true;
        else file_.fail(entry, quoted("unknown flag (capitalized, abbreviation, bound)", flag));
    }

    void read_setting(const LexiconEntry& entry) {
        expect_fields(entry, 3, 3);
        const std::string_view name = entry.fields[1], value = entry.fields[2];
        if (name == "written_dates") {
            if (written_dates_) file_.fail(entry, "setting 'written_dates' given twice");
            written_dates_ = core::detail::parse_enum<WrittenOrder>(kWrittenOrderNames, value);
            if (!written_dates_) file_.fail(entry, quoted("bad written_dates (day_month, month_day, both)", value));
        } else if (name == "numeric_dates") {
            if (numeric_dates_) file_.fail(entry, "setting 'numeric_dates' given twice");
            numeric_dates_ = core::detail::parse_enum<NumericOrder>(kNumericOrderNames, value);
            if (!numeric_dates_)
                file_.fail(entry, quoted("bad numeric_dates (day_first, month_first, unambiguous)", value));
        } else {
            file_.fail(entry, quoted("unknown setting", name));
        }
    }

    void read_suffix(const LexiconEntry& entry) {
        expect_fields(entry, 2, 2);
        const std::vector<std::string> suffix = words(entry);
        if (suffix.size() != 1 || suffix[0].find_first_of("0123456789") != std::string::npos)
            file_.fail(entry, quoted("an ordinal suffix is one word without digits, not", entry.fields[1]));
        for (const auto& known : vocabulary_.ordinal_suffixes)
            if (known == suffix[0]) file_.fail(entry, quoted("ordinal suffix listed twice:", entry.fields[1]));
        vocabulary_.ordinal_suffixes.push_back(suffix[0]);
    }

    void expect_fields(const LexiconEntry& entry, std::size_t min, std::size_t max) const {
        const std::size_t n = entry.fields.size();
        if (n < min || n > max) {
            std::string message = "section '";
            message += entry.fields[0];
            message += "' takes ";
            message += std::to_string(min);
            if (max != min) {
                message += " to ";
                message += std::to_string(max);
            }
            message += " fields, not ";
            message += std::to_string(n);
            file_.fail(entry, message);
        }
    }

    int number(const LexiconEntry& entry, std::size_t field, int min, int max) const {
        const auto value = parse_int(entry.fields[field]);
        if (!value || *value < min || *value > max) {
            std::string what = "expected a whole number from ";
            what += std::to_string(min);
            what += " to ";
            what += std::to_string(max);
            what += ", not";
            file_.fail(entry, quoted(what, entry.fields[field]));
        }
        return *value;
    }

    core::PartOfDay part(const LexiconEntry& entry, std::size_t field) const {
        const auto value = parse_part(entry.fields[field]);
        if (!value)
            file_.fail(entry, quoted("unknown part of day (morning, afternoon, evening, night)", entry.fields[field]));
        return *value;
    }

    // The phrase of field 1 as the tokenizer will see it in a text.
    std::vector<std::string> words(const LexiconEntry& entry) const {
        const std::string_view text = entry.fields[1];
        const auto tokens = gazetteer::tokenize(text);
        if (tokens.empty() || tokens.front().begin != 0 || tokens.back().end != text.size())
            file_.fail(entry, quoted("a phrase must start and end with a letter or digit:", text));
        std::vector<std::string> out;
        for (const auto& token : tokens) {
            if (!out.empty() && token.gap > Gap::hyphen)
                file_.fail(entry, quoted("words of a phrase are joined by spaces, apostrophes or hyphens only:", text));
            out.push_back(token.lower);
        }
        return out;
    }

    void add(const LexiconEntry& entry, Phrase phrase) {
        auto& same_start = vocabulary_.by_first_word[phrase.words.front()];
        for (const std::size_t other : same_start) {
            const Phrase& known = vocabulary_.phrases[other];
            if (known.section == phrase.section && known.words == phrase.words)
                file_.fail(entry, quoted("phrase listed twice in this section:", entry.fields[1]));
        }
        same_start.push_back(vocabulary_.phrases.size());
        vocabulary_.phrases.push_back(std::move(phrase));
    }

    const LexiconFile& file_;
    TimeVocabulary vocabulary_;
    std::optional<WrittenOrder> written_dates_;
    std::optional<NumericOrder> numeric_dates_;
};

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic

chr::sys_days days_of(Ymd d) { return chr::sys_days(d); }
Ymd plus_days(Ymd d, int n) { return Ymd(days_of(d) + chr::days(n)); }

bool valid_date(unsigned day, unsigned month, std::optional<int> year) {
    // Without a year, 29 February is possible: check against a leap year.
    const Ymd d{chr::year(year.value_or(2000)), chr::month(month), chr::day(day)};
    return d.ok();
}

// The most recent `iso_weekday` (1 = Monday) on or before `anchor`.
Ymd weekday_on_or_before(Ymd anchor, int iso_weekday) {
    const chr::sys_days a = days_of(anchor);
    const chr::weekday wanted(static_cast<unsigned>(iso_weekday % 7));
    return Ymd(a - (chr::weekday(a) - wanted));
}

// Month and day in `anchor`'s year, or in the year before when that would fall more than `slack` after anchor.
// The year that puts the day nearest the anchor, a day after it counting twice a day before (reports tell of the
// past more than they announce): "27 novembre" published on 19 November is eight days ahead, not a year back, and
// "3 janvier" published on 28 December is next year's. Within `slack` days after the anchor, the future costs no more.
std::optional<Ymd> date_near(Ymd anchor, unsigned month, unsigned day, chr::days slack) {
    std::optional<Ymd> best;
    long best_cost = 0;
    for (const int shift : {-1, 0, 1}) {
        const Ymd d{anchor.year() + chr::years(shift), chr::month(month), chr::day(day)};
        if (!d.ok()) continue;
        const long ahead = (days_of(d) - days_of(anchor)).count();
        const long cost = ahead <= 0 ? -ahead : (ahead <= slack.count() ? ahead : 2 * ahead);
        if (!best || cost < best_cost) best = d, best_cost = cost;
    }
    return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a text

// A day as the text writes it, before it is resolved.
struct DayRef {
    enum class Form : std::uint8_t {
        date,         // day and month, maybe a year; or a numeric date that may be ambiguous
        bare_number,  // a day number whose month comes from the other end of a range or night: "du 5 au 7 mars"
        weekday,
        relative,     // a relative day word
    };
    Form form = Form::date;
    std::size_t end = 0;  // the token after it
    unsigned day = 0, month = 0;
    std::optional<int> year;
    bool ambiguous = false;  // a numeric date whose order cannot be told: never resolved
    int weekday = 0;         // ISO, 1 = Monday
    bool bound = false;      // a weekday form that is not an expression on its own
    int offset = 0;          // days from publication
    bool story = false;      // ...counted, as the text means it, from the story's day
};

std::optional<int> story_offset_of(const DayRef& d) {
    return d.form == DayRef::Form::relative && d.story ? std::optional(d.offset) : std::nullopt;
}

TimeKind kind_of(const DayRef& d) {
    switch (d.form) {
        case DayRef::Form::weekday: return TimeKind::weekday;
        case DayRef::Form::relative: return TimeKind::relative_day;
        case DayRef::Form::date:
        case DayRef::Form::bare_number: break;
    }
    return TimeKind::explicit_date;
}

bool depends_on_publication(const DayRef& d) {
    return d.form != DayRef::Form::date || (!d.year && !d.ambiguous);
}

// Completes the two ends of a range or a night from each other: a bare day number takes the other end's month and
// year ("du 5 au 7 mars"), and a date without a year takes the other end's year ("du 28 décembre au 3 janvier
// 2022"), the first end the year before when it would come after the last. False when they cannot be read together.
bool complete_pair(DayRef& first, DayRef& second) {
    auto take_month = [](DayRef& bare, const DayRef& dated) {
        if (dated.form != DayRef::Form::date || dated.ambiguous) return false;
        bare.form = DayRef::Form::date;
        bare.month = dated.month;
        if (!bare.year) bare.year = dated.year;
        return valid_date(bare.day, bare.month, bare.year);
    };
    auto as_ymd = [](const DayRef& d) { return Ymd{chr::year(*d.year), chr::month(d.month), chr::day(d.day)}; };
    const bool first_bare = first.form == DayRef::Form::bare_number;
    const bool second_bare = second.form == DayRef::Form::bare_number;
    if (first_bare && second_bare) return false;
    if (first_bare && (!take_month(first, second) || first.day > second.day)) return false;
    if (second_bare && (!take_month(second, first) || first.day > second.day)) return false;
    if (first.form != DayRef::Form::date || second.form != DayRef::Form::date || first.ambiguous || second.ambiguous)
        return true;
    if (first.year && !second.year) {
        second.year = *first.year;
        if (!valid_date(second.day, second.month, second.year)) return false;
        if (as_ymd(second) < as_ymd(first)) ++*second.year;
    } else if (second.year && !first.year) {
        first.year = *second.year;
        if (!valid_date(first.day, first.month, first.year)) return false;
        if (as_ymd(second) < as_ymd(first)) --*first.year;
    }
    return valid_date(first.day, first.month, first.year) && valid_date(second.day, second.month, second.year);
}

// What was found at one token: the longest reading wins.
struct Found {
    std::size_t end = 0;  // the token after the expression
    TimeKind kind = TimeKind::explicit_date;
    core::TimeSpan span;
    bool relative = false;
    std::optional<core::PartOfDay> part;
    std::optional<int> story_offset;
};

struct PhraseMatch {
    const Phrase* phrase = nullptr;
    std::size_t end = 0;  // the token after it
};

struct NumberMatch {
    int value = 0;
    std::size_t end = 0;
};

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

int digits_value(std::string_view s) {
    int value = 0;
    std::from_chars(s.data(), s.data() + s.size(), value);
    return value;
}

class TextReader {
public:
    TextReader(std::string_view text, std::span<const Token> tokens, const TimeVocabulary& vocabulary,
               std::optional<Ymd> published)
        : text_(text), tokens_(tokens), vocabulary_(vocabulary) {
        if (published && published->ok()) published_ = published;
    }

    std::vector<TimeMention> read() const {
        std::vector<TimeMention> out;
        std::size_t i = 0;
        while (i < tokens_.size()) {
            if (!could_start(tokens_[i])) {
                ++i;
                continue;
            }
            std::optional<Found> best;
            auto consider = [&best](std::optional<Found> found) {
                if (found && (!best || found->end > best->end)) best = std::move(found);
            };
            // On equal length the first listed wins: "сегодня ночью" is the fixed phrase, not today's night.
            consider(range(i));
            consider(anchored_part(i));
            consider(night_before(i));
            consider(part_then_day(i));
            consider(day_then_part(i));
            consider(relative_period(i));
            consider(month_or_year(i));
            consider(part_alone(i));
            if (!best) {
                ++i;
                continue;
            }
            TimeMention mention;
            mention.begin = tokens_[i].begin;
            mention.cp_begin = tokens_[i].cp_begin;
            mention.end = tokens_[best->end - 1].end;
            mention.cp_end = tokens_[best->end - 1].cp_end;
            mention.kind = best->kind;
            mention.span = best->span;
            mention.relative = best->relative;
            mention.part = best->part;
            mention.story_offset = best->story_offset;
            out.push_back(mention);
            i = best->end;
        }
        return out;
    }

private:
    bool could_start(const Token& t) const {
        return t.has_digit || vocabulary_.by_first_word.contains(t.lower);
    }

    // ---- tokens and punctuation

    // Token i continues the expression before it: only a space, apostrophe or hyphen separates them.
    bool joined(std::size_t i) const { return i < tokens_.size() && tokens_[i].gap <= Gap::hyphen; }

    // Token i follows exactly `punct` (spaces around it allowed, no line break).
    bool separated_by(std::size_t i, std::string_view punct) const {
        if (i == 0 || i >= tokens_.size()) return false;
        std::string_view between = text_.substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end);
        constexpr std::array<std::string_view, 4> kSpaces{" ", "\t", "\u00A0", "\u202F"};  // NBSP, narrow NBSP
        for (bool stripped = true; stripped;) {
            stripped = false;
            for (const std::string_view space : kSpaces) {
                if (between.starts_with(space)) {
                    between.remove_prefix(space.size());
                    stripped = true;
                }
                if (between.ends_with(space)) {
                    between.remove_suffix(space.size());
                    stripped = true;
                }
            }
        }
        return between == punct;
    }

    // Token i follows `punct` with nothing else between (numeric dates).
    bool attached_by(std::size_t i, std::string_view punct) const {
        return i > 0 && i < tokens_.size() &&
               text_.substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end) == punct;
    }

    // The longest phrase of `section` that starts at token `at`. The caller checks what separates it from the
    // words before it.
    std::optional<PhraseMatch> phrase_at(Section section, std::size_t at) const {
        if (at >= tokens_.size()) return std::nullopt;
        const auto candidates = vocabulary_.by_first_word.find(tokens_[at].lower);
        if (candidates == vocabulary_.by_first_word.end()) return std::nullopt;
        std::optional<PhraseMatch> best;
        for (const std::size_t index : candidates->second) {
            const Phrase& phrase = vocabulary_.phrases[index];
            if (phrase.section != section) continue;
            if (phrase.capitalized && !tokens_[at].upper_initial && !tokens_[at].all_caps) continue;
            const std::size_t end = at + phrase.words.size();
            if (end > tokens_.size() || (best && end <= best->end)) continue;
            bool same = true;
            for (std::size_t k = 1; k < phrase.words.size() && same; ++k)
                same = joined(at + k) && tokens_[at + k].lower == phrase.words[k];
            if (same) best = PhraseMatch{&phrase, end};
        }
        return best;
    }

    std::optional<PhraseMatch> phrase_joined(Section section, std::size_t at) const {
        return joined(at) ? phrase_at(section, at) : std::nullopt;
    }

    bool is_ordinal_suffix(std::string_view s) const {
        for (const auto& suffix : vocabulary_.ordinal_suffixes)
            if (suffix == s) return true;
        return false;
    }

    // ---- numbers

    // A day of the month: "5", "05", "1er", "3rd", "1-го".
    std::optional<NumberMatch> day_number(std::size_t i) const {
        if (i >= tokens_.size()) return std::nullopt;
        const std::string_view word = tokens_[i].lower;
        const std::size_t digits = std::min(word.find_first_not_of("0123456789"), word.size());
        if (digits == 0 || digits > 2) return std::nullopt;
        const int value = digits_value(word.substr(0, digits));
        if (value < 1 || value > 31) return std::nullopt;
        if (digits < word.size()) {
            if (!is_ordinal_suffix(word.substr(digits))) return std::nullopt;
            return NumberMatch{value, i + 1};
        }
        if (i + 1 < tokens_.size() && tokens_[i + 1].gap == Gap::hyphen && is_ordinal_suffix(tokens_[i + 1].lower))
            return NumberMatch{value, i + 2};
        return NumberMatch{value, i + 1};
    }

    // Four digits in [first, last], with a year word after them if there is one ("2020 года").
    std::optional<NumberMatch> year_number(std::size_t i, int first, int last, bool needs_year_word) const {
        if (i >= tokens_.size() || tokens_[i].lower.size() != 4 || !all_digits(tokens_[i].lower)) return std::nullopt;
        const int value = digits_value(tokens_[i].lower);
        if (value < first || value > last) return std::nullopt;
        const auto word = phrase_joined(Section::year_word, i + 1);
        if (needs_year_word && !word) return std::nullopt;
        return NumberMatch{value, word ? word->end : i + 1};
    }

    // The year written right after a day and month or a month: "12 mars 2021", "March 3, 2021", "Jan. 2021".
    std::optional<NumberMatch> year_after(std::size_t i, bool after_abbreviation) const {
        if (!joined(i) && !separated_by(i, ",") && !(after_abbreviation && separated_by(i, "."))) return std::nullopt;
        return year_number(i, kFirstWrittenYear, kLastWrittenYear, false);
    }

    // Token i follows a month name: joined to it, or after the dot of an abbreviation ("Jan. 5").
    bool follows_month(std::size_t i, const PhraseMatch& month) const {
        return joined(i) || (month.phrase->abbreviation && separated_by(i, "."));
    }

    // ---- days

    // "12 mars 2021", "1er mai", "3rd of March", "March 3, 2021", "Jan. 5".
    std::optional<DayRef> written_date(std::size_t i) const {
        const WrittenOrder order = vocabulary_.written_dates;
        if (order != WrittenOrder::month_day) {
            if (const auto day = day_number(i)) {
                std::size_t j = day->end;
                if (const auto link = phrase_joined(Section::date_link, j)) j = link->end;
                if (const auto month = phrase_joined(Section::month, j)) return dated(*day, *month, month->end);
            }
        }
        if (order != WrittenOrder::day_month) {
            if (const auto month = phrase_at(Section::month, i); month && follows_month(month->end, *month)) {
                if (const auto day = day_number(month->end)) return dated(*day, *month, day->end);
            }
        }
        return std::nullopt;
    }

    // A date from its day and month, with the year that follows `end` if there is one.
    std::optional<DayRef> dated(const NumberMatch& day, const PhraseMatch& month, std::size_t end) const {
        DayRef d;
        d.day = static_cast<unsigned>(day.value);
        d.month = static_cast<unsigned>(month.phrase->value);
        d.end = end;
        const bool after_month = end == month.end;
        if (const auto year = year_after(end, after_month && month.phrase->abbreviation)) {
            d.year = year->value;
            d.end = year->end;
        }
        if (!valid_date(d.day, d.month, d.year)) return std::nullopt;
        return d;
    }

    // "2021-03-12", and "12/03/2021", "12.03.2021", "12-03-2021" in the lexicon's order.
    std::optional<DayRef> numeric_date(std::size_t i) const {
        if (i + 2 >= tokens_.size()) return std::nullopt;
        const std::string_view a = tokens_[i].lower, b = tokens_[i + 1].lower, c = tokens_[i + 2].lower;
        if (!all_digits(a) || !all_digits(b) || !all_digits(c)) return std::nullopt;
        std::string_view separator;
        for (const std::string_view s : {"-", "/", "."})
            if (attached_by(i + 1, s) && attached_by(i + 2, s)) separator = s;
        if (separator.empty()) return std::nullopt;
        // Part of a longer run of numbers ("1.12.03.2021", a version or an address): not a date.
        auto is_number_at = [&](std::size_t k) { return k < tokens_.size() && all_digits(tokens_[k].lower); };
        if ((i > 0 && attached_by(i, separator) && is_number_at(i - 1)) ||
            (attached_by(i + 3, separator) && is_number_at(i + 3)))
            return std::nullopt;

        DayRef d;
        d.end = i + 3;
        if (a.size() == 4 && separator == "-" && b.size() <= 2 && c.size() <= 2) {
            d.year = digits_value(a);
            d.month = static_cast<unsigned>(digits_value(b));
            d.day = static_cast<unsigned>(digits_value(c));
        } else if (a.size() <= 2 && b.size() <= 2 && c.size() == 4) {
            const auto first = static_cast<unsigned>(digits_value(a)), second = static_cast<unsigned>(digits_value(b));
            d.year = digits_value(c);
            bool day_first = true;
            switch (vocabulary_.numeric_dates) {
                case NumericOrder::day_first: break;
                case NumericOrder::month_first: day_first = false; break;
                case NumericOrder::unambiguous:
                    if (first > 12 && second > 12) return std::nullopt;
                    if (second > 12) day_first = false;
                    // Both could be a month: only a repeated number reads the same both ways.
                    d.ambiguous = first <= 12 && second <= 12 && first != second;
                    break;
            }
            d.day = day_first ? first : second;
            d.month = day_first ? second : first;
            if (d.ambiguous) return d;
        } else {
            return std::nullopt;
        }
        if (!valid_date(d.day, d.month, d.year)) return std::nullopt;
        return d;
    }

    // A weekday, a relative day word, or a date (with the weekday before it if there is one: "jeudi 6 janvier",
    // "Thursday, January 6"). A bare day number only where the caller can complete it.
    std::optional<DayRef> day_ref(std::size_t i, bool allow_bare_number) const {
        std::optional<DayRef> best;
        auto consider = [&best](std::optional<DayRef> d) {
            if (d && (!best || d->end > best->end)) best = std::move(d);
        };
        if (const auto weekday = phrase_at(Section::weekday, i)) {
            DayRef d;
            d.form = DayRef::Form::weekday;
            d.end = weekday->end;
            d.weekday = weekday->phrase->value;
            d.bound = weekday->phrase->bound;
            consider(d);
            if (joined(weekday->end) || separated_by(weekday->end, ",")) {
                auto date = numeric_date(weekday->end);
                if (!date) date = written_date(weekday->end);
                consider(date);
            }
        }
        consider(numeric_date(i));
        consider(written_date(i));
        if (const auto word = phrase_at(Section::relative_day, i)) {
            DayRef d;
            d.form = DayRef::Form::relative;
            d.end = word->end;
            d.offset = word->phrase->value;
            d.story = word->phrase->story;
            consider(d);
        }
        if (allow_bare_number && !best) {
            if (const auto number = day_number(i)) {
                DayRef d;
                d.form = DayRef::Form::bare_number;
                d.end = number->end;
                d.day = static_cast<unsigned>(number->value);
                if (const auto year = year_after(number->end, false)) {  // "between March 3 and 5, 2021"
                    d.year = year->value;
                    d.end = year->end;
                }
                consider(d);
            }
        }
        return best;
    }

    std::optional<DayRef> day_ref_joined(std::size_t i, bool allow_bare_number) const {
        return joined(i) ? day_ref(i, allow_bare_number) : std::nullopt;
    }

    // The calendar day, against `anchor` for a weekday or a date without a year (see date_near for `slack`), and
    // against the publication date for a relative day word.
    std::optional<Ymd> resolve(const DayRef& d, std::optional<Ymd> anchor, chr::days slack) const {
        switch (d.form) {
            case DayRef::Form::date:
                if (d.ambiguous) return std::nullopt;
                if (d.year) return Ymd{chr::year(*d.year), chr::month(d.month), chr::day(d.day)};
                if (!anchor) return std::nullopt;
                return date_near(*anchor, d.month, d.day, slack);
            case DayRef::Form::weekday:
                if (!anchor) return std::nullopt;
                return weekday_on_or_before(*anchor, d.weekday);
            case DayRef::Form::relative:
                if (!published_) return std::nullopt;
                return plus_days(*published_, d.offset);
            case DayRef::Form::bare_number: break;
        }
        return std::nullopt;
    }

    std::optional<Ymd> resolve(const DayRef& d) const { return resolve(d, published_, kFutureDaysAccepted); }

    // ---- expressions

    // "du 5 au 7 janvier", "from Monday to Wednesday", "between March 3 and 5", "5-7 January", "March 3-5".
    std::optional<Found> range(std::size_t i) const {
        if (const auto from = phrase_at(Section::range_from, i)) {
            if (auto first = day_ref_joined(from->end, true)) {
                if (const auto to = phrase_joined(Section::range_to, first->end)) {
                    if (auto last = day_ref_joined(to->end, true)) return range_of(*first, *last);
                }
            }
        }
        auto is_dated = [](const std::optional<DayRef>& d) {
            return d && (d->form == DayRef::Form::date || d->form == DayRef::Form::bare_number);
        };
        if (auto first = day_ref(i, true); is_dated(first)) {
            const std::size_t j = first->end;
            if (separated_by(j, "-") || separated_by(j, "\u2013")) {
                if (auto last = day_ref(j, true); is_dated(last)) return range_of(*first, *last);
            }
        }
        return std::nullopt;
    }

    std::optional<Found> range_of(DayRef first, DayRef last) const {
        if (!complete_pair(first, last)) return std::nullopt;
        Found found;
        found.end = last.end;
        found.kind = TimeKind::range;
        found.relative = depends_on_publication(first) || depends_on_publication(last);
        const auto last_day = resolve(last);
        // The first end is read back from the last: a weekday or a date without a year on or before it.
        const auto first_day = last_day ? resolve(first, last_day, chr::days(0)) : std::nullopt;
        if (first_day && last_day) {
            if (days_of(*first_day) > days_of(*last_day)) return std::nullopt;
            found.span = core::TimeSpan::days(*first_day, *last_day);
        }
        return found;
    }

    // "в ночь на четверг": the night before the day named.
    std::optional<Found> night_before(std::size_t i) const {
        const auto phrase = phrase_at(Section::night_before, i);
        if (!phrase) return std::nullopt;
        const auto day = day_ref_joined(phrase->end, false);
        if (!day) return std::nullopt;
        Found found{day->end, kind_of(*day), {}, depends_on_publication(*day), core::PartOfDay::night, std::nullopt};
        if (const auto d = resolve(*day))
            found.span = core::TimeSpan::part_of_day(plus_days(*d, -1), core::PartOfDay::night);
        return found;
    }

    // "вечером в четверг", "le soir du 5 mars", "dans la nuit de mercredi à jeudi", "в ночь с 5 на 6 марта".
    std::optional<Found> part_then_day(std::size_t i) const {
        const auto part = phrase_at(Section::part_of_day, i);
        if (!part) return std::nullopt;
        std::size_t j = part->end;
        if (const auto link = phrase_joined(Section::part_link, j)) j = link->end;
        auto first = day_ref_joined(j, true);
        if (!first) return std::nullopt;
        const core::PartOfDay part_of_day = part->phrase->part;

        std::optional<DayRef> second;  // the morning after a night: "de mercredi à jeudi"
        if (part_of_day == core::PartOfDay::night) {
            if (const auto to = phrase_joined(Section::night_to, first->end)) second = day_ref_joined(to->end, true);
        }
        if (!second) {
            if (first->form == DayRef::Form::bare_number) return std::nullopt;
            Found found{first->end, kind_of(*first), {}, depends_on_publication(*first), part_of_day, story_offset_of(*first)};
            if (const auto d = resolve(*first)) found.span = core::TimeSpan::part_of_day(*d, part_of_day);
            return found;
        }
        if (!complete_pair(*first, *second)) return std::nullopt;
        // The night is dated from the morning that ends it, the more reliable end for weekdays.
        Found found{second->end, kind_of(*second), {}, depends_on_publication(*second), part_of_day, std::nullopt};
        if (const auto morning = resolve(*second))
            found.span = core::TimeSpan::part_of_day(plus_days(*morning, -1), part_of_day);
        return found;
    }

    // "jeudi", "jeudi soir", "hier soir", "12 марта вечером", "3 janvier".
    std::optional<Found> day_then_part(std::size_t i) const {
        const auto day = day_ref(i, false);
        if (!day) return std::nullopt;
        Found found{day->end, kind_of(*day), {}, depends_on_publication(*day), std::nullopt, story_offset_of(*day)};
        if (const auto part = phrase_joined(Section::part_of_day, day->end)) {
            found.end = part->end;
            found.part = part->phrase->part;
        }
        if (!found.part && day->form == DayRef::Form::weekday && day->bound) return std::nullopt;
        if (const auto d = resolve(*day))
            found.span = found.part ? core::TimeSpan::part_of_day(*d, *found.part) : core::TimeSpan::day(*d);
        return found;
    }

    // "cette nuit", "last night", "ce matin", "pendant la nuit".
    std::optional<Found> anchored_part(std::size_t i) const {
        const auto phrase = phrase_at(Section::anchored_part, i);
        if (!phrase) return std::nullopt;
        Found found{phrase->end, TimeKind::relative_day, {}, true, phrase->phrase->part, std::nullopt};
        if (published_)
            found.span =
                core::TimeSpan::part_of_day(plus_days(*published_, phrase->phrase->value), phrase->phrase->part);
        return found;
    }

    // "la semaine dernière", "last month", "в прошлом году".
    std::optional<Found> relative_period(std::size_t i) const {
        const auto phrase = phrase_at(Section::relative_period, i);
        if (!phrase) return std::nullopt;
        Found found{phrase->end, TimeKind::relative_period, {}, true, std::nullopt, std::nullopt};
        if (!published_) return found;
        const int offset = phrase->phrase->value;
        switch (phrase->phrase->unit) {
            case PeriodUnit::week: found.span = core::TimeSpan::week(plus_days(*published_, 7 * offset)); break;
            case PeriodUnit::month:
                found.span = core::TimeSpan::month(chr::year_month(published_->year(), published_->month()) +
                                                   chr::months(offset));
                break;
            case PeriodUnit::year: found.span = core::TimeSpan::year(published_->year() + chr::years(offset)); break;
        }
        return found;
    }

    // "mars 2021", "en mars", "в марте 2021 года"; "en 2019", "в 2019 году", "2019 года".
    std::optional<Found> month_or_year(std::size_t i) const {
        std::size_t j = i;
        const auto cue = phrase_at(Section::period_cue, i);
        if (cue && joined(cue->end)) j = cue->end;
        const bool cued = j != i;

        if (const auto month = phrase_at(Section::month, j)) {
            const chr::month m(static_cast<unsigned>(month->phrase->value));
            if (const auto year = year_after(month->end, month->phrase->abbreviation))
                return Found{year->end, TimeKind::month, core::TimeSpan::month(chr::year(year->value) / m), false, {}, std::nullopt};
            if (cued) {
                Found found{month->end, TimeKind::month, {}, true, std::nullopt, std::nullopt};
                if (published_) {
                    // As for a date without a year: this year's, unless that starts well after publication.
                    chr::year y = published_->year();
                    if (days_of(y / m / 1) > days_of(*published_) + kFutureDaysAccepted) y -= chr::years(1);
                    found.span = core::TimeSpan::month(y / m);
                }
                return found;
            }
        }
        if (const auto year = year_number(j, kFirstLoneYear, kLastLoneYear, !cued))
            return Found{year->end, TimeKind::year, core::TimeSpan::year(chr::year(year->value)), false, {}, std::nullopt};
        return std::nullopt;
    }

    // "le soir", "ночью": a part of a day with no day next to it, left unresolved.
    std::optional<Found> part_alone(std::size_t i) const {
        const auto phrase = phrase_at(Section::part_of_day, i);
        if (!phrase) return std::nullopt;
        return Found{phrase->end, TimeKind::part_of_day, {}, false, phrase->phrase->part, std::nullopt};
    }

    std::string_view text_;
    std::span<const Token> tokens_;
    const TimeVocabulary& vocabulary_;
    std::optional<Ymd> published_;
};

}  // namespace

std::string_view to_string(TimeKind kind) { return core::detail::enum_name(kKindNames, kind); }

TimeLexicon::TimeLexicon(std::shared_ptr<const detail::TimeVocabulary> vocabulary)
    : vocabulary_(std::move(vocabulary)) {}

TimeLexicon TimeLexicon::load(Language lang) { return from_file(read_lexicon_asset("time", to_string(lang))); }

TimeLexicon TimeLexicon::from_file(const LexiconFile& file) {
    return TimeLexicon(std::make_shared<const TimeVocabulary>(VocabularyReader(file).read()));
}

std::vector<TimeMention> find_time_expressions(std::string_view text, std::span<const gazetteer::Token> tokens,
                                               const TimeLexicon& lexicon, std::optional<Ymd> published) {
    return TextReader(text, tokens, *lexicon.vocabulary_, published).read();
}

}  // namespace incidentmap::extract
