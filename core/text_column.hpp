#pragma once
// A column of texts stored end to end in one buffer: a million incidents' quotes are one allocation and a million
// offsets, not a million strings (each a heap block and 32 bytes of its own). Values are read as string_views, valid
// until the column changes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace incidentmap::core {

class TextColumn {
public:
    std::size_t size() const { return ends_.size(); }
    bool empty() const { return ends_.empty(); }
    std::string_view operator[](std::size_t i) const {
        const std::size_t b = begin(i);
        return std::string_view(bytes_).substr(b, ends_[i] - b);
    }

    void push_back(std::string_view text) {
        bytes_.append(text);
        ends_.push_back(bytes_.size());
    }
    void pop_back() {
        ends_.pop_back();
        bytes_.resize(ends_.empty() ? 0 : ends_.back());
    }
    void reserve(std::size_t n) { ends_.reserve(n); }
    void reserve(std::size_t n, std::size_t bytes) {
        ends_.reserve(n);
        bytes_.reserve(bytes);
    }
    std::size_t bytes() const { return bytes_.size(); }
    void clear() {
        bytes_.clear();
        ends_.clear();
    }
    // Another column's texts after these.
    void append(TextColumn&& other);
    // Entry `from` moved to position `to`; the entries between shift by one (std::rotate's effect on a vector).
    void move(std::size_t from, std::size_t to);
    // The entries in the order given: entry k of the result is entry order[k] of this column.
    void permute(const std::vector<std::uint32_t>& order);

private:
    std::size_t begin(std::size_t i) const { return i == 0 ? 0 : ends_[i - 1]; }

    std::string bytes_;
    std::vector<std::uint64_t> ends_;  // where each text ends in bytes_
};

}  // namespace incidentmap::core
