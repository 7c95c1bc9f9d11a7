// Registration of the treatykb commands. Each command file defines one register_* function that
// adds a CLI11 subcommand whose callback runs the command and sets Options::exit_code.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/knowledge.hpp"
#include "engine/datalog/model.hpp"

#include <string>
#include <vector>

namespace treatykb::cli {

struct Options {
    std::string database;  // --db; empty means the default location
    // --max-facts, --max-memory (MB): bounds on one evaluation (engine::EvaluationLimits) and, for
    // the memory, on exact power counting. 0 turns a bound off; unset, the engine's defaults
    // apply (2 GB for an evaluation, 512 MB for a power count).
    std::size_t max_facts = engine::EvaluationLimits{}.max_facts;
    long long max_memory_mb = -1;  // -1: not given
    int exit_code = 0;
};

void register_all(CLI::App& app, Options& options);
void register_power(CLI::App& app, Options& options);

void register_check(CLI::App& app, Options& options);
void register_query(CLI::App& app, Options& options);
void register_explain(CLI::App& app, Options& options);

// Corpus commands (cli/cmd_*.cpp).
void register_ingest(CLI::App& app, Options& options);
void register_list(CLI::App& app, Options& options);
void register_toc(CLI::App& app, Options& options);
void register_show(CLI::App& app, Options& options);
void register_refs(CLI::App& app, Options& options);
void register_search(CLI::App& app, Options& options);
void register_cite(CLI::App& app, Options& options);
void register_export(CLI::App& app, Options& options);
void register_report(CLI::App& app, Options& options);
void register_bench(CLI::App& app, Options& options);

// The program's own conventions (cli/conventions.cpp, cli/cmd_completion.cpp).
void register_completion(CLI::App& app, Options& options);

// Analysis commands.
void register_analyze(CLI::App& app, Options& options);
void register_compare(CLI::App& app, Options& options);
// The automated coder (cmd_code.cpp).
void register_code(CLI::App& app, Options& options);

// The web reader (cmd_serve.cpp, cmd_site.cpp; the reader itself is in cli/serve/).
void register_serve(CLI::App& app, Options& options);
void register_site(CLI::App& app, Options& options);

// Shared by the analysis commands (cmd_analyze.cpp): runs the analysis of one instrument and
// writes the report (CSV and JSON: the tidy tables of cli/tidy_tables.hpp, `table` alone when
// given; with `cite`, the citations of the provisions the findings cite instead); returns the
// exit code.
int run_analysis(const Options& options, const std::string& instrument,
                 const std::vector<std::string>& rules, const std::vector<std::string>& scenarios,
                 const std::string& format, const std::string& output, bool with_proofs,
                 const std::string& command, const std::string& as_of,
                 const std::string& table = {}, const std::string& cite = {},
                 const KnowledgeChoice& knowledge = {});
std::string population_table_path();
// The folder of the bundled data tables (kb/knowledge/data): the seat tables seats_BODY.csv.
std::string data_folder();
// `treatykb power INSTRUMENT`: the power of every body of the instrument in the knowledge base.
int run_instrument_power(const Options& options, const std::string& instrument,
                         const std::string& format, const std::string& output,
                         const std::string& as_of);
// Writes `text` to the file `output`; to standard output when it is empty or "-".
void write_output(const std::string& text, const std::string& output);

}  // namespace treatykb::cli
