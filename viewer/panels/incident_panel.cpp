#include "viewer/panels/incident_panel.hpp"

#include "core/error.hpp"
#include "core/io/incident_io.hpp"
#include "viewer/incident_text.hpp"

#include <imgui.h>

#include <filesystem>

namespace incidentmap::viewer {

void IncidentPanel::set_sources(std::vector<std::string> loaded, std::vector<std::string> problems) {
    loaded_ = std::move(loaded);
    problems_ = std::move(problems);
}

std::string IncidentPanel::export_shown(const std::string& path) {
    try {
        const core::IncidentSet shown = layer_.shown_set();
        core::io::write_incidents(shown, path);
        export_failed_ = false;
        export_message_ = "Wrote " + std::to_string(shown.size()) + " incidents to " + path;
        layer_.mark_saved();
    } catch (const std::exception& e) {
        export_failed_ = true;
        export_message_ = std::string("Export failed: ") + e.what();
    }
    return export_message_;
}

float IncidentPanel::draw(const PanelSlot& slot) {
    place_next_window(slot);
    if (ImGui::Begin("Incidents", nullptr, kSlotFlags)) draw_content();
    return end_panel();
}

// The incidents the filters keep that have no location (the report names no place): counted, listed here, and
// exported, but not drawn. A click opens one in the inspector.
void IncidentPanel::draw_unlocated() {
    const auto unlocated = layer_.filtered().unlocated();
    if (unlocated.empty()) return;
    const std::string title = "No location (" + std::to_string(unlocated.size()) + ")###unlocated";
    if (!ImGui::CollapsingHeader(title.c_str())) return;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    if (!ImGui::BeginChild("##unlocated", ImVec2(0, std::min(8.0f, static_cast<float>(unlocated.size())) * line + 4), false)) {
        ImGui::EndChild();
        return;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(unlocated.size()));
    while (clipper.Step())
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const std::uint32_t i = unlocated[static_cast<std::size_t>(k)];
            const core::Incident in = layer_.incidents().incident(i);
            std::size_t cut = std::min<std::size_t>(in.quote.size(), 60);  // at a code point's start
            while (cut < in.quote.size() && cut > 0 && (static_cast<unsigned char>(in.quote[cut]) & 0xC0) == 0x80) --cut;
            std::string label = describe_time(in.time) + "  " + (in.sub_event_type.empty() ? std::string("?") : in.sub_event_type) +
                                "  " + in.quote.substr(0, cut);
            label += "##" + std::to_string(i);
            const bool chosen = layer_.selected() == std::optional<std::size_t>(i);
            if (ImGui::Selectable(label.c_str(), chosen)) layer_.select(i);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", in.quote.c_str());
        }
    ImGui::EndChild();
}

// A path typed or pasted (files can also be dropped on the window): GeoJSON, GeoPackage, CSV, a project, PG:...
void IncidentPanel::draw_open_files() {
    if (!on_open_files) return;
    ImGui::SetNextItemOpen(layer_.empty(), ImGuiCond_Appearing);
    if (!ImGui::CollapsingHeader("Open files")) return;
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
    const bool entered = ImGui::InputTextWithHint("##open", "path; path... or drop files here", open_path_, sizeof open_path_,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Open") || entered) && open_path_[0]) {
        std::vector<std::string> files;
        std::string_view rest(open_path_);
        while (!rest.empty()) {
            const std::size_t cut = rest.find(';');
            std::string_view one = rest.substr(0, cut);
            while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
            while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
            if (!one.empty()) files.emplace_back(one);
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
        }
        try {
            export_message_ = on_open_files(files);
            export_failed_ = false;
            open_path_[0] = 0;
        } catch (const std::exception& e) {
            export_message_ = e.what();
            export_failed_ = true;
        }
    }
}

void IncidentPanel::draw_view_file() {
    if (!on_save_view || !on_load_view) return;
    if (!ImGui::CollapsingHeader("View file")) return;
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##view", view_path_, sizeof view_path_);
    auto run = [&](const std::function<std::string(const std::string&)>& f) {
        try {
            export_message_ = f(view_path_);
            export_failed_ = false;
        } catch (const std::exception& e) {
            export_message_ = e.what();
            export_failed_ = true;
        }
    };
    if (ImGui::Button("Save view")) run(on_save_view);
    ImGui::SameLine();
    if (ImGui::Button("Open view")) run(on_load_view);
}

void IncidentPanel::draw_content() {
    for (const std::string& l : loaded_) ImGui::TextWrapped("%s", l.c_str());
    for (const std::string& p : problems_) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 100, 255));
        ImGui::TextWrapped("%s", p.c_str());
        ImGui::PopStyleColor();
    }
    draw_open_files();
    draw_view_file();
    if (layer_.empty()) {
        ImGui::TextDisabled("No incidents loaded.");
        return;
    }
    IncidentFilter& f = layer_.filter();
    const FilterCounts& counts = layer_.filtered().counts();
    ImGui::Separator();
    // How the map draws them: markers and clusters ringed by their severity mix, or a density.
    auto title = [](Aggregation a) {
        std::string name = aggregation_name(a);
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
        return name;
    };
    ImGui::TextUnformatted("Draw as");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##draw-as", title(layer_.aggregation()).c_str())) {
        for (const Aggregation a : kAggregations)
            if (ImGui::Selectable(title(a).c_str(), layer_.aggregation() == a)) layer_.set_aggregation(a);
        ImGui::EndCombo();
    }
    ImGui::Separator();
    ImGui::Text("Severity");
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("in time").x);
    ImGui::TextDisabled("in time");
    for (std::size_t k = core::kSeverityCount; k-- > 0;) {
        ImGui::PushID(static_cast<int>(k));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float r = ImGui::GetFontSize() * 0.35f;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r + 2, p.y + ImGui::GetFrameHeight() / 2), r, style_.severity[k]);
        ImGui::Dummy(ImVec2(2 * r + 6, ImGui::GetFrameHeight()));
        ImGui::SameLine();
        bool on = f.severity[k];
        if (ImGui::Checkbox(severity_name(core::kAllSeverities[k]).c_str(), &on)) f.severity[k] = on;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("000000").x);
        ImGui::Text("%6zu", counts.by_severity[k]);
        ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::Text("Event type");
    for (std::size_t t = 0; t < kEventTypeSlots; ++t) {
        if (t == kEventTypeSlots - 1 && counts.by_event_type[t] == 0 && f.event_type[t]) continue;  // no unknown types
        ImGui::PushID(100 + static_cast<int>(t));
        bool on = f.event_type[t];
        if (ImGui::Checkbox(event_type_name(t).c_str(), &on)) f.event_type[t] = on;
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("000000").x);
        ImGui::Text("%6zu", counts.by_event_type[t]);
        ImGui::PopID();
    }
    if (ImGui::SmallButton("All")) {
        f.severity.fill(true);
        f.event_type.fill(true);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu of %zu in time shown", counts.shown, counts.in_time);
    draw_unlocated();

    ImGui::Separator();
    ImGui::Text("Export what is shown");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##export", export_path_, sizeof export_path_);
    auto with_extension = [&](const char* ext) {
        std::filesystem::path p(export_path_);
        p.replace_extension(ext);
        return p.string();
    };
    if (ImGui::Button("GeoJSON")) export_shown(with_extension(".geojson"));
    ImGui::SameLine();
    if (ImGui::Button("GeoPackage")) export_shown(with_extension(".gpkg"));
    if (layer_.modified()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "unsaved corrections");
    }
    if (!export_message_.empty()) {
        if (export_failed_) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 100, 255));
        ImGui::TextWrapped("%s", export_message_.c_str());
        if (export_failed_) ImGui::PopStyleColor();
    }
}

}  // namespace incidentmap::viewer
