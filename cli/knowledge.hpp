// Loading the knowledge base for the analysis commands: rule files (default: kb/knowledge and
// kb/rules), scenarios on top, and every annotation quote verified against the stored texts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/analysis_report.hpp"
#include "cli/commands.hpp"
#include "engine/program.hpp"
#include "kb/store.hpp"

namespace treatykb::cli {

struct VerifiedKnowledge {
    engine::Program program;
    KnowledgeSummary summary;
};

// Loads and validates the rules, applies the scenarios, and verifies every quote against the
// database. A quote that is not in its provision's stored text (or cites a provision the stored
// expression lacks) rejects the knowledge: every such quote is listed on stderr and nullopt is
// returned. Quotes of instruments or languages not in the database are counted as unverified, by
// name, in the summary.
std::optional<VerifiedKnowledge> load_verified_knowledge(const Store& store,
                                                         const std::vector<std::string>& rules,
                                                         const std::vector<std::string>& scenarios);

// Verifies every quote of `program`; prints each rejected quote (file:line:column, what, how to
// fix) on stderr and returns their number; counts verified and unverified quotes in `summary`.
std::size_t verify_quotes(const Store& store, const engine::Program& program,
                          KnowledgeSummary& summary);

// Applies scenario files to a loaded (and verified) program and verifies the quotes of the
// result exactly as `check` does: a scenario annotation whose quote is not in its provision, or
// that cites a provision the stored expression lacks, rejects the scenario. Prints every error
// and returns nullopt when the scenario is invalid.
std::optional<engine::Program> apply_scenarios(const Store& store, const engine::Program& base,
                                               const std::vector<std::string>& scenarios);

// The program evaluated at `date` (YYYY-MM-DD): the fact as_of(date) (kb/knowledge/schema.xml)
// is added to it, so that the rules decide which regimes have ended and who is a member. A
// malformed or impossible date is a ProgramErrors naming the option.
engine::Program at_date(engine::Program program, const std::string& date);

// Today's date in UTC, YYYY-MM-DD: the default evaluation date.
std::string today_utc();

// "EAEU Treaty, Art. 47" from the store, or the reference itself when the store lacks it.
CitationLabel store_citations(const Store& store);

}  // namespace treatykb::cli
