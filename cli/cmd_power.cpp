// `treatykb power`: exact voting power of one decision rule given on the command line.
//   treatykb power --weights RUS=57,BLR=21.5,KAZ=21.5 --quota 2/3 [--format text|md|json|csv|html]
//   treatykb power --double-majority --population FILE --members 55% --population-share 65%
//                  --blocking-min 4
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/knowledge.hpp"
#include "cli/report/power_report.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {

struct PowerOptions {
    std::string instrument;  // `treatykb power eaeu`: every body in the knowledge base
    std::string weights;
    std::string quota;
    bool double_majority = false;
    std::string population_file;
    std::string member_share = "55%";
    std::string population_share = "65%";
    int blocking_minimum = 0;
    std::string comparison = "at-least";
    std::string name;
    std::string format = "text";
    std::string output;
    std::string as_of;  // with an instrument: the evaluation date (membership)
};

power::QuotaComparison parse_comparison(const std::string& text) {
    if (text == "at-least")
        return power::QuotaComparison::at_least;
    if (text == "more-than")
        return power::QuotaComparison::more_than;
    throw Error("unknown comparison '" + text + "'", {}, "use at-least (>=) or more-than (>)");
}

// The command as a user would retype it, for the report's metadata (no machine-specific paths).
std::string command_line(const PowerOptions& options) {
    std::string line = "treatykb power";
    if (options.double_majority) {
        line += " --double-majority --population " +
                std::filesystem::path(options.population_file).filename().string() + " --members " +
                options.member_share + " --population-share " + options.population_share;
        if (options.blocking_minimum > 0)
            line += " --blocking-min " + std::to_string(options.blocking_minimum);
    } else {
        line += " --weights " + options.weights + " --quota " + options.quota;
    }
    if (options.comparison != "at-least")
        line += " --comparison " + options.comparison;
    return line;
}

power::Body body_from(const PowerOptions& options) {
    const auto comparison = parse_comparison(options.comparison);
    if (options.double_majority) {
        if (options.population_file.empty())
            throw Error("--double-majority needs --population FILE", {},
                        "e.g. --population kb/knowledge/data/eu27_population.csv");
        if (!options.weights.empty())
            throw Error("--weights and --double-majority exclude each other");
        power::DoubleMajorityRule rule{power::read_population_table(options.population_file),
                                       power::parse_share(options.member_share),
                                       power::parse_share(options.population_share), comparison,
                                       options.blocking_minimum};
        return {options.name.empty() ? "Double majority" : options.name, "", std::move(rule)};
    }
    if (options.weights.empty())
        throw Error("give --weights NAME=WEIGHT,... or --double-majority", {},
                    "e.g. treatykb power --weights RUS=57,BLR=21.5,KAZ=21.5 --quota 2/3");
    if (options.quota.empty())
        throw Error("--weights needs --quota", {}, "e.g. --quota 2/3");
    power::WeightedMajorityRule rule{power::parse_weights(options.weights),
                                     power::parse_share(options.quota), comparison};
    return {options.name.empty() ? "Weighted majority" : options.name, "", std::move(rule)};
}

void run_power(const PowerOptions& options, std::size_t memory_budget) {
    const auto format = report::parse_format(options.format);
    const std::vector<power::Body> bodies{body_from(options)};
    std::vector<report::KeyValue> metadata{
        {"Command", report::Cell::of_text(command_line(options))}};
    if (options.double_majority)
        metadata.push_back(
            {"Population table",
             report::Cell::of_text(
                 std::filesystem::path(options.population_file).filename().string())});
    std::string rendered =
        report::render(power_report(power::compute_power(bodies, memory_budget), metadata), format);
    if (format != report::Format::csv && format != report::Format::html)
        rendered += "\n";
    write_output(rendered, options.output);
}

} // namespace

void register_power(CLI::App& app, Options& options) {
    auto settings = std::make_shared<PowerOptions>();
    CLI::App* command = app.add_subcommand(
        "power", "Exact voting power (Shapley–Shubik, Banzhaf, Coleman) of a decision rule");
    command->add_option("instrument", settings->instrument,
                        "Every body of an instrument in the knowledge base, e.g. eaeu");
    command->add_option("--weights", settings->weights,
                        "Weighted majority: members and weights, e.g. RUS=57,BLR=21.5,KAZ=21.5");
    command->add_option("--quota", settings->quota,
                        "Share of the total weight a coalition needs, e.g. 2/3, 55%, 0.5");
    command->add_flag("--double-majority", settings->double_majority,
                      "Double majority of members and population (e.g. EU Council QMV)");
    command->add_option("--population", settings->population_file,
                        "Population table (CSV code,name,population), e.g. "
                        "kb/knowledge/data/eu27_population.csv");
    command->add_option("--members", settings->member_share,
                        "Share of members needed (default 55%)");
    command->add_option("--population-share", settings->population_share,
                        "Share of population needed (default 65%)");
    command->add_option("--blocking-min", settings->blocking_minimum,
                        "Members a blocking minority needs, failing which the majority is deemed "
                        "attained (TEU Art. 16(4): 4); 0 = no such clause");
    command->add_option("--comparison", settings->comparison,
                        "at-least: a share equal to the quota reaches it (>=, default); "
                        "more-than: it must exceed it (>)");
    command->add_option("--name", settings->name, "Name of the body, for the report title");
    command->add_option("--format", settings->format, "text, md, json, csv or html")
        ->check(CLI::IsMember(report::format_names()));
    command->add_option("-o,--output", settings->output, "Write the report to FILE (- : standard output)");
    command->add_option("--as-of", settings->as_of,
                        "With an instrument: its members at this date, YYYY-MM-DD (default: today)");
    command->callback([settings, &options] {
        if (!settings->instrument.empty()) {
            options.exit_code = run_instrument_power(
                options, settings->instrument, settings->format, settings->output,
                settings->as_of.empty() ? today_utc() : settings->as_of);
            return;
        }
        run_power(*settings, power_memory_budget(options));
        options.exit_code = 0;
    });
}

} // namespace treatykb::cli
