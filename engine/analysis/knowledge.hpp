// The analysis service's first half: from rule files and a database to a verified program, ready
// to evaluate at a date. Every front end calls it (treatykb's commands, the web reader, the
// benchmarks); none re-implements it. Nothing here prints: invalid rules are ProgramErrors,
// rejected quotes come back as data for the caller to show.
//
//   VerifiedKnowledge knowledge = load_knowledge(store, {root + "/kb/knowledge", root + "/kb/rules"});
//   if (!knowledge.rejected.empty()) ... show them, stop
//   Model model = evaluate(at_date(std::move(knowledge.program), "2025-01-01", "--as-of"));
//   Analysis analysis = analyze(model, "eaeu", options);          (engine/analysis/analysis.hpp)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/datalog/program.hpp"
#include "kb/error.hpp"
#include "kb/store.hpp"

namespace treatykb::engine {

// What was loaded and how its evidence fared.
struct KnowledgeSummary {
    std::size_t files = 0, annotations = 0, facts = 0, rules = 0;
    std::size_t quotes_verified = 0;
    std::size_t quotes_in_enclosing = 0;  // of those, found in the enclosing provision of a coarser translation
    std::vector<std::string> unverified;  // "teu (en): 85 quotes not verified, ..."
};

struct VerifiedKnowledge {
    Program program;
    KnowledgeSummary summary;
    // Quotes not in their cited provision (or citing a provision the stored expression lacks),
    // each with the annotation's file:line:column and how to fix it. Not empty: the knowledge is
    // rejected and must not be evaluated.
    std::vector<Error> rejected;
};

// Loads the rule files (`rule_paths`: files and folders, expanded by expand_rule_paths; the
// caller names them — no path is built in), adds the store's cross-references as facts
// (reference_facts.hpp), applies `scenarios` and verifies every annotation quote against the
// store. Throws ProgramErrors for invalid rules or scenarios.
VerifiedKnowledge load_knowledge(const Store& store, const std::vector<std::string>& rule_paths,
                                 const std::vector<std::string>& scenarios = {});

// Only the loading: the rule files, the cross-references of `references` as facts when a store is
// given, then the scenarios; no quote is verified (`treatykb query` and `explain`, which may run
// on rule files alone). Throws ProgramErrors.
Program load_rules(const std::vector<std::string>& rule_paths,
                   const std::vector<std::string>& scenarios = {}, const Store* references = nullptr);

// Verifies every quote of `program` against `store`: rejected quotes returned, verified and
// unverified ones (expressions not in the store, by name) counted in `summary`.
std::vector<Error> verify_quotes(const Store& store, const Program& program, KnowledgeSummary& summary);

// Applies scenario files on top of a verified program and verifies the whole result as
// load_knowledge does (a scenario must quote its provisions verbatim too). Throws ProgramErrors
// for an invalid scenario; rejected quotes are returned in VerifiedKnowledge::rejected.
VerifiedKnowledge apply_scenarios(const Store& store, const Program& base,
                                  const std::vector<std::string>& scenarios);

// The program evaluated at `date` (YYYY-MM-DD): the fact as_of(date) is added (as_of/1 is declared
// in kb/knowledge/schema.xml). Throws ProgramErrors citing `option` when the date does not exist
// or the program does not declare as_of.
Program at_date(Program program, std::string_view date, const std::string& option);

}  // namespace treatykb::engine
