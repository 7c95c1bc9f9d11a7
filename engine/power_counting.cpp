// Counting swings of a ThresholdGame: generating functions, meet in the middle, enumeration.
// All three return identical SwingCounts; tests/engine/power_test.cpp checks that they do.
#include <algorithm>
#include <cassert>

#include "engine/power_game.hpp"

namespace treatykb::power::detail {

namespace {

std::int64_t total_weight(const ThresholdGame& game) {
    std::int64_t total = 0;
    for (auto weight : game.weights) total += weight;
    return total;
}

// Coalitions of a member excluded are counted over weights [lo, hi); clamp to what can occur.
struct WeightWindow {
    std::int64_t lo;
    std::int64_t hi;  // exclusive; `never` means unbounded
};

// S (k others) swings for member i with weight w iff S loses (weight < threshold[k]) and
// S ∪ {i} wins (weight + w >= threshold[k + 1]).
WeightWindow swing_window(const ThresholdGame& game, std::size_t k, std::int64_t weight) {
    std::int64_t next = game.threshold[k + 1];
    if (next >= never) return {0, 0};
    return {std::max<std::int64_t>(0, next - weight), game.threshold[k]};
}

// (A loop, not vector::assign(n, row): GCC 12 reports a false -Wfree-nonheap-object on the latter.)
void resize_square(std::vector<std::vector<std::uint64_t>>& table, std::size_t n) {
    table.resize(n);
    for (auto& row : table) row.resize(n, 0);
}

}  // namespace

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
            for (std::size_t w = width; w-- > weight;) row[w] += below[w - weight];
        }
    }
    SwingCounts counts;
    for (std::size_t k = 0; k <= n; ++k) {
        if (game.threshold[k] >= never) continue;
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
                if (k > 0 && w >= weight) value -= without[(k - 1) * width + w - weight];
                without[k * width + w] = value;
            }
            const WeightWindow window = swing_window(game, k, game.weights[i]);
            const auto hi = static_cast<std::size_t>(std::min<std::int64_t>(
                window.hi, static_cast<std::int64_t>(width)));
            for (auto w = static_cast<std::size_t>(window.lo); w < hi; ++w)
                counts.swings_by_size[i][k] += without[k * width + w];
        }
    }
    return counts;
}

namespace {

// The subset weights of a group of members, bucketed by subset size, each bucket sorted.
using SubsetWeights = std::vector<std::vector<std::int64_t>>;

SubsetWeights subset_weights(const std::vector<std::int64_t>& weights) {
    SubsetWeights by_size(weights.size() + 1);
    by_size[0].push_back(0);  // the empty subset
    std::size_t filled = 1;   // buckets 0..filled-1 are in use
    for (std::int64_t weight : weights) {
        ++filled;
        // New bucket k = old bucket k merged with (old bucket k−1 shifted by weight); both sorted.
        for (std::size_t k = filled - 1; k >= 1; --k) {
            std::vector<std::int64_t> shifted(by_size[k - 1]);
            for (auto& value : shifted) value += weight;
            std::vector<std::int64_t> merged(by_size[k].size() + shifted.size());
            std::merge(by_size[k].begin(), by_size[k].end(), shifted.begin(), shifted.end(),
                       merged.begin());
            by_size[k] = std::move(merged);
        }
    }
    return by_size;
}

// Number of pairs (a, b), a from `left`, b from `right` (both sorted ascending), with
// lo <= a + b < hi. One pass over `left` with two cursors moving down `right`.
std::uint64_t pairs_in_window(const std::vector<std::int64_t>& left,
                              const std::vector<std::int64_t>& right, WeightWindow window) {
    if (left.empty() || right.empty()) return 0;
    // Whole-list shortcuts: every pair below lo, or every pair inside the window.
    if (left.back() + right.back() < window.lo || left.front() + right.front() >= window.hi)
        return 0;
    if (left.front() + right.front() >= window.lo && left.back() + right.back() < window.hi)
        return static_cast<std::uint64_t>(left.size()) * right.size();
    std::size_t from = right.size();  // first partner with a + b >= lo
    std::size_t to = right.size();    // first partner with a + b >= hi
    std::uint64_t count = 0;
    for (std::int64_t a : left) {
        while (from > 0 && a + right[from - 1] >= window.lo) --from;
        while (to > 0 && a + right[to - 1] >= window.hi) --to;
        count += to - from;
    }
    return count;
}

// Number of coalitions of k members (one part from each half) with weight in the window.
std::uint64_t coalitions_in_window(const SubsetWeights& first, const SubsetWeights& second,
                                   std::size_t k, WeightWindow window) {
    if (window.lo >= window.hi) return 0;
    std::uint64_t count = 0;
    for (std::size_t j = 0; j < first.size() && j <= k; ++j)
        if (k - j < second.size()) count += pairs_in_window(first[j], second[k - j], window);
    return count;
}

}  // namespace

SwingCounts count_by_meet_in_the_middle(const ThresholdGame& game) {
    const std::size_t n = game.weights.size();
    const std::size_t half = n / 2;
    const std::vector<std::int64_t> first_weights(game.weights.begin(), game.weights.begin() + half);
    const std::vector<std::int64_t> second_weights(game.weights.begin() + half, game.weights.end());
    const SubsetWeights first = subset_weights(first_weights);
    const SubsetWeights second = subset_weights(second_weights);

    SwingCounts counts;
    for (std::size_t k = 0; k <= n; ++k)
        counts.winning_coalitions +=
            coalitions_in_window(first, second, k, {game.threshold[k], never});

    resize_square(counts.swings_by_size, n);
    for (std::size_t i = 0; i < n; ++i) {
        // The others of member i: its own half without it, and the other half as computed.
        const bool in_first = i < half;
        std::vector<std::int64_t> rest = in_first ? first_weights : second_weights;
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(in_first ? i : i - half));
        const SubsetWeights reduced = subset_weights(rest);
        const SubsetWeights& left = in_first ? reduced : first;
        const SubsetWeights& right = in_first ? second : reduced;
        for (std::size_t k = 0; k < n; ++k)
            counts.swings_by_size[i][k] =
                coalitions_in_window(left, right, k, swing_window(game, k, game.weights[i]));
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
        if (weight < game.threshold[size]) continue;
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

}  // namespace treatykb::power::detail
