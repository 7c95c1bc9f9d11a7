// Comparison of instruments side by side, and the delta of a what-if scenario against its
// baseline. Layout only: both documents are built from engine::Analysis values.
#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "cli/report/analysis_report.hpp"
#include "cli/report/render_util.hpp"
#include "cli/report/authority_report.hpp"

namespace treatykb::cli {

namespace {

using report::Cell;

using report::detail::join;

struct Indicator {
    std::string name;
    std::function<Cell(const engine::Analysis&)> value;
    std::function<double(const engine::Analysis&)> number;  // for deltas; null when not numeric
};

// Domains the instrument places at some level itself, of all domains below the root.
std::pair<int, int> domain_coverage(const engine::DepthReport& depth) {
    int placed = 0, total = 0;
    for (const engine::DomainDepth& domain : depth.domains) {
        if (domain.parent.empty()) continue;
        ++total;
        if (domain.annotated) ++placed;
    }
    return {placed, total};
}

// "RUS 2/3, BLR 1/6, KAZ 1/6" (exact while short, else three decimals), and the members every
// winning coalition needs.
std::string shapley_text(const power::PowerIndices& indices) {
    std::string out;
    for (std::size_t i = 0; i < indices.members.size() && i < indices.shapley_shubik.size(); ++i) {
        std::string exact = power::to_string(indices.shapley_shubik[i]);
        std::string value = exact.size() <= 7 ? exact
                                              : fmt::format("{:.3f}", power::to_double(indices.shapley_shubik[i]));
        out += (out.empty() ? "" : ", ") + indices.members[i] + " " + value;
    }
    return out;
}

std::string veto_text(const power::PowerIndices& indices) {
    std::string out;
    for (std::size_t i = 0; i < indices.members.size() && i < indices.coleman_prevent.size(); ++i)
        if (indices.coleman_prevent[i] == 1) out += (out.empty() ? "" : ", ") + indices.members[i];
    return out.empty() ? "none" : out;
}

std::vector<Indicator> indicators() {
    auto number = [](double engine::DepthReport::*field, int decimals) {
        return Indicator{"", [field, decimals](const engine::Analysis& a) {
                             return Cell::of_number(a.depth.*field, decimals);
                         },
                         [field](const engine::Analysis& a) { return a.depth.*field; }};
    };
    std::vector<Indicator> list;
    Indicator nominal = number(&engine::DepthReport::nominal_depth, 3);
    nominal.name = "Nominal depth (0–1)";
    Indicator effective = number(&engine::DepthReport::effective_depth, 3);
    effective.name = "Effective depth (0–1)";
    Indicator pooling = number(&engine::DepthReport::pooling, 3);
    pooling.name = "Pooling (MIA)";
    Indicator delegation = number(&engine::DepthReport::delegation, 3);
    delegation.name = "Delegation (MIA)";
    list = {nominal, effective, pooling, delegation};
    list.push_back({"Scope (domains at a Union level)",
                    [](const engine::Analysis& a) { return Cell::of_number(a.depth.scope, 0); },
                    [](const engine::Analysis& a) { return double(a.depth.scope); }});
    list.push_back({"Balassa stage, nominal",
                    [](const engine::Analysis& a) { return Cell::of_text(a.depth.nominal_stage); }, nullptr});
    list.push_back({"Balassa stage, effective",
                    [](const engine::Analysis& a) { return Cell::of_text(effective_stage_text(a.depth)); }, nullptr});
    list.push_back({"Coverage: MIA decision areas coded",
                    [](const engine::Analysis& a) {
                        return Cell::of_text(fmt::format("{} of {}", a.depth.authority.areas_coded,
                                                         a.depth.authority.areas.size()));
                    },
                    [](const engine::Analysis& a) { return double(a.depth.authority.areas_coded); }});
    list.push_back({"Coverage: bodies coded (class and rule)",
                    [](const engine::Analysis& a) {
                        return Cell::of_text(fmt::format("{} of {}", a.depth.authority.bodies_coded,
                                                         a.depth.authority.bodies_total));
                    },
                    [](const engine::Analysis& a) { return double(a.depth.authority.bodies_coded); }});
    // Placed: the text sets a level of competence; covered: the text addresses the domain or a
    // sub-domain (covers/2 of kb/rules/depth.xml), the denominator of the depth aggregates.
    list.push_back({"Coverage: domains placed / covered (depth denominator) by the instrument's own text",
                    [](const engine::Analysis& a) {
                        auto [placed, total] = domain_coverage(a.depth);
                        return Cell::of_text(
                            fmt::format("{} / {} of {}", placed, a.depth.covered, total));
                    },
                    [](const engine::Analysis& a) { return double(domain_coverage(a.depth).first); }});
    list.push_back({"Findings",
                    [](const engine::Analysis& a) { return Cell::of_number(double(a.findings.size()), 0); },
                    [](const engine::Analysis& a) { return double(a.findings.size()); }});
    return list;
}

std::set<std::string> finding_lines(const engine::Analysis& analysis, const CitationLabel& cite) {
    std::set<std::string> lines;
    for (const engine::FindingGroup& group : analysis.findings)
        for (const engine::FindingInstance& instance : group.instances)
            lines.insert(fmt::format("{} in {}: {} against {} ({})", group.kind, group.domain,
                                     cite(instance.primary), cite(instance.secondary),
                                     instance.reading));
    return lines;
}

}  // namespace

report::Document comparison_document(const std::vector<engine::Analysis>& analyses,
                                     const std::string& command) {
    report::Document document;
    std::vector<std::string> names;
    for (const engine::Analysis& analysis : analyses) names.push_back(analysis.instrument);
    document.title = "treatykb comparison: " + join(names, ", ");
    document.metadata.push_back({"Command", Cell::of_text(command)});

    report::Section summary{"Aggregate indices", {}};
    report::Table table;
    table.id = "indices";
    table.caption = "Aggregate indices by instrument";
    table.columns = {"Indicator"};
    table.columns.insert(table.columns.end(), names.begin(), names.end());
    for (const Indicator& indicator : indicators()) {
        std::vector<Cell> row{Cell::of_text(indicator.name)};
        for (const engine::Analysis& analysis : analyses) row.push_back(indicator.value(analysis));
        table.rows.push_back(std::move(row));
    }
    summary.blocks.emplace_back(std::move(table));
    document.sections.push_back(std::move(summary));

    report::Section domains{"Depth by domain", {}};
    report::Table depth;
    depth.id = "depth";
    depth.caption = "Nominal / effective depth (0–5) by domain";
    depth.columns = {"Domain"};
    depth.columns.insert(depth.columns.end(), names.begin(), names.end());
    report::BarChart chart{"Effective depth by domain", "effective depth (0–5)", {}, {}};
    std::vector<report::BarSeries> series;
    for (const std::string& name : names) series.push_back({name, {}});
    if (!analyses.empty()) {
        for (std::size_t d = 0; d < analyses.front().depth.domains.size(); ++d) {
            const engine::DomainDepth& first = analyses.front().depth.domains[d];
            if (first.parent.empty()) continue;
            bool any = false;
            std::vector<Cell> row{Cell::of_text(first.label)};
            for (std::size_t a = 0; a < analyses.size(); ++a) {
                const engine::DomainDepth& domain = analyses[a].depth.domains[d];
                any = any || domain.nominal > 0;
                row.push_back(domain.nominal > 0
                                  ? Cell::of_text(fmt::format("{} / {:.2f}", domain.nominal, domain.effective))
                                  : Cell::of_text("–"));
            }
            if (!any) continue;
            depth.rows.push_back(std::move(row));
            chart.categories.push_back(first.label.empty() ? first.domain : first.label);
            for (std::size_t a = 0; a < analyses.size(); ++a)
                series[a].values.push_back(analyses[a].depth.domains[d].effective);
        }
    }
    chart.series = std::move(series);
    domains.blocks.emplace_back(std::move(depth));
    domains.blocks.emplace_back(std::move(chart));
    document.sections.push_back(std::move(domains));

    report::Section bodies{"Decision rules and power to act", {}};
    report::Table rules;
    rules.id = "bodies";
    rules.caption = "Bodies with a decision rule in the knowledge base";
    rules.columns = {"Instrument", "Body", "Rule", "Members", "Power to act", "Shapley–Shubik",
                     "Veto players"};
    for (const engine::Analysis& analysis : analyses)
        for (const engine::BodyPowerResult& body : analysis.power)
            rules.rows.push_back(
                {Cell::of_text(analysis.instrument), Cell::of_text(body.body),
                 Cell::of_text(body.power.body.description),
                 Cell::of_number(double(body.power.indices.members.size()), 0),
                 Cell::of_rational(power::to_string(body.power.indices.power_to_act),
                                   power::to_double(body.power.indices.power_to_act)),
                 Cell::of_text(shapley_text(body.power.indices)),
                 Cell::of_text(veto_text(body.power.indices))});
    bodies.blocks.emplace_back(std::move(rules));
    bodies.blocks.emplace_back(report::Paragraph{
        "A veto player is in every winning coalition (Coleman's power to prevent = 1): it can never "
        "be outvoted in that body. Where a majority body's decisions can be taken to a consensus "
        "body (see pooling, final decision), every member regains a veto there."});
    document.sections.push_back(std::move(bodies));

    report::Section authority{"Pooling and delegation by decision area (MIA)", {}};
    report::Table areas;
    areas.id = "authority";
    areas.caption = "Pooling / delegation by MIA decision area (not coded: no body or weight annotated)";
    areas.columns = {"Area"};
    areas.columns.insert(areas.columns.end(), names.begin(), names.end());
    if (!analyses.empty()) {
        for (std::size_t r = 0; r < analyses.front().depth.authority.areas.size(); ++r) {
            std::vector<Cell> row{Cell::of_text(analyses.front().depth.authority.areas[r].area)};
            for (const engine::Analysis& analysis : analyses) {
                const auto& list = analysis.depth.authority.areas;
                if (r >= list.size() || !list[r].coded) {
                    row.push_back(Cell::of_text("not coded"));
                    continue;
                }
                std::string text = fmt::format("{:.2f} / {:.2f}", list[r].pooling, list[r].delegation);
                if (!list[r].streams.empty()) text += " (" + list[r].streams.front() + ")";
                row.push_back(Cell::of_text(text));
            }
            areas.rows.push_back(std::move(row));
        }
        std::vector<Cell> judicial{Cell::of_text("dispute settlement (judicial delegation)")};
        for (const engine::Analysis& analysis : analyses) {
            std::string text = fmt::format("{:.2f}", analysis.depth.authority.judicial);
            for (const engine::CourtScore& court : analysis.depth.authority.courts)
                if (!court.coded) text += "; missing: " + court.body;
            judicial.push_back(Cell::of_text(text));
        }
        areas.rows.push_back(std::move(judicial));
    }
    authority.blocks.emplace_back(std::move(areas));
    report::Table gaps;
    gaps.id = "coverage";
    gaps.caption = "What the corpus lacks, by instrument";
    gaps.columns = {"Instrument", "Provision", "Missing"};
    for (const engine::Analysis& analysis : analyses)
        for (const auto& [source, text] : analysis.depth.authority.corpus_gaps)
            gaps.rows.push_back({Cell::of_text(analysis.instrument), Cell::of_text(source), Cell::of_text(text)});
    if (gaps.rows.empty()) authority.blocks.emplace_back(report::Paragraph{"No corpus gap is recorded."});
    else authority.blocks.emplace_back(std::move(gaps));
    document.sections.push_back(std::move(authority));
    return document;
}

report::Document scenario_document(const engine::Analysis& baseline,
                                   const engine::Analysis& scenario,
                                   const std::vector<std::string>& scenario_files,
                                   const CitationLabel& cite, const std::string& command) {
    report::Document document;
    document.title = "treatykb what-if: " + baseline.instrument;
    document.metadata.push_back({"Command", Cell::of_text(command)});
    document.metadata.push_back({"Scenario", Cell::of_text(join(scenario_files, ", "))});

    report::Section summary{"Indices: baseline and scenario", {}};
    report::Table table;
    table.id = "delta";
    table.caption = "What the scenario changes";
    table.columns = {"Indicator", "Baseline", "Scenario", "Change"};
    for (const Indicator& indicator : indicators()) {
        Cell change = Cell::of_text("");
        if (indicator.number) {
            double delta = indicator.number(scenario) - indicator.number(baseline);
            bool whole = std::floor(indicator.number(baseline)) == indicator.number(baseline) &&
                         std::floor(indicator.number(scenario)) == indicator.number(scenario);
            change = Cell::of_text(delta == 0 ? "0" : (whole ? fmt::format("{:+.0f}", delta) : fmt::format("{:+.3f}", delta)));
        } else if (report::cell_text(indicator.value(baseline)) != report::cell_text(indicator.value(scenario))) {
            change = Cell::of_text("changed");
        }
        table.rows.push_back({Cell::of_text(indicator.name), indicator.value(baseline),
                              indicator.value(scenario), change});
    }
    summary.blocks.emplace_back(std::move(table));
    document.sections.push_back(std::move(summary));

    report::Section domains{"Domains whose depth changes", {}};
    report::Table depth;
    depth.id = "domains";
    depth.caption = "Nominal and effective depth, baseline → scenario";
    depth.columns = {"Domain", "Nominal", "Effective", "Change in effective depth"};
    for (std::size_t d = 0; d < baseline.depth.domains.size() && d < scenario.depth.domains.size(); ++d) {
        const engine::DomainDepth& before = baseline.depth.domains[d];
        const engine::DomainDepth& after = scenario.depth.domains[d];
        if (before.nominal == after.nominal && std::abs(before.effective - after.effective) < 1e-9) continue;
        depth.rows.push_back({Cell::of_text(before.label),
                              Cell::of_text(fmt::format("{} → {}", before.nominal, after.nominal)),
                              Cell::of_text(fmt::format("{:.2f} → {:.2f}", before.effective, after.effective)),
                              Cell::of_text(fmt::format("{:+.2f}", after.effective - before.effective))});
    }
    if (depth.rows.empty()) domains.blocks.emplace_back(report::Paragraph{"No domain's depth changes."});
    else domains.blocks.emplace_back(std::move(depth));
    document.sections.push_back(std::move(domains));

    report::Section findings{"Findings removed and added", {}};
    std::set<std::string> before = finding_lines(baseline, cite), after = finding_lines(scenario, cite);
    report::Table changes;
    changes.id = "findings";
    changes.caption = "Findings that differ";
    changes.columns = {"Change", "Finding"};
    for (const std::string& line : before)
        if (!after.count(line)) changes.rows.push_back({Cell::of_text("removed"), Cell::of_text(line)});
    for (const std::string& line : after)
        if (!before.count(line)) changes.rows.push_back({Cell::of_text("added"), Cell::of_text(line)});
    if (changes.rows.empty()) findings.blocks.emplace_back(report::Paragraph{"No finding changes."});
    else findings.blocks.emplace_back(std::move(changes));
    document.sections.push_back(std::move(findings));

    report::Section power{"Power to act: baseline and scenario", {}};
    report::Table bodies;
    bodies.id = "power";
    bodies.caption = "Coleman's power to act of each body";
    bodies.columns = {"Body", "Baseline", "Scenario"};
    std::map<std::string, std::pair<std::string, std::string>> rows;
    for (const auto& body : baseline.power)
        rows[body.power.body.name].first = body.power.body.description + ": " +
                                           power::to_string(body.power.indices.power_to_act);
    for (const auto& body : scenario.power)
        rows[body.power.body.name].second = body.power.body.description + ": " +
                                            power::to_string(body.power.indices.power_to_act);
    for (const auto& [name, pair] : rows)
        bodies.rows.push_back({Cell::of_text(name), Cell::of_text(pair.first.empty() ? "–" : pair.first),
                               Cell::of_text(pair.second.empty() ? "–" : pair.second)});
    power.blocks.emplace_back(std::move(bodies));
    document.sections.push_back(std::move(power));
    return document;
}

}  // namespace treatykb::cli
