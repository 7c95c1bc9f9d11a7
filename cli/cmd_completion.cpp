// treatykb completion bash|zsh|fish — a completion script; treatykb manpage — the man page.
// Both are written from the program's own CLI11 definitions (cli/command_spec.hpp); the build
// runs `treatykb manpage` and `treatykb completion` for `cmake --install` (cli/CMakeLists.txt).
#include "cli/command_spec.hpp"
#include "cli/commands.hpp"
#include "cli/conventions.hpp"

namespace treatykb::cli {

void register_completion(CLI::App& app, Options& options) {
    auto shell = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    CLI::App* completion =
        app.add_subcommand("completion", "Print a shell completion script: bash, zsh or fish");
    completion->add_option("shell", *shell, "bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    completion->add_option("--output,-o", *output, "Write the script to a file (- : standard output)");
    completion->callback([&app, &options, shell, output] {
        write_output(completion_script(describe_program(app), *shell), *output);
        options.exit_code = 0;
    });
    CLI::App* manpage = app.add_subcommand("manpage", "Print the man page treatykb(1) in roff");
    manpage->add_option("--output,-o", *output, "Write the page to a file (- : standard output)");
    manpage->callback([&app, &options, output] {
        write_output(manual_page(describe_program(app), program_version), *output);
        options.exit_code = 0;
    });
}

} // namespace treatykb::cli
