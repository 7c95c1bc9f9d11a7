// treatykb analyze INSTRUMENT — the conflict analysis: where the treaty hands a policy area to
// the Union and where other provisions keep national autonomy in it; depth, stage and power.
//   treatykb analyze eaeu [--format text|md|json|csv|html] [--scenario FILE.xml] [--output FILE]
#include <fstream>
#include <iostream>

#include "cli/analysis_report.hpp"
#include "cli/common.hpp"
#include "cli/knowledge.hpp"
#include "cli/report.hpp"
#include "engine/analysis.hpp"

namespace treatykb::cli {

namespace {

struct AnalyzeOptions {
    std::string instrument;
    std::vector<std::string> rules;
    std::vector<std::string> scenarios;
    std::string format = "text";
    std::string output;
    bool no_proofs = false;
};

}  // namespace

std::string population_table_path() {
    return project_root() + "/kb/knowledge/data/eu27_population.csv";
}

void write_output(const std::string& text, const std::string& output) {
    if (output.empty()) {
        std::cout << text;
        return;
    }
    std::ofstream file(output, std::ios::binary);
    if (!(file << text)) throw Error("cannot write " + output, {output}, "check the folder exists");
}

int run_analysis(const Options& options, const std::string& instrument_name,
                 const std::vector<std::string>& rules, const std::vector<std::string>& scenarios,
                 const std::string& format_name, const std::string& output, bool with_proofs,
                 const std::string& command) {
    report::Format format = report::parse_format(format_name);
    Store store(database_path(options), StoreAccess::read_only);
    std::string instrument = store.require_instrument(instrument_name);
    auto knowledge = load_verified_knowledge(store, rules, {});
    if (!knowledge) return 1;
    engine::AnalysisOptions analysis_options;
    analysis_options.with_proofs = with_proofs;
    analysis_options.explain = scenarios.empty();  // a delta report shows no proofs
    analysis_options.population_table = population_table_path();
    analysis_options.power_memory_budget = power_memory_budget(options);
    engine::Model model = engine::evaluate(knowledge->program, evaluation_limits(options));
    engine::Analysis analysis = engine::analyze(model, instrument, analysis_options);
    if (scenarios.empty()) {
        report::Document document =
            analysis_document(analysis, model, knowledge->summary, store_citations(store), command);
        write_output(report::render(document, format), output);
        return 0;
    }
    // What-if: the scenario is validated like any rule file, applied on top of the baseline, and
    // the report shows the delta.
    std::optional<engine::Program> changed = apply_scenarios(store, knowledge->program, scenarios);
    if (!changed) return 1;
    engine::Model scenario_model = engine::evaluate(*changed, evaluation_limits(options));
    engine::Analysis scenario = engine::analyze(scenario_model, instrument, analysis_options);
    report::Document document =
        scenario_document(analysis, scenario, scenarios, store_citations(store), command);
    write_output(report::render(document, format), output);
    return 0;
}

int run_instrument_power(const Options& options, const std::string& instrument_name,
                         const std::string& format_name, const std::string& output) {
    report::Format format = report::parse_format(format_name);
    Store store(database_path(options), StoreAccess::read_only);
    std::string instrument = store.require_instrument(instrument_name);
    auto knowledge = load_verified_knowledge(store, {}, {});
    if (!knowledge) return 1;
    engine::Model model = engine::evaluate(knowledge->program, evaluation_limits(options));
    engine::AnalysisOptions analysis_options;
    analysis_options.population_table = population_table_path();
    analysis_options.power_memory_budget = power_memory_budget(options);
    report::Document document;
    document.title = "Decision power of the bodies of " + instrument;
    document.metadata.push_back({"Command", report::Cell::of_text("treatykb power " + instrument)});
    add_power_section(document, engine::analyze_power(model, instrument, analysis_options),
                      store_citations(store));
    write_output(report::render(document, format), output);
    return 0;
}

void register_analyze(CLI::App& app, Options& options) {
    auto settings = std::make_shared<AnalyzeOptions>();
    CLI::App* command = app.add_subcommand(
        "analyze", "Conflicts between national autonomy and supranational competence; depth, stage, power");
    command->add_option("instrument", settings->instrument, "Instrument alias, e.g. eaeu")->required();
    command->add_option("--rules", settings->rules, "Rule files (default: kb/knowledge and kb/rules)");
    command->add_option("--scenario", settings->scenarios, "What-if scenario files applied to the rules");
    command->add_option("--format", settings->format, "text, md, json, csv or html");
    command->add_option("--output,-o", settings->output, "Write the report to a file");
    command->add_flag("--no-proofs", settings->no_proofs, "Leave proof trees out");
    command->callback([settings, &options] {
        std::string line = "treatykb analyze " + settings->instrument;
        for (const std::string& scenario : settings->scenarios) line += " --scenario " + scenario;
        options.exit_code =
            run_analysis(options, settings->instrument, settings->rules, settings->scenarios,
                         settings->format, settings->output, !settings->no_proofs, line);
    });
}

}  // namespace treatykb::cli
