#include "viewer/incident_files.hpp"

#include "core/error.hpp"
#include "core/io/exchange_tables.hpp"
#include "core/io/incident_io.hpp"

namespace incidentmap::viewer {

namespace {

constexpr std::size_t kNamedRows = 20;  // bad rows of an ACLED or UCDP table listed one by one; the rest counted

std::string counted(std::size_t n) { return std::to_string(n) + (n == 1 ? " incident" : " incidents"); }

}  // namespace

LoadedIncidents load_incident_files(const std::vector<std::string>& files, bool strict, core::io::ReadFields fields) {
    LoadedIncidents out;
    for (const std::string& file : files) {
        try {
            if (const auto layout = core::io::exchange_layout_of_file(file)) {
                // ACLED or UCDP as published: their columns, their dates; the good rows shown, the bad ones named.
                core::io::ExchangeRead read = core::io::read_exchange_table(file);
                if (strict && !read.problems.empty()) throw read.problems.front();
                std::vector<core::Incident> incidents;
                incidents.reserve(read.rows.size());
                for (core::io::ExchangeRow& row : read.rows) incidents.push_back(std::move(row.incident));
                core::IncidentSet set;
                set.add(std::move(incidents));
                out.loaded.push_back(file + ": " + counted(set.size()) + " (" +
                                     (*layout == core::io::ExchangeLayout::acled ? "ACLED" : "UCDP GED") + " table)");
                for (std::size_t i = 0; i < read.problems.size() && i < kNamedRows; ++i) out.problems.push_back(read.problems[i].what());
                if (read.problems.size() > kNamedRows)
                    out.problems.push_back(file + ": " + std::to_string(read.problems.size() - kNamedRows) + " more rows could not be read");
                out.set.add(std::move(set));
                continue;
            }
            core::IncidentSet read = core::io::read_incidents(file, {}, fields);
            out.loaded.push_back(file + ": " + counted(read.size()));
            out.set.add(std::move(read));
        } catch (const core::Error& e) {
            if (strict) throw;
            out.problems.push_back(e.what());
        }
    }
    return out;
}

}  // namespace incidentmap::viewer
