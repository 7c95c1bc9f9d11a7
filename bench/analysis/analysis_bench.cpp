// Times the analysis path in one process (docs/performance.md, "Analysis"):
//   full     — load and validate the knowledge, verify every quote against the database, evaluate,
//              analyze eaeu and render the HTML report (what `treatykb analyze eaeu --format html`
//              does after start-up);
//   scenario — re-run with a what-if scenario on the already loaded program: apply, evaluate,
//              analyze (what a scenario costs once the baseline is in memory);
//   evaluate — evaluation of the loaded program alone, the floor of both;
//   compare  — load, verify quotes, evaluate once, analyze every coded instrument and render the
//              comparison as text (what `treatykb compare eaeu teu cuc-2007 mercosur cis-fta-2011
//              cu-1995 cu-ses-1999` does after start-up).
// Usage: bench_analysis DATABASE SOURCE_DIR [REPEATS]
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/report/analysis_report.hpp"
#include "cli/report/report.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/knowledge.hpp"
#include "engine/datalog/loader.hpp"
#include "kb/store.hpp"

using namespace treatykb;
using Clock = std::chrono::steady_clock;

namespace {

struct Runs {
    std::vector<double> wall;  // milliseconds, sorted
    std::vector<double> cpu;   // process CPU milliseconds (std::clock), sorted: on a shared
                               // machine the wall time counts other processes' turns too
};

template <typename Work>
Runs time_runs(int repeats, Work work) {
    Runs runs;
    for (int run = 0; run < repeats; ++run) {
        auto start = Clock::now();
        std::clock_t cpu_start = std::clock();
        work();
        runs.cpu.push_back(1000.0 * double(std::clock() - cpu_start) / CLOCKS_PER_SEC);
        runs.wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(runs.wall.begin(), runs.wall.end());
    std::sort(runs.cpu.begin(), runs.cpu.end());
    return runs;
}

void print(const char* name, const Runs& runs, double target) {
    double median = runs.wall[runs.wall.size() / 2];
    std::printf("%-9s min %8.2f ms  median %8.2f ms  target %6.1f ms  median/target %.2f  "
                "(CPU min %.2f ms, median %.2f ms)\n",
                name, runs.wall.front(), median, target, median / target, runs.cpu.front(),
                runs.cpu[runs.cpu.size() / 2]);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_analysis DATABASE SOURCE_DIR [REPEATS]\n");
        return 2;
    }
    const std::string database = argv[1], source = argv[2];
    const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
    // The rule paths the program passes by default (cli/rule_files.cpp).
    const std::vector<std::string> files = {source + "/kb/knowledge", source + "/kb/rules"};
    const std::string scenario = source + "/kb/scenarios/commission_council_qmv.xml";
    engine::AnalysisOptions options;
    options.population_table = source + "/kb/knowledge/data/eu27_population.csv";
    options.seat_table_folder = source + "/kb/knowledge/data";
    Store store(database);
    std::size_t sink = 0;

    auto full = time_runs(repeats, [&] {
        // The analysis service, as `treatykb analyze` calls it (engine/analysis/knowledge.hpp).
        engine::VerifiedKnowledge knowledge = engine::load_knowledge(store, files);
        sink += knowledge.rejected.size();
        engine::Model model = engine::evaluate(engine::at_date(std::move(knowledge.program), "2025-01-01", "--as-of"));
        engine::Analysis analysis = engine::analyze(model, "eaeu", options);
        const engine::KnowledgeSummary& summary = knowledge.summary;
        auto cite = [&store](const std::string& provision) {
            auto hash = provision.find('#');
            return store.citation(provision.substr(0, hash), provision.substr(hash + 1));
        };
        sink += cli::report::render_html(cli::analysis_document(analysis, model, summary, cite, "bench")).size();
    });
    const engine::Program baseline =
        engine::at_date(engine::load_rules(files, {}, &store), "2025-01-01", "--as-of");
    engine::AnalysisOptions delta_options = options;
    delta_options.explain = false;  // as `analyze --scenario` does for the scenario side
    auto scenario_runs = time_runs(repeats, [&] {
        engine::Program changed = engine::apply_scenario(baseline, {scenario});
        engine::Model model = engine::evaluate(changed);
        sink += engine::analyze(model, "eaeu", delta_options).findings.size();
    });
    auto evaluate_runs = time_runs(repeats, [&] { sink += engine::evaluate(baseline).count("finding(?k, ?d, ?a, ?b, ?r, ?s)"); });
    const std::vector<std::string> instruments = {"eaeu", "teu", "cuc-2007", "mercosur",
                                                  "cis-fta-2011", "cu-1995", "cu-ses-1999"};
    auto compare_runs = time_runs(repeats, [&] {
        engine::VerifiedKnowledge knowledge = engine::load_knowledge(store, files);
        sink += knowledge.rejected.size();
        engine::Model model =  // as `compare` does
            engine::evaluate(engine::at_date(std::move(knowledge.program), "2025-01-01", "--as-of"));
        std::vector<engine::Analysis> analyses;
        engine::AnalysisOptions compare_options = options;
        compare_options.with_proofs = false;  // as `compare` does
        for (const std::string& instrument : instruments)
            analyses.push_back(engine::analyze(model, instrument, compare_options));
        sink += cli::report::render_text(cli::comparison_document(analyses, "bench")).size();
    });

    std::printf("analysis of eaeu: %zu files, %zu facts, %zu rules, %d runs each\n", baseline.files.size(),
                baseline.facts.size(), baseline.rules.size(), repeats);
    print("full", full, 100.0);
    print("scenario", scenario_runs, 20.0);
    print("evaluate", evaluate_runs, 20.0);
    print("compare", compare_runs, 300.0);
    return sink == 0 ? 1 : 0;
}
