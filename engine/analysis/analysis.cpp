// The conflict analysis: groups the finding facts the rules derived, attaches proofs, quotes and
// the defeasible verdict on Union control, and computes depth and decision power. The only
// vocabulary it knows is the schema's (kb/knowledge/schema.xml) and the rules' relation names.
#include "engine/analysis/analysis.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/analysis/detail/lists.hpp"
#include "kb/error.hpp"

namespace treatykb::engine {

namespace {

using detail::add_unique;

// `provision` is one of `instrument`'s ("eaeu#art_1" of "eaeu"), without building a string.
bool of_instrument(const std::string& provision, std::string_view instrument) {
    return provision.size() > instrument.size() && provision[instrument.size()] == '#' &&
           provision.compare(0, instrument.size(), instrument) == 0;
}

// Member states are written member_state(eaeu, RUS); aliases with hyphens are written with
// underscores in that symbol position (cis_fta_2011), since symbols have no hyphens.
std::string symbol_for_alias(std::string_view alias) {
    std::string symbol(alias);
    std::replace(symbol.begin(), symbol.end(), '-', '_');
    return symbol;
}

// The member states of an instrument at the evaluation date, as the rules derive them (member_at,
// kb/rules/structure.xml: member_state facts, dated by member_from when there are such facts).
std::vector<std::string> member_states(const Model& model, std::string_view instrument) {
    std::vector<std::string> states;
    if (!model.program().relation("member_at")) {  // a rule set without structure.xml
        for (const FactView& fact : model.rows("member_state", {model.symbol(symbol_for_alias(instrument))}))
            states.push_back(fact.arguments[1]);
        return states;
    }
    for (const FactView& fact : model.rows("member_at", {model.symbol(symbol_for_alias(instrument))}))
        states.push_back(fact.arguments[1]);
    return states;
}

int reading_gravity(const std::string& reading) {
    if (reading == "open_conflict") return 3;
    if (reading == "sanctioned_derogation") return 2;
    return 1;
}

std::string instance_label(const RuleInstanceView& instance) {
    return instance.rule_id + (instance.source.empty() ? "" : " [" + instance.source + "]");
}

ControlVerdict control_verdict(const Model& model, const std::vector<Conflict>& conflicts,
                               const std::vector<DefeasibleConclusion>& conclusions,
                               const std::string& instrument, const std::string& domain) {
    ControlVerdict verdict;
    const std::string literal = "exclusive_union_control(" + instrument + ", " + domain + ")";
    for (const Conflict& conflict : conflicts) {
        if (conflict.literal != literal) continue;
        verdict.outcome = ControlVerdict::Outcome::unresolved;
        verdict.literal = conflict.literal + " vs " + conflict.complement;
        for (const RuleInstanceView& side : conflict.supporting)
            add_unique(verdict.winners, instance_label(side));
        for (const RuleInstanceView& side : conflict.opposing)
            add_unique(verdict.winners, instance_label(side));
        return verdict;
    }
    for (const DefeasibleConclusion& conclusion : conclusions) {
        const FactView& fact = conclusion.fact;
        if (fact.relation != "exclusive_union_control" || fact.arguments.size() != 2 ||
            fact.arguments[0] != instrument || fact.arguments[1] != domain)
            continue;
        verdict.outcome = fact.complement ? ControlVerdict::Outcome::qualified
                                          : ControlVerdict::Outcome::union_exclusive;
        verdict.literal = fact.text();
        add_unique(verdict.winners, instance_label(conclusion.winner));
        for (const Defeat& defeat : conclusion.defeated)
            add_unique(verdict.defeats, instance_label(defeat.attacker) + " beaten by " +
                                            defeat.beaten_by + " (" +
                                            std::string(criterion_name(defeat.criterion)) + ")");
        return verdict;
    }
    (void)model;
    return verdict;
}

// The quotes of the annotations a proof rests on, by provision: the words that carry the facts
// the finding was derived from.
void collect_proof_quotes(const ProofNode& node, std::map<std::string, ProvisionQuotes>& quotes) {
    if (node.kind == ProofNode::Kind::base_fact && !node.provision.empty() && !node.quotes.empty()) {
        ProvisionQuotes& entry = quotes[node.provision];
        entry.provision = node.provision;
        add_unique(entry.annotations, node.annotation_id);
        for (const QuoteView& quote : node.quotes) {
            bool seen = false;
            for (const QuoteView& known : entry.quotes)
                seen = seen || (known.lang == quote.lang && known.text == quote.text);
            if (!seen) entry.quotes.push_back(quote);
        }
    }
    for (const ProofNode& premise : node.premises) collect_proof_quotes(premise, quotes);
}

// The facts of `relation` grouped by the instrument of the provision in their argument
// `provision_argument` ("eaeu#art_1" is eaeu's), in the model's order within each instrument.
using FactsByInstrument = std::map<std::string, std::vector<const FactView*>, std::less<>>;

FactsByInstrument facts_by_instrument(const Model& model, std::string_view relation, std::size_t provision_argument) {
    FactsByInstrument out;
    for (const FactView& fact : model.all(relation)) {
        const std::string& provision = fact.arguments[provision_argument];
        std::size_t hash = provision.find('#');
        if (hash == std::string::npos || hash == 0) continue;
        out[provision.substr(0, hash)].push_back(&fact);
    }
    return out;
}

const std::vector<const FactView*>& facts_of(const FactsByInstrument& facts, std::string_view instrument) {
    static const std::vector<const FactView*> none;
    auto found = facts.find(instrument);
    return found == facts.end() ? none : found->second;
}

// What every instrument's analysis reads from the whole model, read once (analyze_all): a
// comparison of 400 instruments would otherwise scan every finding and body 400 times.
struct SharedReads {
    std::vector<Conflict> conflicts;
    std::vector<DefeasibleConclusion> conclusions;
    std::map<std::string, std::vector<std::size_t>> annotations_by_provision;  // into program.annotations
    FactsByInstrument findings;  // finding/6 by its primary provision
    FactsByInstrument bodies;    // body/3 by its source
};

SharedReads read_shared(const Model& model) {
    SharedReads shared{model.conflicts(), model.defeasible_conclusions(), {}, {}, {}};
    const std::vector<Annotation>& annotations = model.program().annotations;
    for (std::size_t a = 0; a < annotations.size(); ++a)
        shared.annotations_by_provision[annotations[a].provision].push_back(a);
    shared.findings = facts_by_instrument(model, "finding", 2);
    shared.bodies = facts_by_instrument(model, "body", 2);
    return shared;
}

std::vector<BodyPowerResult> analyze_power_of(const Model& model, std::string_view instrument,
                                              const std::vector<const FactView*>& body_facts,
                                              const AnalysisOptions& options);

void collect_quotes(const Program& program, const SharedReads& shared, const std::string& provision,
                    std::map<std::string, ProvisionQuotes>& quotes) {
    if (quotes.count(provision)) return;
    ProvisionQuotes& entry = quotes[provision];
    entry.provision = provision;
    auto found = shared.annotations_by_provision.find(provision);
    if (found == shared.annotations_by_provision.end()) return;
    for (std::size_t a : found->second) {
        const Annotation& annotation = program.annotations[a];
        entry.annotations.push_back(annotation.id);
        for (std::size_t index : annotation.evidence) {
            const Evidence& evidence = program.evidence[index];
            bool seen = false;
            for (const QuoteView& quote : entry.quotes)
                seen = seen || (quote.lang == evidence.lang && quote.text == evidence.quote);
            if (!seen) entry.quotes.push_back({evidence.lang, evidence.quote, evidence.where});
        }
    }
}

Analysis analyze_with(const Model& model, const SharedReads& shared, std::string_view instrument,
                      const AnalysisOptions& options);

}  // namespace

std::string_view outcome_name(ControlVerdict::Outcome outcome) {
    switch (outcome) {
        case ControlVerdict::Outcome::none: return "none";
        case ControlVerdict::Outcome::union_exclusive: return "union_exclusive";
        case ControlVerdict::Outcome::qualified: return "qualified";
        case ControlVerdict::Outcome::unresolved: return "unresolved";
    }
    return "none";
}

Analysis analyze(const Model& model, std::string_view instrument, const AnalysisOptions& options) {
    return analyze_with(model, read_shared(model), instrument, options);
}

std::vector<Analysis> analyze_all(const Model& model, const std::vector<std::string>& instruments,
                                  const AnalysisOptions& options) {
    SharedReads shared = read_shared(model);
    std::vector<Analysis> analyses;
    analyses.reserve(instruments.size());
    for (const std::string& instrument : instruments) analyses.push_back(analyze_with(model, shared, instrument, options));
    return analyses;
}

namespace {

Analysis analyze_with(const Model& model, const SharedReads& shared, std::string_view instrument,
                      const AnalysisOptions& options) {
    Analysis analysis;
    analysis.instrument = instrument;
    analysis.depth = compute_depth(model, instrument);
    std::map<std::string, const DomainDepth*> depth_by_domain;
    for (const DomainDepth& depth : analysis.depth.domains) depth_by_domain[depth.domain] = &depth;

    const std::vector<Conflict>& conflicts = shared.conflicts;
    const std::vector<DefeasibleConclusion>& conclusions = shared.conclusions;
    std::map<std::pair<std::string, std::string>, FindingGroup> groups;
    std::map<std::string, Value> provision_values;  // the primary provisions, for bearer_state
    for (const FactView* finding_fact : facts_of(shared.findings, instrument)) {
        const FactView& fact = *finding_fact;
        FindingGroup& group = groups[{fact.arguments[0], fact.arguments[1]}];
        group.kind = fact.arguments[0];
        group.domain = fact.arguments[1];
        FindingInstance finding;
        finding.primary = fact.arguments[2];
        provision_values.emplace(finding.primary, fact.values[2]);
        finding.secondary = fact.arguments[3];
        finding.reading = fact.arguments[4];
        finding.severity = std::stoi(fact.arguments[5]);
        if (!options.explain) {
            // A bare delta (what-if comparisons) needs the findings, not how they were derived.
        } else if (std::optional<ProofNode> proof = model.explain(fact)) {
            finding.rule_id = proof->rule_id;
            collect_proof_quotes(*proof, group.quotes);
            if (options.with_proofs) finding.proof = std::move(*proof);
        }
        add_unique(group.rules, finding.rule_id);
        add_unique(group.primary_provisions, finding.primary);
        add_unique(group.secondary_provisions, finding.secondary);
        if (group.reading.empty() || reading_gravity(finding.reading) > reading_gravity(group.reading))
            group.reading = finding.reading;
        group.severity = std::max(group.severity, finding.severity);
        collect_quotes(model.program(), shared, finding.primary, analysis.quotes);
        collect_quotes(model.program(), shared, finding.secondary, analysis.quotes);
        group.instances.push_back(std::move(finding));
    }
    for (auto& [key, group] : groups) {
        std::sort(group.primary_provisions.begin(), group.primary_provisions.end());
        std::sort(group.secondary_provisions.begin(), group.secondary_provisions.end());
        if (model.program().relation("bearer_state"))
            for (const std::string& provision : group.primary_provisions)
                for (const FactView& fact : model.rows("bearer_state", {provision_values.at(provision)}))
                    group.bearers[provision].push_back(fact.arguments[1]);
        group.verdict = control_verdict(model, conflicts, conclusions, std::string(instrument),
                                        group.domain);
        if (auto depth = depth_by_domain.find(group.domain); depth != depth_by_domain.end()) {
            group.nominal = depth->second->nominal;
            group.effective = depth->second->effective;
        }
        analysis.findings.push_back(std::move(group));
    }
    std::stable_sort(analysis.findings.begin(), analysis.findings.end(),
                     [](const FindingGroup& a, const FindingGroup& b) {
                         if (a.severity != b.severity) return a.severity > b.severity;
                         if (a.kind != b.kind) return a.kind < b.kind;
                         return a.domain < b.domain;
                     });
    analysis.power = analyze_power_of(model, instrument, facts_of(shared.bodies, instrument), options);
    analysis.members = member_states(model, instrument);
    if (model.program().relation("as_of"))
        for (const FactView& fact : model.all("as_of")) analysis.as_of = fact.arguments[0];
    return analysis;
}

}  // namespace

namespace {

struct RuleFact {
    std::string rule;
    int numerator = 1, denominator = 1;
    std::string basis;
    std::string source;
};

// The seats of `body` per member state, when the knowledge says they are allocated outside the
// instrument (seat_range) and a table seats_<body>.csv lies in `folder`: every state's seats are
// checked against the range and the total against its maximum. Empty without a table.
struct SeatTable {
    std::vector<power::Member> members;
    std::string file;  // the table's file name, for the report
    long total = 0;
};

SeatTable seat_table(const Model& model, const std::string& body, const Value& body_value,
                     const std::string& folder) {
    SeatTable table;
    if (folder.empty() || !model.program().relation("seat_range")) return table;
    for (const FactView& range : model.rows("seat_range", {body_value})) {
        const std::string file = "seats_" + body + ".csv";
        const std::string path = (std::filesystem::path(folder) / file).string();
        if (!std::filesystem::exists(path)) continue;
        const long minimum = std::stol(range.arguments[1]);
        const long maximum = std::stol(range.arguments[2]);
        const long most = std::stol(range.arguments[3]);
        table.members = power::read_member_table(path, "seats");
        table.file = file;
        table.total = 0;
        for (const power::Member& member : table.members) {
            const power::Rational& seats = member.weight;
            if (denominator(seats) != 1 || seats < minimum || seats > maximum)
                throw Error(member.name + " has " + power::to_string(seats) + " seats in " + body +
                                ", outside the range " + std::to_string(minimum) + " to " +
                                std::to_string(maximum) + " that " + range.arguments[4] + " sets",
                            {path}, "correct the table or the seat_range fact");
            table.total += static_cast<long>(numerator(seats));
        }
        if (table.total > most)
            throw Error("the seats of " + body + " add up to " + std::to_string(table.total) +
                            ", more than the " + std::to_string(most) + " that " + range.arguments[4] +
                            " allows",
                        {path}, "correct the table or the seat_range fact");
    }
    return table;
}

std::string describe(const RuleFact& rule) {
    std::string share = std::to_string(rule.numerator) + "/" + std::to_string(rule.denominator);
    if (rule.rule == "consensus" || rule.rule == "unanimity") return rule.rule + " of all members";
    return rule.rule + ", " + share + " of " + rule.basis;
}

}  // namespace

std::vector<BodyPowerResult> analyze_power(const Model& model, std::string_view instrument,
                                           const AnalysisOptions& options) {
    std::vector<const FactView*> body_facts;
    for (const FactView& fact : model.all("body"))
        if (of_instrument(fact.arguments[2], instrument)) body_facts.push_back(&fact);
    return analyze_power_of(model, instrument, body_facts, options);
}

namespace {

std::vector<BodyPowerResult> analyze_power_of(const Model& model, std::string_view instrument,
                                              const std::vector<const FactView*>& body_facts,
                                              const AnalysisOptions& options) {
    const std::vector<std::string> states = member_states(model, instrument);
    std::vector<BodyPowerResult> results;
    std::map<std::string, Value> bodies;  // by name, in order
    for (const FactView* fact : body_facts) bodies.emplace(fact->arguments[0], fact->values[0]);
    for (const auto& [body, body_value] : bodies) {
        std::vector<RuleFact> rules;
        // The same rule stated by two provisions (Art. 18(2) and Annex 1 p. 29) is one game; the
        // first provision in the order of the facts is cited.
        for (const FactView& fact : model.rows("decision_rule", {body_value})) {
            RuleFact rule{fact.arguments[1], std::stoi(fact.arguments[2]), std::stoi(fact.arguments[3]),
                          fact.arguments[4], fact.arguments[5]};
            bool known = std::any_of(rules.begin(), rules.end(), [&](const RuleFact& other) {
                return other.rule == rule.rule && other.numerator == rule.numerator &&
                       other.denominator == rule.denominator && other.basis == rule.basis;
            });
            if (!known) rules.push_back(std::move(rule));
        }
        int seats = 1;
        for (const FactView& fact : model.rows("seats_per_state", {body_value}))
            seats = std::stoi(fact.arguments[1]);
        const SeatTable seats_by_state = seat_table(model, body, body_value, options.seat_table_folder);
        std::vector<power::Member> weighted;
        for (const FactView& fact : model.rows("vote_weight", {body_value}))
            weighted.push_back({fact.arguments[1], power::parse_decimal(fact.arguments[2])});
        // A double majority is two qualified-majority facts of one body: members and population.
        const RuleFact* by_members = nullptr;
        const RuleFact* by_population = nullptr;
        for (const RuleFact& rule : rules) {
            if (rule.basis == "population") by_population = &rule;
            else if (rule.basis == "members" && rule.rule == "qualified_majority") by_members = &rule;
        }
        for (const RuleFact& rule : rules) {
            BodyPowerResult result;
            result.body = body;
            result.rule = rule.rule;
            result.source = rule.source;
            result.power.body.name = body + " (" + rule.rule + ")";
            result.power.body.description = describe(rule);
            power::Rational quota(rule.numerator, rule.denominator);
            if (rule.rule == "consensus" || rule.rule == "unanimity") quota = 1;
            if (rule.basis == "population") continue;  // folded into the double majority below
            if (&rule == by_members && by_population) {
                if (options.population_table.empty()) continue;
                power::DoubleMajorityRule game;
                game.members = power::read_population_table(options.population_table);
                game.member_quota = quota;
                game.population_quota =
                    power::Rational(by_population->numerator, by_population->denominator);
                for (const FactView& fact : model.rows("blocking_minimum", {body_value}))
                    game.blocking_minimum = std::stoi(fact.arguments[1]);
                result.power.body.description = "double majority, " + std::to_string(rule.numerator) + "/" +
                                     std::to_string(rule.denominator) + " of members and " +
                                     std::to_string(by_population->numerator) + "/" +
                                     std::to_string(by_population->denominator) + " of population" +
                                     (game.blocking_minimum > 0
                                          ? ", blocking minority of at least " +
                                                std::to_string(game.blocking_minimum) + " members"
                                          : "");
                result.power.body.rule = game;
                result.power.indices =
                    power::compute_power(std::vector<power::Body>{result.power.body},
                                         options.power_memory_budget)
                        .front()
                        .indices;
                results.push_back(std::move(result));
                continue;
            }
            power::WeightedMajorityRule game;
            game.quota = quota;
            // "A simple majority" is more than half; thresholds such as two thirds are "at least".
            if (rule.rule == "simple_majority") game.comparison = power::QuotaComparison::more_than;
            if (rule.basis == "votes" && !weighted.empty()) {
                game.members = weighted;
            } else if (rule.basis == "members" && !seats_by_state.members.empty()) {
                // Each state's members as one bloc, weighted by its seats.
                game.members = seats_by_state.members;
                result.power.body.description += ", states weighted by their seats (" +
                                                 std::to_string(seats_by_state.total) + " in " +
                                                 seats_by_state.file + ")";
            } else {
                if (states.empty()) continue;
                for (const std::string& state : states) game.members.push_back({state, seats});
            }
            result.power.body.rule = game;
            result.power.indices = power::compute_power(std::vector<power::Body>{result.power.body},
                                                        options.power_memory_budget)
                                       .front()
                                       .indices;
            results.push_back(std::move(result));
        }
    }
    return results;
}

}  // namespace

}  // namespace treatykb::engine
