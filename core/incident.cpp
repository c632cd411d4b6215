#include "core/incident.hpp"

#include "core/detail/enum_names.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace incidentmap::core {

namespace {

constexpr std::array<std::string_view, kEventTypeCount> kEventTypeNames{
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"};

std::optional<std::string> negative(const char* name, const std::optional<int>& value) {
    if (value && *value < 0) return std::string(name) + " is " + std::to_string(*value) + ", must be >= 0";
    return std::nullopt;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

}  // namespace

std::string_view to_string(EventType type) { return detail::enum_name(kEventTypeNames, type); }

std::optional<EventType> parse_event_type(std::string_view name) {
    return detail::parse_enum<EventType>(kEventTypeNames, name);
}

std::optional<std::string> find_problem(const Incident& in) {
    for (const auto& [name, value] : {std::pair{"fatalities", &in.fatalities}, std::pair{"fatalities_min", &in.fatalities_min},
                                      std::pair{"injured", &in.injured}, std::pair{"arrested", &in.arrested}})
        if (auto p = negative(name, *value)) return p;
    if (in.geo_precision && (*in.geo_precision < 1 || *in.geo_precision > 3))
        return "geo_precision is " + std::to_string(*in.geo_precision) + ", must be 1, 2 or 3";
    if (in.uncertainty_m && !(std::isfinite(in.uncertainty_m->value()) && in.uncertainty_m->value() >= 0))
        return "uncertainty_m is " + number(in.uncertainty_m->value()) + ", must be finite and >= 0";
    if (in.confidence && !(*in.confidence >= 0 && *in.confidence <= 1))  // also false for NaN
        return "confidence is " + number(*in.confidence) + ", must be in [0, 1]";
    if (in.source_span && !(0 <= in.source_span->begin && in.source_span->begin <= in.source_span->end))
        return "source_span is [" + std::to_string(in.source_span->begin) + ", " + std::to_string(in.source_span->end) +
               "), must have 0 <= begin <= end";
    for (std::size_t i = 0; i < in.actors.size(); ++i)
        if (in.actors[i].empty()) return "actor " + std::to_string(i + 1) + " has an empty name";
    return std::nullopt;
}

}  // namespace incidentmap::core
