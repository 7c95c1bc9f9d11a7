// treatykb toc INSTRUMENT [--lang ru|en] [--format text|json|csv] — parts, sections, articles and
// annexes with headings; CSV and JSON hold one row per unit with its level and parent.
#include <iostream>
#include <map>

#include "cli/common.hpp"
#include "cli/report/data_table.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {
bool in_toc(const std::string& kind) {
    return kind != "paragraph" && kind != "point" && kind != "subpoint" && kind != "item" &&
           kind != "indent" && kind != "wrapUp";
}
} // namespace

void register_toc(CLI::App& app, Options& options) {
    auto instrument = std::make_shared<std::string>();
    auto language = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    CLI::App* command = app.add_subcommand("toc", "Table of contents of an instrument");
    command->add_option("instrument", *instrument, "Alias, e.g. eaeu")->required();
    command->add_option("--lang", *language, "Expression language (default: the authentic one)");
    add_data_format_option(*command, *format);
    command->callback([instrument, language, format, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        ReadSnapshot snapshot(store); // every read of the command: one committed state
        std::string alias = require_instrument(store, *instrument);
        std::string lang =
            !language->empty()
                ? *language
                : store.authentic_language(alias).value_or(store.languages(alias).front());
        if (!store.has_expression(alias, lang))
            throw Error("\"" + alias + "\" has no " + lang + " expression", {},
                        "`treatykb list` shows its languages");
        std::map<std::string, int> depth;
        DataTable table{"toc",
                        {"instrument", "language", "eid", "parent_eid", "level", "kind", "number",
                         "label", "heading"},
                        {}};
        for (const auto& unit : store.provisions(alias, lang)) {
            if (!in_toc(unit.kind))
                continue;
            auto parent = depth.find(unit.parent_eid);
            int level = parent == depth.end() ? 0 : parent->second + 1;
            depth[unit.eid] = level;
            if (*format != "text") {
                table.add({alias, lang, unit.eid, unit.parent_eid, static_cast<long long>(level),
                           unit.kind, unit.number, display_marker(unit), unit.heading});
                continue;
            }
            std::cout << std::string(static_cast<std::size_t>(level) * 2, ' ')
                      << display_marker(unit) << (unit.heading.empty() ? "" : "  " + unit.heading)
                      << "   [" << unit.eid << "]\n";
        }
        if (*format != "text")
            std::cout << (*format == "csv" ? to_csv(table) : to_json(table).dump(2) + "\n");
    });
}

} // namespace treatykb::cli
