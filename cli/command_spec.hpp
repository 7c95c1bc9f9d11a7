// The command line as data, read from the CLI11 definitions themselves, so that shell
// completion scripts and the man page never drift from what the program accepts.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace treatykb::cli {

struct OptionSpec {
    std::vector<std::string> names; // "-o", "--output"; empty for a positional argument
    std::string positional;         // the positional's name ("instrument"), else empty
    std::string description;
    std::string value_name;           // "TEXT", "INT"; empty for a flag
    std::vector<std::string> choices; // from an IsMember check ("text", "json"), else empty
    bool required = false;
    bool repeatable = false; // takes several values (files...)
    bool takes_value() const { return !value_name.empty(); }
};

struct CommandSpec {
    std::string name; // "analyze"; the program's own name for the top level
    std::string description;
    std::vector<OptionSpec> options; // named options first, then positionals, as defined
};

struct ProgramSpec {
    CommandSpec program;               // name, description and the global options (--db)
    std::vector<CommandSpec> commands; // the visible commands, in the order registered
    std::string footer;                // the exit codes
};

ProgramSpec describe_program(CLI::App& app);

// `treatykb completion bash|zsh|fish`: a script for the shell's completion system.
std::string completion_script(const ProgramSpec& spec, const std::string& shell);
// The man page treatykb(1), in roff (man(7) macros).
std::string manual_page(const ProgramSpec& spec, const std::string& version);

} // namespace treatykb::cli
