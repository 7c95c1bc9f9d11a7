// Exact swing counts by meet in the middle, for games whose weights are too large for a table
// indexed by weight (raw populations). The members are split into two halves; every coalition is
// a pair (part from one half, part from the other). Counting pairs by combined size and weight is
// done with one sorted sweep per weight boundary:
//   below[j][k2] = #{(y, x) : |y| = j, |x| = k2, w(y) + w(x) < boundary}
// where y runs over the subsets of one half sorted by weight, and, for each y, the number of
// x of every size below (boundary − w(y)) is read from a prefix table over the other half sorted
// by weight. Any swing or winning window [lo, hi) is then below(hi) − below(lo); the upper ends
// (thresholds) come from the whole game's table, so each member needs one sweep per distinct
// threshold. Time O(n² · 2^(n/2)) for all members; see docs/methodology.md.
#include <algorithm>
#include <map>

#include "engine/analysis/detail/power_game.hpp"

namespace treatykb::power::detail {

namespace {

// All subsets of a group of members, sorted by weight, with their sizes.
struct SortedSubsets {
    std::size_t members = 0;
    std::vector<std::int64_t> weights;
    std::vector<std::uint8_t> sizes;
    std::vector<std::uint32_t> masks;         // which members (bit j = member j of the group)
    std::vector<std::uint64_t> count_by_size; // C(members, k)
};

void count_sizes(SortedSubsets& subsets) {
    subsets.count_by_size.assign(subsets.members + 1, 0);
    for (auto size : subsets.sizes)
        ++subsets.count_by_size[size];
}

SortedSubsets sorted_subsets(const std::vector<std::int64_t>& member_weights) {
    SortedSubsets subsets;
    subsets.members = member_weights.size();
    subsets.weights = {0};
    subsets.sizes = {0};
    subsets.masks = {0};
    for (std::size_t member = 0; member < member_weights.size(); ++member) {
        const std::int64_t weight = member_weights[member];
        const std::uint32_t bit = std::uint32_t{1} << member;
        // Subsets with the new member are the old ones shifted by its weight; merge both lists.
        const std::size_t old_size = subsets.weights.size();
        std::vector<std::int64_t> weights(2 * old_size);
        std::vector<std::uint8_t> sizes(2 * old_size);
        std::vector<std::uint32_t> masks(2 * old_size);
        std::size_t without = 0, with = 0, out = 0;
        while (without < old_size || with < old_size) {
            const bool take_without =
                with == old_size ||
                (without < old_size && subsets.weights[without] <= subsets.weights[with] + weight);
            if (take_without) {
                weights[out] = subsets.weights[without];
                masks[out] = subsets.masks[without];
                sizes[out++] = subsets.sizes[without++];
            } else {
                weights[out] = subsets.weights[with] + weight;
                masks[out] = subsets.masks[with] | bit;
                sizes[out++] = static_cast<std::uint8_t>(subsets.sizes[with++] + 1);
            }
        }
        subsets.weights = std::move(weights);
        subsets.sizes = std::move(sizes);
        subsets.masks = std::move(masks);
    }
    count_sizes(subsets);
    return subsets;
}

// The subsets that do not contain `member`, still sorted: a filter, cheaper than a new merge.
// Branch-free: every entry is written, and the cursor advances only past the kept ones.
SortedSubsets without_member(const SortedSubsets& subsets, std::size_t member) {
    SortedSubsets rest;
    rest.members = subsets.members - 1;
    const std::uint32_t bit = std::uint32_t{1} << member;
    const std::size_t kept = subsets.weights.size() / 2;
    rest.weights.resize(kept + 1);
    rest.sizes.resize(kept + 1);
    std::size_t out = 0;
    for (std::size_t pos = 0; pos < subsets.weights.size(); ++pos) {
        rest.weights[out] = subsets.weights[pos];
        rest.sizes[out] = subsets.sizes[pos];
        out += (subsets.masks[pos] & bit) == 0 ? 1 : 0;
    }
    rest.weights.resize(kept);
    rest.sizes.resize(kept);
    count_sizes(rest);
    return rest;
}

// prefix[pos * stride + k] = number of subsets of size k among the `pos` lightest. The stride is
// padded to a multiple of 16 so that the row additions below have a fixed trip count the
// compiler vectorizes (they are most of the work).
constexpr std::size_t lanes = 16;

struct PrefixBySize {
    std::size_t stride = 0;
    std::vector<std::uint32_t> counts;
};

PrefixBySize prefix_by_size(const SortedSubsets& subsets) {
    PrefixBySize prefix;
    prefix.stride = (subsets.members + lanes) / lanes * lanes;
    prefix.counts.assign((subsets.weights.size() + 1) * prefix.stride, 0);
    for (std::size_t pos = 0; pos < subsets.weights.size(); ++pos) {
        std::copy_n(&prefix.counts[pos * prefix.stride], prefix.stride,
                    &prefix.counts[(pos + 1) * prefix.stride]);
        ++prefix.counts[(pos + 1) * prefix.stride + subsets.sizes[pos]];
    }
    return prefix;
}

// Pair counts by (size in `sweep`, size in `other`) for one weight boundary, flattened
// [j * other_stride + k2]. Count is 32-bit when every count fits (games of up to 32 members:
// at most 2^31 coalitions of the others), which doubles the lanes of the vector additions.
template <typename Count>
std::vector<std::uint64_t> pairs_below(const SortedSubsets& sweep, const SortedSubsets& other,
                                       const PrefixBySize& other_prefix, std::int64_t boundary) {
    const std::size_t stride = other_prefix.stride;
    std::vector<Count> below((sweep.members + 1) * stride, 0);
    std::size_t pos = other.weights.size(); // partners lighter than boundary − w(y): [0, pos)
    for (std::size_t y = 0; y < sweep.weights.size(); ++y) {
        const std::int64_t room = boundary - sweep.weights[y];
        while (pos > 0 && other.weights[pos - 1] >= room)
            --pos;
        if (pos == 0)
            break; // heavier y have no partner either
        // __restrict: the two rows never overlap, which spares the compiler an overlap check.
        Count* __restrict row = &below[sweep.sizes[y] * stride];
        const std::uint32_t* __restrict counts = &other_prefix.counts[pos * stride];
        for (std::size_t block = 0; block < stride; block += lanes)
            for (std::size_t lane = 0; lane < lanes; ++lane)
                row[block + lane] += counts[block + lane];
    }
    return std::vector<std::uint64_t>(below.begin(), below.end());
}

// Counts coalitions (y ∪ x) of size k whose weight lies in given windows, for one pair of halves.
class PairCounter {
  public:
    PairCounter(const SortedSubsets& sweep, const SortedSubsets& other, const PrefixBySize& prefix)
        : sweep_(sweep), other_(other), prefix_(prefix) {}

    // Coalitions of k members (a part from each half) weighing less than `boundary`.
    std::uint64_t below_by_size(std::int64_t boundary, std::size_t k) {
        std::uint64_t count = 0;
        for (std::size_t j = 0; j <= sweep_.members && j <= k; ++j)
            if (k - j <= other_.members)
                count += below(boundary, j, k - j);
        return count;
    }

  private:
    std::uint64_t below(std::int64_t boundary, std::size_t j, std::size_t k2) {
        if (boundary <= 0)
            return 0; // weights are non-negative
        if (boundary >= never)
            return sweep_.count_by_size[j] * other_.count_by_size[k2];
        auto found = tables_.find(boundary);
        if (found == tables_.end())
            found =
                tables_
                    .emplace(boundary,
                             sweep_.members + other_.members <= 31
                                 ? pairs_below<std::uint32_t>(sweep_, other_, prefix_, boundary)
                                 : pairs_below<std::uint64_t>(sweep_, other_, prefix_, boundary))
                    .first;
        return found->second[j * prefix_.stride + k2];
    }

    const SortedSubsets& sweep_;
    const SortedSubsets& other_;
    const PrefixBySize& prefix_;
    std::map<std::int64_t, std::vector<std::uint64_t>> tables_; // one per boundary used
};

} // namespace

SwingCounts count_by_meet_in_the_middle(const ThresholdGame& game) {
    const std::size_t n = game.weights.size();
    const std::size_t half = n / 2;
    const std::vector<std::int64_t> first_weights(game.weights.begin(),
                                                  game.weights.begin() + half);
    const std::vector<std::int64_t> second_weights(game.weights.begin() + half, game.weights.end());
    const SortedSubsets first = sorted_subsets(first_weights);
    const SortedSubsets second = sorted_subsets(second_weights);
    const PrefixBySize first_prefix = prefix_by_size(first);
    const PrefixBySize second_prefix = prefix_by_size(second);

    SwingCounts counts;
    PairCounter all(first, second, second_prefix);
    for (std::size_t k = 0; k <= n; ++k)
        counts.winning_coalitions +=
            all.below_by_size(never, k) - all.below_by_size(game.threshold[k], k);

    resize_square(counts.swings_by_size, n);
    for (std::size_t i = 0; i < n; ++i) {
        // The others of member i: its own half without it (swept), the other half (prefix table
        // built once).
        const bool in_first = i < half;
        const SortedSubsets reduced =
            in_first ? without_member(first, i) : without_member(second, i - half);
        PairCounter others(reduced, in_first ? second : first,
                           in_first ? second_prefix : first_prefix);
        const std::int64_t weight = game.weights[i];
        // Coalitions of k others lighter than a threshold T, from the whole game's count: those
        // of all members minus those containing i, i.e. k − 1 others lighter than T − w_i. So a
        // member needs sweeps only for the shifted boundaries T − w_i, which the lower ends of its
        // swing windows need anyway: one sweep per distinct threshold instead of two.
        const auto others_below_threshold = [&](std::int64_t threshold, std::size_t k) {
            if (threshold <= 0 || threshold >= never)
                return others.below_by_size(threshold, k);
            const std::uint64_t with_member =
                k == 0 ? 0 : others.below_by_size(threshold - weight, k - 1);
            return all.below_by_size(threshold, k) - with_member;
        };
        for (std::size_t k = 0; k < n; ++k) {
            const WeightWindow window = swing_window(game, k, weight);
            if (window.lo >= window.hi)
                continue;
            counts.swings_by_size[i][k] =
                others_below_threshold(window.hi, k) - others.below_by_size(window.lo, k);
        }
    }
    return counts;
}

} // namespace treatykb::power::detail
