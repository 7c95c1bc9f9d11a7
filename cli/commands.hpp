// Registration of the treatykb commands. Each command file defines one register_* function that
// adds a CLI11 subcommand whose callback runs the command and sets Options::exit_code.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace treatykb::cli {

struct Options {
    std::string database;  // --db; empty means the default location
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
void register_search(CLI::App& app, Options& options);
void register_export(CLI::App& app, Options& options);
void register_report(CLI::App& app, Options& options);
void register_bench(CLI::App& app, Options& options);

}  // namespace treatykb::cli
