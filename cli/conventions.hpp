// The conventions of the treatykb command line, in one place: exit codes, usage errors with a
// suggestion, `treatykb help COMMAND`, global options accepted before or after the command.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "kb/error.hpp"

namespace treatykb::cli {

// What `treatykb --version` prints, and the man page's version.
inline constexpr const char* program_version = "treatykb 0.1.0";

// Exit codes, documented in README.md and in `treatykb --help`.
inline constexpr int exit_ok = 0;
inline constexpr int exit_runtime_error = 1; // bad input, a failed check, a file not written
inline constexpr int exit_usage_error = 2;   // unknown command or option, missing or bad argument

// A mistake in how the program was called (not in the data): exits with exit_usage_error.
class UsageError : public Error {
  public:
    using Error::Error;
};

// The footer of `treatykb --help`: the exit codes.
std::string exit_code_text();

// Sets the program-wide conventions on the top-level App, before any command is registered:
// options of the top level (--db) fall through from a command to the program, so they can come
// before or after it; the failure message names the command and how to get help.
void configure_program(CLI::App& app);

// `treatykb help [COMMAND]`: the help of the program or of one command.
void register_help(CLI::App& app);

// The names of the visible commands, in the order they were registered.
std::vector<std::string> command_names(const CLI::App& app);

// Throws UsageError when the first word of the command line that is neither an option nor the
// value of a top-level option names no command, with the closest command as a suggestion.
void check_command_name(const CLI::App& app, int argc, const char* const* argv);

// Prints a CLI11 parse error (or the help or version it stands for) and returns the exit code:
// 0 for --help and --version, exit_usage_error for everything else (CLI11's own codes, 106 for a
// missing subcommand or 109 for an extra argument, are not exposed).
int report_parse_error(CLI::App& app, const CLI::ParseError& error);

} // namespace treatykb::cli
