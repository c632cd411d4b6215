#pragma once
// The --index option every command that reads the gazetteer takes: the index it names, else the embedded default.

#include "gazetteer/gazetteer.hpp"

#include <filesystem>
#include <string>

namespace incidentmap::cli {

inline std::filesystem::path index_path(const std::string& given) {
    return given.empty() ? gazetteer::Gazetteer::default_path() : std::filesystem::path(given);
}

}  // namespace incidentmap::cli
