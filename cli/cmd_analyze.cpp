// treatykb analyze INSTRUMENT — the conflict analysis: where the treaty hands a policy area to
// the Union and where other provisions keep national autonomy in it; depth, stage and power.
//   treatykb analyze eaeu [--format text|md|json|csv|html] [--scenario FILE.xml] [--output FILE]
#include <filesystem>
#include <fstream>
#include <set>
#include <iostream>

#include "cli/report/analysis_report.hpp"
#include "cli/report/citation_export.hpp"
#include "cli/common.hpp"
#include "cli/knowledge.hpp"
#include "cli/report/report.hpp"
#include "cli/conventions.hpp"
#include "cli/report/tidy_tables.hpp"
#include "cli/tidy_output.hpp"
#include "engine/analysis/analysis.hpp"

namespace treatykb::cli {

namespace {

struct AnalyzeOptions {
    std::string instrument;
    std::vector<std::string> rules;
    std::vector<std::string> scenarios;
    std::string format = "text";
    std::string output;
    std::string as_of;
    bool no_proofs = false;
    std::string table;
    std::string cite;
    KnowledgeChoice knowledge;
};

}  // namespace

std::string data_folder() {
    return project_root() + "/kb/knowledge/data";
}

std::string population_table_path() {
    return data_folder() + "/eu27_population.csv";
}

void write_output(const std::string& text, const std::string& output) {
    if (output.empty() || output == "-") {
        std::cout << text;
        return;
    }
    std::ofstream file(output, std::ios::binary);
    if (!(file << text)) throw Error("cannot write " + output, {output}, "check the folder exists");
}

int run_analysis(const Options& options, const std::string& instrument_name,
                 const std::vector<std::string>& rules, const std::vector<std::string>& scenarios,
                 const std::string& format_name, const std::string& output, bool with_proofs,
                 const std::string& command, const std::string& as_of, const std::string& table,
                 const std::string& cite_format, const KnowledgeChoice& knowledge_choice) {
    report::Format format = report::parse_format(format_name);
    bool tidy = format == report::Format::csv || format == report::Format::json;
    if (!table.empty() && format != report::Format::csv)
        throw UsageError("--table is for CSV", {}, "add --format csv");
    Store store(database_path(options), StoreAccess::read_only);
    ReadSnapshot snapshot(store); // every read of the command: one committed state
    std::string instrument = require_instrument(store, instrument_name);
    auto knowledge = load_verified_knowledge(store, rules, {}, knowledge_choice);
    if (!knowledge) return 1;
    knowledge->program = at_date(std::move(knowledge->program), as_of);
    engine::AnalysisOptions analysis_options;
    analysis_options.with_proofs = with_proofs;
    analysis_options.explain = scenarios.empty();  // a delta report shows no proofs
    analysis_options.population_table = population_table_path();
    analysis_options.seat_table_folder = data_folder();
    analysis_options.power_memory_budget = power_memory_budget(options);
    engine::Model model = engine::evaluate(knowledge->program, evaluation_limits(options));
    engine::Analysis analysis = engine::analyze(model, instrument, analysis_options);
    if (!cite_format.empty()) {
        // Every provision a finding cites, in the authentic expression (cli/citation_export.hpp).
        std::string lang = store.authentic_language(instrument).value_or(store.languages(instrument).front());
        std::vector<ProvisionCitation> citations;
        std::set<std::string> seen;
        for (const engine::FindingGroup& group : analysis.findings) {
            std::vector<std::string> provisions = group.primary_provisions;
            provisions.insert(provisions.end(), group.secondary_provisions.begin(), group.secondary_provisions.end());
            for (const std::string& provision : provisions) {
                std::size_t hash = provision.find('#');
                if (hash == std::string::npos || !seen.insert(provision).second) continue;
                std::string alias = provision.substr(0, hash), eid = provision.substr(hash + 1);
                if (alias != instrument || !store.provision(alias, eid, lang)) continue;
                citations.push_back(cite_provision(store, alias, eid, lang));
            }
        }
        write_output(render_citations(citations, cite_format), output);
        return 0;
    }
    CitationLabel cite = store_citations(store);
    if (tidy) {
        // Tidy data (cli/tidy_tables.hpp): the treaty as written, and the scenario beside it.
        FindingKinds kinds = finding_kinds(model);
        TidyContext context = tidy_context(knowledge->summary, instrument_dates(store)[instrument]);
        std::vector<DataTable> tables = tidy_tables(analysis, kinds, cite, {}, context);
        std::vector<const engine::Analysis*> analyses{&analysis};
        engine::Analysis scenario;
        if (!scenarios.empty()) {
            std::optional<engine::Program> changed =
                cli::apply_scenarios(store, knowledge->program, scenarios);
            if (!changed) return 1;
            engine::Model scenario_model = engine::evaluate(*changed, evaluation_limits(options));
            scenario = engine::analyze(scenario_model, instrument, analysis_options);
            std::string name;
            for (const std::string& file : scenarios)
                name += (name.empty() ? "" : " ") +
                        std::filesystem::path(file).filename().string();
            stack_tables(tables, tidy_tables(scenario, finding_kinds(scenario_model), cite, name, context));
            analyses.push_back(&scenario);
        }
        if (format == report::Format::csv)
            write_tidy_csv(tables, table, output);
        else
            write_output(tidy_json(tables, {command, program_version, knowledge->summary}, analyses).dump(2) + "\n",
                         output);
        return 0;
    }
    if (scenarios.empty()) {
        report::Document document =
            analysis_document(analysis, model, knowledge->summary, store_citations(store), command);
        write_output(report::render(document, format), output);
        return 0;
    }
    // What-if: the scenario is validated like any rule file, applied on top of the baseline, and
    // the report shows the delta.
    std::optional<engine::Program> changed = cli::apply_scenarios(store, knowledge->program, scenarios);
    if (!changed) return 1;
    engine::Model scenario_model = engine::evaluate(*changed, evaluation_limits(options));
    engine::Analysis scenario = engine::analyze(scenario_model, instrument, analysis_options);
    report::Document document =
        scenario_document(analysis, scenario, scenarios, store_citations(store), command);
    write_output(report::render(document, format), output);
    return 0;
}

int run_instrument_power(const Options& options, const std::string& instrument_name,
                         const std::string& format_name, const std::string& output,
                         const std::string& as_of) {
    report::Format format = report::parse_format(format_name);
    Store store(database_path(options), StoreAccess::read_only);
    ReadSnapshot snapshot(store); // every read of the command: one committed state
    std::string instrument = require_instrument(store, instrument_name);
    auto knowledge = load_verified_knowledge(store, {}, {});
    if (!knowledge) return 1;
    engine::Model model =
        engine::evaluate(at_date(std::move(knowledge->program), as_of), evaluation_limits(options));
    engine::AnalysisOptions analysis_options;
    analysis_options.population_table = population_table_path();
    analysis_options.seat_table_folder = data_folder();
    analysis_options.power_memory_budget = power_memory_budget(options);
    report::Document document;
    document.title = "Decision power of the bodies of " + instrument;
    document.metadata.push_back({"Command", report::Cell::of_text("treatykb power " + instrument)});
    document.metadata.push_back({"As of", report::Cell::of_text(as_of)});
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
    command->add_option("--rules", settings->rules, "Rule files or folders (default: kb/knowledge and kb/rules)");
    command->add_option("--scenario", settings->scenarios, "What-if scenario files applied to the rules");
    command->add_option("--format", settings->format, "text, md, json, csv or html")
        ->check(CLI::IsMember(report::format_names()));
    command->add_option("--output,-o", settings->output, "Write the report to a file (- : standard output)");
    command->add_flag("--no-proofs", settings->no_proofs, "Leave proof trees out");
    command->add_option("--table", settings->table,
                        "With --format csv: one table to standard output (docs/codebook.md)")
        ->check(CLI::IsMember(tidy_table_names()));
    command->add_option("--cite", settings->cite,
                        "Print the citation of every provision a finding cites instead: text, "
                        "bibtex, csl-json or ris")
        ->check(CLI::IsMember(citation_formats()));
    add_knowledge_options(*command, settings->knowledge);
    command->add_option("--as-of", settings->as_of,
                        "Evaluate at this date, YYYY-MM-DD (default: today): ended regimes and "
                        "later members follow from the rules");
    command->callback([settings, &options] {
        std::string line = "treatykb analyze " + settings->instrument;
        for (const std::string& scenario : settings->scenarios) line += " --scenario " + scenario;
        if (settings->knowledge.source != "hand") line += " --knowledge " + settings->knowledge.source;
        std::string as_of = settings->as_of.empty() ? today_utc() : settings->as_of;
        if (!settings->as_of.empty()) line += " --as-of " + as_of;
        options.exit_code =
            run_analysis(options, settings->instrument, settings->rules, settings->scenarios,
                         settings->format, settings->output, !settings->no_proofs, line, as_of,
                         settings->table, settings->cite, settings->knowledge);
    });
}

}  // namespace treatykb::cli
