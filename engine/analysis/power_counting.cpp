// Counting swings of a ThresholdGame by generating functions and by enumeration (meet in the
// middle: engine/power_meet_in_middle.cpp). All return identical SwingCounts;
// tests/engine/power_test.cpp checks that they do.
#include <algorithm>
#include <cassert>

#include "engine/analysis/detail/power_game.hpp"

namespace treatykb::power::detail {

namespace {

std::int64_t total_weight(const ThresholdGame& game) {
    std::int64_t total = 0;
    for (auto weight : game.weights)
        total += weight;
    return total;
}

} // namespace

bool generating_functions_affordable(const ThresholdGame& game) {
    const auto n = static_cast<std::int64_t>(game.weights.size());
    const std::int64_t cells = (n + 1) * (total_weight(game) + 1);
    // 4 M cells = 32 MiB for the table; the time is n times that.
    return total_weight(game) < (1 << 22) && cells <= (std::int64_t{1} << 22);
}

SwingCounts count_by_generating_functions(const ThresholdGame& game) {
    const std::size_t n = game.weights.size();
    const auto width = static_cast<std::size_t>(total_weight(game)) + 1;
    // coalitions[k * width + w] = number of coalitions of k members and weight w: the coefficient
    // of x^k y^w in Π_j (1 + x y^(w_j)). Arithmetic is modulo 2^64, exact since counts < 2^62.
    std::vector<std::uint64_t> coalitions((n + 1) * width, 0);
    coalitions[0] = 1;
    for (std::size_t j = 0; j < n; ++j) {
        const auto weight = static_cast<std::size_t>(game.weights[j]);
        for (std::size_t k = j + 1; k >= 1; --k) {
            std::uint64_t* row = &coalitions[k * width];
            const std::uint64_t* below = &coalitions[(k - 1) * width];
            for (std::size_t w = width; w-- > weight;)
                row[w] += below[w - weight];
        }
    }
    SwingCounts counts;
    for (std::size_t k = 0; k <= n; ++k) {
        if (game.threshold[k] >= never)
            continue;
        for (auto w = static_cast<std::size_t>(std::max<std::int64_t>(0, game.threshold[k]));
             w < width; ++w)
            counts.winning_coalitions += coalitions[k * width + w];
    }
    // Coalitions without member i: divide the generating function by (1 + x y^(w_i)), i.e.
    // without[k][w] = coalitions[k][w] − without[k−1][w − w_i].
    std::vector<std::uint64_t> without(n * width, 0);
    resize_square(counts.swings_by_size, n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto weight = static_cast<std::size_t>(game.weights[i]);
        for (std::size_t k = 0; k < n; ++k) {
            for (std::size_t w = 0; w < width; ++w) {
                std::uint64_t value = coalitions[k * width + w];
                if (k > 0 && w >= weight)
                    value -= without[(k - 1) * width + w - weight];
                without[k * width + w] = value;
            }
            const WeightWindow window = swing_window(game, k, game.weights[i]);
            const auto hi = static_cast<std::size_t>(
                std::min<std::int64_t>(window.hi, static_cast<std::int64_t>(width)));
            for (auto w = static_cast<std::size_t>(window.lo); w < hi; ++w)
                counts.swings_by_size[i][k] += without[k * width + w];
        }
    }
    return counts;
}

SwingCounts count_by_enumeration(const ThresholdGame& game) {
    const std::size_t n = game.weights.size();
    assert(n <= 32);
    SwingCounts counts;
    resize_square(counts.swings_by_size, n);
    // Visit the 2^n coalitions in Gray-code order, so that each step adds or removes one member
    // and the coalition's weight and size are updated in O(1).
    std::uint64_t coalition = 0;
    std::int64_t weight = 0;
    std::size_t size = 0;
    for (std::uint64_t step = 0; step < (std::uint64_t{1} << n); ++step) {
        if (step > 0) {
            const auto flipped = static_cast<std::size_t>(__builtin_ctzll(step));
            coalition ^= std::uint64_t{1} << flipped;
            const bool added = coalition >> flipped & 1U;
            weight += added ? game.weights[flipped] : -game.weights[flipped];
            size += added ? 1 : std::size_t(-1);
        }
        if (weight < game.threshold[size])
            continue;
        ++counts.winning_coalitions;
        // Member i of a winning coalition swings iff the coalition without i loses.
        for (std::uint64_t rest = coalition; rest != 0; rest &= rest - 1) {
            const auto i = static_cast<std::size_t>(__builtin_ctzll(rest));
            if (weight - game.weights[i] < game.threshold[size - 1])
                ++counts.swings_by_size[i][size - 1];
        }
    }
    return counts;
}

} // namespace treatykb::power::detail
