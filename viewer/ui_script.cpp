#include "viewer/ui_script.hpp"

#include "core/assets.hpp"
#include "core/error.hpp"
#include "core/io/rgba_image.hpp"
#include "viewer/viewer.hpp"

#include <charconv>
#include <map>
#include <sstream>

namespace incidentmap::viewer {

namespace {

// Words separated by blanks; "double quotes" keep blanks inside one word.
std::vector<std::string> words_of(std::string_view line) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i >= line.size()) break;
        std::string w;
        if (line[i] == '"') {
            const std::size_t end = line.find('"', i + 1);
            w = std::string(line.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
            i = end == std::string_view::npos ? line.size() : end + 1;
        } else {
            while (i < line.size() && line[i] != ' ' && line[i] != '\t') w += line[i++];
        }
        words.push_back(std::move(w));
    }
    return words;
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// "30m", "6h", "1d", "2w" -> seconds.
std::optional<std::chrono::seconds> duration(const std::string& s) {
    if (s.size() < 2) return std::nullopt;
    const auto n = number(s.substr(0, s.size() - 1));
    if (!n || *n <= 0) return std::nullopt;
    static const std::map<char, double> kUnit{{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 7 * 86400}};
    const auto unit = kUnit.find(s.back());
    if (unit == kUnit.end()) return std::nullopt;
    return std::chrono::seconds(static_cast<std::int64_t>(*n * unit->second));
}

std::optional<std::size_t> event_type_slot(const std::string& name) {
    if (name == "unknown") return kEventTypeSlots - 1;
    if (const auto t = core::parse_event_type(name)) return static_cast<std::size_t>(*t);
    return std::nullopt;
}

// Checks one action's words; returns what is wrong, or an empty string.
std::string check(const std::vector<std::string>& w) {
    const std::string& verb = w[0];
    const std::size_t n = w.size() - 1;
    auto numbers = [&](std::size_t from, std::size_t count) {
        for (std::size_t i = from; i < from + count; ++i)
            if (!number(w[i])) return "'" + w[i] + "' is not a number";
        return std::string();
    };
    auto on_off = [&](const std::string& s) { return s == "on" || s == "off"; };
    if (verb == "wait") return n == 1 ? numbers(1, 1) : "wait takes a number of frames";
    if (verb == "mouse" || verb == "click") return n == 2 ? numbers(1, 2) : verb + " takes X Y";
    if (verb == "drag" || verb == "right-drag") return n == 4 || n == 5 ? numbers(1, n) : verb + " takes X0 Y0 X1 Y1 [FRAMES]";
    if (verb == "wheel") return n == 1 || n == 3 ? numbers(1, n) : "wheel takes CLICKS [X Y]";
    if (verb == "key") return n == 1 ? "" : "key takes the characters to type";
    if (verb == "look") return n == 3 ? numbers(1, 3) : "look takes LAT LON ZOOM";
    if (verb == "fit" || verb == "play" || verb == "pause" || verb == "tab") return n == 0 ? "" : verb + " takes nothing";
    if (verb == "time") return n == 1 && core::parse_iso_datetime(w[1]) ? "" : "time takes an ISO 8601 date or date-time";
    if (verb == "mode") return n == 1 && (w[1] == "all" || w[1] == "window" || w[1] == "accumulate") ? "" : "mode is all, window or accumulate";
    if (verb == "window" || verb == "speed") return n == 1 && duration(w[1]) ? "" : verb + " takes a duration: 30m, 6h, 1d, 2w";
    if (verb == "style") return n == 1 && parse_aggregation(w[1]) ? "" : "style is clusters, heatmap or hexbins";
    if (verb == "step") return n == 1 && (w[1] == "forward" || w[1] == "back") ? "" : "step takes forward or back";
    if (verb == "loop") return n == 1 && on_off(w[1]) ? "" : "loop takes on or off";
    if (verb == "time-view")
        return n == 2 && core::parse_iso_datetime(w[1]) && core::parse_iso_datetime(w[2]) &&
                       *core::parse_iso_datetime(w[1]) < *core::parse_iso_datetime(w[2])
                   ? ""
                   : "time-view takes two ISO 8601 dates or date-times, the first earlier";
    if (verb == "severity")
        return n == 2 && core::parse_severity(w[1]) && on_off(w[2]) ? "" : "severity takes a severity name or rank and on|off";
    if (verb == "event-type")
        return n == 2 && event_type_slot(w[1]) && on_off(w[2]) ? "" : "event-type takes ACLED's event type (quoted) or unknown, and on|off";
    if (verb == "drop") return n >= 1 ? "" : "drop takes the files dropped on the window";
    if (verb == "click-incident" || verb == "screenshot" || verb == "export" || verb == "search" || verb == "save-view" ||
        verb == "open-view")
        return n == 1 ? "" : verb + " takes one argument";
    if (verb == "choose") return n == 1 ? numbers(1, 1) : "choose takes the number of a search result, from 0";
    return "unknown action '" + verb + "'";
}

}  // namespace

UiScript UiScript::parse(std::string_view text, std::string source) {
    UiScript script;
    script.source_ = std::move(source);
    std::istringstream in{std::string(text)};
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::vector<std::string> words = words_of(line);
        if (words.empty()) continue;
        if (const std::string problem = check(words); !problem.empty())
            throw core::InputError(script.source_, problem, "line " + std::to_string(number));
        script.actions_.push_back({std::move(words), number});
    }
    return script;
}

UiScript UiScript::load(const std::filesystem::path& path) { return parse(core::read_data_file(path, "script"), path.string()); }

void UiScript::fail(const Action& a, const std::string& what) const {
    throw core::InputError(source_, what, "line " + std::to_string(a.line));
}

std::optional<ScriptFrame> UiScript::next(Viewer& viewer) {
    while (true) {
        if (queued_at_ < queued_.size()) return queued_[queued_at_++];
        queued_.clear();
        queued_at_ = 0;
        if (pc_ >= actions_.size()) return std::nullopt;
        run(actions_[pc_++], viewer);
    }
}

void UiScript::run(const Action& a, Viewer& viewer) {
    const std::vector<std::string>& w = a.words;
    const std::string& verb = w[0];
    auto num = [&](std::size_t i) { return *number(w[i]); };
    auto frame = [&](bool down, float wheel = 0, std::u32string chars = {}, bool right = false) {
        ScriptFrame f;
        f.input = pointer_;
        f.input.left_down = down && !right;
        f.input.right_down = down && right;
        f.input.wheel = wheel;
        f.input.chars = std::move(chars);
        queued_.push_back(std::move(f));
    };
    auto move = [&](double x, double y) {
        pointer_.mouse_x = static_cast<float>(x);
        pointer_.mouse_y = static_cast<float>(y);
    };
    auto click = [&](double x, double y) {
        move(x, y);
        frame(false);
        frame(true);
        frame(false);
    };
    IncidentLayer& layer = viewer.incidents();
    IncidentFilter& filter = layer.filter();

    if (verb == "wait") {
        for (int i = 0; i < static_cast<int>(num(1)); ++i) frame(false);
    } else if (verb == "mouse") {
        move(num(1), num(2));
        frame(false);
    } else if (verb == "click") {
        click(num(1), num(2));
    } else if (verb == "drag" || verb == "right-drag") {
        const bool right = verb == "right-drag";
        const double x0 = num(1), y0 = num(2), x1 = num(3), y1 = num(4);
        const int steps = w.size() > 5 ? std::max(1, static_cast<int>(num(5))) : 10;
        move(x0, y0);
        frame(false);
        frame(true, 0, {}, right);
        for (int i = 1; i <= steps; ++i) {
            move(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
            frame(true, 0, {}, right);
        }
        frame(false);
    } else if (verb == "wheel") {
        if (w.size() > 2) move(num(2), num(3));
        frame(false, static_cast<float>(num(1)));
        frame(false);
    } else if (verb == "key") {
        std::u32string chars;
        for (const char c : w[1]) chars += static_cast<char32_t>(static_cast<unsigned char>(c));
        frame(false, 0, chars);
    } else if (verb == "look") {
        if (std::abs(num(1)) > 85.05 || std::abs(num(2)) > 180) fail(a, "latitude or longitude out of range");
        viewer.camera().look_at(core::LatLon::degrees(num(1), num(2)), MapCamera::kWorldWidth / (256.0 * std::exp2(num(3))));
    } else if (verb == "drop") {
        ScriptFrame f;
        f.input = pointer_;
        f.input.dropped.assign(w.begin() + 1, w.end());
        queued_.push_back(std::move(f));
        frame(false);
    } else if (verb == "tab") {
        ScriptFrame down;
        down.input = pointer_;
        down.input.tab = true;
        queued_.push_back(std::move(down));
        frame(false);
    } else if (verb == "fit") {
        layer.refresh();
        viewer.fit_to_shown();
    } else if (verb == "time") {
        filter.time = *core::parse_iso_datetime(w[1]);
        if (filter.mode == TimeMode::all) filter.mode = TimeMode::accumulate;
    } else if (verb == "mode") {
        filter.mode = w[1] == "all" ? TimeMode::all : (w[1] == "window" ? TimeMode::window : TimeMode::accumulate);
    } else if (verb == "window") {
        filter.window = *duration(w[1]);
        filter.mode = TimeMode::window;
    } else if (verb == "speed") {
        viewer.time().set_speed(*duration(w[1]));
    } else if (verb == "play") {
        viewer.time().play();
    } else if (verb == "pause") {
        viewer.time().pause();
    } else if (verb == "style") {
        layer.set_aggregation(*parse_aggregation(w[1]));
    } else if (verb == "step") {
        viewer.time().step(w[1] == "forward" ? 1 : -1);
    } else if (verb == "loop") {
        viewer.time().set_loop(w[1] == "on");
    } else if (verb == "time-view") {
        viewer.time().set_view(TimeView(*core::parse_iso_datetime(w[1]), *core::parse_iso_datetime(w[2])));
    } else if (verb == "severity") {
        filter.severity[static_cast<std::size_t>(core::rank(*core::parse_severity(w[1])))] = w[2] == "on";
    } else if (verb == "event-type") {
        filter.event_type[*event_type_slot(w[1])] = w[2] == "on";
    } else if (verb == "click-incident") {
        const auto i = layer.find_id(w[1]);
        if (!i) fail(a, "no incident has the id '" + w[1] + "'");
        if (!layer.incidents().located()[*i]) {  // no marker: as a click on its row in the "No location" list
            layer.select(*i);
            frame(false);
            return;
        }
        const auto at = layer.screen_position(*i, viewer.camera());
        if (!at || at->x < 0 || at->y < 0 || at->x >= viewer.camera().viewport_width() || at->y >= viewer.camera().viewport_height())
            fail(a, "incident '" + w[1] + "' is not in view");
        click(at->x, at->y);
    } else if (verb == "screenshot") {
        frame(false);
        queued_.back().screenshot = w[1];
    } else if (verb == "search") {
        viewer.search().set_query(w[1]);
        frame(false);
    } else if (verb == "choose") {
        const auto k = static_cast<std::size_t>(num(1));
        if (k >= viewer.search().results().size()) fail(a, "there is no search result " + w[1]);
        viewer.search().choose(k);
        frame(false);
    } else if (verb == "save-view") {
        save_view_state(viewer.view_state(), w[1]);
    } else if (verb == "open-view") {
        viewer.open_view(w[1]);
        frame(false);
    } else if (verb == "export") {
        const std::string message = viewer.incident_panel().export_shown(w[1]);
        if (message.rfind("Export failed", 0) == 0) fail(a, message);
    }
}

}  // namespace incidentmap::viewer
