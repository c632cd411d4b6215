#pragma once
// How grave an incident is, on a small ordered scale computed from its type and figures (see docs/SEVERITY.md).
//
// Guarantees: five levels, ordered by gravity (informational < disruptive < violent < injuries < fatal), each with
// a stable lowercase name used in files and on the command line; the numeric value (0..4) is the rank and is what
// GeoJSON carries. Parsing accepts the name or the rank and nothing else.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace incidentmap::core {

enum class Severity : std::uint8_t {
    informational = 0,  // reported, no disruption (statements, announcements)
    disruptive = 1,     // non-violent but disruptive: peaceful protest, strike, arrests without violence
    violent = 2,        // violence without reported casualties: clashes, arson, looting
    injuries = 3,       // people reported wounded, none reported killed
    fatal = 4,          // at least one person reported killed
};

inline constexpr std::size_t kSeverityCount = 5;
inline constexpr std::array<Severity, kSeverityCount> kAllSeverities{
    Severity::informational, Severity::disruptive, Severity::violent, Severity::injuries, Severity::fatal};

constexpr int rank(Severity s) { return static_cast<int>(s); }
std::string_view to_string(Severity s);
// "fatal" or "4" -> Severity::fatal; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace incidentmap::core
