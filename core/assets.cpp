#include "core/assets.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <system_error>

namespace incidentmap::core {

std::vector<std::filesystem::path> asset_search_path() {
    std::vector<std::filesystem::path> dirs;
    if (const char* env = std::getenv("INCIDENTMAP_ASSETS"); env && *env) {
        dirs.emplace_back(env);
        return dirs;
    }
#ifdef INCIDENTMAP_SOURCE_ASSETS_DIR
    dirs.emplace_back(INCIDENTMAP_SOURCE_ASSETS_DIR);
#endif
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "incidentmap" / "assets");
    return dirs;
}

std::filesystem::path find_asset(std::string_view relative_path) {
    std::string looked;
    for (const auto& dir : asset_search_path()) {
        const auto p = dir / relative_path;
        std::error_code ec;
        if (std::filesystem::exists(p, ec)) return p;
        looked += (looked.empty() ? "" : ", ") + p.string();
    }
    throw InputError(std::string(relative_path), "embedded data file not found (looked in: " + looked +
                                                     "); set INCIDENTMAP_ASSETS to the assets directory");
}

}  // namespace incidentmap::core
