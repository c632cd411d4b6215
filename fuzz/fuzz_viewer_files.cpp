// The viewer's own files, which users save, edit and share: first byte "v" the rest as a saved view state
// (viewer/view_state.hpp), "s" as a UI script (viewer/ui_script.hpp, the scripted sessions of tests and demos).
// Checked: both parsers return or throw core::Error; a view state read is written back and read again to the same
// state (view_state.hpp's round trip).

#include "core/error.hpp"
#include "fuzz/fuzz_input.hpp"
#include "viewer/ui_script.hpp"
#include "viewer/view_state.hpp"

#include <algorithm>
#include <cmath>

using namespace incidentmap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [variant, bytes] = fuzz::choose(data, size, "vs");
    try {
        if (variant == 0) {
            const viewer::ViewState state = viewer::view_state_from_json(bytes, "fuzz.json");
            std::string json;
            try {
                json = viewer::to_json(state);
            } catch (const core::Error&) {
                return 0;  // a name JSON cannot hold (not UTF-8): refused when saving, with the name
            }
            // view_state.hpp: the same state, but for the zoom, which comes back to within 1e-9.
            viewer::ViewState copy = viewer::view_state_from_json(json, "copy.json");
            if (!(std::abs(copy.zoom - state.zoom) <= 1e-9 * std::max(1.0, std::abs(state.zoom)))) std::abort();
            copy.zoom = state.zoom;
            if (!(copy == state)) std::abort();
        } else {
            (void)viewer::UiScript::parse(bytes, "fuzz.script");
        }
    } catch (const core::Error&) {
    }
    return 0;
}
