#pragma once
// The layer list: one row per basemap layer, top of the map first, with a visibility checkbox, an opacity slider,
// buttons to move the layer up or down, and the layer's problem in red when it has one.
// Panel convention (used by every panel): draw() owns Begin/End and calls draw_content().

#include "viewer/basemap_stack.hpp"
#include "viewer/panels/panel_slot.hpp"

namespace incidentmap::viewer {

class LayerPanel {
public:
    explicit LayerPanel(BasemapStack& stack) : stack_(stack) {}
    // In its slot of the layout; returns the height it took (0 when not shown).
    float draw(const PanelSlot& slot);

private:
    void draw_content();
    BasemapStack& stack_;
};

}  // namespace incidentmap::viewer
