// treatykb explain 'atom' prints the proof tree of every fact matching the atom: rule ids and
// premises down to base facts, their files and lines, and for annotated facts the annotation,
// provision and quotes. --conflicts lists the unresolved defeasible conflicts instead.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/rule_files.hpp"
#include "engine/datalog/loader.hpp"

namespace treatykb::cli {

void register_explain(CLI::App& app, Options& options) {
    auto* command = app.add_subcommand("explain", "Print the proof tree of facts (or the conflicts)");
    // The command's arguments live as long as the App's callback that reads them.
    auto arguments = std::make_shared<RuleCommandArguments>();
    command->add_option("pattern", arguments->pattern, "An atom, e.g. 'within(customs_tariff, economy)'");
    add_rule_options(*command, *arguments);
    command->add_flag("--conflicts", arguments->flag, "List the conflicts no priority settles, with both sides");
    command->callback([&options, arguments] {
        const std::string& pattern = arguments->pattern;
        const std::string& format = arguments->format;
        const bool conflicts = arguments->flag;
        std::optional<engine::Model> model =
            evaluate_rules(*arguments, database_path(options), evaluation_limits(options));
        if (!model) {
            options.exit_code = 1;
            return;
        }
        nlohmann::json out = nlohmann::json::array();
        if (conflicts) {
            for (const engine::Conflict& conflict : model->conflicts()) {
                if (format == "json") out.push_back(conflict_json(conflict));
                else std::cout << render_conflict_text(conflict);
            }
        } else {
            if (pattern.empty()) throw Error("explain needs an atom, or --conflicts", {}, "e.g. treatykb explain 'within(customs_tariff, ?d)'");
            std::vector<engine::FactView> facts = model->query(pattern);
            if (facts.empty()) {
                std::cerr << "no fact matches " << pattern << "\n";
                options.exit_code = 1;
                return;
            }
            for (const engine::FactView& fact : facts) {
                std::optional<engine::ProofNode> proof = model->explain(fact.text());
                if (!proof) continue;
                if (format == "json") out.push_back(proof_json(*proof));
                else std::cout << render_proof_text(*proof);
            }
        }
        if (format == "json") std::cout << out.dump(2) << "\n";
        options.exit_code = 0;
    });
}

}  // namespace treatykb::cli
