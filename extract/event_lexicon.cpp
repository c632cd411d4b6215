#include "extract/event_lexicon.hpp"

#include <string_view>

namespace incidentmap::extract {

namespace {

std::optional<ActorRole> parse_role(std::string_view s) {
    if (s == "state") return ActorRole::state;
    if (s == "protesters") return ActorRole::protesters;
    if (s == "rioters") return ActorRole::rioters;
    if (s == "armed") return ActorRole::armed;
    if (s == "civilians") return ActorRole::civilians;
    return std::nullopt;
}

std::optional<CueKind> parse_section(std::string_view s) {
    if (s == "trigger") return CueKind::trigger;
    if (s == "actor") return CueKind::actor;
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

EventLexicon EventLexicon::load(Language lang) { return parse(read_lexicon_asset("events", to_string(lang))); }

EventLexicon EventLexicon::parse(const LexiconFile& file) {
    EventLexicon lexicon;
    for (const LexiconEntry& entry : file.entries) {
        const auto kind = parse_section(entry.fields[0]);
        if (!kind) {
            std::string what = "unknown section '";
            what += entry.fields[0];
            what += "' (trigger, actor, negation, denial, hedge, source, distinct, clause, ignore, nationwide)";
            file.fail(entry, what);
        }
        const std::size_t expected = *kind == CueKind::trigger ? 5 : *kind == CueKind::actor ? 4 : 2;
        if (entry.fields.size() != expected) {
            std::string what = entry.fields[0];
            what += " takes ";
            what += std::to_string(expected - 1);
            what += expected == 2 ? " field" : " fields";
            file.fail(entry, what);
        }
        Entry e{*kind, 0};
        if (*kind == CueKind::trigger) {
            const auto type = core::parse_event_type(entry.fields[2]);
            if (!type) file.fail(entry, "unknown ACLED event type '" + entry.fields[2] + "'");
            const std::string& v = entry.fields[4];
            if (v != "violent" && v != "nonviolent") file.fail(entry, "expected violent or nonviolent, got '" + v + "'");
            e.item = lexicon.triggers_.size();
            lexicon.triggers_.push_back({*type, entry.fields[3], v == "violent"});
        } else if (*kind == CueKind::actor) {
            const auto role = parse_role(entry.fields[3]);
            if (!role) file.fail(entry, "unknown actor role '" + entry.fields[3] + "' (state, protesters, rioters, armed, civilians)");
            e.item = lexicon.actors_.size();
            lexicon.actors_.push_back({entry.fields[2], *role});
        }
        if (!lexicon.phrases_.add(entry.fields[1], lexicon.entries_.size()))
            file.fail(entry, "a phrase is words joined by spaces, apostrophes or hyphens, got '" + entry.fields[1] + "'");
        lexicon.entries_.push_back(e);
    }
    return lexicon;
}

std::vector<Cue> EventLexicon::find(std::span<const gazetteer::Token> tokens) const {
    std::vector<Cue> cues;
    for (std::size_t i = 0; i < tokens.size();) {
        if (const auto m = phrases_.match_at(tokens, i)) {
            const Entry& e = entries_[m->entry];
            cues.push_back({e.kind, i, m->length, e.item});
            i += m->length;
        } else {
            ++i;
        }
    }
    return cues;
}

}  // namespace incidentmap::extract
