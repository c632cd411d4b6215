#include "core/assets.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
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

std::string read_data_file(const std::filesystem::path& file, std::string_view what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), "cannot open the " + std::string(what));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(file.string(), "cannot read the " + std::string(what));
    return text.str();
}

void for_each_data_line(std::string_view text, const std::function<void(std::string_view, std::size_t)>& each) {
    std::size_t line_no = 0, at = 0;
    while (at < text.size()) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(at, nl - at);
        at = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty() && line.front() != '#') each(line, line_no);
    }
}

}  // namespace incidentmap::core
