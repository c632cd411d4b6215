#include "gazetteer/geoparse_lexicon.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"
#include "gazetteer/text_tokens.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace incidentmap::gazetteer {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (true) {
        const std::size_t tab = line.find('\t', at);
        out.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
        if (tab == std::string_view::npos) break;
        at = tab + 1;
    }
    return out;
}

// Pattern words: apostrophes and hyphens separate words as they do in text; '*' stays at a word's end.
std::vector<std::string> pattern_words(std::string_view pattern) {
    const std::string lower = to_lower(pattern);
    std::string s;
    s.reserve(lower.size());
    for (std::size_t i = 0; i < lower.size(); ++i) {
        if (lower.compare(i, 3, "\xE2\x80\x99") == 0) {  // U+2019
            s += ' ';
            i += 2;
        } else {
            s += lower[i] == '\'' || lower[i] == '-' ? ' ' : lower[i];
        }
    }
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

}  // namespace

bool Lexicon::word_matches(std::string_view pattern_word, std::string_view lower) {
    if (!pattern_word.empty() && pattern_word.back() == '*') {
        const std::string_view stem = pattern_word.substr(0, pattern_word.size() - 1);
        return lower.starts_with(stem);
    }
    return pattern_word == lower;
}

double Lexicon::cue(std::string_view lower) const {
    const auto it = cue_.find(std::string(lower));
    return it == cue_.end() ? 0.0 : it->second;
}

std::string_view Lexicon::demonym(std::string_view lower) const {
    if (const auto it = demonym_exact_.find(std::string(lower)); it != demonym_exact_.end()) return it->second;
    for (const auto& [stem, cc] : demonym_prefix_)
        if (lower.starts_with(stem) && lower.size() <= stem.size() + 8) return cc;
    return {};
}

const Alias* Lexicon::adjective(std::string_view lower) const {
    for (const auto& [form, place] : adjective_)
        if (word_matches(form, lower)) return &place;
    return nullptr;
}

const Alias* Lexicon::alias(std::string_view surface) const {
    const auto it = alias_.find(std::string(surface));
    return it == alias_.end() ? nullptr : &it->second;
}

std::string_view Lexicon::institution(std::string_view lower) const {
    const auto it = institution_.find(std::string(lower));
    return it == institution_.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Lexicon::feature(std::string_view lower) const {
    for (const auto& [word, where] : feature_)
        if (word_matches(word, lower)) return where;
    return {};
}

std::string_view Lexicon::natural_feature(std::string_view lower) const {
    for (const auto& [word, where] : natural_)
        if (word_matches(word, lower)) return where;
    return {};
}

std::vector<const LandmarkPattern*> Lexicon::landmarks_starting(std::string_view lower) const {
    std::vector<const LandmarkPattern*> out;
    for (const auto& p : landmarks_)
        if (word_matches(p.words.front(), lower)) out.push_back(&p);
    return out;
}

std::vector<std::string> Lexicon::base_forms(std::string_view lower) const {
    std::vector<std::string> out;
    for (const auto& [from, to] : endings_) {
        if (lower.size() <= from.size() + 2 || !lower.ends_with(from)) continue;
        std::string base(lower.substr(0, lower.size() - from.size()));
        base += to;
        if (base != lower && std::find(out.begin(), out.end(), base) == out.end()) out.push_back(std::move(base));
    }
    return out;
}

void Lexicon::add_first_name(std::string_view name) { first_name_.insert(to_lower(name)); }

Lexicon Lexicon::load(const std::filesystem::path& file) { return parse(core::read_data_file(file, "lexicon"), file.string()); }

Lexicon Lexicon::parse(std::string_view text, const std::string& source) {
    Lexicon lex;
    core::for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
        const auto f = split_tabs(line);
        auto fail = [&](const std::string& why) {
            throw core::InputError(source + ":" + std::to_string(line_no), "lexicon entry '" + std::string(line) + "': " + why);
        };
        auto need = [&](std::size_t n) {
            if (f.size() < n || std::any_of(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(n), [](auto s) { return s.empty(); }))
                fail("expected " + std::to_string(n) + " tab-separated fields");
        };
        const std::string_view section = f[0];
        need(2);
        const std::string word = to_lower(f[1]);
        if (section == "function") lex.function_.insert(word);
        else if (section == "common") lex.common_.insert(word);
        else if (section == "connector") lex.connector_.insert(word);
        else if (section == "city") lex.city_.insert(word);
        else if (section == "title") lex.title_.insert(word);
        else if (section == "org") lex.org_.insert(word);
        else if (section == "prefix") lex.prefix_.insert(word);
        else if (section == "eponym") lex.eponym_.insert(word);
        else if (section == "public_body") lex.public_body_.insert(word);
        else if (section == "compass") lex.compass_.insert(word);
        else if (section == "list_word") lex.list_word_.insert(word);
        else if (section == "plural_ending") lex.plural_ending_.insert(word);
        else if (section == "cue") {
            need(3);
            try {
                lex.cue_[word] = std::stod(std::string(f[2]));
            } catch (const std::exception&) {
                fail("the weight is not a number");
            }
        } else if (section == "demonym") {
            need(3);
            if (word.back() == '*') lex.demonym_prefix_.emplace_back(word.substr(0, word.size() - 1), std::string(f[2]));
            else lex.demonym_exact_[word] = std::string(f[2]);
        } else if (section == "adjective") {
            need(4);
            lex.adjective_.emplace_back(word, Alias{std::string(f[2]), std::string(f[3])});
        } else if (section == "alias") {
            need(4);
            lex.alias_[std::string(f[1])] = Alias{std::string(f[2]), std::string(f[3])};
        } else if (section == "landmark") {
            need(3);
            lex.landmarks_.push_back({pattern_words(f[1]), std::string(f[2]), f.size() > 3 && f[3] == "place"});
            if (lex.landmarks_.back().words.empty()) fail("empty pattern");
        } else if (section == "institution") {
            need(3);
            lex.institution_[word] = std::string(f[2]);
        } else if (section == "feature" || section == "natural") {
            need(3);
            if (f[2] != "before" && f[2] != "after" && f[2] != "both") fail("expected 'before', 'after' or 'both'");
            (section == "feature" ? lex.feature_ : lex.natural_).emplace_back(word, std::string(f[2]));
        } else if (section == "demonym_case") {
            if (word != "capitalised") fail("expected 'capitalised'");
            lex.capitalised_demonyms_ = true;
        } else if (section == "division") {
            need(3);
            if (f[2] == "before") lex.division_before_.insert(word);
            else if (f[2] == "after") lex.division_after_.insert(word);
            else fail("expected 'before' or 'after'");
        } else if (section == "ending") {
            if (f.size() < 3) fail("expected FROM and TO");
            lex.endings_.emplace_back(word, to_lower(f[2]));
        } else if (section == "complement_after_name") {
            if (word != "yes") fail("expected 'yes'");
            lex.complement_after_name_ = true;
        } else if (section == "dictionary") {
            if (!lex.dictionary_.empty()) fail("a second dictionary");
            lex.dictionary_ = std::string(f[1]);
        } else {
            fail("unknown section '" + std::string(section) + "'");
        }
    });
    std::stable_sort(lex.endings_.begin(), lex.endings_.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    // Longer patterns first: the longest descriptive phrase wins.
    std::stable_sort(lex.landmarks_.begin(), lex.landmarks_.end(),
                     [](const auto& a, const auto& b) { return a.words.size() > b.words.size(); });
    return lex;
}

}  // namespace incidentmap::gazetteer
