#include "cli/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace treatykb::cli {

namespace {

char fold(char c) {
    if (c == '_')
        return '-';
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment distance: Levenshtein plus transposition of adjacent characters,
    // the commonest typing slip ("serach").
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

std::optional<std::string> closest_name(std::string_view wanted,
                                        const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const std::string& candidate : candidates) {
        std::size_t distance = edit_distance(wanted, candidate);
        std::size_t allowed = std::max<std::size_t>(2, std::max(wanted.size(), candidate.size()) / 3);
        if (distance <= allowed && (!best || distance < best_distance)) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (best || wanted.empty())
        return best;
    for (const std::string& candidate : candidates) {
        if (candidate.size() < wanted.size())
            continue;
        bool prefix = true;
        for (std::size_t i = 0; i < wanted.size() && prefix; ++i)
            prefix = fold(candidate[i]) == fold(wanted[i]);
        if (prefix)
            return candidate;
    }
    return std::nullopt;
}

} // namespace treatykb::cli
