#include "viewer/panels/layer_panel.hpp"

#include <imgui.h>

#include <string>

namespace incidentmap::viewer {

float LayerPanel::draw(const PanelSlot& slot) {
    place_next_window(slot);
    if (ImGui::Begin("Layers", nullptr, kSlotFlags)) draw_content();
    return end_panel();
}

void LayerPanel::draw_content() {
    const std::size_t n = stack_.size();
    std::size_t move_from = n, move_to = n;  // applied after the list is drawn
    // Listed top first, as they stack on the map.
    for (std::size_t row = 0; row < n; ++row) {
        const std::size_t i = n - 1 - row;
        LayerSettings& s = stack_.layer_settings(i);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Checkbox(display_name(s.source).c_str(), &s.visible);
        if (const BasemapLayer* layer = stack_.layer(i); layer && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", layer->description().c_str());
        const float button = ImGui::GetFrameHeight();
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 2 * button - ImGui::GetStyle().ItemSpacing.x);
        if (row == 0) ImGui::Dummy(ImVec2(button, button));
        else if (ImGui::ArrowButton("up", ImGuiDir_Up)) move_from = i, move_to = i + 1;
        ImGui::SameLine();
        if (row + 1 == n) ImGui::Dummy(ImVec2(button, button));
        else if (ImGui::ArrowButton("down", ImGuiDir_Down)) move_from = i, move_to = i - 1;
        ImGui::SetNextItemWidth(-1);
        ImGui::SliderFloat("##opacity", &s.opacity, 0.0f, 1.0f, "opacity %.2f");
        if (const std::string message = stack_.message(i); !message.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 100, 255));
            ImGui::TextWrapped("%s", message.c_str());
            ImGui::PopStyleColor();
        }
        ImGui::PopID();
        if (row + 1 < n) ImGui::Separator();
    }
    if (move_from < n) stack_.move(move_from, move_to);
}

}  // namespace incidentmap::viewer
