#include "cli/command_spec.hpp"

namespace treatykb::cli {

namespace {

// IsMember's description is "{text,json}": the allowed values.
std::vector<std::string> choices_of(CLI::Option& option) {
    std::vector<std::string> choices;
    try {
        std::string description = option.get_validator()->get_description();
        if (description.size() < 2 || description.front() != '{' || description.back() != '}')
            return {};
        std::string item;
        for (char c : description.substr(1, description.size() - 2)) {
            if (c == ',') {
                choices.push_back(item);
                item.clear();
            } else {
                item += c;
            }
        }
        if (!item.empty())
            choices.push_back(item);
    } catch (const CLI::OptionNotFound&) {
    }
    return choices;
}

CommandSpec describe(CLI::App& app, const std::string& name) {
    CommandSpec command{name, app.get_description(), {}};
    std::vector<OptionSpec> positionals;
    for (CLI::Option* option : app.get_options()) {
        OptionSpec spec;
        for (const std::string& short_name : option->get_snames())
            spec.names.push_back("-" + short_name);
        for (const std::string& long_name : option->get_lnames())
            spec.names.push_back("--" + long_name);
        spec.description = option->get_description();
        if (option->get_expected_max() != 0) { // a flag expects no value
            spec.value_name = option->get_type_name();
            if (spec.value_name.empty())
                spec.value_name = "VALUE";
        }
        spec.choices = choices_of(*option);
        spec.required = option->get_required();
        spec.repeatable = option->get_items_expected_max() > 1;
        if (option->nonpositional()) {
            command.options.push_back(std::move(spec));
        } else {
            spec.positional = option->get_name(true);
            positionals.push_back(std::move(spec));
        }
    }
    for (OptionSpec& positional : positionals)
        command.options.push_back(std::move(positional));
    return command;
}

} // namespace

ProgramSpec describe_program(CLI::App& app) {
    ProgramSpec spec;
    spec.program = describe(app, app.get_name());
    spec.footer = app.get_footer();
    for (CLI::App* command :
         app.get_subcommands([](CLI::App* command) { return !command->get_group().empty(); }))
        spec.commands.push_back(describe(*command, command->get_name()));
    return spec;
}

} // namespace treatykb::cli
