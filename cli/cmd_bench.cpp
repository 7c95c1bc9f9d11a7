// treatykb bench-search [--count N] — runs N mixed searches against the database and prints
// latency percentiles of `search` (merged by provision) and of Store::search alone, its peer in
// the same run (used by bench/corpus/run.sh; not a test). Beside wall time it gives the median of
// the CPU time of each search, which other jobs on a loaded machine inflate less.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>

#include "cli/common.hpp"
#include "cli/provision_search.hpp"

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
        std::vector<double> milliseconds, unmerged, cpu_merged, cpu_unmerged;
        auto cpu_ms = [](std::clock_t start) {
            return 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
        };
        std::vector<std::vector<double>> by_query(queries.size());
        std::size_t hits = 0;
        for (int i = 0; i < *count; ++i) {
            // Named references, not a structured binding: Clang 14 cannot capture a binding in a
            // lambda (C++20 allows it; GCC 12 does).
            const auto& entry = queries[static_cast<std::size_t>(i) % queries.size()];
            const std::string& query = entry.first;
            const std::string& instrument = entry.second;
            // What `treatykb search` runs: every expression, hits merged by provision.
            SearchRequest search;
            search.query = query;
            search.instrument = store.resolve_alias(instrument) ? instrument : "";
            search.limit = 10;
            // The peer in the same run: the store's search alone, one hit per expression, as
            // `search` ran before hits were merged by provision. The two alternate which runs
            // first, so that neither always finds the caches warmed by the other.
            SearchOptions plain;
            plain.instrument = search.instrument;
            plain.limit = 10;
            auto time_merged = [&] {
                const std::clock_t cpu = std::clock();
                auto start = std::chrono::steady_clock::now();
                hits += search_provisions(store, search).size();
                milliseconds.push_back(std::chrono::duration<double, std::milli>(
                                           std::chrono::steady_clock::now() - start)
                                           .count());
                cpu_merged.push_back(cpu_ms(cpu));
            };
            auto time_plain = [&] {
                const std::clock_t cpu = std::clock();
                auto start = std::chrono::steady_clock::now();
                store.search(query, plain);
                unmerged.push_back(std::chrono::duration<double, std::milli>(
                                       std::chrono::steady_clock::now() - start)
                                       .count());
                cpu_unmerged.push_back(cpu_ms(cpu));
            };
            if (i % 2 == 0) {
                time_merged();
                time_plain();
            } else {
                time_plain();
                time_merged();
            }
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
        std::sort(unmerged.begin(), unmerged.end());
        std::sort(cpu_merged.begin(), cpu_merged.end());
        std::sort(cpu_unmerged.begin(), cpu_unmerged.end());
        auto percentile = [](const std::vector<double>& times, double p) {
            return times[std::min(times.size() - 1,
                                  static_cast<std::size_t>(p * static_cast<double>(times.size())))];
        };
        std::cout << fmt::format("searches {} hits {} p50_ms {:.3f} p99_ms {:.3f} max_ms {:.3f}\n",
                                 milliseconds.size(), hits, percentile(milliseconds, 0.50),
                                 percentile(milliseconds, 0.99), milliseconds.back());
        std::cout << fmt::format("unmerged (Store::search alone) p50_ms {:.3f} p99_ms {:.3f}; "
                                 "merged/unmerged p50 {:.2f}x\n",
                                 percentile(unmerged, 0.50), percentile(unmerged, 0.99),
                                 percentile(milliseconds, 0.50) / percentile(unmerged, 0.50));
        std::cout << fmt::format("cpu time p50_ms merged {:.3f}, unmerged {:.3f}\n",
                                 percentile(cpu_merged, 0.50), percentile(cpu_unmerged, 0.50));
    });
}

} // namespace treatykb::cli
