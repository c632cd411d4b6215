#include "viewer/incident_text.hpp"

#include "viewer/incident_filter.hpp"

#include <array>
#include <cstdio>

namespace incidentmap::viewer {

std::string describe_time(const core::TimeSpan& time) {
    using namespace std::chrono;
    if (!time.is_known()) return "date unknown";
    const auto start = time.start();
    const year_month_day day{floor<days>(start)};
    const std::string date = core::format_iso_date(day);
    switch (time.precision()) {
        case core::TimePrecision::exact: {
            const hh_mm_ss hms{start - floor<days>(start)};
            char text[16];
            std::snprintf(text, sizeof text, " %02d:%02d", static_cast<int>(hms.hours().count()),
                          static_cast<int>(hms.minutes().count()));
            return date + text;
        }
        case core::TimePrecision::part_of_day: {
            const auto hour = floor<hours>(start - floor<days>(start)).count();
            const char* part = hour < 12 && hour >= 6 ? " morning" : (hour >= 12 && hour < 18 ? " afternoon" : (hour >= 22 ? " night" : " evening"));
            std::string out = date;
            out += part;
            return out;
        }
        case core::TimePrecision::day: {
            const year_month_day last{floor<days>(time.end()) - days{1}};
            if (last == day) return date;
            std::string out = date;
            out += " to ";
            out += core::format_iso_date(last);
            return out;
        }
        case core::TimePrecision::week: {
            std::string out = "week of ";
            out += date;
            return out;
        }
        case core::TimePrecision::month: {
            static constexpr std::array<const char*, 12> kMonths{"January", "February", "March",     "April",   "May",      "June",
                                                                 "July",    "August",   "September", "October", "November", "December"};
            std::string out = kMonths[static_cast<unsigned>(day.month()) - 1];
            out += ' ';
            out += std::to_string(static_cast<int>(day.year()));
            return out;
        }
        case core::TimePrecision::year: return std::to_string(static_cast<int>(day.year()));
        case core::TimePrecision::unknown: break;
    }
    return "date unknown";
}

std::string describe_figures(const core::Incident& incident) {
    std::string out;
    auto add = [&](const std::string& part) {
        if (!out.empty()) out += ", ";
        out += part;
    };
    if (incident.fatalities) add(std::to_string(*incident.fatalities) + " killed");
    else if (incident.fatalities_min) add("at least " + std::to_string(*incident.fatalities_min) + " killed");
    if (incident.injured) add(std::to_string(*incident.injured) + " wounded");
    if (incident.arrested) add(std::to_string(*incident.arrested) + " arrested");
    return out.empty() ? "no figures" : out;
}

std::string describe_interval(core::TimeSpan::Seconds from, core::TimeSpan::Seconds to) {
    using namespace std::chrono;
    std::string out;
    if (floor<days>(from) == from && floor<days>(to) == to) {
        out = core::format_iso_date(from);
        if (to - from > days{1}) {
            out += " to ";
            out += core::format_iso_date(to - days{1});
        }
        return out;
    }
    auto minutes_text = [](core::TimeSpan::Seconds t) {
        std::string text = core::format_iso_datetime(t).substr(0, 16);
        text[10] = ' ';
        return text;
    };
    out = minutes_text(from);
    out += " to ";
    out += minutes_text(to);
    return out;
}

std::string describe_window(std::chrono::seconds length) {
    using namespace std::chrono;
    auto plural = [](long long n, const char* unit) {
        std::string s = std::to_string(n);
        s += ' ';
        s += unit;
        if (n != 1) s += 's';
        return s;
    };
    const long long s = length.count();
    if (s % (7 * 86400) == 0 && s >= 7 * 86400 && s < 365 * 86400) return plural(s / (7 * 86400), "week");
    if (s % 86400 == 0) return plural(s / 86400, "day");
    if (s % 3600 == 0) return plural(s / 3600, "hour");
    if (s % 60 == 0) return plural(s / 60, "minute");
    return plural(s, "second");
}

std::string event_type_name(std::size_t slot) {
    if (slot >= core::kEventTypeCount) return "Unknown type";
    return std::string(core::to_string(static_cast<core::EventType>(slot)));
}

std::string severity_name(core::Severity s) {
    std::string name(core::to_string(s));
    if (!name.empty()) name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
}

std::string short_count(std::size_t n) {
    char text[16];
    if (n < 1000) std::snprintf(text, sizeof text, "%zu", n);
    else if (n < 10'000) std::snprintf(text, sizeof text, "%.1fk", static_cast<double>(n) / 1e3);
    else if (n < 1'000'000) std::snprintf(text, sizeof text, "%zuk", n / 1000);
    else std::snprintf(text, sizeof text, "%.1fM", static_cast<double>(n) / 1e6);
    return text;
}

}  // namespace incidentmap::viewer
