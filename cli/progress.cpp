#include "cli/progress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace incidentmap::cli {

std::string format_duration(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

Progress::Progress(std::string what, std::string unit, std::size_t total)
    : what_(std::move(what)), unit_(std::move(unit)), total_(total), tty_(::isatty(2) == 1),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() { finish(); }

double Progress::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::update(std::size_t done, const std::string& note) {
    if (total_ <= 1) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? done / elapsed : 0;
    char figures[160];
    std::snprintf(figures, sizeof figures, "%zu/%zu %s  %.1f/s  %s left", done, total_, unit_.c_str(), rate,
                  rate > 0 ? format_duration((total_ - std::min(done, total_)) / rate).c_str() : "?");
    if (tty_) {
        if (done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
        last_draw_ = now;
        std::cerr << "\r\033[K" << what_ << ": " << figures << (note.empty() ? "" : "  ") << note << std::flush;
        shown_ = true;
        return;
    }
    const int tenth = static_cast<int>(10 * done / total_);
    if (tenth <= last_tenth_) return;
    last_tenth_ = tenth;
    std::cerr << what_ << ": " << figures << (note.empty() ? "" : "  ") << note << "\n";
}

void Progress::finish() {
    if (tty_ && shown_) std::cerr << "\n";
    shown_ = false;
}

}  // namespace incidentmap::cli
