#include "core/error.hpp"

namespace incidentmap::core {

namespace {
std::string compose(const std::string& source, const std::optional<std::string>& location, const std::string& detail) {
    std::string s = source;
    if (location) s += ":" + *location;
    return s + ": " + detail;
}
}  // namespace

InputError::InputError(std::string source, std::string detail, std::optional<std::string> location)
    : Error(compose(source, location, detail)), source_(std::move(source)), location_(std::move(location)),
      detail_(std::move(detail)) {}

}  // namespace incidentmap::core
