// treatykb/kb/citation.hpp — citations from eIds, and eIds from what users type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace treatykb {

// One step of the path from the top of the eId down: kind and number of that provision.
struct CitationStep {
    std::string kind;   // "article", "paragraph", "annex", ...
    std::string number; // as numbered in the text: "47", "99¹", "VI", "а"
};

// "EAEU Treaty, Art. 47(1)(a)", "EAEU Treaty, Annex 7, point 55(1)", "TEU, Preamble".
std::string format_citation(std::string_view short_title, const std::vector<CitationStep>& steps);

// What an eId's last component says when the provision itself is not stored:
// "art_99-1" -> {"article", "99¹"}, "para_1" -> {"paragraph", "1"}, "sec_6" -> {"section", "VI"}.
CitationStep step_from_eid(std::string_view eid);

// The eId prefixes of an eId, outermost first: "art_47__para_1" -> {"art_47", "art_47__para_1"}.
std::vector<std::string> eid_prefixes(std::string_view eid);

// A reference as typed: a root eId and the parenthesised parts below it.
// "Art. 47(1)(a)" -> {"art_47", {"1", "a"}}; "Annex 7, point 50" -> {"annex_7__point_50", {}};
// "47" -> {"art_47", {}}; "art_47__para_1" -> {"art_47__para_1", {}}; "Раздел VI" -> {"sec_6"}.
// Throws treatykb::Error for a reference that is not UTF-8.
struct ParsedReference {
    std::string root;
    std::vector<std::string> parts;
};
ParsedReference parse_reference(std::string_view reference);

} // namespace treatykb
