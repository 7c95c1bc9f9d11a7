// Lays out pooling and delegation (engine::AuthorityReport) and the Balassa stage conditions as
// report sections: every score beside the bodies, rules and provisions it rests on.
#pragma once

#include <string>

#include "cli/report/analysis_report.hpp"

namespace treatykb::cli {

report::Section authority_section(const engine::AuthorityReport& authority, const CitationLabel& cite);
// The detail of the MIA coding — policy streams by domain, the courts' dispute-settlement items —
// as an appendix section; authority_section points to it.
report::Section authority_appendix(const engine::AuthorityReport& authority, const CitationLabel& cite);
report::Section stage_section(const engine::DepthReport& depth, const CitationLabel& cite);

// "customs_union (common_market partly)": the effective stage, with the next one if partly met.
std::string effective_stage_text(const engine::DepthReport& depth);

}  // namespace treatykb::cli
