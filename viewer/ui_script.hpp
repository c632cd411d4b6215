#pragma once
// A script of UI actions that drives the real viewer frame by frame: how the GUI tests pan, zoom, move the time
// slider, switch layers and open the inspector under Xvfb, how the documentation's screenshots are made, and how
// the benchmark moves the map. Pointer actions are injected as input (Window::begin_frame), so they go through the
// same ImGui and map code as a person's hand; the other actions set what the panel's widget would set.
//
// The language, one action a line, '#' starts a comment, coordinates in window pixels:
//   wait N                      N frames with no input
//   mouse X Y                   move the pointer
//   click X Y                   press and release the left button there (two frames)
//   drag X0 Y0 X1 Y1 [N]        press at the first point, move to the second in N frames (default 10), release
//   wheel CLICKS [X Y]          turn the wheel (positive zooms in) at the pointer, or at X Y
//   key CHARS                   type characters ("+" and "-" zoom)
//   drop FILE...                drop files on the window (they open beside those open)
//   tab                         press and release Tab (hides the panels and the time bar, or shows them)
//   look LAT LON ZOOM           put the map there
//   fit                         fit the view to the incidents shown
//   time DATETIME               put the time slider there (ISO 8601 date or date-time)
//   mode all|window|accumulate  the time mode
//   window DURATION             window length: 30m, 6h, 1d, 2w
//   severity NAME on|off        switch a severity (name or rank)
//   event-type NAME on|off      switch an event type (ACLED's spelling, quotes allowed, or "unknown")
//   style clusters|heatmap|hexbins   how the incidents are drawn
//   play | pause                playback
//   loop on|off                 playback starts again at the end
//   step forward|back           the slider one window later or earlier (one bar in accumulate mode)
//   time-view FROM TO           the part of time the bars show (ISO 8601 dates or date-times)
//   speed DURATION              data time per second of playback
//   click-incident ID           click the marker of the incident with that id (selects it, opens the inspector)
//   search TEXT                 type TEXT into place search (quotes for blanks)
//   choose K                    choose search result K (from 0): the map flies there
//   screenshot PATH             write this frame to PATH (PNG)
//   export PATH                 export what the filters show (format from the extension)
//   save-view PATH | open-view PATH   the view file (camera, layers, filters, incident files)
// Errors: parse() checks every line before anything runs and throws core::InputError naming the script and the
// line ("line 4: unknown action 'zom'"); an action that fails while running (an unknown incident id) throws the
// same way.

#include "viewer/window.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::viewer {

class Viewer;

// What one frame of a script asks for.
struct ScriptFrame {
    InjectedInput input;
    std::optional<std::filesystem::path> screenshot;  // write the frame there once rendered
};

class UiScript {
public:
    static UiScript parse(std::string_view text, std::string source = "script");
    static UiScript load(const std::filesystem::path& path);

    // Runs the actions that take no frame, then returns the next frame's input; nullopt when the script is done.
    std::optional<ScriptFrame> next(Viewer& viewer);
    std::size_t size() const { return actions_.size(); }

private:
    struct Action {
        std::vector<std::string> words;
        int line = 0;
    };
    void run(const Action& a, Viewer& viewer);
    [[noreturn]] void fail(const Action& a, const std::string& what) const;

    std::string source_;
    std::vector<Action> actions_;
    std::size_t pc_ = 0;
    std::vector<ScriptFrame> queued_;  // frames of the action being run, in order
    std::size_t queued_at_ = 0;
    InjectedInput pointer_;  // the pointer persists between actions
};

}  // namespace incidentmap::viewer
