// treatykb/engine/extra_facts.hpp — ground facts supplied by the program that loads the rules,
// not written in a rule file: the cross-references the kb resolved at ingest (refers_to), for
// instance. The engine does not read the store; the caller hands it rows of text.
#pragma once

#include <string>
#include <vector>

#include "engine/datalog/program.hpp"

namespace treatykb::engine {

struct FactRow {
    std::string relation;
    std::vector<std::string> values; // as written in a fact: eaeu#art_47, procedure, "text", 3
};

// Adds the rows to `program` as facts. Each value is read by the declared type of its argument
// (provision alias#eId, symbol, string, integer, date). Facts already in the program are not
// added twice. Throws ProgramErrors naming `origin` for a relation the program does not declare,
// a wrong number of values, or a value that is not of its argument's type; then `program` is
// unchanged.
void add_facts(Program& program, const std::vector<FactRow>& rows, const std::string& origin);

}  // namespace treatykb::engine
