#pragma once
// Strict number parsing for the importers: the whole field must be the number (no spaces, no trailing text), in
// the C locale whatever the process locale is. Returns false and leaves `out` unspecified otherwise.

#include <charconv>
#include <string_view>

namespace incidentmap::gazetteer::detail {

template <typename T>
bool parse_number(std::string_view s, T& out) {
    if (s.empty()) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace incidentmap::gazetteer::detail
