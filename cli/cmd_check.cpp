// treatykb check FILES... — validates rule files (every error, each with file:line:column and a
// hint); exits non-zero when there is any.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/rule_files.hpp"
#include "engine/evidence.hpp"
#include "engine/loader.hpp"

namespace treatykb::cli {

namespace {

// SEAM (evidence verification against the database): the kb Store implements
// engine::TextSource (provision_text, has_expression); connect it here, then report each
// engine::verify_evidence result and fail on `not found` / `provision missing`. Until it is
// connected, check says plainly that no quote was verified.
int verify_quotes(const Options& options, const engine::Program& program) {
    (void)options;
    if (!program.evidence.empty())
        std::cerr << "note: " << program.evidence.size()
                  << " quotes were NOT verified: the database adapter is not connected yet\n";
    return 0;
}

}  // namespace

void register_check(CLI::App& app, Options& options) {
    auto* command = app.add_subcommand("check", "Validate rule files: list every error with file:line:column");
    // The command's arguments live as long as the App's callback that reads them.
    auto files = std::make_shared<std::vector<std::string>>();
    command->add_option("files", *files, "Rule files (default: kb/knowledge and kb/rules)");
    command->callback([&options, files] {
        std::vector<std::string> inputs = rule_files_or_default(*files);
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
        options.exit_code = verify_quotes(options, program);
    });
}

}  // namespace treatykb::cli
