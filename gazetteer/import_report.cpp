#include "gazetteer/import_report.hpp"

namespace incidentmap::gazetteer {

void ImportReport::skipped(std::string source, std::string location, std::string detail) {
    ++skipped_;
    if (problems_.size() < max_kept_) problems_.push_back({std::move(source), std::move(location), std::move(detail)});
}

}  // namespace incidentmap::gazetteer
