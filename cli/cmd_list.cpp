// treatykb list [--format text|json|csv] — the instruments in the database, their expressions
// and sizes. CSV and JSON hold one row per expression.
#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/report/data_table.hpp"

namespace treatykb::cli {

namespace {

DataTable expressions_table(const std::vector<InstrumentSummary>& instruments) {
    DataTable table{"expressions",
                    {"instrument", "title", "short_title", "date_signed", "date_in_force",
                     "parties", "language", "authentic", "expression_date", "articles",
                     "provisions", "amendments"},
                    {}};
    auto optional_text = [](const std::string& text) -> Value {
        return text.empty() ? Value{} : Value{text};
    };
    for (const auto& instrument : instruments)
        for (const auto& expression : instrument.expressions)
            table.add({instrument.alias, instrument.title, instrument.short_title,
                       optional_text(instrument.date_signed),
                       optional_text(instrument.date_in_force), instrument.parties,
                       expression.language, expression.authentic, optional_text(expression.date),
                       static_cast<long long>(expression.articles),
                       static_cast<long long>(expression.provisions),
                       static_cast<long long>(expression.amendments)});
    return table;
}

} // namespace

void register_list(CLI::App& app, Options& options) {
    auto format = std::make_shared<std::string>("text");
    CLI::App* command = app.add_subcommand("list", "List the instruments in the database");
    add_data_format_option(*command, *format);
    command->callback([&options, format] {
        Store store(database_path(options), StoreAccess::read_only);
        ReadSnapshot snapshot(store); // every read of the command: one committed state
        auto instruments = store.list();
        if (*format != "text") {
            DataTable table = expressions_table(instruments);
            std::cout << (*format == "csv" ? to_csv(table) : to_json(table).dump(2) + "\n");
            return;
        }
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
