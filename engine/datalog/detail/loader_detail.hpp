// treatykb/engine/loader_detail.hpp — the stages behind loader.hpp: reading XML into a Program,
// then validating it (validate.cpp). Not part of the public API.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine/datalog/loader.hpp"

namespace treatykb::engine::detail {

// A <facts relation file> element, read once the relation's declaration is known.
struct PendingTable {
    std::string relation;
    std::string path;
    SourceLocation where;
};

struct LoadState {
    Program* program;
    std::vector<Diagnostic> diagnostics;
    std::vector<PendingTable> tables;
    std::set<std::string> loaded_files;  // canonical paths, so an include is read once
    bool scenario = false;               // <retract> allowed
    bool applying_scenario = false;      // apply_scenario: the files given must be <scenario>s
    int include_depth = 0;               // <include> nesting of the file being read
};

// Includes nest no deeper than this: each level is a C++ stack frame chain, and a real program
// includes schema.xml and little else.
constexpr int max_include_depth = 32;

void read_file(LoadState& state, const std::string& path, const SourceLocation& included_from);
void read_text(LoadState& state, std::string_view xml, const std::string& name);
// Type-checks, checks safety, overrides, stratification; reads pending tables.
void validate(LoadState& state);
// Removes what the program's retractions name (scenario overlay), reporting unknown targets.
void apply_retractions(LoadState& state);

}  // namespace treatykb::engine::detail
