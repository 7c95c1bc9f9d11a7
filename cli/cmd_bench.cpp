// treatykb bench-search [--count N] — runs N mixed searches against the database and prints
// latency percentiles (used by bench/corpus/run.sh; not a test).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/common.hpp"

namespace treatykb::cli {

void register_bench(CLI::App& app, Options& options) {
    auto count = std::make_shared<int>(1000);
    auto per_query = std::make_shared<bool>(false);
    CLI::App* command = app.add_subcommand("bench-search", "Time N mixed searches (p50/p99)");
    command->add_option("--count", *count, "Number of searches (default 1000)");
    command->add_flag("--per-query", *per_query, "Also print the median of each query");
    command->callback([count, per_query, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        // A mix of single words, phrases, boolean queries, prefixes, Russian and English, with
        // and without an instrument filter.
        const std::vector<std::pair<std::string, std::string>> queries{
            {"non-tariff measures", ""},
            {"unilateral measure", "eaeu"},
            {"\"most favoured nation\"", ""},
            {"dispute settlement", ""},
            {"customs AND tariff", ""},
            {"safeguard OR antidumping", ""},
            {"subsid*", ""},
            {"investment NOT services", ""},
            {"одностороннем порядке мера", ""},
            {"товаров", "cis-fta-2011"},
            {"Комиссия решения", "eaeu"},
            {"qualified majority", "teu"},
            {"rules of origin", ""},
            {"intellectual property", ""},
            {"technical regulations", "eaeu"},
            {"transit", ""},
            {"(tariff OR duty) AND quota", ""},
            {"\"national treatment\"", ""},
            {"консенсусом", ""},
            {"sanitary phytosanitary", ""}};
        std::vector<double> milliseconds;
        std::vector<std::vector<double>> by_query(queries.size());
        std::size_t hits = 0;
        for (int i = 0; i < *count; ++i) {
            const auto& [query, instrument] = queries[static_cast<std::size_t>(i) % queries.size()];
            SearchOptions search;
            search.instrument = store.resolve_alias(instrument) ? instrument : "";
            search.limit = 10;
            auto start = std::chrono::steady_clock::now();
            hits += store.search(query, search).size();
            auto end = std::chrono::steady_clock::now();
            milliseconds.push_back(std::chrono::duration<double, std::milli>(end - start).count());
            by_query[static_cast<std::size_t>(i) % queries.size()].push_back(milliseconds.back());
        }
        if (*per_query) {
            for (std::size_t q = 0; q < queries.size(); ++q) {
                auto& times = by_query[q];
                if (times.empty())
                    continue;
                std::sort(times.begin(), times.end());
                std::cout << fmt::format(
                    "{:8.3f} ms  {} {}\n", times[times.size() / 2], queries[q].first,
                    queries[q].second.empty() ? "" : "--instrument " + queries[q].second);
            }
        }
        std::sort(milliseconds.begin(), milliseconds.end());
        auto percentile = [&](double p) {
            return milliseconds[std::min(
                milliseconds.size() - 1,
                static_cast<std::size_t>(p * static_cast<double>(milliseconds.size())))];
        };
        std::cout << fmt::format("searches {} hits {} p50_ms {:.3f} p99_ms {:.3f} max_ms {:.3f}\n",
                                 milliseconds.size(), hits, percentile(0.50), percentile(0.99),
                                 milliseconds.back());
    });
}

} // namespace treatykb::cli
