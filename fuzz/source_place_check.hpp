#pragma once
// The promises of gazetteer/source_place.hpp, checked on every place an importer gives: a fuzz target aborts (a
// finding) on the first place that breaks one.

#include "gazetteer/importers/geonames.hpp"
#include "gazetteer/source_place.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace incidentmap::fuzz {

// Prints which promise `p` broke, then aborts.
[[noreturn]] inline void broken(const char* promise, const std::string& value) {
    std::fprintf(stderr, "source_place.hpp promise broken: %s: '%s'\n", promise, value.c_str());
    std::abort();
}

inline void check_source_place(const gazetteer::SourcePlace& p) {
    using gazetteer::detail::valid_utf8;
    if (p.name.empty() || !valid_utf8(p.name)) broken("name non-empty valid UTF-8", p.name);
    if (!p.country.empty() && (p.country.size() != 2 || p.country[0] < 'A' || p.country[0] > 'Z' || p.country[1] < 'A' ||
                               p.country[1] > 'Z'))
        broken("country an ISO alpha-2 code in upper case or empty", p.country);
    for (const auto& n : p.names) {
        if (n.text.empty() || !valid_utf8(n.text)) broken("other names non-empty valid UTF-8", n.text);
        if (n.text == p.name) broken("no other name the same as the name", n.text);
    }
}

}  // namespace incidentmap::fuzz
