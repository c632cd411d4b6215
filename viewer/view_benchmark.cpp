#include "viewer/view_benchmark.hpp"

#include <GL/gl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

namespace incidentmap::viewer {

core::IncidentSet synthetic_incidents(std::size_t count, unsigned seed) {
    using namespace std::chrono;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> centre_lat(-40, 60), centre_lon(-120, 150), unit(0, 1);
    std::normal_distribution<double> spread(0, 0.6);
    struct Centre {
        double lat, lon, weight;
    };
    std::vector<Centre> centres(400);
    for (auto& c : centres) c = {centre_lat(rng), centre_lon(rng), std::pow(unit(rng), 3.0)};  // a few hot spots
    std::discrete_distribution<std::size_t> pick(centres.size(), 0, 1, [&](double x) {
        return centres[std::min(centres.size() - 1, static_cast<std::size_t>(x * static_cast<double>(centres.size())))].weight + 1e-3;
    });
    const auto year_start = sys_days{2023y / January / 1};
    std::uniform_int_distribution<int> day_of(0, 364), minute_of(0, 24 * 60 - 1), severity_of(0, 99), type_of(0, 5);
    std::vector<core::Incident> all(count);
    for (std::size_t i = 0; i < count; ++i) {
        core::Incident& in = all[i];
        const Centre& c = centres[pick(rng)];
        in.id = std::to_string(i);
        in.location = core::LatLon::degrees(std::clamp(c.lat + spread(rng), -84.0, 84.0), std::remainder(c.lon + spread(rng), 360.0));
        const year_month_day d{year_start + days{day_of(rng)}};
        const int kind = severity_of(rng);
        in.time = kind < 80 ? core::TimeSpan::day(d)
                            : (kind < 95 ? core::TimeSpan::exact(core::TimeSpan::Seconds{sys_days{d}} + minutes{minute_of(rng)})
                                         : core::TimeSpan::week(d));
        const int s = severity_of(rng);
        in.severity = s < 25 ? core::Severity::informational
                             : s < 55 ? core::Severity::disruptive : s < 80 ? core::Severity::violent : s < 92 ? core::Severity::injuries : core::Severity::fatal;
        if (in.severity == core::Severity::fatal) in.fatalities = 1 + s % 7;
        in.event_type = static_cast<core::EventType>(type_of(rng));
    }
    return core::IncidentSet(all);
}

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(k, v.size() - 1)];
}

}  // namespace

std::vector<BenchPhase> run_view_benchmark(Viewer& viewer, Window& window, int frames) {
    using clock = std::chrono::steady_clock;
    std::vector<BenchPhase> phases;
    const float w = static_cast<float>(window.framebuffer_width()), h = static_cast<float>(window.framebuffer_height());
    auto renders = [&] { return viewer.map().basemap_cache() ? viewer.map().basemap_cache()->stats().renders : 0; };
    auto timed = [&](BenchPhase& phase, const InjectedInput& input) {
        const std::uint64_t renders_before = renders();
        const auto t0 = clock::now();
        viewer.frame(&input);
        glFinish();
        phase.frame_ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
        phase.basemap_renders += renders() - renders_before;
        window.present();
    };
    // Warm up: layout, fonts, the first filtering.
    for (int i = 0; i < 5; ++i) {
        viewer.frame();
        window.present();
    }
    viewer.incidents().filter().mode = TimeMode::all;

    BenchPhase pan{"pan (all incidents shown)", {}, {}};
    for (int i = 0; i < frames; ++i) {
        InjectedInput in;
        const float t = static_cast<float>(i % 40) / 40.0f;
        in.mouse_x = w * (0.35f + 0.3f * t);
        in.mouse_y = h * (0.3f + 0.1f * t);
        in.left_down = i % 40 != 39;
        timed(pan, in);
    }
    phases.push_back(std::move(pan));

    BenchPhase zoom{"zoom in and out (all shown)", {}, {}};
    for (int i = 0; i < frames; ++i) {
        InjectedInput in;
        in.mouse_x = w * 0.5f;
        in.mouse_y = h * 0.4f;
        in.wheel = (i / 20) % 2 == 0 ? 1.0f : -1.0f;
        timed(zoom, in);
    }
    phases.push_back(std::move(zoom));

    BenchPhase play{"play, 7-day window, 1 day a frame", {}, {}};
    IncidentLayer& layer = viewer.incidents();
    const auto range = layer.incidents().time_range();
    layer.filter().mode = TimeMode::window;
    layer.filter().window = std::chrono::days{7};
    layer.filter().time = range ? range->begin + std::chrono::days{7} : core::TimeSpan::Seconds{};
    for (int i = 0; i < frames; ++i) {
        layer.filter().time += std::chrono::days{1};
        InjectedInput in;  // the pointer off the map, no buttons
        timed(play, in);
        play.refilter_ms.push_back(layer.last_refilter_ms());
    }
    phases.push_back(std::move(play));

    BenchPhase accumulate{"play, accumulate mode, 1 day a frame", {}, {}};
    layer.filter().mode = TimeMode::accumulate;
    layer.filter().time = range ? range->begin : core::TimeSpan::Seconds{};
    for (int i = 0; i < frames; ++i) {
        layer.filter().time += std::chrono::days{3};
        InjectedInput in;
        timed(accumulate, in);
        accumulate.refilter_ms.push_back(layer.last_refilter_ms());
    }
    phases.push_back(std::move(accumulate));
    return phases;
}

std::string bench_report(const std::vector<BenchPhase>& phases) {
    std::string out = "| phase | frames | frame p50 (ms) | frame p99 (ms) | re-filter p50 (ms) | re-filter max (ms) | basemap renders |\n"
                      "|---|---:|---:|---:|---:|---:|---:|\n";
    char line[256];
    for (const BenchPhase& p : phases) {
        const bool refilters = !p.refilter_ms.empty();
        std::snprintf(line, sizeof line, "| %s | %zu | %.1f | %.1f | %s | %s | %llu |\n", p.name.c_str(), p.frame_ms.size(),
                      percentile(p.frame_ms, 0.5), percentile(p.frame_ms, 0.99),
                      refilters ? std::to_string(percentile(p.refilter_ms, 0.5)).substr(0, 5).c_str() : "-",
                      refilters ? std::to_string(*std::max_element(p.refilter_ms.begin(), p.refilter_ms.end())).substr(0, 5).c_str() : "-",
                      static_cast<unsigned long long>(p.basemap_renders));
        out += line;
    }
    return out;
}

}  // namespace incidentmap::viewer
