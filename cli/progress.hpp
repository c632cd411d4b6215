#pragma once
// Progress of long work on the terminal: items done of the total, the rate, and the time left, on one line that is
// rewritten in place when stderr is a terminal (at most ten times a second), or as a plain line at every tenth of
// the work when it is a log file or a pipe, so that logs stay short. Nothing is printed for work of one item.

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>

namespace incidentmap::cli {

class Progress {
public:
    // `what` names the work ("ingest"), `unit` the items ("sources").
    Progress(std::string what, std::string unit, std::size_t total);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // `done` items of the total are finished; `note` (optional) is shown after the figures.
    void update(std::size_t done, const std::string& note = {});
    // Ends the live line (the summary the caller prints comes on a line of its own).
    void finish();

    double elapsed_seconds() const;

private:
    std::string what_, unit_;
    std::size_t total_ = 0;
    bool tty_ = false;
    bool shown_ = false;
    int last_tenth_ = 0;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

// "1:05:09", "4:07", "0:03".
std::string format_duration(double seconds);

}  // namespace incidentmap::cli
