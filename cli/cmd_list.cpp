// treatykb list — the instruments in the database, their expressions and sizes.
#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"

namespace treatykb::cli {

void register_list(CLI::App& app, Options& options) {
    CLI::App* command = app.add_subcommand("list", "List the instruments in the database");
    command->callback([&options] {
        Store store(database_path(options), StoreAccess::read_only);
        auto instruments = store.list();
        if (instruments.empty()) {
            std::cout
                << "the database is empty; `treatykb ingest --corpus` loads the bundled treaties\n";
            return;
        }
        for (const auto& instrument : instruments) {
            std::string languages;
            for (const auto& expression : instrument.expressions) {
                if (!languages.empty())
                    languages += " ";
                languages += fmt::format("{}{}:{}", expression.language,
                                         expression.authentic ? "*" : "", expression.articles);
            }
            std::cout << fmt::format("{:<14} {:<18} {}\n", instrument.alias, languages,
                                     instrument.title);
        }
        std::cout << "(language:articles; * authentic)\n";
    });
}

} // namespace treatykb::cli
