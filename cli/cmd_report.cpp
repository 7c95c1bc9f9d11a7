// treatykb report — for now: the structure of the EAEU Treaty in each expression and a sample
// search. The conflict analysis will replace this body once the engine exists.
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/common.hpp"

namespace treatykb::cli {

void register_report(CLI::App& app, Options& options) {
    CLI::App* command = app.add_subcommand(
        "report", "The main report (for now: EAEU structure and a sample search)");
    command->callback([&options] {
        Store store(database_path(options));
        auto alias = store.resolve_alias("eaeu");
        if (!alias) {
            std::cout << "the EAEU Treaty is not in the database; run `treatykb ingest --corpus`\n";
            return;
        }
        for (const auto& instrument : store.list()) {
            if (instrument.alias != *alias)
                continue;
            std::cout << instrument.title << "\n" << instrument.work_uri << "\n\n";
            for (const auto& expression : instrument.expressions) {
                std::map<std::string, int> kinds;
                // The Treaty's own structure; annexes are counted as units.
                for (const auto& unit : store.provisions(*alias, expression.language))
                    if (!unit.eid.starts_with("annex_") || unit.kind == "annex")
                        ++kinds[unit.kind];
                std::cout << fmt::format(
                    "{} expression{} ({}, {}): {} parts, {} sections, {} articles, {} paragraphs, "
                    "{} points, {} annexes, {} recorded amendments\n",
                    expression.language, expression.authentic ? ", authentic" : "", expression.uri,
                    expression.date, kinds["part"], kinds["section"], kinds["article"],
                    kinds["paragraph"], kinds["point"] + kinds["subpoint"], kinds["annex"],
                    expression.amendments);
                for (const auto& amendment : store.amendments(*alias, expression.language))
                    std::cout << fmt::format("  {:<34} {:<8} {} ({})\n",
                                             store.citation(*alias, amendment.eid), amendment.kind,
                                             amendment.amending_act, amendment.date);
            }
        }
        for (const char* query : {"non-tariff measures unilateral", "одностороннем порядке меры"}) {
            std::cout << "\nsearch \"" << query << "\":\n";
            SearchOptions search;
            search.instrument = *alias;
            search.limit = 3;
            for (const auto& hit : store.search(query, search))
                std::cout << "  " << hit.citation << " [" << hit.language << "]: " << hit.snippet
                          << "\n";
        }
    });
}

} // namespace treatykb::cli
