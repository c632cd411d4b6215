#include "core/severity.hpp"

#include "core/detail/enum_names.hpp"

namespace incidentmap::core {

namespace {
constexpr std::array<std::string_view, kSeverityCount> kNames{"informational", "disruptive", "violent", "injuries", "fatal"};
}

std::string_view to_string(Severity s) { return detail::enum_name(kNames, s); }

std::optional<Severity> parse_severity(std::string_view text) {
    if (text.size() == 1 && text[0] >= '0' && text[0] < static_cast<char>('0' + kSeverityCount))
        return static_cast<Severity>(text[0] - '0');
    return detail::parse_enum<Severity>(kNames, text);
}

}  // namespace incidentmap::core
