// Voting power: from a body's rule to its integer ThresholdGame, and from swing counts to the
// indices. See engine/power.hpp and docs/methodology.md ("Decision power").
#include "engine/analysis/power.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <numeric>

#include "engine/analysis/detail/power_game.hpp"
#include "engine/datalog/decimal_digits.hpp"
#include "kb/error.hpp"

namespace treatykb::power {

namespace {

Integer ceil_of(const Rational& value) {
    Integer quotient = numerator(value) / denominator(value);
    if (quotient * denominator(value) < numerator(value))
        ++quotient; // values here are >= 0
    return quotient;
}

Integer floor_of(const Rational& value) {
    return numerator(value) / denominator(value);
}

// The least integer amount that reaches `quota` of `total` under `comparison`.
Integer reaching_amount(const Rational& quota, const Integer& total, QuotaComparison comparison) {
    const Rational amount = quota * total;
    return comparison == QuotaComparison::at_least ? ceil_of(amount) : floor_of(amount) + 1;
}

void check_quota(const Rational& quota, QuotaComparison comparison, const std::string& what) {
    if (quota <= 0 || quota > 1 || (quota == 1 && comparison == QuotaComparison::more_than))
        throw Error(what + " " + to_string(quota) + " cannot be reached by a non-trivial coalition",
                    {}, "give a share in (0, 1], e.g. 2/3 or 55%");
}

// Members' exact weights scaled by the least common multiple of their denominators, so that
// 57 / 21.5 / 21.5 becomes 114 / 43 / 43 and the game is unchanged.
std::vector<std::int64_t> integer_weights(const std::vector<Member>& members) {
    if (members.empty())
        throw Error("a voting rule needs at least one member");
    if (members.size() > 62)
        throw Error("a voting rule with " + std::to_string(members.size()) +
                    " members is too large for exact counting (at most 62)");
    Integer scale = 1;
    for (const auto& member : members) {
        if (member.weight < 0)
            throw Error("member " + member.name + " has a negative weight");
        scale = boost::multiprecision::lcm(scale, Integer(denominator(member.weight)));
    }
    std::vector<std::int64_t> weights;
    Integer total = 0;
    for (const auto& member : members) {
        Integer scaled = numerator(member.weight) * (scale / denominator(member.weight));
        total += scaled;
        if (total >= (Integer(1) << 60))
            throw Error("the weights are too large once scaled to integers", {},
                        "round the weights to fewer decimal places");
        weights.push_back(static_cast<std::int64_t>(scaled));
    }
    // With no weight at all every coalition "reaches" any share of nothing: a bogus game.
    if (total == 0)
        throw Error("every member has weight 0, so no share of the total weight means anything", {},
                    "give each member its votes or its population");
    return weights;
}

std::vector<std::string> names_of(const std::vector<Member>& members) {
    std::vector<std::string> names;
    for (const auto& member : members)
        names.push_back(member.name);
    return names;
}

Integer factorial(std::size_t n) {
    Integer value = 1;
    for (std::size_t k = 2; k <= n; ++k)
        value *= k;
    return value;
}

} // namespace

namespace detail {

ThresholdGame make_game(const WeightedMajorityRule& rule) {
    check_quota(rule.quota, rule.comparison, "quota");
    ThresholdGame game{names_of(rule.members), integer_weights(rule.members), {}};
    const Integer total = std::accumulate(game.weights.begin(), game.weights.end(), Integer(0));
    const auto needed =
        static_cast<std::int64_t>(reaching_amount(rule.quota, total, rule.comparison));
    game.threshold.assign(game.weights.size() + 1, needed);
    return game;
}

ThresholdGame make_game(const DoubleMajorityRule& rule) {
    check_quota(rule.member_quota, rule.comparison, "member quota");
    check_quota(rule.population_quota, rule.comparison, "population quota");
    if (rule.blocking_minimum < 0)
        throw Error("the blocking minority cannot be negative");
    ThresholdGame game{names_of(rule.members), integer_weights(rule.members), {}};
    const std::size_t n = game.weights.size();
    const Integer total = std::accumulate(game.weights.begin(), game.weights.end(), Integer(0));
    const Integer members_needed = reaching_amount(rule.member_quota, Integer(n), rule.comparison);
    const auto population_needed =
        static_cast<std::int64_t>(reaching_amount(rule.population_quota, total, rule.comparison));
    game.threshold.resize(n + 1);
    for (std::size_t k = 0; k <= n; ++k) {
        const bool enough_members = Integer(k) >= members_needed;
        // TEU Art. 16(4): "A blocking minority must include at least four Council members, failing
        // which the qualified majority shall be deemed attained" — with fewer than that many
        // members outside the coalition, the population criterion is waived.
        const bool blocking_impossible = n - k < static_cast<std::size_t>(rule.blocking_minimum);
        if (!enough_members)
            game.threshold[k] = never;
        else
            game.threshold[k] = blocking_impossible ? 0 : population_needed;
    }
    return game;
}

PowerIndices indices_from_counts(const ThresholdGame& game, const SwingCounts& counts,
                                 std::string method) {
    const std::size_t n = game.weights.size();
    PowerIndices result;
    result.members = game.names;
    result.method = std::move(method);
    result.winning_coalitions = counts.winning_coalitions;
    const Integer all = Integer(1) << n;
    result.power_to_act = Rational(result.winning_coalitions, all);

    std::vector<Integer> orderings_weight(n); // k! (n−k−1)!: orderings in which S precedes i
    for (std::size_t k = 0; k < n; ++k)
        orderings_weight[k] = factorial(k) * factorial(n - k - 1);
    const Integer orderings = factorial(n);

    Integer total_swings = 0;
    for (std::size_t i = 0; i < n; ++i) {
        Integer swings = 0;
        Integer pivotal_orderings = 0;
        for (std::size_t k = 0; k < n; ++k) {
            swings += counts.swings_by_size[i][k];
            pivotal_orderings += orderings_weight[k] * counts.swings_by_size[i][k];
        }
        result.swings.push_back(swings);
        result.shapley_shubik.emplace_back(pivotal_orderings, orderings);
        result.banzhaf_absolute.emplace_back(swings, all / 2);
        total_swings += swings;
    }
    const Integer losing = all - result.winning_coalitions;
    for (std::size_t i = 0; i < n; ++i) {
        const Integer& swings = result.swings[i];
        result.banzhaf_normalized.push_back(total_swings == 0 ? Rational(0)
                                                              : Rational(swings, total_swings));
        result.coleman_prevent.push_back(result.winning_coalitions == 0
                                             ? Rational(0)
                                             : Rational(swings, result.winning_coalitions));
        result.coleman_initiate.push_back(losing == 0 ? Rational(0) : Rational(swings, losing));
    }
    return result;
}

} // namespace detail

namespace {

// Bytes a meet-in-the-middle count holds at its peak: per half, the sorted subsets (weight,
// size, mask; twice while merging) and a prefix table of counts by size.
double meet_in_the_middle_bytes(std::size_t members) {
    double bytes = 0;
    for (std::size_t half : {members / 2, members - members / 2})
        bytes += std::ldexp(1.0, static_cast<int>(half)) * (2 * 13 + 4 * (static_cast<double>(half) + 1));
    return bytes;
}

PowerIndices solve(const detail::ThresholdGame& game, std::size_t memory_budget) {
    if (detail::generating_functions_affordable(game))
        return detail::indices_from_counts(game, detail::count_by_generating_functions(game),
                                           "generating functions over (size, weight)");
    if (game.weights.size() > 44)
        throw Error("weights too large for exact generating functions and too many members (" +
                        std::to_string(game.weights.size()) + ") for an exact meet in the middle",
                    {}, "round the weights (e.g. populations to thousands)");
    if (double need = meet_in_the_middle_bytes(game.weights.size());
        memory_budget && need > static_cast<double>(memory_budget))
        throw Error("exact counting of this game of " + std::to_string(game.weights.size()) +
                        " members with large weights needs about " +
                        std::to_string(static_cast<long long>(need / (1 << 20))) +
                        " MB, more than the budget of " + std::to_string(memory_budget >> 20) +
                        " MB",
                    {}, "round the weights (e.g. populations to thousands), so that the exact "
                        "generating functions apply, or give fewer members");
    return detail::indices_from_counts(game, detail::count_by_meet_in_the_middle(game),
                                       "meet in the middle over (size, weight)");
}

} // namespace

PowerIndices compute_power(const WeightedMajorityRule& rule, std::size_t memory_budget) {
    return solve(detail::make_game(rule), memory_budget);
}

PowerIndices compute_power(const DoubleMajorityRule& rule, std::size_t memory_budget) {
    return solve(detail::make_game(rule), memory_budget);
}

PowerIndices compute_power(const VotingRule& rule, std::size_t memory_budget) {
    return std::visit(
        [memory_budget](const auto& specific) { return compute_power(specific, memory_budget); },
        rule);
}

std::vector<BodyPower> compute_power(const std::vector<Body>& bodies, std::size_t memory_budget) {
    std::vector<BodyPower> results;
    for (const auto& body : bodies) {
        try {
            results.push_back({body, compute_power(body.rule, memory_budget)});
        } catch (const Error& failure) {
            throw Error("the game of " + body.name + ": " + failure.message(), failure.where(),
                        failure.hint());
        }
    }
    return results;
}

Rational parse_decimal(std::string_view text) {
    std::string digits;
    std::size_t decimals = 0;
    bool seen_point = false;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
            if (seen_point)
                ++decimals;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else if (c == ' ' || c == '_') {
            continue; // "84 358 845" as printed in official tables
        } else {
            digits.clear();
            break;
        }
    }
    if (digits.empty() || digits.size() > 30)
        throw Error("'" + std::string(text) + "' is not a non-negative decimal number", {},
                    "write e.g. 57 or 21.5");
    return engine::decimal_rational(digits, decimals);
}

Rational parse_share(std::string_view text) {
    const std::string original(text);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    Rational value;
    try {
        if (!text.empty() && text.back() == '%') {
            value = parse_decimal(text.substr(0, text.size() - 1)) / 100;
        } else if (auto slash = text.find('/'); slash != std::string_view::npos) {
            const Rational denominator_value = parse_decimal(text.substr(slash + 1));
            if (denominator_value == 0)
                throw Error("zero denominator");
            value = parse_decimal(text.substr(0, slash)) / denominator_value;
        } else {
            value = parse_decimal(text);
        }
    } catch (const Error&) {
        throw Error("'" + original + "' is not a share", {}, "write e.g. 2/3, 55% or 0.65");
    }
    return value;
}

std::vector<Member> parse_weights(std::string_view text) {
    std::vector<Member> members;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        const auto equals = item.find('=');
        if (equals == std::string_view::npos || equals == 0)
            throw Error("'" + std::string(item) + "' is not NAME=WEIGHT", {},
                        "write e.g. RUS=57,BLR=21.5,KAZ=21.5");
        std::string name(item.substr(0, equals));
        for (const auto& member : members)
            if (member.name == name)
                throw Error("member " + name + " is given twice");
        try {
            members.push_back({name, parse_decimal(item.substr(equals + 1))});
        } catch (const Error& bad) {
            throw Error("the weight of " + name + ": " + bad.message(), {}, bad.hint());
        }
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    if (members.empty())
        throw Error("no weights given", {}, "write e.g. RUS=57,BLR=21.5");
    return members;
}

double to_double(const Rational& value) {
    return value.convert_to<double>();
}

std::string to_string(const Rational& value) {
    if (denominator(value) == 1)
        return numerator(value).str();
    return numerator(value).str() + "/" + denominator(value).str();
}

} // namespace treatykb::power
