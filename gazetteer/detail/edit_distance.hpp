#pragma once
// Levenshtein distance (unit-cost insertions, deletions and substitutions of bytes) from one query to many keys,
// bit-parallel (Hyyrö's formulation of Myers' algorithm): the query's positions are bits of a 64-bit word, and each
// key byte costs a dozen word operations whatever the query's length. Queries and keys longer than 63 bytes are
// never within reach. No allocation: a fuzzy lookup runs it over thousands of keys.

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace incidentmap::gazetteer::detail {

class EditDistance {
public:
    explicit EditDistance(std::string_view query) : m_(query.size()) {
        if (m_ == 0 || m_ > 63) return;
        for (std::size_t i = 0; i < m_; ++i) peq_[static_cast<unsigned char>(query[i])] |= std::uint64_t{1} << i;
    }
    // The distance, or max + 1 when it exceeds `max`.
    int operator()(std::string_view key, int max) const {
        if (m_ == 0 || m_ > 63 || key.size() > 63 || std::abs(static_cast<int>(m_) - static_cast<int>(key.size())) > max) return max + 1;
        const std::uint64_t last = std::uint64_t{1} << (m_ - 1);
        std::uint64_t pv = ~std::uint64_t{0}, mv = 0;
        int score = static_cast<int>(m_);
        for (const char ch : key) {
            const std::uint64_t eq = peq_[static_cast<unsigned char>(ch)];
            const std::uint64_t xv = eq | mv;
            const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
            std::uint64_t ph = mv | ~(xh | pv);
            std::uint64_t mh = pv & xh;
            if (ph & last) ++score;
            else if (mh & last) --score;
            ph = (ph << 1) | 1;
            mh <<= 1;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
        }
        return score <= max ? score : max + 1;
    }

private:
    std::size_t m_;
    std::uint64_t peq_[256] = {};
};

}  // namespace incidentmap::gazetteer::detail
