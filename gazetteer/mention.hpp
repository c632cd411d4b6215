#pragma once
// What the mention finder hands the resolver: a stretch of text that may name a place, the places it could name,
// and the evidence around it. Mentions are proposals: the resolver decides which are places and which place.
//
// Offsets are exact byte and Unicode code point offsets into the text given to MentionFinder::find (end exclusive).

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/region_table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::gazetteer {

enum class MentionKind : std::uint8_t {
    name,         // a place name from the gazetteer, the region table or an alias ("Almaty", "Ky.", "Africa")
    descriptive,  // a phrase naming a kind of landmark ("le bâtiment de l'administration locale", "the airport")
    feature,      // a named street, square or landmark the gazetteer lacks ("avenue Kléber", "Freedom Square")
    demonym,      // an adjective or demonym ("kazakhes", "Turkish"): evidence for a country, not a place mention
};
std::string_view to_string(MentionKind k);

// One place a mention may name: a gazetteer place or a region.
struct Hypothesis {
    std::optional<Place> place;
    const Region* region = nullptr;
    double prior = 0;  // the gazetteer's ranking score (prominence less match penalties)
    MatchKind match = MatchKind::exact;
    bool by_alias = false;  // matched through another of the place's names, not its main one
    bool abbreviation = false;  // the name it matched is written in capitals in the gazetteer ("США", "UK")

    std::string id() const { return place ? place->id() : region->id; }
    std::string_view name() const { return place ? place->name() : std::string_view(region->name); }
    core::LatLon location() const { return place ? place->location() : region->location; }
    std::string_view country() const { return place ? place->country() : std::string_view(); }
    std::uint64_t population() const { return place ? place->population() : 0; }
    // country, admin_region, city, district, street, square, landmark, natural; continent, region, sea
    std::string_view class_name() const;
    bool is_country_or_larger() const;
    bool is_city() const { return place && place->place_class() == PlaceClass::city; }
    bool is_admin() const { return place && place->place_class() == PlaceClass::admin_region; }
    bool is_fine() const;  // below city level: district, street, square, landmark
};

struct Mention {
    MentionKind kind = MentionKind::name;
    std::uint32_t first_token = 0, end_token = 0;  // [first, end)
    std::uint32_t begin = 0, end = 0;              // bytes
    std::uint32_t cp_begin = 0, cp_end = 0;        // code points
    std::string key;                               // folded name: repeated mentions share it
    std::vector<Hypothesis> candidates;            // best prior first

    // Evidence from the words around it.
    double cue = 0;               // weight of the word introducing it ("in", "à", "в"); 0 when none
    std::string cue_word;
    bool sentence_start = false;  // a single-word name at the start of a sentence
    bool all_caps = false;
    bool common_word = false;     // a common word of the language, or written in lower case elsewhere in the text
    bool first_name = false;      // a first name alone, matching only towns that are not named on their own ("Марк")
    bool ordinary_word = false;   // one word the language's dictionary knows only as an ordinary word ("Кроме", "Такой")
    bool in_proper_name = false;  // next to other capitalised words that are no place: a person or organisation
    bool in_organisation = false;  // ...and an organisation word makes it one ("Greater Manchester Police")
    bool leads_name = false;      // in a proper name only as its first word ("U.S. Centers for Disease Control")
    bool opens_public_body = false;  // ...of a public body's name, which says it is a place ("Enfield Council")
    bool alias = false;           // matched through the lexicon's abbreviations
    bool inflected = false;       // matched through a base form (Russian case endings)
    bool division_word = false;   // a noun beside it or in it makes it a region ("Washington state", "state of Oregon",
                                  // "Ленинградская область")
    std::string qualified_by;     // the region or country named after it that holds it ("Paris, Missouri")
    int list_prev = -1, list_next = -1;  // the names before and after it in an enumeration ("Ohio, Oregon and Idaho")
    int words = 1;

    // Descriptive and feature mentions.
    std::string target;            // landmark kind ("amenity=police"), "@centre", "@anaphor", or "" for a feature
    int city_mention = -1;         // index of a name mention inside it that says which place it is in ("d'Almaty")
    bool city_word = false;        // "de la ville", "города": the city the text is about
    std::string demonym_country;   // demonyms: ISO alpha-2
    bool nested = false;           // a name inside a descriptive mention: context only, not reported on its own
};

}  // namespace incidentmap::gazetteer
