#pragma once
// The inspector: every property of the selected incident, the source sentence with the place mention highlighted,
// and fields to correct it (the correction is recorded as manual_correction). When the analyst clicked a cluster
// of incidents at one place, it lists them first to choose from. An incident of a project lists its sources: each
// report it was merged from, with its outlet, title, date, location and its own reading (sentence and figures).
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "core/incident.hpp"
#include "viewer/incident_layer.hpp"
#include "viewer/map_style.hpp"
#include "viewer/panels/panel_slot.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include <optional>
#include <string_view>
#include <utility>

namespace incidentmap::viewer {

// One report an incident was read from, as the inspector lists it.
struct SourceItem {
    std::string heading;   // "Vlast.kz — Unrest in Almaty (2022-01-06)"
    std::string location;  // the file or URL
    std::string quote;     // that report's sentence
    std::string figures;   // that report's figures
};

class InspectorPanel {
public:
    InspectorPanel(IncidentLayer& layer, const MapStyle& style) : layer_(layer), style_(style) {}
    // Where an incident's sources come from (the viewer asks the projects it opened); unset: none are listed.
    std::function<std::vector<SourceItem>(const core::Incident&)> sources_of;
    // The sources listed for the selected incident in the last frame.
    const std::vector<SourceItem>& sources() const { return sources_; }
    // In its slot of the layout; returns the height it took (0 when not shown).
    float draw(const PanelSlot& slot);

private:
    void draw_content();
    void draw_choices();
    void draw_properties(std::size_t index, const core::Incident& in);
    void draw_editor(std::size_t index, const core::Incident& current);
    void draw_sources(std::size_t index, const core::Incident& in);

    IncidentLayer& layer_;
    const MapStyle& style_;
    // The edit buffer, loaded from the selected incident whenever the selection or the incidents change.
    core::Incident draft_;
    std::optional<std::size_t> draft_of_;
    std::uint64_t draft_version_ = 0;
    // The sources of the incident last asked for (asked once per selection, not each frame).
    std::optional<std::pair<std::size_t, std::uint64_t>> sources_key_;
    std::vector<SourceItem> sources_;
    std::string sources_problem_;
};

// The byte range of the quote that names the incident's place: its mention_span, when that lies in the quote's
// source_span (the sentence names the place, whatever words it uses: "le bâtiment de l'administration locale",
// "в Новосибирске"); otherwise find_mention of the place's name; nullopt when neither finds it.
std::optional<std::pair<std::size_t, std::size_t>> mention_in_quote(const core::Incident& incident);

// Where `name` (or, for an inflected mention, the word that starts with its stem) occurs in `quote`: a byte range,
// or nullopt. Case-insensitive for ASCII letters; "в Алмате" is found for "Almaty"'s name "Алматы" by its stem.
std::optional<std::pair<std::size_t, std::size_t>> find_mention(std::string_view quote, std::string_view name);

}  // namespace incidentmap::viewer
