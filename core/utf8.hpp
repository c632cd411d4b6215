#pragma once
// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past U+10FFFF. Every reader of outside
// text checks or repairs its input with these, so that what one stage accepts the next (JSON, GDAL, ICU) takes.

#include <cstddef>
#include <string>
#include <string_view>

namespace incidentmap::core {

bool valid_utf8(std::string_view s);

// Replaces each byte of `s` that does not belong to a valid sequence by U+FFFD; returns how many were replaced.
std::size_t make_valid_utf8(std::string& s);

}  // namespace incidentmap::core
