// treatykb toc INSTRUMENT [--lang ru|en] — parts, sections, articles and annexes with headings.
#include <iostream>
#include <map>

#include "cli/common.hpp"
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
    CLI::App* command = app.add_subcommand("toc", "Table of contents of an instrument");
    command->add_option("instrument", *instrument, "Alias, e.g. eaeu")->required();
    command->add_option("--lang", *language, "Expression language (default: the authentic one)");
    command->callback([instrument, language, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        std::string alias = store.require_instrument(*instrument);
        std::string lang =
            !language->empty()
                ? *language
                : store.authentic_language(alias).value_or(store.languages(alias).front());
        if (!store.has_expression(alias, lang))
            throw Error("\"" + alias + "\" has no " + lang + " expression", {},
                        "`treatykb list` shows its languages");
        std::map<std::string, int> depth;
        for (const auto& unit : store.provisions(alias, lang)) {
            if (!in_toc(unit.kind))
                continue;
            auto parent = depth.find(unit.parent_eid);
            int level = parent == depth.end() ? 0 : parent->second + 1;
            depth[unit.eid] = level;
            std::cout << std::string(static_cast<std::size_t>(level) * 2, ' ')
                      << display_marker(unit) << (unit.heading.empty() ? "" : "  " + unit.heading)
                      << "   [" << unit.eid << "]\n";
        }
    });
}

} // namespace treatykb::cli
