#include "core/text_column.hpp"

#include <algorithm>

namespace incidentmap::core {

void TextColumn::append(TextColumn&& other) {
    const std::uint64_t base = bytes_.size();
    if (bytes_.empty()) bytes_ = std::move(other.bytes_);
    else bytes_.append(other.bytes_);
    for (const std::uint64_t e : other.ends_) ends_.push_back(base + e);
    other.clear();
}

void TextColumn::move(std::size_t from, std::size_t to) {
    if (from == to) return;
    const std::size_t lo = std::min(from, to), hi = std::max(from, to);
    // The bytes of entries lo..hi rotate as the entries do; their ends are rebuilt from the rotated lengths.
    std::vector<std::uint64_t> length(hi - lo + 1);
    for (std::size_t i = lo; i <= hi; ++i) length[i - lo] = ends_[i] - begin(i);
    const auto b = bytes_.begin() + static_cast<std::ptrdiff_t>(begin(lo));
    const auto e = bytes_.begin() + static_cast<std::ptrdiff_t>(ends_[hi]);
    if (from > to) {
        std::rotate(b, b + static_cast<std::ptrdiff_t>(begin(from) - begin(lo)), e);
        std::rotate(length.begin(), length.end() - 1, length.end());
    } else {
        std::rotate(b, b + static_cast<std::ptrdiff_t>(length.front()), e);
        std::rotate(length.begin(), length.begin() + 1, length.end());
    }
    std::uint64_t at = begin(lo);
    for (std::size_t i = lo; i <= hi; ++i) ends_[i] = at += length[i - lo];
}

void TextColumn::permute(const std::vector<std::uint32_t>& order) {
    std::string bytes;
    bytes.reserve(bytes_.size());
    std::vector<std::uint64_t> ends;
    ends.reserve(order.size());
    for (const std::uint32_t i : order) {
        bytes.append((*this)[i]);
        ends.push_back(bytes.size());
    }
    bytes_ = std::move(bytes);
    ends_ = std::move(ends);
}

}  // namespace incidentmap::core
