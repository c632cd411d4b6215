#pragma once
// What the fuzz targets share: the bytes libFuzzer hands over, as a file some readers need, and the rule every
// target checks.
//
// The rule: a reader of outside input either returns or throws core::Error (InputError and its kinds for bad
// input). Any other exception escapes the target, and libFuzzer reports it as a crash, as it does for every
// sanitizer finding and for a run over its -timeout or -rss_limit_mb.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace incidentmap::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A file NAME ("input.geojson") in this process's directory under $TMPDIR (or /tmp), rewritten on every call:
// readers that take a path (GDAL, the GeoNames and table importers, the corpora) read it from there, and files
// written side by side (a gold file and its article) find each other.
inline std::filesystem::path write_input_file(std::string_view bytes, std::string_view name) {
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::filesystem::path d = std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("incidentmap-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    const std::filesystem::path path = dir / std::string(name);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();  // the machine, not the input: stop the run loudly
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
    if (std::fclose(f) != 0) std::abort();
    return path;
}

// The first byte chooses among the variants of a target (a format, a language), named by one letter each in
// `letters` so that seed files say what they are ("e" + an English text); another byte chooses by its value. The
// rest is the input.
struct Choice {
    std::size_t variant = 0;
    std::string_view rest;
};
inline Choice choose(const std::uint8_t* data, std::size_t size, std::string_view letters) {
    if (size == 0) return {0, {}};
    std::size_t variant = letters.find(static_cast<char>(data[0]));
    if (variant == std::string_view::npos) variant = data[0] % letters.size();
    return {variant, as_text(data + 1, size - 1)};
}

}  // namespace incidentmap::fuzz
