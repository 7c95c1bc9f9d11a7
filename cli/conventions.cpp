#include "cli/conventions.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli/suggest.hpp"

namespace treatykb::cli {

std::string exit_code_text() {
    return "Exit codes: 0 success; 1 runtime error (bad input, a failed check, a file not "
           "written); 2 usage error (unknown command or option, missing or bad argument).\n"
           "`treatykb help COMMAND` shows the options of a command.";
}

namespace {

std::string help_hint(const CLI::App& app) {
    for (const CLI::App* command : app.get_subcommands())
        return "`treatykb help " + command->get_name() + "` lists its arguments and options";
    return "`treatykb --help` lists the commands; `treatykb help COMMAND` explains one";
}

} // namespace

void configure_program(CLI::App& app) {
    app.fallthrough();
    app.footer(exit_code_text());
    app.failure_message([](const CLI::App* failed, const CLI::Error& error) {
        std::string message = error.what();
        if (!message.empty())
            message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        return "error: " + message + "\n  hint: " + help_hint(*failed) + "\n";
    });
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command :
         app.get_subcommands([](const CLI::App* command) { return !command->get_group().empty(); }))
        names.push_back(command->get_name());
    return names;
}

namespace {

std::vector<const CLI::App*> all_commands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App*) { return true; });
}

UsageError unknown_command(const CLI::App& app, const std::string& word) {
    std::string hint;
    if (auto nearest = closest_name(word, command_names(app)))
        hint = "did you mean `" + *nearest + "`? ";
    hint += "`treatykb --help` lists the commands";
    return UsageError("unknown command `" + word + "`", {}, hint);
}

} // namespace

void register_help(CLI::App& app) {
    auto command_name = std::make_shared<std::string>();
    CLI::App* help = app.add_subcommand("help", "Show the help of the program or of one command");
    help->add_option("command", *command_name, "A command, e.g. analyze");
    help->callback([&app, command_name] {
        const CLI::App& program = app;
        if (command_name->empty()) {
            // Not program.help(), which would show the help of the command selected: `help`.
            std::cout << program.get_formatter()->make_help(&program, program.get_name(),
                                                            CLI::AppFormatMode::Normal);
            return;
        }
        for (const CLI::App* command : all_commands(program))
            if (command->get_name() == *command_name) {
                std::cout << command->help(program.get_name());
                return;
            }
        throw unknown_command(program, *command_name);
    });
}

void check_command_name(const CLI::App& app, int argc, const char* const* argv) {
    // The top-level options that take a value (--db FILE): their value is not a command.
    std::vector<std::string> with_value;
    for (const CLI::Option* option : app.get_options()) {
        if (!option->nonpositional() || option->get_expected_max() == 0)
            continue;
        for (const std::string& name : option->get_lnames())
            with_value.push_back("--" + name);
        for (const std::string& name : option->get_snames())
            with_value.push_back("-" + name);
    }
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--")
            return;
        if (!word.empty() && word[0] == '-') {
            if (std::find(with_value.begin(), with_value.end(), word) != with_value.end())
                ++i;
            continue;
        }
        for (const CLI::App* command : all_commands(app))
            if (command->check_name(word))
                return;
        throw unknown_command(app, word);
    }
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? exit_ok : exit_usage_error;
}

} // namespace treatykb::cli
