#include "viewer/panels/info_panel.hpp"

#include <imgui.h>

namespace incidentmap::viewer {

float InfoPanel::draw(const PanelSlot& slot) {
    place_next_window(slot);
    if (ImGui::Begin("incidentmap", nullptr, kSlotFlags)) draw_content();
    return end_panel();
}

void InfoPanel::add_problem(std::string problem) {
    constexpr std::size_t kKept = 6;
    problems_.push_back(std::move(problem));
    if (problems_.size() > kKept) problems_.erase(problems_.begin());
}

void InfoPanel::draw_content() {
    const auto centre = camera_.lat_lon_at({camera_.viewport_width() / 2.0, camera_.viewport_height() / 2.0});
    if (centre) ImGui::Text("Centre  %.4f, %.4f", centre->lat_deg(), centre->lon_deg());
    ImGui::Text("Zoom    %.2f", camera_.zoom_level());
    ImGui::Separator();
    ImGui::TextWrapped("%s", message_.empty() ? "No incidents loaded." : message_.c_str());
    if (!problems_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 150, 110, 255));
        for (const auto& p : problems_) ImGui::TextWrapped("%s", p.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Drag to pan, wheel or +/- to zoom, double click to zoom in.");
    ImGui::PopStyleColor();
}

}  // namespace incidentmap::viewer
