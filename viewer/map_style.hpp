#pragma once
// The map's colours and line widths in one plain struct: the window and the off-screen renderer draw with the
// same values, and tests look for these colours in rendered images. Colours are ImGui's packed ImU32 (0xAABBGGRR).

#include <imgui.h>

namespace incidentmap::viewer {

struct MapStyle {
    ImU32 ocean = IM_COL32(170, 211, 223, 255);
    ImU32 land = IM_COL32(242, 239, 233, 255);
    ImU32 coastline = IM_COL32(120, 160, 178, 255);
    ImU32 border = IM_COL32(150, 128, 160, 255);
    ImU32 graticule = IM_COL32(130, 175, 192, 150);
    ImU32 label = IM_COL32(40, 60, 70, 255);  // overlay text (scale bar, coordinates, graticule degrees)
    ImU32 overlay_background = IM_COL32(255, 255, 255, 200);

    ImU32 place_text = IM_COL32(34, 34, 34, 255);
    ImU32 place_halo = IM_COL32(255, 255, 255, 215);
    ImU32 place_dot = IM_COL32(55, 55, 55, 255);
    ImU32 country_text = IM_COL32(105, 85, 120, 255);
    ImU32 street_text = IM_COL32(60, 60, 60, 255);  // names along streets and on areas of vector basemaps

    // User vector layers without colours of their own take these in turn.
    ImU32 user_layers[4] = {IM_COL32(214, 96, 0, 255), IM_COL32(0, 128, 96, 255), IM_COL32(128, 64, 160, 255),
                            IM_COL32(176, 40, 80, 255)};
    float user_fill_alpha = 0.35f;

    // Incidents, by severity rank (informational, disruptive, violent, injuries, fatal): cool to hot, light to dark,
    // so the order reads without a legend and stays apart for the common colour-vision deficiencies by lightness.
    ImU32 severity[5] = {IM_COL32(120, 144, 156, 255), IM_COL32(253, 216, 53, 255), IM_COL32(251, 140, 0, 255),
                         IM_COL32(229, 57, 53, 255), IM_COL32(110, 0, 30, 255)};
    ImU32 marker_outline = IM_COL32(255, 255, 255, 230);
    ImU32 cluster_fill = IM_COL32(255, 255, 255, 240);  // inside a cluster's severity ring, under its count
    ImU32 cluster_text = IM_COL32(30, 30, 30, 255);
    ImU32 hexbin_outline = IM_COL32(255, 255, 255, 150);
    ImU32 selection = IM_COL32(0, 172, 193, 255);
    ImU32 pin = IM_COL32(52, 73, 135, 255);  // the place chosen in search: a pin, unlike any incident's disc
    ImU32 uncertainty_fill = IM_COL32(0, 172, 193, 40);

    float coastline_width = 1.0f;
    float border_width = 1.0f;
    float user_line_width = 1.5f;
};

// `color` with its alpha multiplied by `opacity` (clamped to [0, 1]).
inline ImU32 with_opacity(ImU32 color, float opacity) {
    const float o = opacity < 0 ? 0 : (opacity > 1 ? 1 : opacity);
    const auto a = static_cast<ImU32>(static_cast<float>((color >> IM_COL32_A_SHIFT) & 0xFF) * o + 0.5f);
    return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace incidentmap::viewer
