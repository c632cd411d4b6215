#pragma once
// FNV-1a over bytes: a small, stable fingerprint of plain values (the basemap picture's key, basemap_cache.hpp). Not
// for anything adversarial.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace incidentmap::viewer::detail {

class Fnv1a {
public:
    explicit Fnv1a(std::uint64_t seed = 14695981039346656037ull) : h_(seed) {}

    void add(const void* data, std::size_t size) {
        for (std::size_t k = 0; k < size; ++k) h_ = (h_ ^ static_cast<const unsigned char*>(data)[k]) * 1099511628211ull;
    }
    // A trivially copyable value's bytes (no padding in it, or the padding is hashed too).
    template <class T>
    void add(const T& value) { add(&value, sizeof value); }
    // A string with its length, so that consecutive strings cannot run together.
    void add(std::string_view s) {
        add(s.size());
        add(s.data(), s.size());
    }

    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_;
};

}  // namespace incidentmap::viewer::detail
