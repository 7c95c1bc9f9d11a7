// treatykb/engine/model.hpp — evaluating a Program and reading the result.
//
//   Program program = load_program({"kb/knowledge/domains.xml", "my_rules.xml"});
//   Model model = evaluate(program);
//   for (const FactView& fact : model.query("competence(?d, single, ?p)")) ...     (text patterns)
//   std::optional<ProofNode> proof = model.explain("within(customs_tariff, economy)");
//   for (const FactView& rule : model.rows("decision_rule", {body.values[0]})) ...  (typed reading)
//   std::optional<ProofNode> again = model.explain(rule);
//   for (const Conflict& conflict : model.conflicts()) ...
//
// A Model owns its copy of the program and the derived facts. Its reading functions are const
// but build indexes lazily, so one Model must not be read from two threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/datalog/program.hpp"

namespace treatykb::engine {

// Bounds on one evaluation, so that a rule with a runaway cross product stops with an error
// instead of taking the machine's memory. The defaults are far above what the bundled knowledge
// derives (a few hundred thousand rows) and well below what an interactive user's machine holds.
struct EvaluationLimits {
    std::size_t max_facts = 20'000'000;        // rows derived by rules (and rule instances); 0: none
    std::size_t max_memory_bytes = std::size_t(2) << 30;  // rows, row sets, indexes; 0: none
};

struct FactView {
    std::string relation;
    bool complement = false;  // ~relation(...)
    std::vector<std::string> arguments;  // each rendered in the rule language
    bool defeasible = false;  // concluded only defeasibly (not strictly)
    std::vector<Value> values;  // the same arguments as values of the model that returned the fact
    std::string text() const;  // competence(customs_tariff, single, eaeu#art_25__para_1)
};

// One argument of a typed lookup: a value it must equal, or std::nullopt for any value.
using Bound = std::optional<Value>;

struct QuoteView {
    std::string lang;
    std::string text;
    SourceLocation where;
};

// How a fact holds. A base fact cites where it is written (and its annotation); a derived fact
// cites its rule and the proofs of its premises, down to base facts.
struct ProofNode {
    enum class Kind { base_fact, strict_rule, defeasible_rule, absent, comparison, builtin };
    Kind kind = Kind::base_fact;
    std::string fact;     // the literal proved ("not p(a)" for absent, "?x < 3" with values)
    std::string rule_id;  // strict_rule, defeasible_rule
    SourceLocation where;  // the fact's element, the table row, or the rule
    std::string annotation_id;
    std::string provision;
    std::vector<QuoteView> quotes;
    std::vector<ProofNode> premises;
    std::vector<std::string> defeated;  // defeasible_rule: the opposing instances it beat, and how
};
std::string_view proof_kind_name(ProofNode::Kind kind);

// One applicable ground instance of a defeasible rule or defeater.
struct RuleInstanceView {
    std::string rule_id;
    Strength strength = Strength::defeasible;
    std::string conclusion;  // the literal it concludes (~p(...) for complements)
    std::string source;      // the provision it rests on (source="?p"), if any
    SourceLocation where;
    std::vector<ProofNode> premises;
};

// Two opposing literals that no priority settles: neither is concluded.
struct Conflict {
    std::string literal;     // p(...)
    std::string complement;  // ~p(...)
    std::vector<RuleInstanceView> supporting;  // instances for the literal
    std::vector<RuleInstanceView> opposing;    // instances for the complement
    std::string reason;
};

struct Defeat {
    RuleInstanceView attacker;
    std::string beaten_by;  // rule id of the winning instance that beats it
    Criterion criterion = Criterion::explicit_override;
};

struct DefeasibleConclusion {
    FactView fact;
    RuleInstanceView winner;
    std::vector<Defeat> defeated;
};

namespace detail {
struct ModelState;
}

class Model {
public:
    Model(Model&&) noexcept;
    Model& operator=(Model&&) noexcept;
    ~Model();

    // Facts matching an atom pattern with ?variables and constants, sorted by their text.
    // Throws treatykb::Error for a pattern that does not parse or names an unknown relation.
    // The text patterns are for people (`treatykb query`, `explain`); library code reads the
    // model through rows() and explain(FactView), with no text in between.
    std::vector<FactView> query(std::string_view pattern) const;
    std::size_t count(std::string_view pattern) const;
    // The proof of one ground fact; nullopt when it does not hold. Throws like query().
    std::optional<ProofNode> explain(std::string_view fact) const;

    // The facts of `relation` (a positive literal) whose leading arguments equal `bound` where it
    // holds a value (the rest: any), in the order query() gives. Values come from
    // FactView::values of this model or from symbol(). Throws treatykb::Error for an unknown
    // relation or more bound arguments than it has.
    std::vector<FactView> rows(std::string_view relation, const std::vector<Bound>& bound = {}) const;

    // Every fact of `relation`, as rows(relation) gives them, read once and kept: readers that go
    // over a whole relation for each of many instruments (`compare --all`) neither render nor
    // sort it again. The reference is valid while the model lives and no fact is added.
    const std::vector<FactView>& all(std::string_view relation) const;
    // The value of the symbol `name` in this model; kNoValue (matching no fact) when no fact,
    // rule or annotation mentions it.
    Value symbol(std::string_view name) const;
    // The proof of a fact this model returned (rows, query); nullopt when it does not hold.
    std::optional<ProofNode> explain(const FactView& fact) const;
    std::vector<Conflict> conflicts() const;
    std::vector<DefeasibleConclusion> defeasible_conclusions() const;
    // The evaluated program. Its fact tables are emptied once their rows are in the model
    // (proofs cite table rows by file and row number).
    const Program& program() const;

private:
    friend Model evaluate(Program&& program, const EvaluationLimits& limits);
    explicit Model(std::unique_ptr<detail::ModelState> state);
    std::unique_ptr<detail::ModelState> state_;
};

// Stratified semi-naive evaluation of the strict rules, then the defeasible layer, stratum by
// stratum (docs/rule-language.md). Throws treatykb::Error, naming the rule that was being applied,
// when the evaluation exceeds `limits`; never otherwise for a validated program.
Model evaluate(const Program& program, const EvaluationLimits& limits = {});
Model evaluate(Program&& program, const EvaluationLimits& limits = {});  // takes the program over

}  // namespace treatykb::engine
