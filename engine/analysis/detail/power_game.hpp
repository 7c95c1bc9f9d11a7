// treatykb/engine/power_game.hpp — the integer game behind engine/power.hpp, and the three ways
// of counting its swings. Exposed (rather than kept in power.cpp) so that the tests and the bench
// can compare the exact algorithms with each other and with plain enumeration.
//
// A ThresholdGame has n members with non-negative integer weights and, for every coalition size
// k = 0..n, a weight threshold: a coalition of k members wins iff its weight >= threshold[k]
// (`never` when no coalition of that size can win). Monotone rules have non-increasing thresholds.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/analysis/power.hpp"

namespace treatykb::power::detail {

inline constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max() / 4;

struct ThresholdGame {
    std::vector<std::string> names;
    std::vector<std::int64_t> weights;   // >= 0, total < 2^60
    std::vector<std::int64_t> threshold; // size n + 1
};

// What every index is computed from: for member i and size k, the number of coalitions S of k
// other members such that S loses and S ∪ {i} wins; and the number of winning coalitions.
// Counts are exact in 64 bits because a game has at most 62 members.
struct SwingCounts {
    std::vector<std::vector<std::uint64_t>> swings_by_size; // [member][k], k = 0..n-1
    std::uint64_t winning_coalitions = 0;
};

// Coalitions S of k members other than i swing for i iff S loses (weight < threshold[k]) and
// S ∪ {i} wins (weight + w_i >= threshold[k + 1]): weight in [lo, hi). hi = `never`: unbounded.
struct WeightWindow {
    std::int64_t lo;
    std::int64_t hi;
};

inline WeightWindow swing_window(const ThresholdGame& game, std::size_t k, std::int64_t weight) {
    const std::int64_t next = game.threshold[k + 1];
    if (next >= never)
        return {0, 0};
    return {next > weight ? next - weight : 0, game.threshold[k]};
}

// An n × n table of zeros. (A loop, not vector::assign(n, row): GCC 12 reports a false
// -Wfree-nonheap-object on the latter.)
inline void resize_square(std::vector<std::vector<std::uint64_t>>& table, std::size_t n) {
    table.resize(n);
    for (auto& row : table)
        row.resize(n, 0);
}

ThresholdGame make_game(const WeightedMajorityRule& rule);
ThresholdGame make_game(const DoubleMajorityRule& rule);

// Generating functions: counts of coalitions per (size, weight), O(n^2 · W) time, O(n · W) memory;
// for small integer weights (votes).
SwingCounts count_by_generating_functions(const ThresholdGame& game);
// Exact meet in the middle over two halves of the members, O(n · 2^(n/2)) time; for large weights
// (populations), where a table indexed by weight would be too large.
SwingCounts count_by_meet_in_the_middle(const ThresholdGame& game);
// Plain enumeration of all 2^n coalitions: the reference the tests and the bench compare against.
SwingCounts count_by_enumeration(const ThresholdGame& game);

// Whether the generating-function table fits the time and memory budget.
bool generating_functions_affordable(const ThresholdGame& game);

PowerIndices indices_from_counts(const ThresholdGame& game, const SwingCounts& counts,
                                 std::string method);

} // namespace treatykb::power::detail
