#pragma once
// The fonts the map and the panels draw with, loaded into the current ImGui context's font atlas: the same call
// serves the desktop window and the off-screen renderer, so both draw identical text.
//
// Guarantees:
//  - With DejaVu Sans installed (Debian fonts-dejavu-core), every font covers Latin with Latin Extended A, B and
//    Additional (the dotted and barred letters of transliterated names: "Al Ḩasakah"), the modifier letters,
//    Greek, Cyrillic and Cyrillic Supplement (Kazakh letters), so place names in these scripts display. (Arabic
//    script would need shaping, which ImGui does not do; the gazetteer's names are in Latin letters.) `warning`
//    is then empty.
//  - Without it, every pointer still refers to ImGui's built-in font (Latin only) and `warning` says so.
//  - Sizes are multiplied by `scale` (the monitor's content scale; 1 off screen unless asked otherwise).
//  - The atlas also holds anti-aliased white discs (DiscSprites): a marker drawn as a tinted quad from it costs
//    two triangles where a tessellated circle with its anti-aliased fringe costs a hundred, which decides the frame
//    time of a map with hundreds of markers on a software rasteriser. They share the font texture, so markers,
//    text and lines stay in one draw call.
// Call before the atlas is built (before the renderer backend's first NewFrame); it builds the atlas. The fonts and
// the discs belong to the atlas; add no fonts afterwards (a rebuild would drop the discs' pixels).

#include <imgui.h>

#include <string>

namespace incidentmap::viewer {

// White discs of a few diameters in the font atlas, alpha falling off over the last pixel of the edge.
struct DiscSprites {
    static constexpr int kSizes = 4;
    static constexpr int kDiameters[kSizes] = {8, 16, 32, 64};
    ImVec2 uv_min[kSizes]{}, uv_max[kSizes]{};
    bool ready = false;  // false when the atlas could not hold them: draw circles instead

    // Adds a disc of `radius` pixels centred at `centre`, tinted `color`, from the smallest sprite at least that
    // large (so it is never shrunk by more than half). The draw list's current texture must be the atlas.
    void add(ImDrawList& dl, ImVec2 centre, float radius, ImU32 color) const;
};

struct MapFonts {
    ImFont* ui = nullptr;          // panels and overlays (the atlas's default font)
    ImFont* label = nullptr;       // town and city labels
    ImFont* label_bold = nullptr;  // major cities and country names
    ImFont* title = nullptr;       // a rendered map's title
    std::string warning;           // empty when DejaVu Sans was found
    DiscSprites discs;
};

MapFonts load_map_fonts(ImFontAtlas& atlas, float scale);

// Whether the fonts (with DejaVu Sans found) have a glyph for code point c: the ranges load_map_fonts() loads.
bool fonts_cover(char32_t c);

}  // namespace incidentmap::viewer
