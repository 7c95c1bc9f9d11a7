// Shared by check, query and explain: which rule files to read, and how proofs are rendered.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "engine/datalog/loader.hpp"
#include "cli/report/proof.hpp"  // explain and query render proofs
#include "engine/datalog/model.hpp"
#include "kb/store.hpp"

namespace treatykb::cli {

// --rules FILES or FOLDERS (engine/analysis/rule_paths.hpp), or by default the folders kb/knowledge
// and kb/rules of the project root (cli/common.hpp: project_root).
std::vector<std::string> rule_files_or_default(const std::vector<std::string>& given);

// Loads the rule files, adds the cross-references of `store` as facts (engine/analysis/reference_facts.hpp)
// when a store is given, and applies the scenarios; prints every error and returns nullopt when
// the program is invalid.
std::optional<engine::Program> load_rules(const std::vector<std::string>& given,
                                          const std::vector<std::string>& scenarios,
                                          const Store* store = nullptr);

// The arguments query and explain share: a pattern, the rule files, scenarios, an output format
// and the command's own flag (--count, --conflicts).
struct RuleCommandArguments {
    std::string pattern, format = "text";
    std::vector<std::string> rules, scenarios;
    bool flag = false;
};

// Adds --rules, --scenario and --format to `command`, bound to `arguments`.
void add_rule_options(CLI::App& command, RuleCommandArguments& arguments);

// Loads the rules with the scenarios (and the references of the database at `database`, when it
// exists, opened read-only) and evaluates them within `limits`; prints every error and returns
// nullopt when the program is invalid.
std::optional<engine::Model> evaluate_rules(const RuleCommandArguments& arguments,
                                            const std::string& database,
                                            const engine::EvaluationLimits& limits);

// Every error of an invalid program on stderr, then their number.
void print_program_errors(const engine::ProgramErrors& errors);


}  // namespace treatykb::cli
