#pragma once
// How the viewer words an incident's time, figures and type: the tooltip, the inspector, the legend and the
// rendered PNG say them the same way. Plain strings, no ImGui.
//
// Time is worded at the precision it is known, never finer: a day-precision incident reads "2022-01-06", not
// "2022-01-06 00:00"; "2022-01-06 evening", "week of 2022-01-03", "January 2022", "2022"; "date unknown".

#include "core/incident.hpp"
#include "core/incident_set.hpp"

#include <chrono>
#include <string>

namespace incidentmap::viewer {

std::string describe_time(const core::TimeSpan& time);
// "18 killed, 748 wounded, 2300 arrested"; "at least 2 killed" from fatalities_min; "no figures" when none is known.
std::string describe_figures(const core::Incident& incident);
// The interval [from, to) as a person reads it: "2022-01-05 to 2022-01-06" when both bounds are midnights (the
// last day included), else "2022-01-05 18:00 to 2022-01-06 06:00".
std::string describe_interval(core::TimeSpan::Seconds from, core::TimeSpan::Seconds to);
// A window length as the time panel and the legend name it: "6 hours", "3 days", "1 week".
std::string describe_window(std::chrono::seconds length);
// ACLED's event type, or "Unknown type".
std::string event_type_name(std::size_t event_type_slot);
// Severity with its first letter capitalised ("Fatal").
std::string severity_name(core::Severity s);
// A count as the map prints it on clusters: 999, 1.2k, 45k, 1.3M.
std::string short_count(std::size_t n);

}  // namespace incidentmap::viewer
