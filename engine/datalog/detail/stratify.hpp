// treatykb/engine/stratify.hpp — the order in which relations are computed.
//
// Relations are nodes, rules give edges body -> head. An edge is "lowering" when the head must be
// computed strictly after the body relation: a negated literal (`not q`), any body literal of a
// defeasible rule or defeater (its conclusions are settled once, against complete premises), and
// the metadata a rule with source="?p" reads for lex superior/specialis/posterior. p and ~p are one
// node. Strongly connected components, in topological order, are the strata; a lowering edge
// inside a component is an error that names the cycle.
#pragma once

#include <string>
#include <vector>

#include "engine/datalog/program.hpp"

namespace treatykb::engine {

struct StratumViolation {
    std::size_t rule;      // index into Program::rules
    int literal;           // index into the rule's body, or -1 for the rule itself
    std::vector<std::string> cycle;  // relation names: head, ..., head
};

struct Stratification {
    std::vector<std::vector<std::string>> strata;  // relation names, lowest first
    std::vector<StratumViolation> violations;
};

Stratification stratify(const Program& program);

// The relations the priority meta-rules read (docs/rule-language.md, "Priorities").
inline constexpr const char* kPriorityRelations[] = {"provision_rank", "exception_to", "within",
                                                     "provision_date"};

}  // namespace treatykb::engine
