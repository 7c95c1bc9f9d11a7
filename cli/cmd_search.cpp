// treatykb search QUERY [--instrument ALIAS] [--lang ru|en] [--limit N] [--format text|json]
#include <nlohmann/json.hpp>

#include <iostream>

#include "cli/common.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {
struct SearchArguments {
    std::string query;
    SearchOptions options;
    std::string format = "text";
};
} // namespace

void register_search(CLI::App& app, Options& options) {
    auto arguments = std::make_shared<SearchArguments>();
    CLI::App* command = app.add_subcommand("search", "Full-text search (stemmed, bm25-ranked)");
    command
        ->add_option("query", arguments->query,
                     "Words, \"phrases\", AND/OR/NOT, parentheses, prefix*")
        ->required();
    command->add_option("--instrument", arguments->options.instrument,
                        "Only this instrument (alias)");
    command->add_option("--lang", arguments->options.language, "Only expressions in this language");
    command->add_option("--limit", arguments->options.limit, "Number of hits (default 10)")
        ->check(CLI::Range(1, 1000));
    command->add_option("--format", arguments->format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    command->callback([arguments, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        auto hits = store.search(arguments->query, arguments->options);
        if (arguments->format == "json") {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& hit : hits)
                out.push_back({{"instrument", hit.instrument},
                               {"eid", hit.eid},
                               {"lang", hit.language},
                               {"citation", hit.citation},
                               {"heading", hit.heading},
                               {"snippet", hit.snippet},
                               {"score", hit.score}});
            std::cout << out.dump(2) << "\n";
            return;
        }
        if (hits.empty()) {
            std::cout << "no hits\n";
            return;
        }
        int rank = 0;
        for (const auto& hit : hits) {
            std::cout << ++rank << ". " << hit.citation << "  [" << hit.instrument << "#" << hit.eid
                      << ", " << hit.language << "]\n   " << hit.snippet << "\n";
        }
    });
}

} // namespace treatykb::cli
