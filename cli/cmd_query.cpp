// treatykb query 'competence(?d, single, ?p)' [--rules FILES...] [--scenario FILES...]
// lists the facts that match, after evaluating the rules.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/rule_files.hpp"
#include "engine/datalog/loader.hpp"

namespace treatykb::cli {

void register_query(CLI::App& app, Options& options) {
    auto* command = app.add_subcommand("query", "List the facts matching an atom pattern");
    // The command's arguments live as long as the App's callback that reads them.
    auto arguments = std::make_shared<RuleCommandArguments>();
    command->add_option("pattern", arguments->pattern, "An atom with ?variables, e.g. 'competence(?d, single, ?p)'")->required();
    add_rule_options(*command, *arguments);
    command->add_flag("--count", arguments->flag, "Print only the number of matching facts");
    command->callback([&options, arguments] {
        const std::string& pattern = arguments->pattern;
        const std::string& format = arguments->format;
        const bool count_only = arguments->flag;
        std::optional<engine::Model> model =
            evaluate_rules(*arguments, database_path(options), evaluation_limits(options));
        if (!model) {
            options.exit_code = 1;
            return;
        }
        if (count_only) {
            std::cout << model->count(pattern) << "\n";
            options.exit_code = 0;
            return;
        }
        std::vector<engine::FactView> facts = model->query(pattern);
        if (format == "json") {
            nlohmann::json out = nlohmann::json::array();
            for (const engine::FactView& fact : facts)
                out.push_back({{"fact", fact.text()}, {"relation", fact.relation}, {"complement", fact.complement},
                               {"arguments", fact.arguments}, {"defeasible", fact.defeasible}});
            std::cout << out.dump(2) << "\n";
        } else {
            for (const engine::FactView& fact : facts)
                std::cout << fact.text() << (fact.defeasible ? "  [defeasible]" : "") << "\n";
            std::cout.flush();
            std::cerr << facts.size() << (facts.size() == 1 ? " fact\n" : " facts\n");
        }
        options.exit_code = 0;
    });
}

}  // namespace treatykb::cli
