// The cross-references the store resolved at ingest, as facts for the rule engine:
// refers_to(From, To) and reference_manner(From, To, Manner) (kb/knowledge/schema.xml).
#pragma once

#include <vector>

#include "engine/datalog/extra_facts.hpp"
#include "engine/datalog/program.hpp"
#include "kb/store.hpp"

namespace treatykb::engine {

// Where the facts come from, as errors and proofs name it.
inline constexpr const char* reference_origin = "the database's reference table";

// For each instrument the program's annotations cite and the store holds, the resolved
// references of its authentic expression (else its first). Empty when the program does not
// declare refers_to.
std::vector<FactRow> reference_facts(const Store& store, const Program& program);

// Adds them; throws ProgramErrors (the program unchanged) when they do not fit the declarations.
void add_reference_facts(const Store& store, Program& program);

}  // namespace treatykb::engine
