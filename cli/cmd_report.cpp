// treatykb report — the main report, which the README's first command prints: the conflict
// analysis of the EAEU Treaty (the same as `treatykb analyze eaeu`).
#include <memory>

#include "cli/commands.hpp"
#include "cli/knowledge.hpp"
#include "cli/report/report.hpp"
#include "cli/report/tidy_tables.hpp"

namespace treatykb::cli {

void register_report(CLI::App& app, Options& options) {
    auto format = std::make_shared<std::string>("text");
    auto output = std::make_shared<std::string>();
    auto no_proofs = std::make_shared<bool>(false);
    auto table = std::make_shared<std::string>();
    CLI::App* command =
        app.add_subcommand("report", "The main report: the EAEU conflict analysis (analyze eaeu)");
    command->add_option("--format", *format, "text, md, json, csv or html")
        ->check(CLI::IsMember(report::format_names()));
    command->add_option("--output,-o", *output, "Write the report to a file (- : standard output)");
    command->add_flag("--no-proofs", *no_proofs, "Leave proof trees out");
    command->add_option("--table", *table,
                        "With --format csv: one table to standard output (docs/codebook.md)")
        ->check(CLI::IsMember(tidy_table_names()));
    auto knowledge = std::make_shared<KnowledgeChoice>();
    add_knowledge_options(*command, *knowledge);
    auto as_of = std::make_shared<std::string>();
    command->add_option("--as-of", *as_of, "Evaluate at this date, YYYY-MM-DD (default: today)");
    command->callback([&options, format, output, no_proofs, table, as_of, knowledge] {
        std::string line = "treatykb report";
        if (knowledge->source != "hand") line += " --knowledge " + knowledge->source;
        options.exit_code = run_analysis(options, "eaeu", {}, {}, *format, *output, !*no_proofs, line,
                                         as_of->empty() ? today_utc() : *as_of, *table, {}, *knowledge);
    });
}

}  // namespace treatykb::cli
