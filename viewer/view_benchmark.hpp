#pragma once
// `incidentmap view --bench`: the viewer's frame times with many synthetic incidents, in the real window (Xvfb and
// Mesa llvmpipe on a machine without a GPU). Three phases drive the map as a person would, through injected input:
// panning (a drag across the window), zooming (wheel clicks in and out about the pointer) and playing (the time
// slider in window mode, one day of data a frame), each for a fixed number of frames. Each frame is timed from
// the start of input handling to the end of GL rendering (glFinish), without the wait for vertical sync; the
// re-filtering the playing phase causes every frame is timed on its own.
//
// The incidents: `count` points in clusters around random centres over the land-ish latitudes, starting uniformly
// over 2023 (day precision, some exact times and some week-long spans), severities and event types mixed.

#include "viewer/viewer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace incidentmap::viewer {

// The synthetic incidents, the same for the same count and seed.
core::IncidentSet synthetic_incidents(std::size_t count, unsigned seed = 2023);

struct BenchPhase {
    std::string name;
    std::vector<double> frame_ms;
    std::vector<double> refilter_ms;  // only the frames that re-filtered
    std::uint64_t basemap_renders = 0;  // frames that rendered the basemap's picture anew (basemap_cache.hpp)
};

// Runs the phases in `viewer` (already showing its incidents) and returns their timings.
std::vector<BenchPhase> run_view_benchmark(Viewer& viewer, Window& window, int frames_per_phase = 120);

// A Markdown table: phase, frames, p50 and p99 frame time, p50 and max re-filter time.
std::string bench_report(const std::vector<BenchPhase>& phases);

}  // namespace incidentmap::viewer
