#pragma once
// Type-ahead place search: a text field that queries the gazetteer on every change and lists the places found,
// best first; Up/Down move the highlight, Enter or a click chooses. The viewer takes the choice with take_choice()
// and flies there (camera_flight.hpp).
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().
//
// The search itself (search_places) and the non-UI entries (set_query, results, choose, take_choice) need no ImGui
// context: scripts and tests drive the panel through them. Results are copies: they stay valid whatever the
// gazetteer does, but the panel borrows the gazetteer to search it, so it must outlive the panel.

#include "core/lat_lon.hpp"
#include "core/meters.hpp"
#include "gazetteer/gazetteer.hpp"
#include "gazetteer/place_kind.hpp"
#include "viewer/panels/panel_slot.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::viewer {

struct SearchResult {
    std::string id;            // "geonames:1526384"
    std::string name;          // the place's main name: "Almaty"
    // The name the query matched when the main name does not start with what was typed: "Алматы" for "Алма".
    // Preferably one that starts with the query as typed (ignoring case), else one in the query's script;
    // transliterated to ASCII when the viewer's fonts could not show it ("alman"). Empty otherwise.
    std::string matched_name;
    gazetteer::PlaceClass place_class = gazetteer::PlaceClass::city;
    std::string kind;     // the fine kind: "P.PPLA", "station;railway=station"
    std::string country;  // ISO alpha-2, or empty
    core::LatLon location;
    core::Meters radius;  // 0 when the gazetteer does not know it
    gazetteer::MatchKind match = gazetteer::MatchKind::exact;
    double score = 0;
    // Found through a name in another script than the one typed (transliterated: "Алма" finds Germany by "alman"):
    // listed after the places found through a name in the script typed.
    bool other_script = false;

    // "Almaty (Алматы)", or just "Almaty".
    std::string label() const;
    // "city", "landmark: station": the class, and the fine kind where it says more than the class.
    std::string kind_label() const;
};

struct SearchChoice {
    std::string name;
    core::LatLon location;
    core::Meters radius;  // 0 when unknown: see framing_radius() in camera_flight.hpp
    gazetteer::PlaceClass place_class = gazetteer::PlaceClass::city;
    std::string id;
};

// The places whose names match `query` as typed so far, at most `limit`, at most one per place: first the names
// equal to it or starting with it, in any script ("Алма" finds "Almaty"), best first, those found through a name in
// the script typed before those found through another script's; then, from 4 characters on and while rows are
// left, the names a typo or two away in the script typed or in Latin ("Almati"), best first. A blank query finds
// nothing.
// Throws core::Error only when ICU lacks the transliteration data (a broken installation).
std::vector<SearchResult> search_places(const gazetteer::Gazetteer& gazetteer, std::string_view query,
                                        std::size_t limit);

class SearchPanel {
public:
    static constexpr std::size_t kMaxResults = 12;

    // Borrows `gazetteer`, which must outlive the panel; null makes a panel that says no gazetteer is loaded and
    // finds nothing.
    explicit SearchPanel(const gazetteer::Gazetteer* gazetteer) : gazetteer_(gazetteer) {}
    // In its slot of the layout; returns the height it took (0 when not shown).
    float draw(const PanelSlot& slot);

    // Replaces the query as if it had been typed (cut to 255 bytes, at a character boundary) and searches again;
    // the highlight returns to the first result. Invalidates references into results().
    void set_query(std::string query);
    const std::string& query() const { return query_; }
    const std::vector<SearchResult>& results() const { return results_; }
    // The result Enter would choose; meaningless when results() is empty.
    std::size_t highlighted() const { return highlighted_; }
    // Whether the results are listed: closed by a choice, open again once the query changes or the field is
    // clicked.
    bool list_open() const { return list_open_; }
    // Chooses result k (as a click would) and closes the list; an index past the results is ignored.
    void choose(std::size_t k);
    // The place chosen since the last call, once.
    std::optional<SearchChoice> take_choice();
    // Why the last search failed (a broken ICU installation), or empty.
    const std::string& problem() const { return problem_; }

private:
    void draw_content();
    void search();

    const gazetteer::Gazetteer* gazetteer_;
    std::array<char, 256> buffer_{};  // what ImGui edits; query_ is its last searched content
    std::string query_;
    std::vector<SearchResult> results_;
    std::size_t highlighted_ = 0;
    std::optional<SearchChoice> choice_;
    bool list_open_ = true;
    std::string problem_;
};

}  // namespace incidentmap::viewer
