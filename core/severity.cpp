#include "core/severity.hpp"

namespace incidentmap::core {

namespace {
constexpr std::array<std::string_view, kSeverityCount> kNames{"informational", "disruptive", "violent", "injuries", "fatal"};
}

std::string_view to_string(Severity s) { return kNames[static_cast<std::size_t>(s)]; }

std::optional<Severity> parse_severity(std::string_view text) {
    if (text.size() == 1 && text[0] >= '0' && text[0] < static_cast<char>('0' + kSeverityCount))
        return static_cast<Severity>(text[0] - '0');
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == text) return static_cast<Severity>(i);
    return std::nullopt;
}

}  // namespace incidentmap::core
