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

namespace {
constexpr SubEventType kSubEventTypes[] = {
    {"Armed clash", EventType::battles},
    {"Government regains territory", EventType::battles},
    {"Non-state actor overtakes territory", EventType::battles},
    {"Chemical weapon", EventType::explosions_remote_violence},
    {"Air/drone strike", EventType::explosions_remote_violence},
    {"Suicide bomb", EventType::explosions_remote_violence},
    {"Shelling/artillery/missile attack", EventType::explosions_remote_violence},
    {"Remote explosive/landmine/IED", EventType::explosions_remote_violence},
    {"Grenade", EventType::explosions_remote_violence},
    {"Sexual violence", EventType::violence_against_civilians},
    {"Attack", EventType::violence_against_civilians},
    {"Abduction/forced disappearance", EventType::violence_against_civilians},
    {"Peaceful protest", EventType::protests},
    {"Protest with intervention", EventType::protests},
    {"Excessive force against protesters", EventType::protests},
    {"Violent demonstration", EventType::riots},
    {"Mob violence", EventType::riots},
    {"Agreement", EventType::strategic_developments},
    {"Arrests", EventType::strategic_developments},
    {"Change to group/activity", EventType::strategic_developments},
    {"Disrupted weapons use", EventType::strategic_developments},
    {"Headquarters or base established", EventType::strategic_developments},
    {"Looting/property destruction", EventType::strategic_developments},
    {"Non-violent transfer of territory", EventType::strategic_developments},
    {"Other", EventType::strategic_developments},
};
}  // namespace

std::span<const SubEventType> acled_sub_event_types() { return kSubEventTypes; }

std::optional<EventType> event_type_of_sub_event(std::string_view name) {
    for (const SubEventType& s : kSubEventTypes)
        if (s.name == name) return s.type;
    return std::nullopt;
}

std::optional<std::string> find_problem(const Incident& in) {
    for (const auto& [name, value] : {std::pair{"fatalities", &in.fatalities}, std::pair{"fatalities_min", &in.fatalities_min},
                                      std::pair{"injured", &in.injured}, std::pair{"arrested", &in.arrested}})
        if (auto p = negative(name, *value)) return p;
    if (!in.location && in.geo_precision) return "geo_precision is " + std::to_string(*in.geo_precision) + " for an incident without a location";
    if (!in.location && in.uncertainty_m) return "uncertainty_m is given for an incident without a location";
    if (in.geo_precision && (*in.geo_precision < 1 || *in.geo_precision > 3))
        return "geo_precision is " + std::to_string(*in.geo_precision) + ", must be 1, 2 or 3";
    if (in.uncertainty_m && !(std::isfinite(in.uncertainty_m->value()) && in.uncertainty_m->value() >= 0))
        return "uncertainty_m is " + number(in.uncertainty_m->value()) + ", must be finite and >= 0";
    if (in.confidence && !(*in.confidence >= 0 && *in.confidence <= 1))  // also false for NaN
        return "confidence is " + number(*in.confidence) + ", must be in [0, 1]";
    if (in.source_span && !(0 <= in.source_span->begin && in.source_span->begin <= in.source_span->end))
        return "source_span is [" + std::to_string(in.source_span->begin) + ", " + std::to_string(in.source_span->end) +
               "), must have 0 <= begin <= end";
    if (in.mention_span && !(0 <= in.mention_span->begin && in.mention_span->begin <= in.mention_span->end))
        return "mention_span is [" + std::to_string(in.mention_span->begin) + ", " + std::to_string(in.mention_span->end) +
               "), must have 0 <= begin <= end";
    for (std::size_t i = 0; i < in.actors.size(); ++i)
        if (in.actors[i].empty()) return "actor " + std::to_string(i + 1) + " has an empty name";
    return std::nullopt;
}

bool compatible_events(EventType a, std::string_view a_sub, EventType b, std::string_view b_sub) {
    if (a == b) return a != EventType::strategic_developments || a_sub == b_sub;
    const bool a_arrests = a == EventType::strategic_developments && a_sub == "Arrests";
    const bool b_arrests = b == EventType::strategic_developments && b_sub == "Arrests";
    auto crowd = [](EventType t) { return t == EventType::protests || t == EventType::riots; };
    if (a_arrests || b_arrests) return (a_arrests && crowd(b)) || (b_arrests && crowd(a));
    return a != EventType::strategic_developments && b != EventType::strategic_developments;
}

Severity implied_severity(const Incident& in) {
    if (in.fatalities.value_or(0) > 0 || in.fatalities_min.value_or(0) > 0) return Severity::fatal;
    if (in.injured.value_or(0) > 0) return Severity::injuries;
    if (in.violent) return Severity::violent;
    if (in.event_type == EventType::protests || in.event_type == EventType::riots || in.arrested.value_or(0) > 0)
        return Severity::disruptive;
    return Severity::informational;
}

}  // namespace incidentmap::core
