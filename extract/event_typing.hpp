#pragma once
// The type of one event, as ACLED's coders give it: from the words that tell what happened, and from who did it to
// whom. The trigger word alone names a kind of act ("opened fire", "seized"); the sides decide the event:
//
//  - Fighting (frame `clash`): two armed, organised sides, Battles / Armed clash; protesters or rioters (with or
//    without the police), Riots / Violent demonstration; a mob, Mob violence; an armed side and civilians, an
//    attack on civilians; otherwise what the trigger says.
//  - Force used by one side on someone (frame `violence`, or casualty figures with no event word, when someone is
//    named who caused them; without anyone, a death toll is no event):
//      two armed, organised sides (state forces and an armed group, or two armed groups)  Battles / Armed clash
//      state forces on protesters                 Protests / Excessive force against protesters when people were
//                                                 killed, else Protest with intervention
//      protesters or rioters on state forces      Riots / Violent demonstration
//      a mob                                      Riots / Mob violence
//      an armed group on protesters or civilians, anyone armed on civilians, or civilians killed with no side named
//                                                 Violence against civilians / Attack
//      otherwise                                  what the trigger says
//  - Something taken (frame `seizure`): a place or territory, by state forces Battles / Government regains
//    territory, by anyone else Battles / Non-state actor overtakes territory; weapons, Strategic developments /
//    Disrupted weapons use; people, by state forces Arrests, by anyone else Violence against civilians /
//    Abduction/forced disappearance; goods, by others than state forces Looting/property destruction (by state forces,
//    and drugs, no political event). Weapons or drugs named after the act decide; otherwise the first thing named.
//  - Property destroyed or looted (frame `destruction`): by protesters or rioters Riots / Violent demonstration, by a
//    mob Mob violence, otherwise what the trigger says (Strategic developments / Looting/property destruction); with
//    no side named at all ("homes were destroyed"), no event.
//  - A weapon defused, intercepted or shot down (a Disrupted weapons use trigger) makes the explosive words beside
//    it no explosion.
//  - A protest told with violence is a violent demonstration; told with arrests, a protest with intervention.
//  - A disaster, an epidemic, an accident or an ordinary crime (the lexicon's `nonpolitical` words) is no political event unless
//    a political side takes part (armed groups, protesters, rioters, a mob; state forces alone do not: police
//    attend road accidents and arrest robbers).
//
// Who did it: an actor after an agent word ("by", "par") in a passive clause, else the actors named before the
// event word; the actors after it are what it was done to.
//
// Guarantees: type_event() is a pure function of its input; `why` says in a line what decided, for --explain.
//
// Cost: linear in the words of the event's clauses (a pure function of the event, called once per event).

#include "core/incident.hpp"
#include "extract/event_lexicon.hpp"

#include <optional>
#include <string>
#include <vector>

namespace incidentmap::extract {

struct Side {
    ActorRole role{};
    std::string name;
    bool agent = false;  // did the act, rather than had it done to them
};

struct EventFacts {
    std::vector<const EventTrigger*> triggers;  // in text order
    std::vector<Side> sides;
    std::optional<ObjectClass> taken;           // what a seizure trigger took, when the clause says (people: also
                                                // an actor named after it, "captured 20 soldiers")
    std::optional<NonPolitical> nonpolitical;   // the sentence tells a disaster, accident or crime
    bool killed = false, injured = false, arrested = false;  // casualty figures above zero
};

struct EventTyping {
    bool political = true;  // false: no political event (a disaster, an accident, a crime, drugs seized)
    core::EventType type{};
    std::string sub_event_type;
    bool violent = false;
    std::string why;
};

EventTyping type_event(const EventFacts& facts);

// How grave an event type is (explosions 5, battles 4, violence against civilians 3, riots 2, protests 1,
// strategic developments 0): the type of an event told with several words is its gravest.
int event_gravity(core::EventType t);

}  // namespace incidentmap::extract
