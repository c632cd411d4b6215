#include "extract/incident_extractor.hpp"

#include "core/geo_precision.hpp"
#include "extract/event_typing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

namespace incidentmap::extract {

namespace {

using gazetteer::Gap;
using gazetteer::ResolvedMention;
using gazetteer::Token;

// How precisely a kind of place pins an event down: the larger, the more specific.
int specificity(std::string_view place_class) {
    if (place_class == "landmark" || place_class == "square") return 6;
    if (place_class == "street") return 5;
    if (place_class == "district") return 4;
    if (place_class == "city") return 3;
    if (place_class == "natural") return 2;
    if (place_class == "admin_region") return 1;
    return 0;  // countries, continents, seas
}

bool is_wide(const ResolvedMention& m) { return specificity(m.place_class) <= 1; }

bool violent_type(core::EventType t) {
    return t != core::EventType::protests && t != core::EventType::strategic_developments;
}

bool overlaps(const core::TimeSpan& a, const core::TimeSpan& b) {
    if (!a.is_known() || !b.is_known()) return !a.is_known() && !b.is_known();
    return a.start() < b.end() && b.start() < a.end();
}

std::optional<int> max_figure(std::optional<int> a, std::optional<int> b) {
    if (!a) return b;
    if (!b) return a;
    return std::max(*a, *b);
}

// One event as a sentence tells it, before assembly.
struct Event {
    std::vector<std::size_t> triggers;  // EventLexicon trigger items
    std::vector<Cue> sides;             // the cues that say who did what to whom: triggers, actors, objects, agent words
    std::vector<std::size_t> place_at;  // token (in the sentence) of each place
    std::vector<const ResolvedMention*> places;
    std::optional<core::TimeSpan> time;  // its own time expression
    std::vector<const CasualtyFigure*> figures;
    bool distinct = false;
    bool subordinate = false;  // a clause that a clause word starts ("qui", "which", "который")
};

struct Sentence {
    std::size_t first = 0, last = 0;  // tokens [first, last)
    std::size_t paragraph = 0;
    bool heading = false;  // a title or subtitle line: a line of its own without a full stop, with text after it
};

// Whether `place` lies within `area` (a place named in a sentence that adds figures to an incident told before).
bool contains(const ResolvedMention& area, const ResolvedMention& place) {
    if (specificity(area.place_class) > specificity(place.place_class)) return false;
    return core::distance(area.location, place.location).value() <= std::max(area.precision.value(), 1000.0);
}

// A dateline's date ("PARIS, 2 décembre 2018 - ", "HONG KONG, June 13, 2019 -"): the publication's, not an event's.
bool is_dateline(std::string_view text, const TimeMention& t) {
    const std::size_t line_start = text.rfind('\n', t.begin == 0 ? 0 : t.begin - 1);
    const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
    if (t.begin - from > 80) return false;
    std::size_t k = t.end;
    while (k < text.size() && (text[k] == ' ' || text[k] == ')' || text[k] == '(')) ++k;
    const std::string_view rest = text.substr(k, 3);
    return rest.starts_with("-") || rest.starts_with("\u2013") || rest.starts_with("\u2014");
}

struct Figures {
    std::optional<int> killed, killed_min, injured, arrested;

    void add(const CasualtyFigure& f) {
        switch (f.kind) {
            case CasualtyKind::killed:
                killed = max_figure(killed, f.value);
                killed_min = max_figure(killed_min, f.minimum ? f.minimum : f.value);
                break;
            // No lower-bound fields for these: "several wounded" leaves the count unknown.
            case CasualtyKind::injured: injured = max_figure(injured, f.value); break;
            case CasualtyKind::arrested: arrested = max_figure(arrested, f.value); break;
        }
    }
    void add(const Figures& o) {
        killed = max_figure(killed, o.killed);
        killed_min = max_figure(killed_min, o.killed_min);
        injured = max_figure(injured, o.injured);
        arrested = max_figure(arrested, o.arrested);
    }
    bool any() const { return killed || killed_min || injured || arrested; }
};

// An incident while the text is read: what assembly compares and merges.
struct Draft {
    core::EventType type{};
    std::string sub_event_type;
    bool violent = false;
    std::vector<std::string> actors;
    Figures figures;
    const ResolvedMention* place = nullptr;
    bool place_from_context = false;  // not named with the event: the text's city or country
    core::TimeSpan time;
    std::size_t sentence = 0;  // where it was first told
    bool hedged = false;
    bool explicit_time = false;
    std::size_t paragraph = 0;
    bool heading_only = false;  // told only by a heading so far
};

// What makes two mentions the same place for assembly: the gazetteer's place, its kind, and for a building the
// gazetteer lacks (placed at its city) the kind of building named. A street or square the gazetteer lacks is its
// city: nothing tells two of them apart, nor them from the city.
std::string place_key(const ResolvedMention& m) {
    std::string key = m.id;
    key += '|';
    key += m.at_city && m.landmark_kind.empty() ? "city" : m.place_class;
    key += '|';
    key += m.landmark_kind;
    return key;
}

core::Severity severity_of(const Draft& d) {
    if ((d.figures.killed && *d.figures.killed > 0) || (d.figures.killed_min && *d.figures.killed_min > 0)) return core::Severity::fatal;
    if (d.figures.injured && *d.figures.injured > 0) return core::Severity::injuries;
    if (d.violent) return core::Severity::violent;
    if (d.type == core::EventType::protests || (d.figures.arrested && *d.figures.arrested > 0) ||
        d.sub_event_type == "Arrests")
        return core::Severity::disruptive;
    return core::Severity::informational;
}

}  // namespace

IncidentExtractor::IncidentExtractor(const gazetteer::Geoparser& geoparser) : geoparser_(geoparser) {
    for (const Language lang : {Language::fr, Language::en, Language::ru})
        vocabularies_.push_back({EventLexicon::load(lang), TimeLexicon::load(lang), FigureLexicon::load(lang)});
}

const IncidentExtractor::Vocabulary& IncidentExtractor::vocabulary(Language lang) const {
    return vocabularies_.at(static_cast<std::size_t>(lang));
}

std::vector<core::Incident> IncidentExtractor::extract(std::string_view text, Language lang, const ExtractOptions& options) const {
    const Vocabulary& vocab = vocabulary(lang);
    const std::vector<Token> tokens = gazetteer::tokenize(text);
    if (tokens.empty()) return {};

    // Sentences and paragraphs (a line break starts a paragraph).
    std::vector<Sentence> sentences;
    std::size_t paragraph = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const bool line_break = i > 0 && text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end).find('\n') != std::string_view::npos;
        if (line_break) ++paragraph;
        if (i == 0 || tokens[i].gap == Gap::sentence) sentences.push_back({i, i, paragraph});
        sentences.back().last = i + 1;
    }
    // Only a sentence that opens a line can be a heading, and it looks no further than its line's end: each line
    // is scanned once, so the pass is linear in the text however long its lines.
    for (std::size_t s = 0; s + 1 < sentences.size(); ++s) {
        Sentence& sentence = sentences[s];
        if (!tokens[sentence.first].line_start) continue;
        const std::size_t end = tokens[sentence.last - 1].end;
        const std::size_t eol = text.find('\n', end);
        if (eol == std::string_view::npos) continue;
        const std::string_view tail = text.substr(end, eol - end);
        sentence.heading = tail.find_first_of(".!?") == std::string_view::npos && tail.find("\u2026") == std::string_view::npos;
    }
    auto token_of_byte = [&](std::uint32_t byte) {
        return static_cast<std::size_t>(std::upper_bound(tokens.begin(), tokens.end(), byte,
                                                         [](std::uint32_t b, const Token& t) { return b < t.begin; }) -
                                        tokens.begin()) - 1;
    };

    const std::string_view lang_code = to_string(lang);
    const std::vector<ResolvedMention> places = geoparser_.parse(text, lang_code);
    const std::vector<TimeMention> times = find_time_expressions(text, tokens, vocab.times, options.published);
    const std::vector<CasualtyFigure> figures = find_casualty_figures(text, tokens, vocab.figures);

    // Each place's assembly key, made once: every incident points into `places`.
    std::vector<std::string> keys;
    keys.reserve(places.size());
    for (const ResolvedMention& m : places) keys.push_back(place_key(m));
    static const std::string nowhere;  // the key of an event without a place: such events join each other
    auto key_of = [&](const ResolvedMention* m) -> const std::string& {
        return m ? keys[static_cast<std::size_t>(m - places.data())] : nowhere;
    };

    // The city and the country the text is about: the most often named (the first on a tie).
    const ResolvedMention* focus_city = nullptr;
    const ResolvedMention* focus_country = nullptr;
    {
        std::vector<std::pair<std::string_view, int>> counts;
        auto count = [&](const ResolvedMention& m) {
            const std::string_view key = key_of(&m);
            for (auto& [k, n] : counts)
                if (k == key) return ++n;
            counts.emplace_back(key, 1);
            return 1;
        };
        int best_city = 0, best_country = 0;
        for (const ResolvedMention& m : places) {
            const int n = count(m);
            if (m.place_class == "city" && n > best_city) best_city = n, focus_city = &m;
            if (m.place_class == "country" && n > best_country) best_country = n, focus_country = &m;
        }
    }

    std::vector<Draft> drafts;
    std::optional<core::TimeSpan> narrative_time;
    // A day the text counts from the story's day ("la veille", "накануне", "a day earlier") is counted from the day
    // of the incident told before it; from publication only when none is known, and then never forward.
    auto time_of = [&](const TimeMention& t) -> std::optional<core::TimeSpan> {
        if (!t.story_offset) return t.span;
        if (!narrative_time || !narrative_time->is_known() || narrative_time->precision() > core::TimePrecision::day)
            return *t.story_offset > 0 ? std::nullopt : std::optional(t.span);
        namespace chr = std::chrono;
        const chr::year_month_day day{chr::floor<chr::days>(narrative_time->start()) + chr::days(*t.story_offset)};
        return t.part ? core::TimeSpan::part_of_day(day, *t.part) : core::TimeSpan::day(day);
    };
    const core::TimeSpan published_day = options.published ? core::TimeSpan::day(*options.published) : core::TimeSpan::unknown();
    std::size_t first_draft_of_paragraph = SIZE_MAX;    // the paragraph's lead incident
    std::size_t violent_draft_of_paragraph = SIZE_MAX;  // its first violent one: where casualties belong
    std::size_t current_paragraph = SIZE_MAX;
    const ResolvedMention* paragraph_place = nullptr;  // the last place named in this paragraph so far

    // The drafts at each place (by assembly key), by the start of their time: an event is compared only with the
    // incidents at its own place whose time can overlap its own (start within the place's longest span before its
    // end), so assembly stays linear however many incidents a text tells. Of those that match, the latest drafted
    // is joined, as reading the text backwards would find it.
    struct PlaceDrafts {
        std::multimap<core::TimeSpan::Seconds, std::size_t> by_start;  // drafts of known time
        core::TimeSpan::Seconds::duration longest{0};
        std::vector<std::size_t> unknown;  // drafts of unknown time (they meet only each other)
    };
    std::unordered_map<std::string_view, PlaceDrafts> drafts_at;
    auto file_draft = [&](PlaceDrafts& here, std::size_t k) {
        const core::TimeSpan& t = drafts[k].time;
        if (!t.is_known()) {
            here.unknown.push_back(k);
            return;
        }
        here.by_start.emplace(t.start(), k);
        here.longest = std::max(here.longest, t.end() - t.start());
    };
    auto unfile_draft = [&](PlaceDrafts& here, std::size_t k) {
        const core::TimeSpan& t = drafts[k].time;
        if (!t.is_known()) {
            std::erase(here.unknown, k);
            return;
        }
        for (auto [it, end] = here.by_start.equal_range(t.start()); it != end; ++it)
            if (it->second == k) {
                here.by_start.erase(it);
                return;
            }
    };
    // Joins a drafted event to the incident it tells of, or adds it as a new one; `target` is set to where it went.
    auto assemble = [&](Draft d, bool distinct, std::size_t& target) {
        target = SIZE_MAX;
        PlaceDrafts& here = drafts_at[key_of(d.place)];
        auto consider = [&](std::size_t k) {
            const Draft& o = drafts[k];
            if ((target == SIZE_MAX || k > target) && overlaps(o.time, d.time) &&
                core::compatible_events(o.type, o.sub_event_type, d.type, d.sub_event_type))
                target = k;
        };
        if (!distinct) {
            if (!d.time.is_known()) {
                for (const std::size_t k : here.unknown) consider(k);
            } else {
                for (auto it = here.by_start.lower_bound(d.time.start() - here.longest);
                     it != here.by_start.end() && it->first < d.time.end(); ++it)
                    consider(it->second);
            }
        }
        if (target == SIZE_MAX) {
            drafts.push_back(std::move(d));
            target = drafts.size() - 1;
            file_draft(here, target);
            return;
        }
        Draft& o = drafts[target];
        if (event_gravity(d.type) > event_gravity(o.type)) {
            o.type = d.type;
            o.sub_event_type = d.sub_event_type;
        }
        // A protest told with violence at the same place and time turned violent: a riot.
        if ((o.type == core::EventType::protests && violent_type(d.type) && d.type != core::EventType::riots) ||
            (d.type == core::EventType::protests && violent_type(o.type) && o.type != core::EventType::riots)) {
            o.type = core::EventType::riots;
            o.sub_event_type = "Violent demonstration";
        }
        o.violent = o.violent || d.violent;
        o.figures.add(d.figures);
        for (const std::string& a : d.actors)
            if (std::find(o.actors.begin(), o.actors.end(), a) == o.actors.end()) o.actors.push_back(a);
        // A time said with the event is better than one carried over (and files the incident under it).
        if (d.explicit_time && !o.explicit_time) {
            unfile_draft(here, target);
            o.time = d.time;
            o.explicit_time = true;
            file_draft(here, target);
        }
        o.hedged = o.hedged && d.hedged;
        o.heading_only = o.heading_only && d.heading_only;
    };

    std::size_t place_i = 0, time_i = 0, figure_i = 0;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        const Sentence& sentence = sentences[s];
        if (sentence.paragraph != current_paragraph) {
            current_paragraph = sentence.paragraph;
            first_draft_of_paragraph = violent_draft_of_paragraph = SIZE_MAX;
            paragraph_place = nullptr;
        }
        const std::span<const Token> sentence_tokens(tokens.data() + sentence.first, sentence.last - sentence.first);
        const std::uint32_t sentence_begin = tokens[sentence.first].begin, sentence_end = tokens[sentence.last - 1].end;

        // What the sentence holds, each by the token it starts at.
        std::vector<const ResolvedMention*> sentence_places;
        for (; place_i < places.size() && places[place_i].begin < sentence_end; ++place_i)
            if (places[place_i].begin >= sentence_begin) sentence_places.push_back(&places[place_i]);
        std::vector<const TimeMention*> sentence_times;
        for (; time_i < times.size() && times[time_i].begin < sentence_end; ++time_i)
            if (times[time_i].begin >= sentence_begin && times[time_i].span.is_known() && !is_dateline(text, times[time_i]))
                sentence_times.push_back(&times[time_i]);
        std::vector<const CasualtyFigure*> sentence_figures;
        for (; figure_i < figures.size() && figures[figure_i].statement.begin < sentence_end; ++figure_i)
            if (figures[figure_i].statement.begin >= sentence_begin) sentence_figures.push_back(&figures[figure_i]);
        const std::vector<Cue> cues = vocab.events.find(sentence_tokens);

        const bool denied = std::any_of(cues.begin(), cues.end(), [](const Cue& c) { return c.kind == CueKind::denial; });
        const bool hedged = std::any_of(cues.begin(), cues.end(), [](const Cue& c) { return c.kind == CueKind::hedge; });
        const bool attributed = std::any_of(cues.begin(), cues.end(), [](const Cue& c) { return c.kind == CueKind::source; });
        const bool nationwide = std::any_of(cues.begin(), cues.end(), [](const Cue& c) { return c.kind == CueKind::nationwide; });
        std::optional<NonPolitical> nonpolitical;  // the first disaster, accident or crime word of the sentence

        // Clauses: token indexes (within the sentence) where one starts.
        std::vector<std::size_t> clause_starts{0};
        for (std::size_t k = 1; k < sentence_tokens.size(); ++k)
            if (sentence_tokens[k].gap == Gap::clause) clause_starts.push_back(k);
        std::vector<std::size_t> subordinate_starts;
        for (const Cue& c : cues)
            if (c.kind == CueKind::clause && c.token > 0) {
                clause_starts.push_back(c.token);
                subordinate_starts.push_back(c.token);
            }
        std::sort(clause_starts.begin(), clause_starts.end());
        clause_starts.erase(std::unique(clause_starts.begin(), clause_starts.end()), clause_starts.end());
        auto clause_of = [&](std::size_t k) {
            return static_cast<std::size_t>(std::upper_bound(clause_starts.begin(), clause_starts.end(), k) - clause_starts.begin()) - 1;
        };
        const std::size_t clause_count = clause_starts.size();

        // Each clause's content.
        std::vector<Event> clauses(clause_count);
        for (const std::size_t k : subordinate_starts) clauses[clause_of(k)].subordinate = true;
        std::vector<std::size_t> last_negation(clause_count, SIZE_MAX);
        for (const Cue& c : cues) {
            Event& e = clauses[clause_of(c.token)];
            switch (c.kind) {
                case CueKind::trigger: {
                    const std::size_t neg = last_negation[clause_of(c.token)];
                    const bool negated = neg != SIZE_MAX && c.token - neg <= 3;
                    if (!denied && !negated) {
                        e.triggers.push_back(c.item);
                        e.sides.push_back(c);
                    }
                    break;
                }
                case CueKind::actor:
                case CueKind::object:
                case CueKind::agent: e.sides.push_back(c); break;
                case CueKind::nonpolitical: if (!nonpolitical) nonpolitical = static_cast<NonPolitical>(c.item); break;
                case CueKind::negation: last_negation[clause_of(c.token)] = c.token + c.length - 1; break;
                case CueKind::distinct: e.distinct = true; break;
                case CueKind::denial:
                case CueKind::hedge:
                case CueKind::source:
                case CueKind::clause:
                case CueKind::ignore:
                case CueKind::nationwide: break;
            }
        }
        for (const ResolvedMention* m : sentence_places) {
            const std::size_t at = token_of_byte(m->begin) - sentence.first;
            clauses[clause_of(at)].places.push_back(m);
            clauses[clause_of(at)].place_at.push_back(at);
        }
        for (const TimeMention* t : sentence_times) {
            Event& e = clauses[clause_of(token_of_byte(t->begin) - sentence.first)];
            if (!e.time) e.time = time_of(*t);
        }
        for (const CasualtyFigure* f : sentence_figures) clauses[clause_of(token_of_byte(f->statement.begin) - sentence.first)].figures.push_back(f);

        // Clauses into events: a clause with event words and a time of its own that differs starts a new one.
        std::vector<Event> events;
        Event before;  // clauses before the first event word: they belong to the first event
        for (Event& clause : clauses) {
            auto absorb = [](Event& into, const Event& from) {
                into.triggers.insert(into.triggers.end(), from.triggers.begin(), from.triggers.end());
                into.places.insert(into.places.end(), from.places.begin(), from.places.end());
                into.place_at.insert(into.place_at.end(), from.place_at.begin(), from.place_at.end());
                into.sides.insert(into.sides.end(), from.sides.begin(), from.sides.end());
                into.figures.insert(into.figures.end(), from.figures.begin(), from.figures.end());
                if (!into.time) into.time = from.time;
                into.distinct = into.distinct || from.distinct;
            };
            if (events.empty()) {
                if (clause.triggers.empty()) {
                    absorb(before, clause);
                    continue;
                }
                Event first = std::move(before);
                const std::optional<core::TimeSpan> own = clause.time;
                absorb(first, clause);
                if (own) first.time = own;  // the event's own time before a time the sentence set earlier
                events.push_back(std::move(first));
                continue;
            }
            // Compared with the event's own time, or for a subordinate clause with the time the event will inherit
            // ("…near the building, which was burned on Wednesday" in a sentence about Thursday). Otherwise a time
            // later in the sentence is the event's own ("Police fired tear gas, rubber bullets on Wednesday").
            const std::optional<core::TimeSpan> current =
                events.back().time ? events.back().time
                                   : (clause.subordinate ? std::optional(narrative_time.value_or(published_day)) : std::nullopt);
            const bool new_time = clause.time && current && current->is_known() && !overlaps(*clause.time, *current);
            // A clause whose event words tell another kind of event starts one: "a bomb exploded in the market, and
            // police arrested two suspects" is a bombing and arrests.
            auto gravest = [&](const Event& e) {
                const EventTrigger* g = nullptr;
                for (const std::size_t t : e.triggers)
                    if (const EventTrigger& x = vocab.events.trigger(t); !g || event_gravity(x.type) > event_gravity(g->type)) g = &x;
                return g;
            };
            const EventTrigger* told = gravest(events.back());
            const EventTrigger* now = gravest(clause);
            const bool other_kind = told && now && !core::compatible_events(told->type, told->sub_event_type, now->type, now->sub_event_type);
            if (!clause.triggers.empty() && (new_time || other_kind)) events.push_back(std::move(clause));
            else absorb(events.back(), clause);
        }

        // A sentence with figures but no event word adds them to the event told before it in the paragraph.
        // Figures go to the paragraph's lead incident, and so do arrests told with their figures ("Eleven people
        // were arrested."), unless the sentence names a place of its own that is not where that incident was. A
        // place in an attributed statement ("authorities in the capital said") is where the source speaks from.
        // Casualties go to the paragraph's first violent incident when it has one ("Mounted police were deployed.
        // Seven officers were hurt." after a fight).
        auto lead_for = [&](const Event& e) {
            const bool casualties = std::any_of(e.figures.begin(), e.figures.end(),
                                                [](const CasualtyFigure* f) { return f->kind != CasualtyKind::arrested; });
            return casualties && violent_draft_of_paragraph != SIZE_MAX ? violent_draft_of_paragraph : first_draft_of_paragraph;
        };
        auto adds_to_lead = [&](const Event& e) {
            const std::size_t lead = lead_for(e);
            if (e.figures.empty() || lead == SIZE_MAX) return false;
            // A national toll ("667 personnes ont été interpellées dans toute la France") is not the lead's.
            const ResolvedMention* lead_place = drafts[lead].place;
            if (nationwide && lead_place && !is_wide(*lead_place)) return false;
            if (!attributed)
                for (const ResolvedMention* m : sentence_places)
                    if (!lead_place || !contains(*m, *lead_place)) return false;
            return true;
        };
        if (events.size() == 1 && adds_to_lead(events.front()) &&
            std::all_of(events.front().triggers.begin(), events.front().triggers.end(),
                        [&](std::size_t t) { return vocab.events.trigger(t).sub_event_type == "Arrests"; })) {
            const std::size_t lead = lead_for(events.front());
            for (const CasualtyFigure* f : events.front().figures) drafts[lead].figures.add(*f);
            if (!sentence_places.empty()) paragraph_place = sentence_places.back();
            continue;
        }
        if (events.empty()) {
            if (adds_to_lead(before)) {
                const std::size_t lead = lead_for(before);
                for (const CasualtyFigure* f : before.figures) drafts[lead].figures.add(*f);
            } else if (!before.figures.empty()) {
                events.push_back(std::move(before));
            }
            if (events.empty()) {
                if (!sentence_places.empty()) paragraph_place = sentence_places.back();
                if (!sentence_times.empty()) narrative_time = time_of(*sentence_times.front());
                continue;
            }
        }

        bool first_event = true;
        for (const Event& e : events) {
            Draft d;
            d.sentence = s;
            d.paragraph = sentence.paragraph;
            d.hedged = hedged;
            d.heading_only = sentence.heading;
            for (const CasualtyFigure* f : e.figures) d.figures.add(*f);
            // Type: from the event words and who did what to whom (event_typing.hpp).
            EventFacts facts;
            facts.nonpolitical = nonpolitical;
            facts.killed = (d.figures.killed && *d.figures.killed > 0) || (d.figures.killed_min && *d.figures.killed_min > 0);
            facts.injured = d.figures.injured && *d.figures.injured > 0;
            facts.arrested = d.figures.arrested && *d.figures.arrested > 0;
            // Where the act is told: its first event word, else its first figure ("Police killed two protesters").
            std::size_t act_at = SIZE_MAX, act_end = SIZE_MAX, seizure_at = SIZE_MAX;
            for (const Cue& c : e.sides)
                if (c.kind == CueKind::trigger) {
                    if (c.token < act_at) act_at = c.token, act_end = c.token + c.length;
                    if (vocab.events.trigger(c.item).frame == Frame::seizure) seizure_at = std::min(seizure_at, c.token);
                }
            if (act_at == SIZE_MAX)
                for (const CasualtyFigure* f : e.figures) {
                    const std::size_t at = token_of_byte(f->statement.begin) - sentence.first;
                    if (at < act_at) act_at = at, act_end = token_of_byte(f->statement.end - 1) - sentence.first + 1;
                }
            // A passive clause names its doer after an agent word right after the act ("were attacked by police",
            // "ont été tués par des hommes armés"); an agent word further on belongs to another verb ("…la ville de
            // Bria, tenue par des rebelles").
            auto after_agent_word = [&](const Cue& actor) {
                return std::any_of(e.sides.begin(), e.sides.end(), [&](const Cue& c) {
                    return c.kind == CueKind::agent && act_end != SIZE_MAX && c.token >= act_end && c.token <= act_end + 3 &&
                           c.token < actor.token && actor.token <= c.token + c.length + 2;
                });
            };
            bool marked = false;
            for (const Cue& c : e.sides)
                if (c.kind == CueKind::actor && after_agent_word(c)) marked = true;
            // What a seizure took: weapons or drugs named anywhere after it ("seized two tonnes of cocaine"), else
            // the first thing named after it, whether an object, a place or people ("retook Kidal after fighting
            // the rebels", "captured 20 soldiers").
            std::optional<ObjectClass> contraband;
            std::size_t taken_at = SIZE_MAX;
            auto take = [&](std::size_t at, ObjectClass what) {
                if (seizure_at == SIZE_MAX || at <= seizure_at) return;
                if (what == ObjectClass::drugs || what == ObjectClass::weapons) {
                    if (!contraband || what == ObjectClass::drugs) contraband = what;
                } else if (at < taken_at) {
                    taken_at = at;
                    facts.taken = what;
                }
            };
            for (const Cue& c : e.sides) {
                if (c.kind == CueKind::trigger) facts.triggers.push_back(&vocab.events.trigger(c.item));
                if (c.kind == CueKind::actor) {
                    const Actor& actor = vocab.events.actor(c.item);
                    const bool agent = marked ? after_agent_word(c) : c.token < act_at;
                    facts.sides.push_back({actor.role, actor.name, agent});
                    if (std::find(d.actors.begin(), d.actors.end(), actor.name) == d.actors.end()) d.actors.push_back(actor.name);
                    if (!agent) take(c.token, ObjectClass::people);
                }
                if (c.kind == CueKind::object) take(c.token, static_cast<ObjectClass>(c.item));
            }
            for (const std::size_t at : e.place_at) take(at, ObjectClass::territory);  // "rebels seized Goma"
            if (contraband) facts.taken = contraband;
            const EventTyping typing = type_event(facts);
            if (!typing.political) {
                if (options.explain) options.explain("sentence " + std::to_string(s + 1) + ": no incident: " + typing.why);
                continue;
            }
            d.type = typing.type;
            d.sub_event_type = typing.sub_event_type;
            d.violent = typing.violent;
            if (options.explain) {
                std::string line = "sentence " + std::to_string(s + 1) + ": " + std::string(core::to_string(d.type)) + " / " +
                                   d.sub_event_type + " (" + typing.why + ")";
                for (const Cue& c : e.sides)
                    if (c.kind == CueKind::trigger || c.kind == CueKind::actor || c.kind == CueKind::object)
                        line += "; '" + vocab.events.phrase(c) + "'";
                options.explain(line);
            }

            // Place: the most specific the event names, else its sentence, else the paragraph, else the text's focus.
            auto most_specific = [](const std::vector<const ResolvedMention*>& ms) {
                const ResolvedMention* best = nullptr;
                for (const ResolvedMention* m : ms)
                    if (!best || specificity(m->place_class) > specificity(best->place_class)) best = m;
                return best;
            };
            d.place = most_specific(e.places);
            if (!d.place) d.place = most_specific(sentence_places);
            // An attributed statement's region ("selon la préfecture du Rhône", "authorities in Kent said") is
            // where the source speaks: the story's own town within it is where things happened. (A country
            // there is the scope of a national toll, and stays.)
            if (d.place && attributed && !nationwide && d.place->place_class == "admin_region") {
                const ResolvedMention* within = paragraph_place ? paragraph_place : focus_city;
                if (within && !is_wide(*within) && contains(*d.place, *within)) d.place = within;
            }
            if (!d.place) d.place = paragraph_place;
            if (!d.place && (focus_city || focus_country)) {
                d.place = focus_city ? focus_city : focus_country;
                d.place_from_context = true;
            }
            // With no place anywhere in the text the event is still reported, without a location: counted and
            // listed, not drawn.

            // Time: its own, else the narrative's, else the publication day.
            if (e.time) {
                d.time = *e.time;
                d.explicit_time = true;
            } else if (narrative_time) {
                d.time = *narrative_time;
            } else {
                d.time = published_day;
            }
            if (first_event && d.explicit_time) narrative_time = d.time;
            // An event dated after the publication day is announced, not reported: not an incident (yet). One the
            // text dates more than a year before it is history recalled ("In 2008, police killed ten protesters"),
            // the background of the story, not news of it.
            if (published_day.is_known() && d.time.is_known() && d.time.start() >= published_day.end()) {
                if (options.explain) options.explain("sentence " + std::to_string(s + 1) + ": no incident: dated after publication, announced");
                continue;
            }
            if (published_day.is_known() && d.explicit_time && d.time.is_known() &&
                d.time.end() < published_day.start() - std::chrono::days{365}) {
                if (options.explain) options.explain("sentence " + std::to_string(s + 1) + ": no incident: dated over a year before publication, history recalled");
                continue;
            }

            // One incident per town when the event names several ("in Marseille and Toulouse"); ACLED codes an event
            // per location.
            std::vector<const ResolvedMention*> towns{d.place};
            if (d.place && d.place->place_class == "city" && !d.place_from_context)
                for (const ResolvedMention* m : e.places)
                    if (m->place_class == "city" && std::none_of(towns.begin(), towns.end(), [&](const ResolvedMention* t) {
                            return key_of(t) == key_of(m);
                        }))
                        towns.push_back(m);
            std::size_t target = SIZE_MAX;
            for (const ResolvedMention* town : towns) {
                Draft copy = d;
                copy.place = town;
                assemble(std::move(copy), e.distinct, target);
            }
            if (first_draft_of_paragraph == SIZE_MAX) first_draft_of_paragraph = target;
            if (violent_draft_of_paragraph == SIZE_MAX && drafts[target].violent) violent_draft_of_paragraph = target;
            first_event = false;
        }
        if (!sentence_places.empty()) paragraph_place = sentence_places.back();
    }

    // Headline summaries: a country- or region-wide incident without figures, when a more precisely placed one in
    // that country shares its time.
    // Headings announce what the text tells: an incident no sentence of the body told is not kept.
    // The precisely placed incidents of each country, by start, with the latest end of each prefix: whether one
    // shares a time with [a, b) is a binary search (any with start < b whose prefix reaches past a).
    struct Spans {
        std::vector<std::pair<core::TimeSpan::Seconds, core::TimeSpan::Seconds>> known;  // (start, end), sorted
        std::vector<core::TimeSpan::Seconds> latest_end;                                   // prefix maxima of end
        bool unknown = false;                                                              // one of unknown time
    };
    std::unordered_map<std::string_view, Spans> precise;
    for (const Draft& d : drafts)
        if (d.place && !is_wide(*d.place)) {
            Spans& sp = precise[d.place->country];
            if (d.time.is_known()) sp.known.emplace_back(d.time.start(), d.time.end());
            else sp.unknown = true;
        }
    for (auto& [country, sp] : precise) {
        std::sort(sp.known.begin(), sp.known.end());
        for (const auto& [start, end] : sp.known) sp.latest_end.push_back(sp.latest_end.empty() ? end : std::max(end, sp.latest_end.back()));
    }
    auto shares_time = [&](const Draft& d) {
        const auto it = precise.find(d.place->country);
        if (it == precise.end()) return false;
        const Spans& sp = it->second;
        if (!d.time.is_known()) return sp.unknown;  // overlaps(): unknown meets unknown only
        const auto first_after = std::lower_bound(sp.known.begin(), sp.known.end(), d.time.end(),
                                                  [](const auto& span, core::TimeSpan::Seconds t) { return span.first < t; });
        const std::size_t n = static_cast<std::size_t>(first_after - sp.known.begin());
        return n > 0 && sp.latest_end[n - 1] > d.time.start();
    };
    std::vector<bool> keep(drafts.size(), true);
    for (std::size_t k = 0; k < drafts.size(); ++k) {
        const Draft& d = drafts[k];
        if (d.heading_only) {
            keep[k] = false;
            continue;
        }
        if (!d.place || !is_wide(*d.place) || d.figures.any()) continue;
        if (shares_time(d)) keep[k] = false;
    }

    std::vector<core::Incident> out;
    out.reserve(static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true)));  // no doubling of the largest part
    for (std::size_t k = 0; k < drafts.size(); ++k) {
        if (!keep[k]) continue;
        const Draft& d = drafts[k];
        const Sentence& sentence = sentences[d.sentence];
        const Token& first = tokens[sentence.first];
        const Token& last = tokens[sentence.last - 1];
        core::Incident in;
        in.id = options.source.empty() ? std::to_string(out.size() + 1) : options.source + "-" + std::to_string(out.size() + 1);
        in.time = d.time;
        in.event_type = d.type;
        in.sub_event_type = d.sub_event_type;
        in.actors = d.actors;
        in.violent = d.violent;
        in.fatalities = d.figures.killed;
        if (!d.figures.killed) in.fatalities_min = d.figures.killed_min;
        in.injured = d.figures.injured;
        in.arrested = d.figures.arrested;
        in.severity = severity_of(d);
        if (d.place) {
            in.location = d.place->location;
            in.geo_precision = is_wide(*d.place) ? 3 : (d.place_from_context ? 2 : 1);
            // To the decimetre: a radius is no finer, and every store keeps such a figure exactly (PostGIS and CSV
            // through GDAL write 15 significant digits).
            in.uncertainty_m = core::Meters(std::round(d.place->precision.value() * 10) / 10);
            in.place_name = d.place->name;
            in.place_id = d.place->id;
            in.country = d.place->country;
            if (!d.place_from_context) in.mention_span = core::CodePointSpan{d.place->cp_begin, d.place->cp_end};
        }
        in.quote = std::string(text.substr(first.begin, last.end - first.begin));
        in.source_span = core::CodePointSpan{first.cp_begin, last.cp_end};
        in.language = std::string(lang_code);
        double confidence = 0.5 + (d.place_from_context || !d.place ? 0.0 : 0.2) + (d.explicit_time ? 0.15 : 0.0) +
                            (d.place ? std::min(0.1, 0.1 * d.place->confidence) : 0.0);
        if (d.hedged) confidence -= 0.2;
        in.confidence = std::clamp(std::round(confidence * 100) / 100, 0.05, 0.99);
        in.source = options.source;
        out.push_back(std::move(in));
    }
    return out;
}

}  // namespace incidentmap::extract
