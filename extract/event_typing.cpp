#include "extract/event_typing.hpp"

#include <algorithm>

namespace incidentmap::extract {

int event_gravity(core::EventType t) {
    switch (t) {
        case core::EventType::explosions_remote_violence: return 5;
        case core::EventType::battles: return 4;
        case core::EventType::violence_against_civilians: return 3;
        case core::EventType::riots: return 2;
        case core::EventType::protests: return 1;
        case core::EventType::strategic_developments: return 0;
    }
    return 0;
}

namespace {

EventTyping typed(core::EventType type, std::string sub, bool violent, std::string why) {
    return EventTyping{true, type, std::move(sub), violent, std::move(why)};
}

EventTyping not_political(std::string why) {
    EventTyping t;
    t.political = false;
    t.why = std::move(why);
    return t;
}

}  // namespace

EventTyping type_event(const EventFacts& f) {
    auto has = [&](ActorRole r) { return std::any_of(f.sides.begin(), f.sides.end(), [&](const Side& s) { return s.role == r; }); };
    auto acts = [&](ActorRole r) {
        return std::any_of(f.sides.begin(), f.sides.end(), [&](const Side& s) { return s.role == r && s.agent; });
    };
    auto undergoes = [&](ActorRole r) {
        return std::any_of(f.sides.begin(), f.sides.end(), [&](const Side& s) { return s.role == r && !s.agent; });
    };
    auto armed_groups = [&] {
        std::vector<std::string> names;
        for (const Side& s : f.sides)
            if (s.role == ActorRole::armed && std::find(names.begin(), names.end(), s.name) == names.end()) names.push_back(s.name);
        return names.size();
    };
    const bool political_side = has(ActorRole::armed) || has(ActorRole::protesters) || has(ActorRole::rioters) || has(ActorRole::mob);

    if (f.nonpolitical && !political_side)
        return not_political(std::string(*f.nonpolitical == NonPolitical::accident ? "an " : "a ") + std::string(to_string(*f.nonpolitical)) +
                             ", and no armed group, protester or rioter takes part");

    const bool perpetrator = has(ActorRole::state) || political_side;
    // A death toll with no event word and no one named who caused it is no event (an epidemic, a heat wave, a
    // shipwreck whose cause the sentence does not say).
    if (f.triggers.empty() && (f.killed || f.injured) && !perpetrator)
        return not_political("casualties, with no event word and no one named who caused them");
    if (f.triggers.empty() && !f.killed && !f.injured && !f.arrested)
        return not_political("no event word, and figures of none (\"no deaths were reported\")");

    // The gravest event word; with none, figures alone tell violence against people, or arrests.
    const EventTrigger* main = nullptr;
    bool violent = false;
    // A weapon defused, intercepted or shot down was not used: "defused an explosive device" is disrupted weapons
    // use, not an explosion.
    const bool disrupted = std::any_of(f.triggers.begin(), f.triggers.end(),
                                       [](const EventTrigger* t) { return t->sub_event_type == "Disrupted weapons use"; });
    for (const EventTrigger* t : f.triggers) {
        if (disrupted && t->type == core::EventType::explosions_remote_violence) continue;
        if (!main || event_gravity(t->type) > event_gravity(main->type)) main = t;
        violent = violent || t->violent;
    }
    if (f.killed || f.injured) violent = true;
    EventTrigger base;
    if (main) {
        base = *main;
    } else if (f.killed || f.injured) {
        base = {core::EventType::violence_against_civilians, "Attack", true, Frame::violence};
    } else {
        base = {core::EventType::strategic_developments, "Arrests", false, Frame::none};
    }
    const std::string word = main ? "'" + base.sub_event_type + "'" : (base.frame == Frame::violence ? "casualties" : "arrest figures");

    if (base.frame == Frame::seizure) {
        const bool by_state = acts(ActorRole::state) || (has(ActorRole::state) && !acts(ActorRole::armed));
        const std::optional<ObjectClass> taken = f.taken;
        if (taken == ObjectClass::territory)
            return by_state ? typed(core::EventType::battles, "Government regains territory", true, "state forces took a place")
                            : typed(core::EventType::battles, "Non-state actor overtakes territory", true, "a place taken by a non-state side");
        if (taken == ObjectClass::weapons)
            return typed(core::EventType::strategic_developments, "Disrupted weapons use", false, "weapons seized");
        if (taken == ObjectClass::people)
            return by_state ? typed(core::EventType::strategic_developments, "Arrests", false, "people taken by state forces")
                            : typed(core::EventType::violence_against_civilians, "Abduction/forced disappearance", true,
                                    "people taken by a non-state side");
        if (taken == ObjectClass::goods)
            return by_state ? not_political("goods seized by state forces: law enforcement, no political event")
                            : typed(core::EventType::strategic_developments, "Looting/property destruction", false, "goods taken");
        if (taken == ObjectClass::drugs) return not_political("drugs seized: an ordinary crime");
        if (f.sides.empty()) return not_political("something seized, and nothing says what or by whom");
        return typed(base.type, base.sub_event_type, base.violent || violent, "a seizure; nothing says what was taken");
    }

    if (base.frame == Frame::destruction) {  // property destroyed or looted
        if (f.sides.empty()) return not_political("property destroyed, and no one named who did it");
        if (has(ActorRole::mob)) return typed(core::EventType::riots, "Mob violence", true, "property destroyed by a mob");
        if (has(ActorRole::protesters) || has(ActorRole::rioters))
            return typed(core::EventType::riots, "Violent demonstration", true, "property destroyed by protesters or rioters");
        return typed(base.type, base.sub_event_type, base.violent || violent, "property destroyed, " + word);
    }

    if (base.frame == Frame::clash) {  // fighting on both sides
        if ((has(ActorRole::state) && has(ActorRole::armed)) || armed_groups() >= 2)
            return typed(core::EventType::battles, "Armed clash", true, "fighting between two armed, organised sides");
        if (has(ActorRole::mob)) return typed(core::EventType::riots, "Mob violence", true, "fighting by a mob");
        if (has(ActorRole::protesters) || has(ActorRole::rioters))
            return typed(core::EventType::riots, "Violent demonstration", true, "fighting by protesters or rioters");
        if (has(ActorRole::civilians) && (has(ActorRole::armed) || has(ActorRole::state)))
            return typed(core::EventType::violence_against_civilians, "Attack", true, "one armed side against civilians");
        return typed(base.type, base.sub_event_type, base.violent || violent, "fighting, " + word + "; the sides named say no more");
    }

    if (base.frame == Frame::violence) {  // force used by one side on another
        if ((has(ActorRole::state) && has(ActorRole::armed)) || armed_groups() >= 2)
            return typed(core::EventType::battles, "Armed clash", true, "two armed, organised sides");
        if (has(ActorRole::state) && has(ActorRole::protesters) && !acts(ActorRole::protesters) && !has(ActorRole::rioters)) {
            if (f.killed) return typed(core::EventType::protests, "Excessive force against protesters", true, "state forces killed protesters");
            return typed(core::EventType::protests, "Protest with intervention", true, "state forces used force on protesters");
        }
        if (has(ActorRole::mob)) return typed(core::EventType::riots, "Mob violence", true, "a mob");
        // An armed group firing on a crowd attacks civilians; the crowd did no violence.
        if (acts(ActorRole::armed) && !acts(ActorRole::protesters) && !acts(ActorRole::rioters) &&
            (undergoes(ActorRole::protesters) || undergoes(ActorRole::civilians)))
            return typed(core::EventType::violence_against_civilians, "Attack", true, "an armed group on unarmed people");
        if (has(ActorRole::protesters) || has(ActorRole::rioters))
            return typed(core::EventType::riots, "Violent demonstration", true, "violence by protesters or rioters");
        if (undergoes(ActorRole::civilians) || (has(ActorRole::civilians) && !has(ActorRole::state)))
            return typed(core::EventType::violence_against_civilians, "Attack", true, "violence on civilians, one armed side");
        return typed(base.type, base.sub_event_type, base.violent || violent, "force used, " + word + "; the sides named say no more");
    }

    if (base.type == core::EventType::protests && base.sub_event_type == "Peaceful protest" && violent)
        return typed(core::EventType::riots, "Violent demonstration", true, "a protest told with violence");
    // Arrests told with a protest are the authorities' intervention in it.
    if (base.type == core::EventType::protests && base.sub_event_type == "Peaceful protest" &&
        std::any_of(f.triggers.begin(), f.triggers.end(), [](const EventTrigger* t) { return t->sub_event_type == "Arrests"; }))
        return typed(core::EventType::protests, "Protest with intervention", false, "protesters arrested at the protest");
    return typed(base.type, base.sub_event_type, base.violent || violent, "the event word " + word);
}

}  // namespace incidentmap::extract
