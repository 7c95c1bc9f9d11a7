// The treatykb program. Each command lives in its own cmd_*.cpp file and is registered below;
// main() parses arguments, runs the command and renders any treatykb::Error once, on stderr.
// Exit codes (cli/conventions.hpp): 0 success, 1 runtime error, 2 usage error.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/conventions.hpp"
#include "kb/error.hpp"

int main(int argc, char** argv) {
    using namespace treatykb::cli;
    CLI::App app{"treatykb: a knowledge base and rule engine for integration treaties", "treatykb"};
    configure_program(app);  // before the commands, which inherit it
    app.set_version_flag("--version", program_version);
    app.require_subcommand(1);
    Options options;
    app.add_option("--db", options.database, "SQLite database (default: $TREATYKB_DB, else "
                                             "~/.local/share/treatykb/treatykb.sqlite)");
    app.add_option("--max-facts", options.max_facts,
                   "Stop an evaluation that derives more facts than this (default 20000000; 0: "
                   "no limit)");
    app.add_option("--max-memory", options.max_memory_mb,
                   "Stop an evaluation or a power count that would hold more than this many MB "
                   "(default 2048 for an evaluation, 512 for a power count; 0: no limit)");
    // Global options may also follow the command (`treatykb query ... --max-facts 1000`):
    // configure_program made the program fall through, as for --db.
    register_all(app, options);
    try {
        check_command_name(app, argc, argv);
        app.parse(argc, argv);
        return options.exit_code;
    } catch (const CLI::ParseError& e) {
        return report_parse_error(app, e);
    } catch (const UsageError& e) {
        std::cerr << e.render() << "\n";
        return exit_usage_error;
    } catch (const treatykb::Error& e) {
        std::cerr << e.render() << "\n";
        return exit_runtime_error;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_runtime_error;
    }
}
