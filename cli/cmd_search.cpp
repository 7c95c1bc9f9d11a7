// treatykb search QUERY [--instrument ALIAS] [--lang ru|en] [--party ISO3] [--signed-after YYYY]
//   [--signed-before YYYY] [--type TYPE] [--limit N] [--format text|json|csv] [--cite FORMAT]
// Every expression is searched unless --lang is given; the hits of one provision in several
// languages are one hit (cli/provision_search.hpp). Relevance: higher is better.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <cctype>

#include "cli/report/citation_export.hpp"
#include "cli/common.hpp"
#include "cli/report/data_table.hpp"
#include "cli/provision_search.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {

struct SearchArguments {
    SearchRequest request;
    std::string format = "text";
    std::string cite;
};

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

DataTable hits_table(const std::vector<ProvisionHit>& hits) {
    DataTable table{"hits",
                    {"rank", "instrument", "eid", "citation", "relevance", "languages", "also_in",
                     "heading", "snippet"},
                    {}};
    long long rank = 0;
    for (const ProvisionHit& hit : hits)
        table.add({++rank, hit.instrument, hit.eid, hit.citation, hit.relevance,
                   joined(hit.languages, " "), joined(hit.also_in, " "), hit.heading,
                   hit.snippet});
    return table;
}

} // namespace

void register_search(CLI::App& app, Options& options) {
    auto arguments = std::make_shared<SearchArguments>();
    SearchRequest& request = arguments->request;
    CLI::App* command = app.add_subcommand(
        "search", "Full-text search of every expression (stemmed, ranked), one hit per provision");
    command
        ->add_option("query", request.query,
                     "Words, \"phrases\", AND/OR/NOT, parentheses, prefix*")
        ->required();
    command->add_option("--instrument", request.instrument, "Only this instrument (alias)");
    command->add_option("--lang", request.language,
                        "Only expressions in this language (default: every expression)");
    command->add_option("--party", request.parties,
                        "Only instruments with this party (ISO 3166-1 alpha-3; repeatable)");
    command->add_option("--signed-after", request.signed_after,
                        "Only instruments signed in or after this year")
        ->check(CLI::Range(1000, 9999));
    command->add_option("--signed-before", request.signed_before,
                        "Only instruments signed before this year")
        ->check(CLI::Range(1000, 9999));
    command->add_option("--type", request.type, "Only instruments of this type (treaty, ...)");
    command->add_option("--limit", request.limit, "Number of hits (default 10)")
        ->check(CLI::Range(1, 1000));
    command->add_option("--format", arguments->format, "text (default), json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    command->add_option("--cite", arguments->cite,
                        "Print the citation of every hit instead: text, bibtex, csl-json or ris")
        ->check(CLI::IsMember(citation_formats()));
    command->callback([arguments, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        for (std::string& party : arguments->request.parties)
            for (char& c : party)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::vector<ProvisionHit> hits = search_provisions(store, arguments->request);
        if (!arguments->cite.empty()) {
            std::vector<ProvisionCitation> citations;
            for (const ProvisionHit& hit : hits)
                citations.push_back(
                    cite_provision(store, hit.instrument, hit.eid, hit.languages.front()));
            std::cout << render_citations(citations, arguments->cite);
            return;
        }
        if (arguments->format == "csv") {
            std::cout << to_csv(hits_table(hits));
            return;
        }
        if (arguments->format == "json") {
            nlohmann::json out = nlohmann::json::array();
            for (const ProvisionHit& hit : hits)
                out.push_back({{"instrument", hit.instrument},
                               {"eid", hit.eid},
                               {"lang", hit.languages.front()},
                               {"languages", hit.languages},
                               {"also_in", hit.also_in},
                               {"citation", hit.citation},
                               {"heading", hit.heading},
                               {"snippet", hit.snippet},
                               {"relevance", rounded(hit.relevance)}});
            std::cout << out.dump(2) << "\n";
            return;
        }
        if (hits.empty()) {
            std::cout << "no hits\n";
            return;
        }
        int rank = 0;
        for (const ProvisionHit& hit : hits) {
            std::cout << ++rank << ". " << hit.citation << "  [" << hit.instrument << "#"
                      << hit.eid << ", " << joined(hit.languages, ", ") << "]"
                      << (hit.also_in.empty() ? "" : "  also in " + joined(hit.also_in, ", "))
                      << fmt::format("  relevance {:.2f}", hit.relevance) << "\n   "
                      << hit.snippet << "\n";
        }
    });
}

} // namespace treatykb::cli
