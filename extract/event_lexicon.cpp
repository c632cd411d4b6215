#include "extract/event_lexicon.hpp"

#include <string_view>

namespace incidentmap::extract {

namespace {

constexpr ActorRole kRoles[] = {ActorRole::state, ActorRole::armed, ActorRole::protesters,
                                ActorRole::rioters, ActorRole::mob, ActorRole::civilians};
constexpr ObjectClass kObjects[] = {ObjectClass::territory, ObjectClass::weapons, ObjectClass::people, ObjectClass::goods,
                                    ObjectClass::drugs};
constexpr NonPolitical kNonPolitical[] = {NonPolitical::disaster, NonPolitical::disease, NonPolitical::accident, NonPolitical::crime};

// The value of an enumeration named `s`, by the names to_string() gives.
template <typename E, std::size_t N>
std::optional<E> parse_named(const E (&values)[N], std::string_view s) {
    for (const E v : values)
        if (to_string(v) == s) return v;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string names_of(const E (&values)[N]) {
    std::string out;
    for (const E v : values) {
        if (!out.empty()) out += ", ";
        out += to_string(v);
    }
    return out;
}

std::optional<CueKind> parse_section(std::string_view s) {
    if (s == "trigger") return CueKind::trigger;
    if (s == "actor") return CueKind::actor;
    if (s == "object") return CueKind::object;
    if (s == "agent") return CueKind::agent;
    if (s == "nonpolitical") return CueKind::nonpolitical;
    if (s == "negation") return CueKind::negation;
    if (s == "denial") return CueKind::denial;
    if (s == "hedge") return CueKind::hedge;
    if (s == "source") return CueKind::source;
    if (s == "distinct") return CueKind::distinct;
    if (s == "clause") return CueKind::clause;
    if (s == "ignore") return CueKind::ignore;
    if (s == "nationwide") return CueKind::nationwide;
    return std::nullopt;
}

}  // namespace

std::string_view to_string(ActorRole role) {
    switch (role) {
        case ActorRole::state: return "state";
        case ActorRole::armed: return "armed";
        case ActorRole::protesters: return "protesters";
        case ActorRole::rioters: return "rioters";
        case ActorRole::mob: return "mob";
        case ActorRole::civilians: return "civilians";
    }
    return "?";
}

std::string_view to_string(ObjectClass c) {
    switch (c) {
        case ObjectClass::territory: return "territory";
        case ObjectClass::weapons: return "weapons";
        case ObjectClass::people: return "people";
        case ObjectClass::goods: return "goods";
        case ObjectClass::drugs: return "drugs";
    }
    return "?";
}

std::string_view to_string(NonPolitical c) {
    switch (c) {
        case NonPolitical::disaster: return "disaster";
        case NonPolitical::disease: return "disease";
        case NonPolitical::accident: return "accident";
        case NonPolitical::crime: return "crime";
    }
    return "?";
}

EventLexicon EventLexicon::load(Language lang) { return parse(read_lexicon_asset("events", to_string(lang))); }

EventLexicon EventLexicon::parse(const LexiconFile& file) {
    EventLexicon lexicon;
    for (const LexiconEntry& entry : file.entries) {
        const auto kind = parse_section(entry.fields[0]);
        if (!kind) {
            std::string what = "unknown section '";
            what += entry.fields[0];
            what += "' (trigger, actor, object, agent, nonpolitical, negation, denial, hedge, source, distinct, clause, "
                    "ignore, nationwide)";
            file.fail(entry, what);
        }
        // Fields after the section: the phrase, and for some sections what it stands for.
        const std::size_t at_least = *kind == CueKind::trigger ? 5 : *kind == CueKind::actor ? 4
                                     : (*kind == CueKind::object || *kind == CueKind::nonpolitical) ? 3 : 2;
        const std::size_t at_most = *kind == CueKind::trigger ? 6 : at_least;
        if (entry.fields.size() < at_least || entry.fields.size() > at_most) {
            std::string what = entry.fields[0];
            what += " takes ";
            what += std::to_string(at_least - 1);
            if (at_most > at_least) what += " or " + std::to_string(at_most - 1);
            what += at_least == 2 ? " field" : " fields";
            file.fail(entry, what);
        }
        Entry e{*kind, 0};
        if (*kind == CueKind::trigger) {
            const auto type = core::parse_event_type(entry.fields[2]);
            if (!type) file.fail(entry, "unknown ACLED event type '" + entry.fields[2] + "'");
            const auto owner = core::event_type_of_sub_event(entry.fields[3]);
            if (!owner) file.fail(entry, "unknown ACLED sub-event type '" + entry.fields[3] + "'");
            if (*owner != *type)
                file.fail(entry, "sub-event type '" + entry.fields[3] + "' belongs to " + std::string(core::to_string(*owner)) +
                                     ", not " + entry.fields[2]);
            const std::string& v = entry.fields[4];
            if (v != "violent" && v != "nonviolent") file.fail(entry, "expected violent or nonviolent, got '" + v + "'");
            Frame frame = Frame::none;
            if (entry.fields.size() == 6) {
                if (entry.fields[5] == "clash") frame = Frame::clash;
                else if (entry.fields[5] == "violence") frame = Frame::violence;
                else if (entry.fields[5] == "seizure") frame = Frame::seizure;
                else if (entry.fields[5] == "destruction") frame = Frame::destruction;
                else file.fail(entry, "unknown frame '" + entry.fields[5] + "' (clash, violence, seizure, destruction)");
            }
            e.item = lexicon.triggers_.size();
            lexicon.triggers_.push_back({*type, entry.fields[3], v == "violent", frame});
        } else if (*kind == CueKind::actor) {
            const auto role = parse_named(kRoles, entry.fields[3]);
            if (!role) file.fail(entry, "unknown actor role '" + entry.fields[3] + "' (" + names_of(kRoles) + ")");
            e.item = lexicon.actors_.size();
            lexicon.actors_.push_back({entry.fields[2], *role});
        } else if (*kind == CueKind::object) {
            const auto c = parse_named(kObjects, entry.fields[2]);
            if (!c) file.fail(entry, "unknown object class '" + entry.fields[2] + "' (" + names_of(kObjects) + ")");
            e.item = static_cast<std::size_t>(*c);
        } else if (*kind == CueKind::nonpolitical) {
            const auto c = parse_named(kNonPolitical, entry.fields[2]);
            if (!c) file.fail(entry, "unknown kind '" + entry.fields[2] + "' (" + names_of(kNonPolitical) + ")");
            e.item = static_cast<std::size_t>(*c);
        }
        if (!lexicon.phrases_.add(entry.fields[1], lexicon.entries_.size()))
            file.fail(entry, "a phrase is words joined by spaces, apostrophes or hyphens, got '" + entry.fields[1] + "'");
        lexicon.entries_.push_back(e);
        lexicon.phrase_text_.push_back(entry.fields[1]);
    }
    return lexicon;
}

std::vector<Cue> EventLexicon::find(std::span<const gazetteer::Token> tokens) const {
    std::vector<Cue> cues;
    for (std::size_t i = 0; i < tokens.size();) {
        if (const auto m = phrases_.match_at(tokens, i)) {
            const Entry& e = entries_[m->entry];
            cues.push_back({e.kind, i, m->length, e.item, m->entry});
            i += m->length;
        } else {
            ++i;
        }
    }
    return cues;
}

}  // namespace incidentmap::extract
