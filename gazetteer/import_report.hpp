#pragma once
// What an import skipped, and why: each problem with its file and line (or feature), and a count per file.
//
// Importers skip lines or features they cannot use and record them here rather than stopping; a missing or
// unreadable file is an error (InputError), not a report entry. Only the first `max_kept` problems are kept with
// their text; counts are exact.

#include <cstdint>
#include <string>
#include <vector>

namespace incidentmap::gazetteer {

class ImportReport {
public:
    struct Problem {
        std::string source;    // file name
        std::string location;  // "line 17", "feature way/123"
        std::string detail;    // "latitude 123 out of range"
    };

    explicit ImportReport(std::size_t max_kept = 1000) : max_kept_(max_kept) {}

    void skipped(std::string source, std::string location, std::string detail);
    void imported(std::size_t n = 1) { imported_ += n; }

    std::size_t skipped_count() const { return skipped_; }
    std::size_t imported_count() const { return imported_; }
    const std::vector<Problem>& problems() const { return problems_; }

private:
    std::size_t max_kept_;
    std::size_t skipped_ = 0;
    std::size_t imported_ = 0;
    std::vector<Problem> problems_;
};

}  // namespace incidentmap::gazetteer
