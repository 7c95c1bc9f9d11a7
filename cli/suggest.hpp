// "Did you mean …?": the closest of a list of names to a mistyped one, for unknown commands,
// instrument aliases and options.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treatykb::cli {

// Edit distance (insertions, deletions, substitutions, and a swap of two neighbours) between two
// byte strings, compared case-insensitively.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `wanted`: the one with the smallest edit distance, if it is at most a
// third of the longer name (at least 2), else one that `wanted` is a prefix of, or that starts
// with `wanted` after '-' and '_' are treated as equal. Ties go to the earlier candidate.
std::optional<std::string> closest_name(std::string_view wanted,
                                        const std::vector<std::string>& candidates);

} // namespace treatykb::cli
