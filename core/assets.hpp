#pragma once
// Where incidentmap's embedded data lives (assets/ in the source tree, or an installed copy).
//
// Search order: when $INCIDENTMAP_ASSETS is set, that directory alone (so a user can swap the embedded data
// wholesale); otherwise the directory the build was configured with (the source tree's assets/), then
// ../share/incidentmap/assets beside the executable. find_asset() returns the first existing match and
// throws InputError naming every place it looked when there is none.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::core {

std::vector<std::filesystem::path> asset_search_path();
std::filesystem::path find_asset(std::string_view relative_path);

// The whole of a (small) data file, as bytes; InputError "cannot open the WHAT" naming the file when it cannot be
// read.
std::string read_data_file(const std::filesystem::path& file, std::string_view what);

// Each line of a data file's text that is neither empty nor a '#' comment, without its line break ("\n" or
// "\r\n"), with its 1-based line number.
void for_each_data_line(std::string_view text, const std::function<void(std::string_view line, std::size_t line_no)>& each);

}  // namespace incidentmap::core
