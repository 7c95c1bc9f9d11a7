// treatykb check FILES... — validates rule files (every error, each with file:line:column and a
// hint); exits non-zero when there is any.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/rule_files.hpp"
#include "engine/analysis/rule_paths.hpp"
#include "engine/datalog/evidence.hpp"
#include "engine/datalog/loader.hpp"
#include "cli/common.hpp"
#include "cli/knowledge.hpp"

namespace treatykb::cli {

namespace {

// Quotes are verified against the database (--db, else the default); quotes of instruments or
// languages it does not hold are reported as unverified, by name.
int check_quotes(const Options& options, const engine::Program& program) {
    Store store(database_path(options), StoreAccess::read_only);
    ReadSnapshot snapshot(store); // every read of the command: one committed state
    KnowledgeSummary summary;
    std::size_t rejected = cli::verify_quotes(store, program, summary);
    std::cout << summary.quotes_verified << " quotes verified against the stored texts ("
              << summary.quotes_in_enclosing
              << " in the enclosing provision of a translation divided less finely)\n";
    for (const std::string& line : summary.unverified) std::cout << "unverified: " << line << "\n";
    return rejected ? 1 : 0;
}

}  // namespace

void register_check(CLI::App& app, Options& options) {
    auto* command = app.add_subcommand("check", "Validate rule files: list every error with file:line:column");
    // The command's arguments live as long as the App's callback that reads them.
    auto files = std::make_shared<std::vector<std::string>>();
    command->add_option("files", *files, "Rule files or folders (default: kb/knowledge and kb/rules)");
    command->callback([&options, files] {
        engine::RulePaths expanded = engine::expand_rule_paths(rule_files_or_default(*files));
        const std::vector<std::string>& inputs = expanded.files;
        const std::vector<std::string>& scenarios = expanded.scenarios;
        if (!expanded.coding.empty())
            std::cerr << "note: " << expanded.coding.size()
                      << " coding-rule file(s) left out (they are read by treatykb code: "
                      << expanded.coding.front() << ")\n";
        if (!scenarios.empty())
            std::cerr << "note: " << scenarios.size()
                      << " scenario file(s) left out (they are checked when applied: "
                         "treatykb analyze eaeu --scenario "
                      << scenarios.front() << ")\n";
        std::vector<engine::Diagnostic> diagnostics = engine::check_program(inputs);
        for (const engine::Diagnostic& diagnostic : diagnostics) std::cerr << diagnostic.render() << "\n";
        if (!diagnostics.empty()) {
            std::cerr << diagnostics.size() << (diagnostics.size() == 1 ? " error\n" : " errors\n");
            options.exit_code = 1;
            return;
        }
        engine::Program program = engine::load_program(inputs);
        std::cout << inputs.size() << " files, " << program.relations.size() << " relations, "
                  << program.facts.size() << " facts, " << program.annotations.size() << " annotations, "
                  << program.rules.size() << " rules: no errors\n";
        options.exit_code = check_quotes(options, program);
    });
}

}  // namespace treatykb::cli
