#pragma once
// The fonts the map and the panels draw with, loaded into the current ImGui context's font atlas: the same call
// serves the desktop window and the off-screen renderer, so both draw identical text.
//
// Guarantees:
//  - With DejaVu Sans installed (Debian fonts-dejavu-core), every font covers Latin, Latin Extended, Cyrillic and
//    Cyrillic Supplement (Kazakh letters), so place names in either script display. `warning` is then empty.
//  - Without it, every pointer still refers to ImGui's built-in font (Latin only) and `warning` says so.
//  - Sizes are multiplied by `scale` (the monitor's content scale; 1 off screen unless asked otherwise).
// Call before the atlas is built (before the renderer backend's first NewFrame). The fonts belong to the atlas.

#include <imgui.h>

#include <string>

namespace incidentmap::viewer {

struct MapFonts {
    ImFont* ui = nullptr;          // panels and overlays (the atlas's default font)
    ImFont* label = nullptr;       // town and city labels
    ImFont* label_bold = nullptr;  // major cities and country names
    std::string warning;           // empty when DejaVu Sans was found
};

MapFonts load_map_fonts(ImFontAtlas& atlas, float scale);

}  // namespace incidentmap::viewer
