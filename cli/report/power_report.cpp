// Filling the report model from computed power indices. No computation happens here.
#include "cli/report/power_report.hpp"

#include <fmt/format.h>

namespace treatykb::cli {

namespace {

using power::Rational;
using report::Cell;

// A rational as an exact decimal when it has one with at most 6 places (21.5), else a fraction.
std::string decimal_text(const Rational& value) {
    for (int places = 0; places <= 6; ++places) {
        power::Integer scale = 1;
        for (int k = 0; k < places; ++k)
            scale *= 10;
        const Rational scaled = value * scale;
        if (denominator(scaled) != 1)
            continue;
        std::string digits = numerator(scaled).str();
        if (places == 0)
            return digits;
        if (digits.size() <= static_cast<std::size_t>(places))
            digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
        return digits;
    }
    return power::to_string(value);
}

std::string share_text(const Rational& share) {
    const Rational percent = share * 100;
    if (denominator(percent) == 1)
        return numerator(percent).str() + "%";
    return power::to_string(share);
}

std::string comparison_text(power::QuotaComparison comparison) {
    return comparison == power::QuotaComparison::at_least ? "at least" : "more than";
}

Cell rational_cell(const Rational& value) {
    return Cell::of_rational(power::to_string(value), power::to_double(value));
}

const std::vector<power::Member>& members_of(const power::VotingRule& rule) {
    return std::visit(
        [](const auto& specific) -> const std::vector<power::Member>& { return specific.members; },
        rule);
}

report::Section body_section(const power::BodyPower& result) {
    const auto& indices = result.indices;
    const auto& members = members_of(result.body.rule);
    const bool double_majority =
        std::holds_alternative<power::DoubleMajorityRule>(result.body.rule);
    const std::size_t n = members.size();
    report::Section section{result.body.name, {}};

    report::KeyValueList facts;
    if (!result.body.description.empty())
        facts.items.push_back({"Decision rule", Cell::of_text(result.body.description)});
    facts.items.push_back({"Rule as computed", Cell::of_text(describe_rule(result.body.rule))});
    facts.items.push_back({"Members", rational_cell(Rational(n))});
    facts.items.push_back(
        {"Winning coalitions",
         Cell::of_text(fmt::format("{} of 2^{} = {}", indices.winning_coalitions.str(), n,
                                   (power::Integer(1) << n).str()))});
    facts.items.push_back({"Power to act (Coleman)", rational_cell(indices.power_to_act)});
    facts.items.push_back({"Method", Cell::of_text("exact, " + indices.method)});
    section.blocks.emplace_back(std::move(facts));

    report::Table table;
    table.id = "indices";
    table.caption = "Power indices of " + result.body.name;
    table.columns = {"Member",
                     double_majority ? "Population" : "Weight",
                     "Shapley–Shubik",
                     "Banzhaf (normalized)",
                     "Banzhaf (absolute)",
                     "Swings",
                     "Coleman: prevent",
                     "Coleman: initiate"};
    for (std::size_t i = 0; i < n; ++i)
        table.rows.push_back(
            {Cell::of_text(members[i].name), Cell::of_text(decimal_text(members[i].weight)),
             rational_cell(indices.shapley_shubik[i]), rational_cell(indices.banzhaf_normalized[i]),
             rational_cell(indices.banzhaf_absolute[i]), rational_cell(Rational(indices.swings[i])),
             rational_cell(indices.coleman_prevent[i]),
             rational_cell(indices.coleman_initiate[i])});
    section.blocks.emplace_back(std::move(table));

    report::BarChart chart{
        "Power indices by member, " + result.body.name, "share of power", {}, {}};
    report::BarSeries shapley{"Shapley–Shubik", {}};
    report::BarSeries banzhaf{"Banzhaf (normalized)", {}};
    for (std::size_t i = 0; i < n; ++i) {
        chart.categories.push_back(members[i].name);
        shapley.values.push_back(power::to_double(indices.shapley_shubik[i]));
        banzhaf.values.push_back(power::to_double(indices.banzhaf_normalized[i]));
    }
    chart.series = {std::move(shapley), std::move(banzhaf)};
    section.blocks.emplace_back(std::move(chart));
    return section;
}

} // namespace

std::string describe_rule(const power::VotingRule& rule) {
    if (const auto* weighted = std::get_if<power::WeightedMajorityRule>(&rule)) {
        if (weighted->quota == 1 && weighted->comparison == power::QuotaComparison::at_least)
            return "unanimity: all members (all of the weight)";
        return fmt::format(
            "weighted majority: a coalition wins if its weight is {} {} of the total",
            comparison_text(weighted->comparison), share_text(weighted->quota));
    }
    const auto& dual = std::get<power::DoubleMajorityRule>(rule);
    std::string text =
        fmt::format("double majority: a coalition wins if it has {} {} of the members and {} {} of "
                    "the population",
                    comparison_text(dual.comparison), share_text(dual.member_quota),
                    comparison_text(dual.comparison), share_text(dual.population_quota));
    if (dual.blocking_minimum > 0)
        text += fmt::format("; a blocking minority needs at least {} members, failing which the "
                            "qualified majority is deemed attained",
                            dual.blocking_minimum);
    return text;
}

report::Document power_report(const std::vector<power::BodyPower>& bodies,
                              std::vector<report::KeyValue> metadata) {
    report::Document document;
    document.title = bodies.size() == 1 ? "Voting power: " + bodies.front().body.name
                                        : fmt::format("Voting power in {} bodies", bodies.size());
    document.metadata = std::move(metadata);
    document.metadata.push_back(
        {"Indices", Cell::of_text("exact rationals (shown as decimals with the exact fraction); "
                                  "see docs/methodology.md, Decision power")});
    if (bodies.size() > 1) {
        report::Section summary{"Summary", {}};
        report::Table table{
            "bodies", "Power to act by body", {"Body", "Rule", "Members", "Power to act"}, {}};
        report::BarChart chart{
            "Power to act by body", "probability a random proposal passes", {}, {}};
        report::BarSeries series{"Power to act", {}};
        for (const auto& result : bodies) {
            table.rows.push_back({Cell::of_text(result.body.name),
                                  Cell::of_text(result.body.description),
                                  Cell::of_text(std::to_string(result.indices.members.size())),
                                  rational_cell(result.indices.power_to_act)});
            chart.categories.push_back(result.body.name);
            series.values.push_back(power::to_double(result.indices.power_to_act));
        }
        chart.series.push_back(std::move(series));
        summary.blocks.emplace_back(std::move(table));
        summary.blocks.emplace_back(std::move(chart));
        document.sections.push_back(std::move(summary));
    }
    for (const auto& result : bodies)
        document.sections.push_back(body_section(result));
    document.sections.push_back(
        {"How to read the indices",
         {report::Paragraph{
             "Shapley–Shubik: the share of the n! orders of joining in which the member turns a "
             "losing coalition into a winning one (Shapley & Shubik 1954). Banzhaf: the number of "
             "coalitions in which the member's vote is decisive (its swings), as a share of all "
             "members' swings (normalized) or of the 2^(n-1) coalitions of the others (absolute, "
             "Penrose 1946, Banzhaf 1965). Coleman (1971): the power of the collectivity to act is "
             "the share of the 2^n coalitions that win; a member's power to prevent action is its "
             "swings over the winning coalitions, to initiate action its swings over the losing "
             "ones."}}});
    return document;
}

} // namespace treatykb::cli
