// treatykb/engine/power.hpp — exact a-priori voting power of a decision body.
//
// A body's decision rule is modelled as a simple game: a coalition wins when it is large enough in
// members and heavy enough in weight (votes, or population). Both rules treatykb meets are of this
// form, a "size-dependent weight threshold": coalition S wins iff weight(S) >= threshold(|S|).
//   - weighted majority (EEC Board votes, the 1990s CIS weights, any "2/3 of the votes" rule);
//   - double majority (EU Council QMV, TEU Art. 16(4): members and population, with a blocking
//     minority clause).
// Indices are computed exactly (cpp_rational), by generating functions over (size, weight) when the
// weights are small integers, and by an exact meet-in-the-middle count when they are not (raw
// populations). Formulas and sources: docs/methodology.md, section "Decision power".
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace treatykb::power {

using Integer = boost::multiprecision::cpp_int;
using Rational = boost::multiprecision::cpp_rational;

// Whether a share reaches its quota when equal to it ("at least 2/3": >=) or only above it
// ("more than half": >). Treaties use both; the default is "at least".
enum class QuotaComparison { at_least, more_than };

struct Member {
    std::string name;
    Rational weight; // votes, or population; exact (decimal weights such as 21.5 are exact)
};

// Weighted majority: S wins iff weight(S) reaches quota × total weight.
struct WeightedMajorityRule {
    std::vector<Member> members;
    Rational quota; // a share of the total weight, e.g. 2/3; 1 with at_least is unanimity
    QuotaComparison comparison = QuotaComparison::at_least;
};

// Double majority: S wins iff its share of members reaches member_quota and its share of population
// reaches population_quota; a blocking minority needs at least blocking_minimum members, failing
// which the qualified majority is deemed attained (TEU Art. 16(4) second subparagraph). Member
// weights are populations. blocking_minimum = 0 means no such clause.
struct DoubleMajorityRule {
    std::vector<Member> members;
    Rational member_quota;     // e.g. 55/100
    Rational population_quota; // e.g. 65/100
    QuotaComparison comparison = QuotaComparison::at_least;
    int blocking_minimum = 0; // e.g. 4
};

using VotingRule = std::variant<WeightedMajorityRule, DoubleMajorityRule>;

// Exact indices for one game. Vectors are indexed like the rule's members.
struct PowerIndices {
    std::vector<std::string> members;
    std::vector<Rational> shapley_shubik;     // φ_i, sums to 1 (if any coalition wins)
    std::vector<Integer> swings;              // raw Banzhaf η_i
    std::vector<Rational> banzhaf_absolute;   // η_i / 2^(n-1), Penrose–Banzhaf
    std::vector<Rational> banzhaf_normalized; // η_i / Σ_j η_j
    std::vector<Rational> coleman_prevent;    // η_i / |W|
    std::vector<Rational> coleman_initiate;   // η_i / (2^n − |W|)
    Integer winning_coalitions;               // |W|
    Rational power_to_act;                    // Coleman's A = |W| / 2^n
    std::string method;                       // "generating functions" or "meet in the middle"
};

// Exact counting needs memory exponential in the members when the weights are large (meet in the
// middle: about 2^(n/2) subsets and prefix tables). The need is estimated before counting starts,
// and a game above the budget is refused with an Error, instead of taking the machine's memory.
// The default lets 40 members with raw populations through (about 230 MB) and stops 44 (about
// 944 MB).
inline constexpr std::size_t default_power_memory_budget = std::size_t(512) << 20;

// Throw treatykb::Error for an empty game, negative or all-zero weights, an unreachable quota,
// and a game whose exact count would pass `memory_budget` bytes.
PowerIndices compute_power(const VotingRule& rule,
                           std::size_t memory_budget = default_power_memory_budget);
PowerIndices compute_power(const WeightedMajorityRule& rule,
                           std::size_t memory_budget = default_power_memory_budget);
PowerIndices compute_power(const DoubleMajorityRule& rule,
                           std::size_t memory_budget = default_power_memory_budget);

// A body as the knowledge base describes it, so that callers (e.g. `treatykb power eaeu`) can ask
// for every body at once.
struct Body {
    std::string name;        // "EEC Board"
    std::string description; // "2/3 of all members", shown in reports
    VotingRule rule;
};

struct BodyPower {
    Body body;
    PowerIndices indices;
};

// Every body's game; an Error names the body it is about.
std::vector<BodyPower> compute_power(const std::vector<Body>& bodies,
                                     std::size_t memory_budget = default_power_memory_budget);

// Input helpers, for command lines and knowledge files; they throw treatykb::Error on bad input.
// parse_share: "2/3", "55%", "0.65", "1". parse_decimal: "57", "21.5", "84358845".
Rational parse_share(std::string_view text);
Rational parse_decimal(std::string_view text);
// "RUS=57,BLR=21.5,KAZ=21.5"
std::vector<Member> parse_weights(std::string_view text);

// A table of members: CSV with a header "code,name,COLUMN", '#' comment lines, one member a line;
// members are named by code, weighted by the last column. Examples: kb/knowledge/data/
// eu27_population.csv (COLUMN population), seats_teu_parliament.csv (COLUMN seats).
std::vector<Member> read_member_table(const std::string& path, const std::string& column);
std::vector<Member> read_population_table(const std::string& path); // COLUMN population

// The rational as a double, for display only.
double to_double(const Rational& value);
// "3/8", or "2" when the denominator is 1.
std::string to_string(const Rational& value);

} // namespace treatykb::power
