#pragma once
// Where a panel goes in the viewer's layout (viewer.cpp lays them out each frame; ImGui 1.86 has no docking): its
// top left corner, its width, and the height it may grow to. A panel sizes itself to its content within that, may
// be collapsed to its title bar, and says how high it came out, so that the panel below it in a column closes up.

#include <imgui.h>

namespace incidentmap::viewer {

struct PanelSlot {
    ImVec2 pos;
    float width = 0;
    float max_height = 0;
};

// Puts the next ImGui window at the slot: position and width fixed, height its content's, at most max_height
// (content beyond scrolls).
inline void place_next_window(const PanelSlot& slot) {
    ImGui::SetNextWindowPos(slot.pos, ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(slot.width, 0), ImVec2(slot.width, slot.max_height > 0 ? slot.max_height : 1));
}

// The flags of a panel window in a slot: it keeps to the slot, and sizes itself to its content.
inline constexpr ImGuiWindowFlags kSlotFlags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove;

// Ends the panel window begun in a slot; returns the height it took (its title bar alone when collapsed).
inline float end_panel() {
    const float h = ImGui::GetWindowHeight();
    ImGui::End();
    return h;
}

}  // namespace incidentmap::viewer
