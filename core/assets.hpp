#pragma once
// Where incidentmap's embedded data lives (assets/ in the source tree, or an installed copy).
//
// Search order: when $INCIDENTMAP_ASSETS is set, that directory alone (so a user can swap the embedded data
// wholesale); otherwise the directory the build was configured with (the source tree's assets/), then
// ../share/incidentmap/assets beside the executable. find_asset() returns the first existing match and
// throws InputError naming every place it looked when there is none.

#include <filesystem>
#include <string_view>
#include <vector>

namespace incidentmap::core {

std::vector<std::filesystem::path> asset_search_path();
std::filesystem::path find_asset(std::string_view relative_path);

}  // namespace incidentmap::core
