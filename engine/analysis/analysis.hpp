// treatykb/engine/analysis.hpp — the conflict analysis of one instrument: findings grouped by kind
// and domain, each with its provisions, quotes, rules and proof trees, and the defeasible verdict
// on effective Union control; plus the depth model and the decision power of its bodies.
//
// Everything here is read from an evaluated Model: the finding/6 facts of kb/rules/findings.xml,
// the exclusive_union_control literals and conflict objects of kb/rules/effective.xml, and the
// depth facts. The analysis names no article; change an annotation and the findings change.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/depth.hpp"
#include "engine/datalog/model.hpp"
#include "engine/analysis/power.hpp"

namespace treatykb::engine {

// The quotes of the annotations anchored on one provision.
struct ProvisionQuotes {
    std::string provision;
    std::vector<QuoteView> quotes;
    std::vector<std::string> annotations;
};

// One fact finding(kind, domain, primary, secondary, reading, severity) and how it was derived.
struct FindingInstance {
    std::string primary;    // the provision that limits integration
    std::string secondary;  // the provision it limits
    std::string reading;    // sanctioned_derogation, open_conflict, design_choice
    int severity = 0;
    std::string rule_id;    // the rule that fired
    ProofNode proof;
};

// What the defeasible layer concludes on exclusive Union control of the finding's domain.
struct ControlVerdict {
    enum class Outcome { none, union_exclusive, qualified, unresolved };
    Outcome outcome = Outcome::none;
    std::string literal;                 // the literal concluded, or the conflicting pair
    std::vector<std::string> winners;    // "rule_id [source]" of the instances that prevailed
    std::vector<std::string> defeats;    // "rule_id [source] beaten by rule_id (criterion)"
};
std::string_view outcome_name(ControlVerdict::Outcome outcome);

struct FindingGroup {
    std::string kind;
    std::string domain;
    std::string reading;   // the gravest reading among the instances
    int severity = 0;      // the highest severity
    std::vector<std::string> rules;                 // distinct rule ids, in order of appearance
    std::vector<std::string> primary_provisions;    // distinct, sorted
    std::vector<std::string> secondary_provisions;  // distinct, sorted
    // The member states a primary provision concerns, when it names them (bearer_state facts);
    // a provision without them concerns all member states.
    std::map<std::string, std::vector<std::string>> bearers;
    std::vector<FindingInstance> instances;
    ControlVerdict verdict;
    // The quotes of the annotations the proofs rest on, by provision (the words that carry the
    // facts the finding was derived from).
    std::map<std::string, ProvisionQuotes> quotes;
    // The domain's depth, for "what it means for integration depth".
    int nominal = 0;
    double effective = 0;
};

struct BodyPowerResult {
    std::string body;          // the body's symbol, e.g. eaeu_commission_board
    std::string rule;          // consensus, qualified_majority, ...
    std::string source;        // the provision of the decision rule
    power::BodyPower power;    // the game as computed (name, description, rule) and its indices
};

struct Analysis {
    std::string instrument;
    std::vector<FindingGroup> findings;  // by severity (high first), then kind, then domain
    std::map<std::string, ProvisionQuotes> quotes;  // every provision a finding cites
    DepthReport depth;
    std::vector<BodyPowerResult> power;  // every body of the instrument with a decision rule
    std::vector<std::string> members;    // the instrument's member states at the evaluation date
    std::string as_of;                   // the evaluation date (the as_of fact), empty without one
};

struct AnalysisOptions {
    bool explain = true;      // derive each finding's proof (rule, quotes); off for bare deltas
    bool with_proofs = true;  // keep the proof trees in the result
    // A population table (code,name,population) for bodies deciding on a population basis.
    std::string population_table;
    // A folder of seat tables (seats_BODY.csv: code,name,seats) for bodies whose seats the
    // knowledge says are allocated outside the instrument (seat_range); empty: none.
    std::string seat_table_folder;
    // Bound on the memory of each exact power count (power::compute_power); 0: none.
    std::size_t power_memory_budget = power::default_power_memory_budget;
};

Analysis analyze(const Model& model, std::string_view instrument, const AnalysisOptions& options);

// analyze() for each of `instruments` over one model, reading what every analysis needs from the
// whole model (conflicts, defeasible conclusions, the annotations by provision) once: the same
// results, in the order given (`compare`, `compare --all`).
std::vector<Analysis> analyze_all(const Model& model, const std::vector<std::string>& instruments,
                                  const AnalysisOptions& options);

// The decision power of every body of `instrument` (decision_rule, vote_weight, seats_per_state
// facts, and the member_at facts of kb/rules/structure.xml: the members at the evaluation date),
// one result per decision rule.
std::vector<BodyPowerResult> analyze_power(const Model& model, std::string_view instrument,
                                           const AnalysisOptions& options);

}  // namespace treatykb::engine
