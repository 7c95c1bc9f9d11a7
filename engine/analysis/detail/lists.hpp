// treatykb/engine/analysis/detail/lists.hpp — small list helpers shared by the analyses.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace treatykb::engine::detail {

// Appends `value` unless the list already holds it (first-seen order kept).
inline void add_unique(std::vector<std::string>& list, const std::string& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace treatykb::engine::detail
