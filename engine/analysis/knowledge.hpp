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

#include <set>
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
    // Which annotations the program rests on (KnowledgeSource): "hand", "coded" or "both"; the
    // annotations kept of each source; the coded ones left out because a hand annotation speaks
    // about the same thing (select_annotations), and the coded facts left out, of those and of
    // coded annotations kept in part.
    std::string source = "hand";
    std::size_t hand_annotations = 0, coded_annotations = 0;
    std::size_t coded_dropped = 0, coded_facts_dropped = 0;
    std::set<std::string> coded_files;  // the files of coded knowledge loaded, as given
};

// The annotations an analysis rests on (issue 12): the hand-made ones of the knowledge base, those
// `treatykb code` proposed (its coded folder), or both, where the hand-made win.
enum class KnowledgeSource { hand, coded, both };
std::string_view knowledge_source_name(KnowledgeSource source);

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

// As above, on the annotations of `source`. `rule_paths` are the hand-made knowledge and the rules
// (kb/knowledge, kb/rules); `coded_paths` the coded knowledge (files or folders written by
// `treatykb code`, read for `coded` and `both`; an Error when they hold no knowledge file).
//  - hand:  rule_paths only (the overload above);
//  - coded: every rule, declaration and fact written outside an annotation (schema, domains)
//           from rule_paths, and the annotations of coded_paths instead of the hand-made ones;
//  - both:  hand-made and coded annotations, where the hand-made win (select_annotations).
// Quotes are verified for what is kept only.
VerifiedKnowledge load_knowledge(const Store& store, const std::vector<std::string>& rule_paths,
                                 KnowledgeSource source, const std::vector<std::string>& coded_paths,
                                 const std::vector<std::string>& scenarios = {});

// As the overload above, without verifying the quotes: the summary has no quote counts and
// `rejected` is empty. For a caller that verifies them itself (verify_quotes) before it relies on
// or shows anything derived from them (`compare` verifies them side by side with the evaluation).
VerifiedKnowledge load_unverified_knowledge(const Store& store, const std::vector<std::string>& rule_paths,
                                            KnowledgeSource source, const std::vector<std::string>& coded_paths,
                                            const std::vector<std::string>& scenarios = {});

// Keeps the annotations of `source` in `program`, where the annotations written in `coded_files`
// are coded and every other is hand-made, and counts them in `summary`. For `both`, a coded fact
// is left out when a hand annotation of the same instrument speaks about the same thing:
//  (1) a hand annotation whose provision is the coded one's, encloses it or lies within it
//      (eIds: `art_29` encloses `art_29__para_1`) states a fact of the same relation; or
//  (2) a hand fact of the same relation has the same first argument, for the relations that
//      describe one body (`body`, `body_composition`, `seats_per_state`): the body is named once.
// A coded annotation all of whose facts are left out is left out with its quotes. Facts written
// outside annotations, rules and declarations are always kept.
void select_annotations(Program& program, const std::set<std::string>& coded_files, KnowledgeSource source,
                        KnowledgeSummary& summary);

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
