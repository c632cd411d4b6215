#include "viewer/viewer.hpp"

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "viewer/incident_text.hpp"
#include "viewer/ui_script.hpp"
#include "viewer/view_benchmark.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace incidentmap::viewer {

Viewer::Viewer(Window& window, BasemapSettings basemaps, const BasemapOptions& options)
    : window_(window),
      camera_(window.framebuffer_width(), window.framebuffer_height()),
      basemaps_(std::move(basemaps), options),
      map_(camera_, &basemaps_, window.fonts(), window.content_scale()),
      info_(camera_),
      layers_(basemaps_),
      time_(incidents_, map_.style()),
      incident_panel_(incidents_, map_.style()),
      inspector_(incidents_, map_.style()),
      search_(nullptr),
      basemap_options_(options) {
    map_.set_incidents(&incidents_);
    map_.set_basemap_cache(true);
    incident_panel_.on_save_view = [this](const std::string& path) {
        save_view_state(view_state(), path);
        return "Saved the view to " + path;
    };
    incident_panel_.on_load_view = [this](const std::string& path) {
        open_view(path);
        return "Opened the view " + path;
    };
    inspector_.sources_of = [this](const core::Incident& in) { return sources_of(in); };
    incident_panel_.on_open_files = [this](const std::vector<std::string>& files) {
        add_files(files);
        return std::to_string(incidents_.incidents().size()) + " incidents from " + std::to_string(incident_files_.size()) + " files";
    };
    if (!options.gazetteer.empty()) {
        try {
            gazetteer_ = std::make_unique<gazetteer::Gazetteer>(gazetteer::Gazetteer::open(options.gazetteer));
            search_ = SearchPanel(gazetteer_.get());
        } catch (const core::Error& e) {
            info_.add_problem(std::string("place search is off: ") + e.what());
        }
    }
    if (!window_.font_warning().empty()) info_.add_problem(window_.font_warning());
    // The inhabited world, as `incidentmap render` shows it by default.
    camera_.fit(core::LatLon::degrees(-58, -180), core::LatLon::degrees(82, 180), 0);
}

void Viewer::frame(const InjectedInput* input) {
    basemaps_.update();
    for (const std::string& m : basemaps_.take_messages()) {
        std::cerr << "incidentmap: " << m << "\n";
        info_.add_problem(m);
    }
    // Files dropped on the window (or by a script) join those open, before the frame lays out.
    std::vector<std::string> dropped = window_.take_dropped();
    if (input) dropped.insert(dropped.end(), input->dropped.begin(), input->dropped.end());
    if (!dropped.empty()) add_files(dropped);
    window_.begin_frame(input);
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false)) panels_shown_ = !panels_shown_;
    // The time panel first: playback moves the slider before the map draws this frame.
    time_.draw(io.DeltaTime, panels_shown_);
    // A person's hand on the map stops a flight; a chosen place starts one.
    if (flight_.active() && !io.WantCaptureMouse && (io.MouseWheel != 0 || ImGui::IsMouseDown(ImGuiMouseButton_Left))) flight_.cancel();
    if (flight_.active()) flight_.step(camera_, io.DeltaTime);
    // The overlays keep out of the columns.
    const Insets columns = column_insets();
    map_.set_insets(columns.left, columns.right);
    map_.draw(time_.height());
    if (panels_shown_) draw_panels();
    if (search_.query().find_first_not_of(" \t") == std::string::npos) map_.set_pin(std::nullopt);  // a cleared search
    if (const auto choice = search_.take_choice()) {
        map_.set_pin(MapView::Pin{choice->location, choice->name});
        const int side = std::min(camera_.viewport_width(), camera_.viewport_height());
        flight_.start(camera_, choice->location,
                      meters_per_pixel_to_show(framing_radius(choice->place_class, choice->radius), choice->location, side));
    }
    window_.end_frame();
}

namespace {

// The layout's measures at content scale 1, in pixels.
constexpr float kMargin = 10, kGap = 8, kLeftWidth = 300, kRightWidth = 360;

}  // namespace

Viewer::Insets Viewer::column_insets() const {
    if (!panels_shown_) return {0, 0};
    const float s = window_.content_scale();
    return {(kMargin + kLeftWidth) * s, (kMargin + kRightWidth) * s};
}

void Viewer::draw_panels() {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float s = window_.content_scale();
    const float margin = kMargin * s, gap = kGap * s;
    const float bottom = display.y - time_.height() - margin;  // no panel reaches into the time bar
    const float left_w = kLeftWidth * s, right_w = kRightWidth * s;
    const float right_x = display.x - margin - right_w;
    float y = margin;
    y += info_.draw({ImVec2(margin, y), left_w, bottom - y}) + gap;
    incident_panel_.draw({ImVec2(margin, y), left_w, bottom - y});
    float ry = margin;
    ry += layers_.draw({ImVec2(right_x, ry), right_w, bottom - ry}) + gap;
    inspector_.draw({ImVec2(right_x, ry), right_w, bottom - ry});
    // Search between the columns, as wide as it may be up to 360.
    const float search_x = margin + left_w + gap;
    search_.draw({ImVec2(search_x, margin), std::clamp(right_x - gap - search_x, 120 * s, 360 * s), bottom - margin});
}

void Viewer::fit_to_shown() {
    const WorldBox box = incidents_.shown_bounds();
    if (box.empty()) return;
    const Insets columns = column_insets();
    camera_.fit(box, 40 * window_.content_scale(), columns.left, columns.right);
}

std::vector<SourceItem> Viewer::sources_of(const core::Incident& in) {
    // Asked of each open project in turn: an incident id is its project's own.
    for (const std::string& file : incident_files_) {
        if (!store::Project::is_project(file)) continue;
        auto it = projects_.find(file);
        if (it == projects_.end()) it = projects_.emplace(file, store::Project::open(file, /*create=*/false)).first;
        const auto readings = it->second.readings_of(in.id);
        if (readings.empty()) continue;
        std::vector<SourceItem> out;
        for (const auto& r : readings) {
            SourceItem item;
            const store::SourceRecord& s = r.source;
            item.heading = s.outlet.empty() ? std::string() : s.outlet + " — ";
            item.heading += s.title.empty() ? (r.reading.incident.source.empty() ? s.checksum.substr(0, 12) : r.reading.incident.source) : s.title;
            if (s.published) item.heading += " (" + core::format_iso_date(*s.published) + ")";
            item.location = s.location;
            item.quote = r.reading.incident.quote;
            item.figures = describe_time(r.reading.incident.time) + " · " + describe_figures(r.reading.incident);
            out.push_back(std::move(item));
        }
        return out;
    }
    return {};
}

void Viewer::add_files(const std::vector<std::string>& files) {
    std::vector<std::string> all = incident_files_;
    for (const std::string& f : files) {
        std::error_code ec;
        const std::string absolute = std::filesystem::absolute(f, ec).string();
        const std::string name = ec || f.starts_with("PG:") ? f : absolute;
        if (std::find(all.begin(), all.end(), name) == all.end()) all.push_back(name);
    }
    if (all != incident_files_) open_files(all);
}

void Viewer::open_files(const std::vector<std::string>& files) {
    projects_.clear();
    incident_files_.clear();
    for (const std::string& f : files) {
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(f, ec);
        incident_files_.push_back(ec ? f : absolute.string());
    }
    load(load_incident_files(incident_files_));
}

ViewState Viewer::view_state() const {
    ViewState s;
    s = capture_camera(camera_, s);
    s.basemaps = basemaps_.settings();
    s.filter = incidents_.filter();
    s.incident_files = incident_files_;
    s.style = incidents_.aggregation();
    return s;
}

void Viewer::apply(const ViewState& state) {
    if (state.incident_files != incident_files_) open_files(state.incident_files);
    if (!(state.basemaps == basemaps_.settings())) basemaps_ = BasemapStack(state.basemaps, basemap_options_);
    incidents_.filter() = state.filter;
    incidents_.set_aggregation(state.style);
    apply_camera(state, camera_);
}

void Viewer::open_view(const std::filesystem::path& path) {
    // Read and checked once; read over the new state again (it cannot fail then) once other files are open.
    const std::string text = read_view_file(path);
    ViewState state = view_state_from_json(text, path.string(), view_state());
    if (state.incident_files != incident_files_) {
        open_files(state.incident_files);
        state = view_state_from_json(text, path.string(), view_state());
    }
    apply(state);
}

void Viewer::load(LoadedIncidents loaded) {
    for (const std::string& p : loaded.problems) std::cerr << "incidentmap: " << p << "\n";
    unreadable_files_ += loaded.problems.size();
    info_.set_message(std::to_string(loaded.set.size()) + " incidents from " + std::to_string(loaded.loaded.size()) +
                      (loaded.loaded.size() == 1 ? " file" : " files") +
                      (loaded.problems.empty() ? std::string() : "; " + std::to_string(loaded.problems.size()) + " could not be read"));
    incidents_.set_incidents(std::move(loaded.set));
    incident_panel_.set_sources(std::move(loaded.loaded), std::move(loaded.problems));
    incidents_.refresh();
    fit_to_shown();
}

ViewerRun run_viewer(const ViewerOptions& options) {
    Window window(options.window);
    BasemapOptions basemap_options = options.basemap_options;
    if (basemap_options.gazetteer.empty()) basemap_options.gazetteer = gazetteer::Gazetteer::default_path();
    Viewer viewer(window, options.basemaps, basemap_options);
    for (const auto& note : options.notes) viewer.info().set_message(note);
    if (!options.incident_files.empty()) viewer.open_files(options.incident_files);
    if (options.state) viewer.open_view(*options.state);
    if (options.style) viewer.incidents().set_aggregation(*options.style);
    if (options.bench_incidents > 0) {
        const auto t0 = std::chrono::steady_clock::now();
        LoadedIncidents synthetic;
        synthetic.set = synthetic_incidents(options.bench_incidents);
        synthetic.loaded.push_back("synthetic: " + std::to_string(options.bench_incidents) + " incidents");
        const double make_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        viewer.load(std::move(synthetic));
        // The whole world, or the saved view's camera (a street-level basemap at zoom 15, say).
        if (options.state) apply_camera(load_view_state(*options.state), viewer.camera());
        else viewer.camera().fit(core::LatLon::degrees(-58, -180), core::LatLon::degrees(82, 180), 0);
        std::cout << "incidents: " << options.bench_incidents << " synthetic (made in " << make_s << " s), drawn as "
                  << aggregation_name(viewer.incidents().aggregation()) << "\n"
                  << "window: " << window.framebuffer_width() << "x" << window.framebuffer_height() << "\n"
                  << bench_report(run_view_benchmark(viewer, window));
        return {viewer.unreadable_files()};
    }
    if (options.script) {
        UiScript script = UiScript::load(*options.script);
        // Two frames for ImGui to lay the panels out before the first action.
        for (int i = 0; i < 2; ++i) {
            viewer.frame();
            window.present();
        }
        while (const auto f = script.next(viewer)) {
            window.wait_events(true);
            viewer.frame(&f->input);
            if (f->screenshot) core::io::write_png(window.read_back_buffer(), *f->screenshot);
            window.present();
        }
        return {viewer.unreadable_files()};
    }
    for (int n = 1; !window.should_close(); ++n) {
        // ImGui lays windows out over the first frames: keep polling while a frame budget is set.
        const ImGuiIO& io = ImGui::GetIO();
        const bool animating = options.frames > 0 || io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || viewer.time().playing() ||
                               viewer.flight().active() || viewer.map().settling();
        window.wait_events(animating, viewer.busy() ? 0.05 : 0.5);
        viewer.frame();
        const bool last = options.frames > 0 && n >= options.frames;
        if (last && options.screenshot) core::io::write_png(window.read_back_buffer(), *options.screenshot);
        window.present();
        if (last) break;
    }
    return {viewer.unreadable_files()};
}

}  // namespace incidentmap::viewer
