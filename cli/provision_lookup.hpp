// Finding the provision a user names, or saying which one is closest.
#pragma once

#include <string>

#include "kb/store.hpp"

namespace treatykb::cli {

// The eId of "47", "art_47__para_1", "Art. 47(1)", "Annex 7, point 50" in the expression; when
// there is none, throws an Error whose one line names the closest provision of the expression
// (by edit distance on the eId), e.g. `no provision "470" in eaeu (ru); closest: art_47
// (EAEU Treaty, Art. 47)`.
std::string require_provision(const Store& store, const std::string& alias,
                              const std::string& reference, const std::string& lang);

} // namespace treatykb::cli
