#pragma once
// The vocabulary of events of one language, loaded from assets/extract/events/<lang>.tsv (data, not code): the
// words that tell what happened (triggers, each with its ACLED event type), who took part (actors), and the words
// that change how a sentence is read (negation, denial, hedging, "another", clause starts).
//
// File format (read with extract/lexicon_file.hpp; PHRASE as in extract/phrase_table.hpp, '*' ends a prefix):
//   trigger   PHRASE  EVENT_TYPE  SUB_EVENT_TYPE  violent|nonviolent  [clash|violence|seizure|destruction]
//                     EVENT_TYPE and SUB_EVENT_TYPE spelt as ACLED's codebook does ("Explosions/Remote violence",
//                     "Remote explosive/landmine/IED"). The optional frame says that the sides decide the type
//                     (extract/event_typing.hpp): "clash", fighting on both sides (a clash between armed sides, a
//                     violent demonstration, mob violence); "violence", force used by one side on another (an attack
//                     on civilians, force against protesters);
//                     "seizure", something taken (territory, weapons, people, goods); "destruction", property
//                     destroyed or looted (by rioters a riot, by a mob mob violence, by others as the trigger says)
//   actor     PHRASE  NAME  state|armed|protesters|rioters|mob|civilians
//                     NAME is what the incident's `actors` says ("police", "protesters"); civilians are the
//                     unarmed that violence is done to (journalists, aid workers, villagers, women)
//   object    PHRASE  territory|weapons|people|goods|drugs  what a seizure takes ("the town", "weapons", "hostages")
//   agent     PHRASE  marks the doer in a passive clause ("by", "par", "со стороны"): the actor after it acted
//   nonpolitical PHRASE  disaster|disease|accident|crime  the sentence tells a disaster, an epidemic, an accident or an
//                     ordinary crime ("earthquake", "cholera", "road accident", "robbery"): no political event unless a political side
//                     (armed groups, protesters, rioters, a mob) takes part
//   negation  PHRASE  negates a trigger within the three words after it ("ne ... pas", "not", "не")
//   denial    PHRASE  the sentence reports a denial: its triggers are not events ("démenti", "denied")
//   hedge     PHRASE  the report is unconfirmed or second-hand ("non confirmées", "reportedly", "якобы")
//   source    PHRASE  attributes what the sentence says to a speaker ("selon", "said", "заявили"): a place in it
//                     may be where the speaker is rather than where anything happened
//   distinct  PHRASE  another event of the same kind, not the one told before ("un autre", "another")
//   clause    PHRASE  starts a subordinate clause that may tell an event of its own ("qui", "which", "который")
//   ignore    PHRASE  holds an event word but tells no event ("assault rifle", "fusil d'assaut"): the longer
//                     phrase wins over the word, and nothing comes of it
//   nationwide PHRASE the sentence speaks of the whole country ("dans toute la France", "across the country",
//                     "по всей стране"): its figures are a national toll, not the lead incident's
// An unknown section, a wrong number of fields, an unknown event type or role throws core::InputError naming
// FILE:LINE.
//
// Guarantees: find() reports the cues of a token range in text order without overlaps, the longest phrase winning
// at each token. An EventLexicon is immutable after loading and safe to share between threads.

#include "core/incident.hpp"
#include "core/language.hpp"
#include "extract/lexicon_file.hpp"
#include "extract/phrase_table.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace incidentmap::extract {

using core::Language;  // the languages read (core/language.hpp)

enum class ActorRole : std::uint8_t { state, armed, protesters, rioters, mob, civilians };
std::string_view to_string(ActorRole role);

// How the sides of an event decide its type (extract/event_typing.hpp).
enum class Frame : std::uint8_t { none, clash, violence, seizure, destruction };

// What a seizure takes, and what makes a sentence no political event.
enum class ObjectClass : std::uint8_t { territory, weapons, people, goods, drugs };
enum class NonPolitical : std::uint8_t { disaster, disease, accident, crime };
std::string_view to_string(ObjectClass c);
std::string_view to_string(NonPolitical c);

struct EventTrigger {
    core::EventType type{};
    std::string sub_event_type;
    bool violent = false;
    Frame frame = Frame::none;
};

struct Actor {
    std::string name;
    ActorRole role{};
};

enum class CueKind : std::uint8_t {
    trigger, actor, object, agent, nonpolitical, negation, denial, hedge, source, distinct, clause, ignore, nationwide
};

struct Cue {
    CueKind kind{};
    std::size_t token = 0;   // the first token, an index into the range given to find()
    std::size_t length = 0;  // tokens
    std::size_t item = 0;    // the trigger or actor (EventLexicon::trigger(), actor()), the ObjectClass or NonPolitical
                             // value; 0 for the other kinds
    std::size_t entry = 0;   // the lexicon line it came from (EventLexicon::phrase())
};

class EventLexicon {
public:
    static EventLexicon load(Language lang);
    static EventLexicon parse(const LexiconFile& file);

    std::vector<Cue> find(std::span<const gazetteer::Token> tokens) const;
    const EventTrigger& trigger(std::size_t i) const { return triggers_.at(i); }
    const Actor& actor(std::size_t i) const { return actors_.at(i); }
    // The words of a cue as the lexicon wrote them, for explanations.
    const std::string& phrase(const Cue& c) const { return phrase_text_.at(c.entry); }

private:
    struct Entry {
        CueKind kind{};
        std::size_t item = 0;
    };
    PhraseTable phrases_;
    std::vector<Entry> entries_;
    std::vector<EventTrigger> triggers_;
    std::vector<Actor> actors_;
    std::vector<std::string> phrase_text_;  // by entry
};

}  // namespace incidentmap::extract
