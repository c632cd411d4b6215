#include "gazetteer/mention_finder.hpp"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace incidentmap::gazetteer {

std::string_view to_string(MentionKind k) {
    switch (k) {
        case MentionKind::name: return "name";
        case MentionKind::descriptive: return "descriptive";
        case MentionKind::feature: return "feature";
        case MentionKind::demonym: return "demonym";
    }
    return "?";
}

std::string_view Hypothesis::class_name() const {
    if (region) return region->region_class;
    const std::string_view kind = place->kind();
    if (place->source() == PlaceSource::landmark_table) {
        const std::string_view first = kind.substr(0, kind.find(';'));
        if (first == "street") return "street";
    }
    return to_string(place->place_class());
}

bool Hypothesis::is_country_or_larger() const {
    return region ? region->region_class != "region" || region->radius.km() > 300
                  : place->place_class() == PlaceClass::country;
}

bool Hypothesis::is_fine() const {
    if (!place) return false;
    const PlaceClass c = place->place_class();
    return c == PlaceClass::district || c == PlaceClass::street || c == PlaceClass::square || c == PlaceClass::landmark;
}

namespace {

constexpr double kAliasPenalty = 1.0;  // in units of the gazetteer's ranking score
constexpr double kDatelineCue = 0.8;
// A city this prominent (about 100,000 people, or a smaller regional seat) is named on its own, not as part of a
// person's name.
constexpr double kStandalonePlacePrior = 3.5;

// Which side of a name a feature noun may stand ("avenue Kléber", "Freedom Square"; Russian has both orders).
bool feature_before(std::string_view side) { return side == "before" || side == "both"; }
bool feature_after(std::string_view side) { return side == "after" || side == "both"; }

// Whether the text starts with a currency sign: $, €, £, ¥ (the signs that follow a country's code).
bool is_currency_sign(std::string_view s) {
    return s.starts_with("$") || s.starts_with("\u20ac") || s.starts_with("\u00a3") || s.starts_with("\u00a5");
}

// Whether a name is written in capitals: at least two letters, none lower case ("США", "UK", "U.S.").
bool written_in_capitals(std::string_view name) {
    const std::vector<Token> t = tokenize(name);
    const bool capitals = std::all_of(t.begin(), t.end(), [](const Token& w) {
        return w.all_caps || (w.upper_initial && code_point_count(w.lower) == 1);
    });
    return capitals && (t.size() >= 2 || (t.size() == 1 && t[0].all_caps));
}

}  // namespace

MentionFinder::MentionFinder(const Gazetteer& gazetteer, const RegionTable& regions, const Lexicon& lexicon)
    : g_(gazetteer), regions_(regions), lex_(lexicon) {
    if (!lex_.dictionary().empty()) morphology_.emplace(lex_.dictionary());
}

std::vector<Hypothesis> MentionFinder::lookup_key(const std::string& folded, std::size_t limit, const std::string& country) const {
    std::vector<Hypothesis> out;
    if (folded.empty()) return out;
    LookupOptions options;
    options.limit = limit;
    if (!country.empty()) options.country = country;
    const auto words = [](std::string_view folded_name) { return std::count(folded_name.begin(), folded_name.end(), ' ') + 1; };
    for (const Candidate& c : g_.lookup_folded(folded, options)) {
        if (c.match != MatchKind::exact && c.match != MatchKind::variant) continue;
        // A spelling variant keeps its words: "Бюро США" is no spelling of Buros.
        if (c.match == MatchKind::variant && folded.find(' ') != std::string::npos && words(folder_.fold(c.matched_name())) != words(folded))
            continue;
        // A place known by this name beats one that only also had it ("Manchester" is the English city, not
        // Richmond, Virginia, which absorbed a town of that name).
        const std::string_view alias = c.matched_name();
        // A Latin or Cyrillic word that meets a name in another script only through transliteration ("Law" and
        // Thai "ลาว", Laos; "Ali" and Sindhi "اٽلي", Italy) is a coincidence, not that name.
        if (alias != c.place.name() && in_transliterated_script(alias)) continue;
        const double alias_penalty = alias == c.place.name() ? 0.0 : kAliasPenalty;
        out.push_back({c.place, nullptr, c.score - alias_penalty, c.match});
        if (alias != c.place.name()) out.back().by_alias = true;
        out.back().abbreviation = written_in_capitals(alias);
    }
    // A country reached only as a spelling variant of one of its names ("Amman" and Russian "Аман", Oman; "Somme"
    // and Estonian "Soome", Finland) is a coincidence where some place has the name as written.
    if (std::any_of(out.begin(), out.end(), [](const Hypothesis& h) { return h.match == MatchKind::exact; }))
        std::erase_if(out, [](const Hypothesis& h) { return h.match == MatchKind::variant && h.is_country_or_larger(); });
    // A region whose own name this is beats a city that merely has it among its names ("Île-de-France" is the
    // region, though Paris is also called so).
    const bool region_named_so = std::any_of(out.begin(), out.end(), [](const Hypothesis& h) {
        return !h.by_alias && h.match == MatchKind::exact && (h.is_admin() || h.is_country_or_larger());
    });
    if (region_named_so)
        for (Hypothesis& h : out)
            if (h.by_alias && h.is_city()) h.prior -= kAliasPenalty;
    if (!country.empty()) return out;  // regions belong to no country
    for (const Region* r : regions_.lookup(folded)) {
        const double prior = r->region_class == "continent" ? 8.0 : r->region_class == "sea" ? 6.0 : 6.5;
        out.push_back({std::nullopt, r, prior, MatchKind::exact});
    }
    std::stable_sort(out.begin(), out.end(), [](const Hypothesis& a, const Hypothesis& b) { return a.prior > b.prior; });
    return out;
}

const MentionFinder::Lookup& MentionFinder::lookup_cached(const std::string& surface, bool cyrillic) const {
    if (const auto it = cache_.find(surface); it != cache_.end()) return it->second;
    if (cache_.size() > 200000) cache_.clear();  // bounded memory on endless batches
    Lookup l;
    l.key = folder_.fold(surface);
    l.hyps = lookup_key(l.key);
    // A word the language's dictionary knows only as an ordinary word, in any script ("Liberal", "Кроме").
    if (morphology_ && !cyrillic && surface.find(' ') == std::string::npos) l.ordinary = morphology_->analyse(surface).only_ordinary();
    if (cyrillic && (lex_.has_endings() || morphology_)) {
        // Inflected Russian names: try base forms of each word (all combinations, a few dozen at most). A word
        // the dictionary knows takes its lemmas ("Китая" -> "китай", "Орле" -> "орёл"); a word it does not know,
        // and any word of a longer name (whose adjectives agree with their noun: "Российской Федерации"), also
        // the lexicon's ending rules.
        std::vector<std::vector<std::string>> forms;
        std::size_t at = 0;
        std::string written = surface;
        std::replace(written.begin(), written.end(), '-', ' ');  // "Ростове-на-Дону": each word has its ending
        const bool one_word = written.find(' ') == std::string::npos;
        bool dictionary_word = false;
        while (at <= written.size()) {
            std::size_t sp = written.find(' ', at);
            if (sp == std::string::npos) sp = written.size();
            const std::string_view word = std::string_view(written).substr(at, sp - at);
            std::vector<std::string> f{to_lower(word)};
            const WordAnalysis* a = morphology_ ? &morphology_->analyse(word) : nullptr;
            if (a) {
                for (const std::string& lemma : a->lemmas)
                    if (std::string low = to_lower(lemma); std::find(f.begin(), f.end(), low) == f.end()) f.push_back(std::move(low));
                if (one_word) l.ordinary = a->only_ordinary(), dictionary_word = a->known();
            }
            // The ending rules where the dictionary gives no other form ("Парижем" is in it as written), or only
            // an ordinary word's: a capitalised plural name may be a common noun's form ("Эмиратах": эмират, and
            // the Emirates; "Курил": курить, and the Kurils).
            const bool lemmatised = a && std::any_of(a->lemmas.begin(), a->lemmas.end(), [&](const std::string& x) { return to_lower(x) != f.front(); });
            if (!lemmatised || !one_word || a->only_ordinary())
                for (auto& b : lex_.base_forms(f.front()))
                    if (std::find(f.begin(), f.end(), b) == f.end()) f.push_back(std::move(b));
            if (f.size() > 6) f.resize(6);
            forms.push_back(std::move(f));
            at = sp + 1;
        }
        const std::string lower = to_lower(written);
        std::vector<std::string> combos{""};
        for (const auto& f : forms) {
            std::vector<std::string> next;
            for (const auto& c : combos)
                for (const auto& w : f)
                    if (next.size() < 48) next.push_back(c.empty() ? w : c + " " + w);
            combos = std::move(next);
        }
        for (const auto& c : combos) {
            if (c == lower) continue;
            const std::string key = folder_.fold(c);
            auto hyps = lookup_key(key);
            // Base forms add candidates: the resolver weighs them in context ("Астане": Astana, not Astaneh).
            for (Hypothesis& h : hyps) {
                h.prior -= 0.3;
                // The written form met this place only as a spelling variant; its base form is the place's name
                // ("Италии": a variant of "Italiya", and the inflection of "Италия").
                if (const auto same = std::find_if(l.hyps.begin(), l.hyps.end(), [&](const Hypothesis& o) { return o.id() == h.id(); });
                    same != l.hyps.end()) {
                    if (same->match != MatchKind::exact && h.match == MatchKind::exact) {
                        *same = std::move(h);
                        l.inflected = true;
                        l.key = key;
                    }
                    continue;
                }
                if (l.hyps.empty() || h.prior > l.hyps.front().prior) l.inflected = true, l.key = key;
                l.hyps.push_back(std::move(h));
            }
        }
        // A word of the language's dictionary is spelt as meant: it names no place it only resembles ("Такой" is
        // no spelling of Dhaka, "Астане" none of Astaneh, "Путину" none of Putina).
        if (dictionary_word) std::erase_if(l.hyps, [](const Hypothesis& h) { return h.match != MatchKind::exact; });
        std::stable_sort(l.hyps.begin(), l.hyps.end(), [](const Hypothesis& a, const Hypothesis& b) { return a.prior > b.prior; });
        if (l.hyps.size() > 16) l.hyps.resize(16);
    }
    return cache_.emplace(surface, std::move(l)).first->second;
}

std::vector<Hypothesis> MentionFinder::candidates(std::string_view name) const {
    bool cyr = false;
    for (unsigned char c : name) cyr |= c == 0xD0 || c == 0xD1;
    return lookup_cached(std::string(name), cyr).hyps;
}

namespace {

bool joins(const Token& t) { return t.gap == Gap::space || t.gap == Gap::apostrophe || t.gap == Gap::hyphen; }
bool capitalised(const Token& t) { return t.upper_initial || t.all_caps; }

}  // namespace

std::vector<Mention> MentionFinder::find(std::string_view text, const std::vector<Token>& tokens) const {
    std::vector<Mention> out;
    const std::size_t n = tokens.size();
    std::unordered_set<std::string_view> lower_seen;
    for (const Token& t : tokens)
        if (!t.upper_initial && !t.has_digit && !t.all_caps) lower_seen.insert(t.lower);

    // The words as written, so that folding sees "St. John's" whole ("st johns"); a line break or a name
    // prefix's full stop between the words reads as a space.
    auto surface = [&](std::size_t a, std::size_t b) {
        std::string s;
        for (std::size_t k = a; k < b; ++k) {
            if (k > a) {
                const Gap g = tokens[k].gap;
                if (g == Gap::apostrophe || g == Gap::hyphen) s += text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
                else s += ' ';
            }
            s += tokens[k].text(text);
        }
        return s;
    };
    auto fill_offsets = [&](Mention& m, std::size_t a, std::size_t b) {
        m.first_token = static_cast<std::uint32_t>(a);
        m.end_token = static_cast<std::uint32_t>(b);
        m.begin = tokens[a].begin;
        m.end = tokens[b - 1].end;
        m.cp_begin = tokens[a].cp_begin;
        m.cp_end = tokens[b - 1].cp_end;
        m.words = static_cast<int>(b - a);
    };
    // A word the language's dictionary knows only as an ordinary word ("Граждане", "Кроме"): capitalised at a
    // sentence's start, it is no one's name.
    auto ordinary_word = [&](const Token& t) {
        return morphology_ && morphology_->analyse(t.text(text)).only_ordinary();
    };
    // A short lower-case word between hyphens, before a capitalised one, of a name in any language:
    // "Port-au-Prince", "Stratford-upon-Avon", "Ростов-на-Дону".
    auto hyphen_inner = [&](std::size_t k) {
        return tokens[k].gap == Gap::hyphen && !capitalised(tokens[k]) && !tokens[k].has_digit &&
               code_point_count(tokens[k].lower) <= 5 && k + 1 < n && tokens[k + 1].gap == Gap::hyphen && capitalised(tokens[k + 1]);
    };
    // Whether a word of the lexicon's list `in` stands at t, as written or through a lemma (Russian inflects them).
    auto as_written_or_lemma = [&](const Token& t, auto&& in) {
        if (in(t.lower)) return true;
        if (!morphology_ || !t.cyrillic) return false;
        const WordAnalysis& a = morphology_->analyse(t.text(text));
        return std::any_of(a.lemmas.begin(), a.lemmas.end(), [&](const std::string& l) { return in(to_lower(l)); });
    };
    // A first name, as written or through its lemma ("Марка" -> "Марк").
    auto first_name = [&](const Token& t) {
        return capitalised(t) && !t.all_caps && as_written_or_lemma(t, [&](std::string_view w) { return lex_.is_first_name(w); });
    };
    // A title, as written or through its lemma ("мэра" -> "мэр").
    auto title_word = [&](const Token& t) { return as_written_or_lemma(t, [&](std::string_view w) { return lex_.is_title(w); }); };
    // Token k follows an initial: one capital letter and its full stop ("А. Соколов", "B.B. King"); where the
    // letters are a place's abbreviation ("U.S. Army"), they are a mention of their own, and no initials.
    auto after_initial = [&](std::size_t k) {
        if (k == 0 || !capitalised(tokens[k])) return false;
        const Token& p = tokens[k - 1];
        if (!p.upper_initial || code_point_count(p.lower) != 1) return false;
        const std::string_view between = text.substr(p.end, tokens[k].begin - p.end);
        return between == ". " || between == ".";
    };
    auto is_inner_connector = [&](const Token& t) {
        return !capitalised(t) && !t.has_digit && t.lower.size() <= 4 && (lex_.is_connector(t.lower) || lex_.is_function(t.lower));
    };

    // Token k follows a name prefix and its full stop on the same line ("St. Petersburg", "Mt. Kenya").
    auto after_name_prefix = [&](std::size_t k) {
        if (k == 0 || !capitalised(tokens[k]) || !lex_.is_name_prefix(tokens[k - 1].lower)) return false;
        const std::string_view between = text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end);
        return between.size() >= 1 && between.size() <= 2 && between[0] == '.' && (between.size() == 1 || between[1] == ' ');
    };

    // Token k stands among words in capitals, or opens a line with a comma after it: a headline or a dateline.
    auto in_capitals_line = [&](std::size_t k) {
        const bool prev_caps = k > 0 && tokens[k].gap != Gap::sentence && tokens[k - 1].all_caps;
        const bool next_caps = k + 1 < n && tokens[k + 1].gap != Gap::sentence && tokens[k + 1].all_caps;
        const bool dateline = tokens[k].line_start && k + 1 < n && tokens[k + 1].gap == Gap::clause &&
                              text.substr(tokens[k].end, 1) == ",";
        return prev_caps || next_caps || dateline;
    };

    // The "s" of "St. John's", "Martha's Vineyard".
    auto possessive_s = [&](std::size_t k) { return tokens[k].gap == Gap::apostrophe && tokens[k].lower == "s"; };

    // The longest gazetteer, region or alias name starting at token i: its length in tokens (0: none).
    auto name_at = [&](std::size_t i, Mention& m) -> std::size_t {
        const Token& first = tokens[i];
        // A feature noun, or a natural feature's ("mer Caspienne", "golfe Persique"), may open a name in lower case.
        const bool feature_first = !capitalised(first) && (feature_before(lex_.feature(first.lower)) ||
                                                           feature_before(lex_.natural_feature(first.lower)));
        if (!capitalised(first) && !feature_first) return 0;
        if (first.cyrillic && first.inner_caps) return 0;  // an inflected acronym ("ОМОНа"), not a name
        std::size_t run = 1;  // tokens that may belong to one name
        while (i + run < n && run < 6 && (joins(tokens[i + run]) || after_name_prefix(i + run)) &&
               (capitalised(tokens[i + run]) || tokens[i + run].has_digit || is_inner_connector(tokens[i + run]) ||
                hyphen_inner(i + run) ||
                possessive_s(i + run) || lex_.is_division_after(tokens[i + run].lower) ||
                !lex_.feature(tokens[i + run].lower).empty() || feature_after(lex_.natural_feature(tokens[i + run].lower))))
            ++run;
        // Abbreviations first: "Ky.", "B.C.", "NSW", "DRC".
        std::string surf(first.text(text));
        const Alias* a = lex_.alias(surf);
        if (!a && first.end < text.size() && text[first.end] == '.') a = lex_.alias(surf + ".");
        // An inflected abbreviation or short name: "ФРГ" is written so in every case, "Белоруссии" is not.
        if (!a && morphology_ && first.cyrillic)
            for (const std::string& lemma : morphology_->analyse(surf).lemmas)
                if ((a = lex_.alias(lemma))) break;
        if (a && !feature_first) {
            const Lookup& l = lookup_cached(a->name, false);
            for (const Hypothesis& h : l.hyps)
                if (h.id() == a->id) {
                    m.kind = MentionKind::name;
                    m.candidates = {h};
                    m.candidates.front().prior += 1.0;
                    m.key = l.key;
                    m.alias = true;
                    fill_offsets(m, i, i + 1);
                    return 1;
                }
        }
        // A demonym is not a place name even where some place is called so ("Canadian", Texas), nor where it only
        // resembles its own country's name ("Philippine"; "Kazakhstan" itself matches the demonym "kazakh*").
        if (const std::string_view cc = lex_.demonym(first.lower); run == 1 && !first.all_caps && !cc.empty()) {
            const Lookup& l = lookup_cached(std::string(first.text(text)), first.cyrillic);
            if (std::none_of(l.hyps.begin(), l.hyps.end(), [&](const Hypothesis& h) {
                    return (h.is_country_or_larger() || h.is_admin()) && (h.country() != cc || (h.match == MatchKind::exact && !h.by_alias));
                }))
                return 0;
        }
        for (std::size_t len = std::min<std::size_t>(run, 5); len >= 1; --len) {
            const Token& last = tokens[i + len - 1];
            if (len == 1) {
                // A direction alone ("North London", "the South Pacific") names no place; regions called
                // "North" or "Eastern" are named so with their country.
                if (feature_first || lex_.is_name_prefix(first.lower) || lex_.is_compass(first.lower)) return 0;
                if (lex_.is_function(first.lower) && !first.all_caps) return 0;
                // A cue word or a single letter alone ("À", "В") is no place, whatever alias some place has.
                if (lex_.cue(first.lower) > 0 || code_point_count(first.lower) == 1) return 0;
                if (first.all_caps && first.lower.size() <= 3) {
                    // Short capitals: only abbreviations and country codes written so ("UK", "US").
                }
            } else if (!capitalised(last) && !last.has_digit && lex_.feature(last.lower).empty() && !possessive_s(i + len - 1) &&
                       !lex_.is_division_after(last.lower) && !feature_after(lex_.natural_feature(last.lower))) {
                continue;
            } else if (std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(i + len),
                                   [&](const Token& t) { return lex_.is_compass(t.lower); })) {
                continue;  // "South-East" of "South-East Asian" is no region of Botswana
            }
            bool cyr = false;
            for (std::size_t k = i; k < i + len; ++k) cyr |= tokens[k].cyrillic;
            const Lookup& l = lookup_cached(surface(i, i + len), cyr);
            if (l.hyps.empty()) continue;
            // A name that starts with a function or cue word ("La Paz", "The Hague", "In Salah") is taken as
            // written, not as a transliteration variant ("À Gaza" is no spelling of Azazga).
            if (len > 1 && (lex_.is_function(first.lower) || lex_.cue(first.lower) > 0) && !first.all_caps &&
                std::none_of(l.hyps.begin(), l.hyps.end(), [](const Hypothesis& h) { return h.match == MatchKind::exact; }))
                continue;
            // "'s" belongs to a name that has it ("St. John's"); otherwise it is a possessive ("Canada's").
            if (len > 1 && possessive_s(i + len - 1) && std::none_of(l.hyps.begin(), l.hyps.end(), [](const Hypothesis& h) {
                    const std::string_view name = h.name();
                    return name.find("'s") != std::string_view::npos || name.find("\u2019s") != std::string_view::npos;
                }))
                continue;
            if (len == 1 && first.all_caps && first.lower.size() <= 3 &&
                !std::any_of(l.hyps.begin(), l.hyps.end(), [](const Hypothesis& h) { return h.is_country_or_larger(); }))
                continue;
            // A country code before a currency sign is the currency's ("US$460", "HK$", "A$"), no mention of it.
            if (const std::size_t after = tokens[i + len - 1].end; after < text.size() && is_currency_sign(text.substr(after)))
                return 0;
            m.candidates = l.hyps;
            // A name the gazetteer writes in capitals is an abbreviation, met only by the same capitals: "Сам"
            // opening a sentence is no "SAM", "Us" no "US".
            if (!written_in_capitals(surface(i, i + len)))
                std::erase_if(m.candidates, [](const Hypothesis& h) { return h.abbreviation; });
            if (m.candidates.empty()) continue;
            // A short word in capitals amid ordinary writing is an acronym ("ФИДЕ", "НАТО", "ТМА"): it names a
            // place only where the gazetteer writes that place's name so ("США", "UK"). In a headline or a dateline
            // written all in capitals it is any name.
            if (len == 1 && first.all_caps && code_point_count(first.lower) <= 5 && !in_capitals_line(i)) {
                std::erase_if(m.candidates, [](const Hypothesis& h) { return !h.abbreviation; });
                if (m.candidates.empty()) return 0;
            }
            m.kind = MentionKind::name;
            m.key = l.key;
            m.inflected = l.inflected;
            m.ordinary_word = l.ordinary;
            fill_offsets(m, i, i + len);
            return len;
        }
        return 0;
    };

    // A capitalised name joined to a feature noun: "avenue Kléber", "Freedom Square", "Малого Каменного моста".
    auto feature_at = [&](std::size_t i, Mention& m) -> std::size_t {
        const Token& first = tokens[i];
        if (!capitalised(first) && feature_before(lex_.feature(first.lower))) {
            std::size_t k = i + 1;
            while (k < n && k < i + 5 && joins(tokens[k]) && is_inner_connector(tokens[k])) ++k;
            std::size_t caps = 0;
            while (k + caps < n && caps < 3 && joins(tokens[k + caps]) && capitalised(tokens[k + caps]) &&
                   !lex_.is_function(tokens[k + caps].lower))
                ++caps;
            if (caps == 0) return 0;
            m.kind = MentionKind::feature;
            fill_offsets(m, i, k + caps);
            m.key = folder_.fold(surface(i, k + caps));
            return k + caps - i;
        }
        if (!capitalised(first) || first.all_caps || lex_.is_function(first.lower)) return 0;
        std::size_t caps = 1;
        while (i + caps < n && caps < 3 && joins(tokens[i + caps]) && capitalised(tokens[i + caps]) &&
               !feature_after(lex_.feature(tokens[i + caps].lower)))
            ++caps;
        const std::size_t f = i + caps;
        if (f < n && joins(tokens[f]) && feature_after(lex_.feature(tokens[f].lower))) {
            if (first.sentence_start && caps == 1 && lower_seen.contains(first.lower)) return 0;
            m.kind = MentionKind::feature;
            fill_offsets(m, i, f + 1);
            m.key = folder_.fold(surface(i, f + 1));
            return f + 1 - i;
        }
        return 0;
    };

    // A descriptive phrase of the lexicon, with what follows it: "de la ville", "d'Almaty", "Андижана".
    auto descriptive_at = [&](std::size_t i, Mention& m, Mention& inner) -> std::size_t {
        std::size_t best = 0;
        for (const LandmarkPattern* p : lex_.landmarks_starting(tokens[i].lower)) {
            const std::size_t len = p->words.size();
            if (len <= best || i + len > n) continue;
            bool ok = true;
            for (std::size_t k = 0; k < len && ok; ++k) {
                ok = Lexicon::word_matches(p->words[k], tokens[i + k].lower) && (k == 0 || joins(tokens[i + k]));
            }
            if (!ok) continue;
            // In the plural ("в тюрьмах", "на вокзалах") the phrase names things of a kind, no one building.
            bool plural = false;
            for (std::size_t k = 0; k < len && !plural; ++k) {
                const std::string& w = p->words[k];
                if (!w.empty() && w.back() == '*') plural = lex_.is_plural_ending(std::string_view(tokens[i + k].lower).substr(w.size() - 1));
            }
            if (plural) continue;
            // What follows: [connector] [articles] (city word | place name).
            std::size_t k = i + len;
            Mention place;
            bool city_word = false;
            std::size_t end = i + len;
            std::size_t j = k;
            if (j < n && joins(tokens[j]) && lex_.is_connector(tokens[j].lower)) ++j;
            while (j < n && j < k + 3 && joins(tokens[j]) && lex_.is_function(tokens[j].lower) && !capitalised(tokens[j])) ++j;
            if (j < n && (j == k || joins(tokens[j]))) {
                if (lex_.is_city_word(tokens[j].lower) && !capitalised(tokens[j])) {
                    city_word = true;
                    end = j + 1;
                } else if (const std::size_t got = (j > k || tokens[j].cyrillic) ? name_at(j, place) : 0;
                           got && std::any_of(place.candidates.begin(), place.candidates.end(),
                                              [](const Hypothesis& h) { return h.is_city() || h.is_admin(); })) {
                    end = j + got;
                }
            }
            const bool has_place = city_word || end > i + len;
            if (p->needs_place && !has_place) continue;
            best = len;
            m = Mention{};
            m.kind = MentionKind::descriptive;
            m.target = p->target;
            m.city_word = city_word;
            fill_offsets(m, i, end);
            m.key = p->target;
            inner = has_place && !city_word ? std::move(place) : Mention{};
        }
        return best ? m.end_token - i : 0;
    };

    for (std::size_t i = 0; i < n;) {
        Mention best, desc, inner, name, feat;
        std::size_t best_len = 0;
        std::size_t d = descriptive_at(i, desc, inner);
        // A descriptive word right after a capitalised word belongs to that name ("Heathrow airport").
        if (d && i > 0 && joins(tokens[i]) && capitalised(tokens[i - 1]) && !tokens[i - 1].sentence_start &&
            !lex_.is_function(tokens[i - 1].lower) && lex_.demonym(tokens[i - 1].lower).empty() && !capitalised(tokens[i]))
            d = 0;
        const std::size_t nm = name_at(i, name);
        const std::size_t ft = feature_at(i, feat);
        if (nm && nm >= ft && nm >= d) best = std::move(name), best_len = nm;
        else if (ft && ft >= d) best = std::move(feat), best_len = ft;
        else if (d) best = std::move(desc), best_len = d;
        if (!best_len) {
            // Where the language writes demonyms capitalised (English), a lower-case word is something else:
            // "turkey", "polish", "china".
            const bool case_fits = !lex_.capitalised_demonyms() || capitalised(tokens[i]);
            const std::string_view cc = case_fits ? lex_.demonym(tokens[i].lower) : std::string_view();
            if (!cc.empty()) {
                Mention m;
                m.kind = MentionKind::demonym;
                m.demonym_country = std::string(cc);
                fill_offsets(m, i, i + 1);
                m.key = "demonym:" + m.demonym_country;
                out.push_back(std::move(m));
            } else if (const Alias* a = case_fits ? lex_.adjective(tokens[i].lower) : nullptr) {
                // A place's adjective ("подмосковного", "parisiens"): a demonym of a place below a country.
                for (const Hypothesis& h : lookup_cached(a->name, false).hyps)
                    if (h.id() == a->id) {
                        Mention m;
                        m.kind = MentionKind::demonym;
                        m.demonym_country = std::string(h.country());
                        m.candidates = {h};
                        fill_offsets(m, i, i + 1);
                        m.key = "adjective:" + a->id;
                        out.push_back(std::move(m));
                        break;
                    }
            }
            ++i;
            continue;
        }
        // Evidence around it.
        const Token& first = tokens[i];
        // A region noun beside a name makes it a region and belongs to the mention ("штате Аризона", "state of
        // Oregon", "Washington state"); the word introducing the mention stands before the noun.
        std::size_t head = i;
        if (best.kind == MentionKind::name) {
            const std::size_t e = best.end_token;
            const bool after = e < n && tokens[e].gap == Gap::space && !capitalised(tokens[e]) && lex_.is_division_after(tokens[e].lower);
            bool before = i >= 1 && first.gap == Gap::space && lex_.is_division_before(tokens[i - 1].lower);
            if (before) head = i - 1;
            if (!before && i >= 2 && (first.gap == Gap::space || first.gap == Gap::apostrophe) && lex_.is_connector(tokens[i - 1].lower) &&
                tokens[i - 1].gap == Gap::space && lex_.is_division_before(tokens[i - 2].lower))
                before = true, head = i - 2;
            if (!out.empty() && out.back().end_token > head) head = i;  // the noun belongs to the mention before
            best.division_word = after || before;
            if (head < i) {
                best.first_token = static_cast<std::uint32_t>(head);
                best.begin = tokens[head].begin;
                best.cp_begin = tokens[head].cp_begin;
            }
            if (after) {
                best.end_token = static_cast<std::uint32_t>(e + 1);
                best.end = tokens[e].end;
                best.cp_end = tokens[e].cp_end;
                best_len = best.end_token - i;
            }
        }
        if (head > 0 && tokens[head].gap != Gap::clause && tokens[head].gap != Gap::sentence) {
            // The word before, or the one before an article or elided word ("près de Lviv", "de l'Ukraine").
            for (std::size_t back = 1; back <= 2 && back <= head; ++back) {
                const Token& c = tokens[head - back];
                if (back == 2 && (!(lex_.is_function(tokens[head - 1].lower) || lex_.is_connector(tokens[head - 1].lower)) ||
                                  tokens[head - 1].gap == Gap::clause || tokens[head - 1].gap == Gap::sentence))
                    break;
                if (capitalised(c) && !c.sentence_start) break;
                if (const double w = lex_.cue(c.lower); w > best.cue) {
                    best.cue = w;
                    best.cue_word = c.lower;
                }
            }
        }
        // A dateline ("MANCHESTER, March 7 -", "PARIS, 2 décembre -"): a name in capitals opening a line, then a comma,
        // says where the report was filed, as strongly as "in" does.
        if (first.line_start && first.all_caps && best.end_token < n && tokens[best.end_token].gap == Gap::clause &&
            text.substr(tokens[best.end_token - 1].end, tokens[best.end_token].begin - tokens[best.end_token - 1].end).starts_with(",") &&
            best.cue < kDatelineCue) {
            best.cue = kDatelineCue;
            best.cue_word = "(dateline)";
        }
        // A word in capitals opening a sentence is a dateline or a headline, unless lower-case words follow it
        // straight on: then the capitals are only the paper's style for a lede ("GREEN fingered youngsters").
        const bool lede_caps = first.all_caps && best.end_token < n && tokens[best.end_token].gap == Gap::space &&
                               !capitalised(tokens[best.end_token]) && best.cue_word != "(dateline)";
        best.sentence_start = (first.sentence_start || first.line_start) && best.words == 1 && (!first.all_caps || lede_caps);
        best.all_caps = first.all_caps;
        if (best.words == 1 && best.kind == MentionKind::name)
            best.common_word = lex_.is_common(first.lower) || lower_seen.contains(first.lower);
        if (best.kind == MentionKind::name) {
            const std::size_t e = best.end_token;
            auto other_name_word = [&](const Token& t) {
                // An ordinary word opening a sentence is capitalised for that alone ("Граждане Италии"); within a
                // sentence it is part of a name ("Homeland Security").
                return capitalised(t) && !t.all_caps && !lex_.is_function(t.lower) && !lex_.is_common(t.lower) &&
                       !(t.sentence_start && ordinary_word(t)) &&
                       !lower_seen.contains(t.lower) && lex_.cue(t.lower) == 0 && lex_.demonym(t.lower).empty() &&
                       !title_word(t) && lex_.feature(t.lower).empty();
            };
            // A neighbouring capitalised word is part of the same person's or organisation's name unless it is a
            // place that stands on its own: a country, a region or a sizeable city ("Christopher Steele": both
            // words are small American towns, and the pair is a man).
            auto standalone = [](const Hypothesis& h) {
                return h.is_country_or_larger() || h.is_admin() || h.prior >= kStandalonePlacePrior;
            };
            auto strong_place_at = [&](std::size_t k) {
                Mention probe;
                return name_at(k, probe) && standalone(probe.candidates.front());
            };
            // A country or first-level region after a title is what the title belongs to ("президент США",
            // "губернатор Татарстана"), not a person's surname. In a language whose complements follow their noun
            // and whose cases mark them, a place that stands on its own is no part of the name before it either
            // ("Минсельхоз РФ", "вместо Нетаньяху Иерусалим будет", "мэра Москвы"), nor of the person's name after
            // it ("мэра Москвы Сергея Собянина").
            const Hypothesis& top = best.candidates.front();
            const bool country = top.match == MatchKind::exact && top.is_country_or_larger();
            const bool region = top.match == MatchKind::exact && top.is_admin();
            const bool apart = lex_.complement_after_name() && top.match == MatchKind::exact && standalone(top);
            const bool after_title = i > 0 && first.gap == Gap::space && title_word(tokens[i - 1]);
            if (i > 0 && first.gap == Gap::space) {
                const Token& p = tokens[i - 1];
                const bool prev_is_place = !out.empty() && out.back().end_token == i && out.back().kind != MentionKind::demonym &&
                                           !out.back().in_proper_name;
                if (!prev_is_place && ((title_word(p) && !country && !region && !apart) ||
                                       (other_name_word(p) && !p.sentence_start && !apart)))
                    best.in_proper_name = true;
                if (!prev_is_place && other_name_word(p) && p.sentence_start && !strong_place_at(i - 1) && !apart)
                    best.in_proper_name = true;
                // After a first name, a surname: "Владимир Королёв" is a man, though Korolyov is a city.
                if (!prev_is_place && first_name(p) && !country) best.in_proper_name = true;
            }
            const bool abbreviation_before = !out.empty() && out.back().end_token == i;
            if (after_initial(i) && !abbreviation_before && !country) best.in_proper_name = true;
            // A first name before a surname is part of a person's name; alone, it names a person rather than a
            // town called so ("Марк рассказал"), though not rather than a city that stands on its own.
            if (best.words == 1 && first_name(first)) {
                // Not before a title, an organisation or public body, a feature or region noun: "Florida Senator",
                // "London Police", "Brooklyn District Attorney".
                const Token* q = e < n && tokens[e].gap == Gap::space ? &tokens[e] : nullptr;
                const bool surname_follows = q && other_name_word(*q) && !lex_.is_org(q->lower) && !lex_.is_public_body(q->lower) &&
                                             !lex_.is_division_after(q->lower);
                if (surname_follows) best.in_proper_name = true, best.leads_name = false;
                else if (!country && best.candidates.front().prior < kStandalonePlacePrior) best.first_name = true;
            }
            // After an organisation word and its connectors: "ministère de la Santé", "Bank of England".
            for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
                const Token& p = tokens[i - back];
                if (tokens[i - back + 1].gap != Gap::space && tokens[i - back + 1].gap != Gap::apostrophe) break;
                if (lex_.is_org(p.lower) && back > 1) {
                    best.in_proper_name = best.in_organisation = true;
                    break;
                }
                if (!lex_.is_connector(p.lower) && !lex_.is_function(p.lower)) break;
            }
            if (e < n && tokens[e].gap == Gap::space) {
                const Token& q = tokens[e];
                // "Metcalfe County Sheriff's Office", "Kentucky State Police": the place's own public body.
                const bool public_body = capitalised(q) && (lex_.is_public_body(q.lower) ||
                                                            (e + 1 < n && tokens[e + 1].gap == Gap::space && capitalised(tokens[e + 1]) &&
                                                             lex_.is_public_body(tokens[e + 1].lower)));
                if (public_body) {
                    best.leads_name = best.opens_public_body = !best.in_proper_name;
                    best.in_proper_name = best.in_organisation = true;
                }
                else if ((lex_.is_org(q.lower) && capitalised(q)) || lex_.is_eponym_noun(q.lower))
                    best.in_proper_name = best.in_organisation = true, best.leads_name = false;
                // The name that follows a title's country or region is the title-holder's: "губернатор Приморья
                // Сергей Дарькин".
                else if (other_name_word(q) && !strong_place_at(e) && !(after_title && (country || region)) &&
                         !(apart && first_name(q)))
                    best.leads_name = !best.in_proper_name, best.in_proper_name = true;
            }
        }
        // A name that carries its region noun ("Белгородской области") is a region, whatever precedes it
        // ("губернатор Белгородской области").
        if (best.kind == MentionKind::name && best.words > 1 &&
            std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(best.end_token),
                        [&](const Token& t) { return lex_.is_division_after(t.lower); })) {
            best.in_proper_name = best.in_organisation = best.leads_name = false;
            best.division_word = true;
        }
        if (best.kind == MentionKind::descriptive && inner.end_token > 0) {
            inner.nested = true;
            best.city_mention = static_cast<int>(out.size());
            out.push_back(std::move(inner));
        }
        out.push_back(std::move(best));
        i += best_len;
    }
    link_lists(text, tokens, out);
    apply_qualifiers(tokens, out);
    return out;
}

void MentionFinder::link_lists(std::string_view text, const std::vector<Token>& tokens, std::vector<Mention>& mentions) const {
    // Two names follow each other in an enumeration when a comma, a list word ("and", "et", "и"), or both, is all
    // that stands between them.
    auto comma_before = [&](std::size_t t) {
        if (tokens[t].gap != Gap::clause || t == 0) return false;
        const std::string_view between = text.substr(tokens[t - 1].end, tokens[t].begin - tokens[t - 1].end);
        return between.find_first_not_of(" \t,") == std::string_view::npos && between.find(',') != std::string_view::npos;
    };
    int prev = -1;
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        Mention& b = mentions[k];
        if (b.kind != MentionKind::name || b.nested) continue;
        if (prev >= 0) {
            const Mention& a = mentions[static_cast<std::size_t>(prev)];
            const std::size_t t = b.first_token;
            const bool by_comma = t == a.end_token && comma_before(t);
            const bool by_word = t == a.end_token + 1 && lex_.is_list_word(tokens[a.end_token].lower) &&
                                 (tokens[a.end_token].gap == Gap::space || comma_before(a.end_token)) && tokens[t].gap == Gap::space;
            if (by_comma || by_word) {
                mentions[static_cast<std::size_t>(prev)].list_next = static_cast<int>(k);
                b.list_prev = prev;
            }
        }
        prev = static_cast<int>(k);
    }
}

void MentionFinder::apply_qualifiers(const std::vector<Token>& tokens, std::vector<Mention>& mentions) const {
    std::map<std::string, std::pair<std::vector<Hypothesis>, std::string>> meant;  // key -> places, qualifier
    std::vector<bool> qualifier(mentions.size(), false);
    for (std::size_t k = 0; k + 1 < mentions.size(); ++k) {
        Mention& m = mentions[k];
        Mention& q = mentions[k + 1];
        if (m.kind != MentionKind::name || q.kind != MentionKind::name || q.first_token != m.end_token || m.candidates.empty())
            continue;
        if (tokens[q.first_token].gap != Gap::clause) continue;
        const Hypothesis& top = m.candidates.front();
        // "Texas, Oklahoma", "Russia, the U.S.": lists, not qualifiers. A country's name before a region is a town
        // there ("COLUMBIA, Ky." is Columbia, Kentucky, not the country it misspells).
        if (!top.place || top.place->kind() == "A.ADM1") continue;
        // Inside a longer list of regions ("Virginia, Washington, West Virginia and Wyoming"): an item, not a
        // qualifier.
        auto region_at = [&](int i) {
            if (i < 0 || qualifier[static_cast<std::size_t>(i)]) return false;  // "Portland, Oregon, and Portland, Maine"
            const Mention& o = mentions[static_cast<std::size_t>(i)];
            return !o.candidates.empty() && o.candidates.front().place && o.candidates.front().place->kind() == "A.ADM1";
        };
        if (region_at(m.list_prev) || region_at(q.list_next)) continue;
        const bool country_first = top.is_country_or_larger();
        for (std::size_t r = 0; r < q.candidates.size(); ++r) {
            const Hypothesis& region = q.candidates[r];
            if (!region.place || !(region.is_admin() || region.is_country_or_larger())) continue;
            if (country_first && region.is_country_or_larger()) continue;
            const bool is_country = region.is_country_or_larger();
            auto inside = [&](const Hypothesis& h) {
                if (!h.place || h.id() == region.id() || h.country() != region.country()) return false;
                if (is_country) return true;
                const auto a = h.place->admin1();
                if (!a) return false;
                if (region.place->kind() == "A.ADM1") return a->index() == region.place->index();
                // A county: in its state, and within its extent.
                const auto state = region.place->admin1();
                const double reach = std::max(1.5 * region.place->radius().value(), 30'000.0);
                return state && a->index() == state->index() && core::distance(h.location(), region.location()).value() <= reach;
            };
            // The name's places in that country, beyond the dozen most prominent worldwide (Paris, Missouri).
            std::vector<Hypothesis> held;
            for (Hypothesis& h : lookup_key(m.key, 50, std::string(region.country())))
                if (inside(h)) held.push_back(std::move(h));
            if (held.empty()) continue;
            for (Hypothesis& h : held) h.prior += 1.0;
            // The qualifier is that region.
            Hypothesis chosen = region;
            chosen.prior += 1.0;
            q.candidates.erase(q.candidates.begin() + static_cast<std::ptrdiff_t>(r));
            q.candidates.insert(q.candidates.begin(), std::move(chosen));
            // The name repeated alone means its first qualified place; each qualified mention its own place
            // ("Portland, Oregon, and Portland, Maine").
            meant.try_emplace(m.key, held, std::string(region.name()));
            m.key += "@" + region.id();
            m.candidates = std::move(held);
            m.qualified_by = std::string(region.name());
            qualifier[k + 1] = true;
            break;
        }
    }
    for (Mention& m : mentions)
        if (const auto it = meant.find(m.key); it != meant.end() && m.kind == MentionKind::name) {
            m.candidates = it->second.first;
            m.qualified_by = it->second.second;
        }
}

}  // namespace incidentmap::gazetteer
