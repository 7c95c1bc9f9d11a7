// treatykb report — the main report, which the README's first command prints: the conflict
// analysis of the EAEU Treaty (the same as `treatykb analyze eaeu`).
#include <memory>

#include "cli/commands.hpp"

namespace treatykb::cli {

void register_report(CLI::App& app, Options& options) {
    auto format = std::make_shared<std::string>("text");
    auto output = std::make_shared<std::string>();
    CLI::App* command =
        app.add_subcommand("report", "The main report: the EAEU conflict analysis (analyze eaeu)");
    command->add_option("--format", *format, "text, md, json, csv or html");
    command->add_option("--output,-o", *output, "Write the report to a file");
    command->callback([&options, format, output] {
        options.exit_code = run_analysis(options, "eaeu", {}, {}, *format, *output, true,
                                         "treatykb report");
    });
}

}  // namespace treatykb::cli
