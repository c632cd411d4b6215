#include "viewer/panels/inspector_panel.hpp"

#include "viewer/incident_text.hpp"

#include <imgui.h>

#include <cctype>
#include <cstring>
#include <string>

namespace incidentmap::viewer {

namespace {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '-'; }

// `s` without its last `n` code points.
std::string_view drop_code_points(std::string_view s, int n) {
    std::size_t end = s.size();
    while (n-- > 0 && end > 0) {
        --end;
        while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    }
    return s.substr(0, end);
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> find_mention(std::string_view quote, std::string_view name) {
    if (quote.empty() || name.empty()) return std::nullopt;
    const std::string q = ascii_lower(quote), n = ascii_lower(name);
    auto at_word_start = [&](std::size_t pos) { return pos == 0 || !is_word_byte(static_cast<unsigned char>(q[pos - 1])); };
    for (std::size_t pos = q.find(n); pos != std::string::npos; pos = q.find(n, pos + 1))
        if (at_word_start(pos)) {
            // To the end of the word: an inflected ending ("Новосибирске" for "Новосибирск") is part of the mention.
            std::size_t end = pos + n.size();
            while (end < q.size() && is_word_byte(static_cast<unsigned char>(q[end])) && q[end] != '-') ++end;
            return std::make_pair(pos, end);
        }
    // An inflected form ("Алмате" for "Алматы"): the first word's stem at a word start, to the end of that word.
    const std::string_view first = std::string_view(n).substr(0, n.find(' '));
    if (code_points(first) < 5) return std::nullopt;
    const std::string stem(drop_code_points(first, code_points(first) >= 7 ? 2 : 1));
    for (std::size_t pos = q.find(stem); pos != std::string::npos; pos = q.find(stem, pos + 1)) {
        if (!at_word_start(pos)) continue;
        std::size_t end = pos + stem.size();
        while (end < q.size() && is_word_byte(static_cast<unsigned char>(q[end])) && q[end] != '-') ++end;
        return std::make_pair(pos, end);
    }
    return std::nullopt;
}

std::optional<std::pair<std::size_t, std::size_t>> mention_in_quote(const core::Incident& in) {
    if (in.mention_span && in.source_span && in.source_span->begin <= in.mention_span->begin &&
        in.mention_span->begin < in.mention_span->end && in.mention_span->end <= in.source_span->end) {
        // Code points from the quote's start to bytes.
        const std::int64_t from = in.mention_span->begin - in.source_span->begin, to = in.mention_span->end - in.source_span->begin;
        std::optional<std::size_t> begin, end;
        std::int64_t cp = 0;
        for (std::size_t b = 0; b <= in.quote.size(); ++b) {
            if (b < in.quote.size() && (static_cast<unsigned char>(in.quote[b]) & 0xC0) == 0x80) continue;
            if (cp == from) begin = b;
            if (cp == to) {
                end = b;
                break;
            }
            ++cp;
        }
        if (begin && end) return std::make_pair(*begin, *end);
    }
    return find_mention(in.quote, in.place_name);
}

namespace {

// Wrapped text with the bytes [mark.first, mark.second) on a coloured background.
void highlighted_text(std::string_view text, std::optional<std::pair<std::size_t, std::size_t>> mark, ImU32 mark_color) {
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    float x = 0, y = 0;
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    // Words with their trailing space; a word is cut where the mark begins or ends so the mark is exact.
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') ++j;
        while (j < text.size() && text[j] == ' ') ++j;
        if (mark && i < mark->first && j > mark->first) j = mark->first;
        if (mark && i < mark->second && j > mark->second) j = mark->second;
        const char* b = text.data() + i;
        const char* e = text.data() + j;
        const float w = ImGui::CalcTextSize(b, e).x;
        const bool glued = i > 0 && text[i - 1] != ' ';  // a piece split at the mark continues its word
        if (x > 0 && x + w > width && !glued) {
            x = 0;
            y += line;
        }
        const ImVec2 at(origin.x + x, origin.y + y);
        const bool marked = mark && i >= mark->first && j <= mark->second;
        if (marked) {
            const float trailing = text[j - 1] == ' ' ? ImGui::CalcTextSize(" ").x : 0;
            dl.AddRectFilled(ImVec2(at.x - 1, at.y - 1), ImVec2(at.x + w - trailing + 1, at.y + ImGui::GetFontSize() + 1), mark_color, 2);
        }
        dl.AddText(at, marked ? IM_COL32(20, 20, 20, 255) : color, b, e);
        x += w;
        i = j;
    }
    ImGui::Dummy(ImVec2(width, y + line));
}

void row(const char* key, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", key);
    ImGui::TableSetColumnIndex(1);
    if (value.empty()) ImGui::TextDisabled("unknown");
    else ImGui::TextWrapped("%s", value.c_str());
}

std::string figure(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }

}  // namespace

float InspectorPanel::draw(const PanelSlot& slot) {
    if (!layer_.selected() && layer_.choices().empty()) return 0;
    place_next_window(slot);
    bool open = true;
    if (ImGui::Begin("Inspector", &open, kSlotFlags)) draw_content();
    const float height = end_panel();
    if (!open) {
        layer_.select(std::nullopt);
        layer_.set_choices({});
    }
    return height;
}

void InspectorPanel::draw_content() {
    if (!layer_.choices().empty()) draw_choices();
    const auto selected = layer_.selected();
    if (!selected) return;
    const core::Incident in = layer_.incidents().incident(*selected);
    draw_properties(*selected, in);
    draw_editor(*selected, in);
}

void InspectorPanel::draw_sources(std::size_t index, const core::Incident& in) {
    if (!sources_of) return;
    if (sources_key_ != std::pair{index, layer_.version()}) {
        sources_key_ = std::pair{index, layer_.version()};
        sources_problem_.clear();
        try {
            sources_ = sources_of(in);
        } catch (const std::exception& e) {
            sources_.clear();
            sources_problem_ = e.what();
        }
    }
    if (!sources_problem_.empty()) {
        ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "Sources could not be read: %s", sources_problem_.c_str());
        return;
    }
    if (sources_.empty()) return;
    const std::string title = "Sources (" + std::to_string(sources_.size()) + ")###sources";
    ImGui::SetNextItemOpen(sources_.size() > 1, ImGuiCond_Appearing);
    if (!ImGui::CollapsingHeader(title.c_str())) return;
    for (std::size_t k = 0; k < sources_.size(); ++k) {
        const SourceItem& s = sources_[k];
        ImGui::PushID(static_cast<int>(k));
        ImGui::TextWrapped("%zu. %s", k + 1, s.heading.c_str());
        if (!s.location.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextWrapped("%s", s.location.c_str());
            ImGui::PopStyleColor();
        }
        if (!s.quote.empty()) ImGui::TextWrapped("\"%s\"", s.quote.c_str());
        if (!s.figures.empty()) ImGui::TextWrapped("%s", s.figures.c_str());
        ImGui::PopID();
        if (k + 1 < sources_.size()) ImGui::Separator();
    }
}

void InspectorPanel::draw_choices() {
    const core::IncidentSet& set = layer_.incidents();
    ImGui::Text("%zu incidents at this place", layer_.choices().size());
    const float h = std::min(6.0f, static_cast<float>(layer_.choices().size())) * ImGui::GetTextLineHeightWithSpacing() + 6;
    if (ImGui::BeginChild("##choices", ImVec2(0, h), true)) {
        for (const std::uint32_t i : layer_.choices()) {
            ImGui::PushID(static_cast<int>(i));
            const std::size_t slot = set.event_types()[i];
            const std::string text = describe_time(set.time(i)) + "  " + event_type_name(slot) + "  " + severity_name(set.severities()[i]);
            if (ImGui::Selectable(text.c_str(), layer_.selected() == i)) layer_.select(i);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
}

void InspectorPanel::draw_properties(std::size_t index, const core::Incident& in) {
    const std::size_t slot = in.event_type ? static_cast<std::size_t>(*in.event_type) : core::kEventTypeCount;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = ImGui::GetFontSize() * 0.4f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFontSize() / 2 + 1), r,
                                                style_.severity[core::rank(in.severity)]);
    ImGui::Dummy(ImVec2(2 * r + 4, ImGui::GetFontSize()));
    ImGui::SameLine();
    ImGui::Text("%s · %s", severity_name(in.severity).c_str(), event_type_name(slot).c_str());
    if (in.manual_correction) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "(corrected)");
    }
    if (!in.quote.empty()) {
        ImGui::Spacing();
        highlighted_text(in.quote, mention_in_quote(in), IM_COL32(255, 214, 102, 255));
    }
    draw_sources(index, in);
    ImGui::Spacing();
    if (!ImGui::BeginTable("##properties", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    row("when", describe_time(in.time) + " (" + std::string(core::to_string(in.time.precision())) + " precision)");
    row("sub-event", in.sub_event_type);
    std::string actors;
    for (const auto& a : in.actors) actors += (actors.empty() ? "" : "; ") + a;
    row("actors", actors);
    row("violent", in.violent ? "yes" : "no");
    row("figures", describe_figures(in));
    row("killed", figure(in.fatalities));
    row("killed at least", figure(in.fatalities_min));
    row("wounded", figure(in.injured));
    row("arrested", figure(in.arrested));
    row("place", in.place_name);
    row("place id", in.place_id);
    row("country", in.country);
    row("admin1", in.admin1);
    char where[64] = "no location: the report names no place";
    if (in.location) std::snprintf(where, sizeof where, "%.5f, %.5f", in.location->lat_deg(), in.location->lon_deg());
    row("lat, lon", where);
    row("geo precision", in.geo_precision ? std::to_string(*in.geo_precision) : std::string());
    const auto u = uncertainty_meters(in);
    row("uncertainty", u ? (*u >= 1000 ? std::to_string(static_cast<long>(*u / 1000)) + " km" : std::to_string(static_cast<long>(*u)) + " m")
                         : std::string());
    row("confidence", in.confidence ? std::to_string(*in.confidence).substr(0, 4) : std::string());
    row("language", in.language);
    row("source", in.source);
    row("source span", in.source_span ? std::to_string(in.source_span->begin) + "-" + std::to_string(in.source_span->end) : std::string());
    row("id", in.id);
    ImGui::EndTable();
}

void InspectorPanel::draw_editor(std::size_t index, const core::Incident& current) {
    if (draft_of_ != index || draft_version_ != layer_.version()) {
        draft_ = current;
        draft_of_ = index;
        draft_version_ = layer_.version();
    }
    if (!ImGui::CollapsingHeader("Correct")) return;
    ImGui::TextDisabled("Drag the selected marker on the map to move it.");
    int type = draft_.event_type ? static_cast<int>(*draft_.event_type) : static_cast<int>(core::kEventTypeCount);
    if (ImGui::BeginCombo("event type", event_type_name(static_cast<std::size_t>(type)).c_str())) {
        for (int t = 0; t <= static_cast<int>(core::kEventTypeCount); ++t)
            if (ImGui::Selectable(event_type_name(static_cast<std::size_t>(t)).c_str(), t == type))
                draft_.event_type = t == static_cast<int>(core::kEventTypeCount) ? std::nullopt
                                                                                  : std::optional(static_cast<core::EventType>(t));
        ImGui::EndCombo();
    }
    int severity = core::rank(draft_.severity);
    if (ImGui::BeginCombo("severity", severity_name(draft_.severity).c_str())) {
        for (int k = 0; k < static_cast<int>(core::kSeverityCount); ++k)
            if (ImGui::Selectable(severity_name(core::kAllSeverities[static_cast<std::size_t>(k)]).c_str(), k == severity))
                draft_.severity = core::kAllSeverities[static_cast<std::size_t>(k)];
        ImGui::EndCombo();
    }
    auto figure_field = [](const char* label, std::optional<int>& v) {
        ImGui::PushID(label);
        bool known = v.has_value();
        if (ImGui::Checkbox("##known", &known)) v = known ? std::optional<int>(0) : std::nullopt;
        ImGui::SameLine();
        int value = v.value_or(0);
        ImGui::BeginDisabled(!known);
        if (ImGui::InputInt(label, &value) && known) v = std::max(0, value);
        ImGui::EndDisabled();
        ImGui::PopID();
    };
    figure_field("killed", draft_.fatalities);
    figure_field("wounded", draft_.injured);
    figure_field("arrested", draft_.arrested);
    char place[256];
    std::snprintf(place, sizeof place, "%s", draft_.place_name.c_str());
    if (ImGui::InputText("place", place, sizeof place)) draft_.place_name = place;
    ImGui::BeginDisabled(draft_ == current);
    if (ImGui::Button("Apply")) {
        core::Incident corrected = draft_;
        corrected.manual_correction = true;
        layer_.replace(index, corrected);
    }
    ImGui::SameLine();
    if (ImGui::Button("Revert")) draft_ = current;
    ImGui::EndDisabled();
}

}  // namespace incidentmap::viewer
