#pragma once
// The vocabulary of events of one language, loaded from assets/extract/events/<lang>.tsv (data, not code): the
// words that tell what happened (triggers, each with its ACLED event type), who took part (actors), and the words
// that change how a sentence is read (negation, denial, hedging, "another", clause starts).
//
// File format (read with extract/lexicon_file.hpp; PHRASE as in extract/phrase_table.hpp, '*' ends a prefix):
//   trigger   PHRASE  EVENT_TYPE  SUB_EVENT_TYPE  violent|nonviolent
//                     EVENT_TYPE spelt as ACLED does ("Explosions/Remote violence"); SUB_EVENT_TYPE free text
//   actor     PHRASE  NAME  state|protesters|rioters|armed|civilians
//                     NAME is what the incident's `actors` says ("police", "protesters")
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
#include "extract/language.hpp"
#include "extract/lexicon_file.hpp"
#include "extract/phrase_table.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace incidentmap::extract {

enum class ActorRole : std::uint8_t { state, protesters, rioters, armed, civilians };

struct EventTrigger {
    core::EventType type{};
    std::string sub_event_type;
    bool violent = false;
};

struct Actor {
    std::string name;
    ActorRole role{};
};

enum class CueKind : std::uint8_t { trigger, actor, negation, denial, hedge, source, distinct, clause, ignore, nationwide };

struct Cue {
    CueKind kind{};
    std::size_t token = 0;   // the first token, an index into the range given to find()
    std::size_t length = 0;  // tokens
    std::size_t item = 0;    // the trigger or actor (EventLexicon::trigger(), actor()); 0 for the other kinds
};

class EventLexicon {
public:
    static EventLexicon load(Language lang);
    static EventLexicon parse(const LexiconFile& file);

    std::vector<Cue> find(std::span<const gazetteer::Token> tokens) const;
    const EventTrigger& trigger(std::size_t i) const { return triggers_.at(i); }
    const Actor& actor(std::size_t i) const { return actors_.at(i); }

private:
    struct Entry {
        CueKind kind{};
        std::size_t item = 0;
    };
    PhraseTable phrases_;
    std::vector<Entry> entries_;
    std::vector<EventTrigger> triggers_;
    std::vector<Actor> actors_;
};

}  // namespace incidentmap::extract
