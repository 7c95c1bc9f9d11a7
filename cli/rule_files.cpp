#include "cli/rule_files.hpp"

#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "engine/analysis/knowledge.hpp"

namespace treatykb::cli {

std::vector<std::string> rule_files_or_default(const std::vector<std::string>& given) {
    if (!given.empty()) return given;
    const std::string root = project_root();
    return {root + "/kb/knowledge", root + "/kb/rules"};
}

std::optional<engine::Program> load_rules(const std::vector<std::string>& given,
                                          const std::vector<std::string>& scenarios,
                                          const Store* store) {
    try {
        return engine::load_rules(rule_files_or_default(given), scenarios, store);
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return std::nullopt;
    }
}

void add_rule_options(CLI::App& command, RuleCommandArguments& arguments) {
    command.add_option("--rules", arguments.rules, "Rule files or folders (default: kb/knowledge and kb/rules)");
    command.add_option("--scenario", arguments.scenarios, "What-if scenario files applied to the rules");
    command.add_option("--format", arguments.format, "text or json")->check(CLI::IsMember({"text", "json"}));
}

std::optional<engine::Model> evaluate_rules(const RuleCommandArguments& arguments,
                                            const std::string& database,
                                            const engine::EvaluationLimits& limits) {
    std::optional<Store> store;
    std::optional<ReadSnapshot> snapshot; // the quotes are verified against one committed state
    if (!database.empty() && std::filesystem::exists(database)) {
        store.emplace(database, StoreAccess::read_only);
        snapshot.emplace(*store);
    }
    std::optional<engine::Program> loaded =
        load_rules(arguments.rules, arguments.scenarios, store ? &*store : nullptr);
    if (!loaded) return std::nullopt;
    return engine::evaluate(std::move(*loaded), limits);
}

void print_program_errors(const engine::ProgramErrors& errors) {
    for (const engine::Diagnostic& diagnostic : errors.diagnostics()) std::cerr << diagnostic.render() << "\n";
    std::cerr << errors.diagnostics().size() << (errors.diagnostics().size() == 1 ? " error\n" : " errors\n");
}

}  // namespace treatykb::cli
