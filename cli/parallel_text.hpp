// Two or more expressions of a provision side by side, aligned by eId, for `show --lang ru,en`.
#pragma once

#include <string>
#include <vector>

#include "kb/model.hpp"

namespace treatykb::cli {

struct ExpressionText {
    std::string language;
    std::vector<Provision> units; // the provision and its descendants, in document order
    std::vector<std::string> amended; // eIds this expression records as amended or inserted
};

// One row per eId found in any expression (in the order of the first expression that has it),
// one column per expression, each column `width` characters wide, text wrapped at spaces. Where
// an expression lacks a unit the column says so; a unit that one expression records as amended
// is marked, since the texts may differ by that amendment.
std::string render_side_by_side(const std::vector<ExpressionText>& expressions, std::size_t width);

} // namespace treatykb::cli
