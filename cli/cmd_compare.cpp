// treatykb compare INSTRUMENT... — instruments side by side: depth per domain, decision rules and
// power to act, and the aggregate indices.
//   treatykb compare eaeu teu cis-fta-2011 cu-1995 [--format text|md|json|csv|html]
//   treatykb compare --all --knowledge coded --format csv -o DIR/   (= compare --coded)
#include <memory>
#include <set>

#include "cli/report/analysis_report.hpp"
#include "cli/common.hpp"
#include "cli/conventions.hpp"
#include "cli/report/tidy_tables.hpp"
#include "cli/tidy_output.hpp"
#include "cli/knowledge.hpp"
#include "engine/analysis/analysis.hpp"

namespace treatykb::cli {

void register_compare(CLI::App& app, Options& options) {
    struct Settings {
        std::vector<std::string> instruments;
        std::vector<std::string> rules;
        std::vector<std::string> scenarios;
        std::string format = "text";
        std::string output;
        std::string table;
        std::string as_of;
        KnowledgeChoice knowledge;
        bool all = false;
        bool coded = false;
    };
    auto settings = std::make_shared<Settings>();
    CLI::App* command = app.add_subcommand("compare", "Compare instruments: depth, decision rules, indices");
    command->add_option("instruments", settings->instruments, "Instrument aliases, e.g. eaeu teu")
        ->expected(0, -1);
    command->add_flag("--all", settings->all,
                      "Every instrument in the database that the knowledge annotates (with --knowledge "
                      "coded: every instrument `treatykb code` wrote knowledge for)");
    command->add_flag("--coded", settings->coded, "The same as --all --knowledge coded");
    add_knowledge_options(*command, settings->knowledge);
    command->add_option("--rules", settings->rules, "Rule files or folders (default: kb/knowledge and kb/rules)");
    command->add_option("--scenario", settings->scenarios, "What-if scenario files applied to all");
    command->add_option("--format", settings->format, "text, md, json, csv or html")
        ->check(CLI::IsMember(report::format_names()));
    command->add_option("--output,-o", settings->output, "Write the report to a file (- : standard output)");
    command->add_option("--table", settings->table,
                        "With --format csv: one table to standard output (docs/codebook.md)")
        ->check(CLI::IsMember(tidy_table_names()));
    command->add_option("--as-of", settings->as_of, "Evaluate at this date, YYYY-MM-DD (default: today)");
    command->callback([settings, &options] {
        report::Format format = report::parse_format(settings->format);
        if (settings->coded) {
            if (settings->knowledge.source == "both")
                throw UsageError("--coded is --all --knowledge coded", {}, "use --all --knowledge both");
            settings->knowledge.source = "coded";
            settings->all = true;
        }
        if (settings->all == !settings->instruments.empty())
            throw UsageError("name the instruments to compare, or --all (not both)", {},
                             "e.g. treatykb compare eaeu teu, or treatykb compare --all --knowledge coded");
        Store store(database_path(options), StoreAccess::read_only);
        ReadSnapshot snapshot(store); // every read of the command: one committed state
        std::vector<std::string> instruments;
        for (const std::string& name : settings->instruments)
            instruments.push_back(require_instrument(store, name));
        auto knowledge = load_unverified_knowledge(store, settings->rules, settings->knowledge);
        if (!knowledge) {
            options.exit_code = 1;
            return;
        }
        // The quotes are verified on a second connection while the knowledge is evaluated and
        // analysed (cli/knowledge.hpp); nothing is written before they hold, and when they do not,
        // their errors are the ones reported, whatever else failed meanwhile.
        QuotesVerifiedAside quotes(store, database_path(options), knowledge->program);
        KnowledgeSummary knowledge_summary = knowledge->summary;
        std::optional<bool> quotes_hold;
        auto verified = [&] {
            if (!quotes_hold) quotes_hold = quotes.finish(knowledge_summary);
            return *quotes_hold;
        };
        try {
            if (settings->all) {
                // The instruments the kept annotations speak for, in the database's order.
                std::set<std::string> annotated;
                for (const engine::Annotation& annotation : knowledge->program.annotations)
                    annotated.insert(annotation.provision.substr(0, annotation.provision.find('#')));
                for (const Instrument& work : store.instruments())
                    if (annotated.count(work.alias)) instruments.push_back(work.alias);
                if (instruments.empty())
                    throw Error("no instrument in the database has " + settings->knowledge.source + " knowledge", {},
                                settings->knowledge.source == "hand" ? "check kb/knowledge"
                                                                     : "run `treatykb code --all` first");
            }
            engine::Program program = at_date(std::move(knowledge->program),
                                              settings->as_of.empty() ? today_utc() : settings->as_of);
            if (!settings->scenarios.empty()) {
                if (!verified()) {
                    options.exit_code = 1;
                    return;
                }
                auto changed = cli::apply_scenarios(store, program, settings->scenarios);
                if (!changed) {
                    options.exit_code = 1;
                    return;
                }
                program = std::move(*changed);
            }
            engine::Model model = engine::evaluate(program, evaluation_limits(options));
            engine::AnalysisOptions analysis_options;
            analysis_options.with_proofs = false;
            // The side-by-side document counts findings and prints no rule or quote of theirs: their
            // proofs are not derived there (the tidy tables list each finding's rule and quotes).
            analysis_options.explain = format == report::Format::csv || format == report::Format::json;
            analysis_options.population_table = population_table_path();
            analysis_options.seat_table_folder = data_folder();
            analysis_options.power_memory_budget = power_memory_budget(options);
            std::vector<engine::Analysis> analyses;
            std::string line = "treatykb compare";
            if (!settings->as_of.empty()) line += " --as-of " + settings->as_of;
            if (settings->knowledge.source != "hand") line += " --knowledge " + settings->knowledge.source;
            if (settings->all) line += " --all";
            analyses = engine::analyze_all(model, instruments, analysis_options);
            if (!verified()) {  // nothing derived from a rejected quote is written
                options.exit_code = 1;
                return;
            }
            if (!settings->all)
                for (const std::string& instrument : instruments) line += " " + instrument;
            if (format == report::Format::csv || format == report::Format::json) {
                // The tidy tables of every instrument, stacked (cli/tidy_tables.hpp).
                FindingKinds kinds = finding_kinds(model);
                CitationLabel cite = store_citations(store);
                std::vector<DataTable> tables;
                std::vector<const engine::Analysis*> pointers;
                std::map<std::string, InstrumentDates> dates = instrument_dates(store);
                for (const engine::Analysis& analysis : analyses) {
                    stack_tables(tables, tidy_tables(analysis, kinds, cite, {},
                                                     tidy_context(knowledge_summary, dates[analysis.instrument])));
                    pointers.push_back(&analysis);
                }
                if (format == report::Format::csv)
                    write_tidy_csv(tables, settings->table, settings->output);
                else
                    write_output(tidy_json(tables, {line, program_version, knowledge_summary}, pointers).dump(2) + "\n",
                                 settings->output);
                return;
            }
            if (!settings->table.empty())
                throw UsageError("--table is for CSV", {}, "add --format csv");
            report::Document document = comparison_document(analyses, line);
            if (knowledge_summary.source != "hand")
                document.metadata.push_back({"Annotations", report::Cell::of_text(annotation_sources(knowledge_summary))});
            write_output(report::render(document, format), settings->output);
        } catch (...) {
            if (!verified()) {
                options.exit_code = 1;
                return;
            }
            throw;
        }
    });
}

}  // namespace treatykb::cli
