// Provenance: proof trees built on demand. Derived facts store nothing per tuple; the evaluator
// records the step at which each row was added, and a proof of a fact added at step s is a rule
// instance whose premises were all added before s — found by running the rule's plan with the
// head bound. This costs nothing during evaluation and guarantees well-founded proofs.
#include <algorithm>

#include "engine/datalog/detail/model_state.hpp"

namespace treatykb::engine::detail {

namespace {

std::string render_term(const ModelState& state, const Term& term, const Plan& plan, const Value* slots) {
    if (term.kind == Term::Kind::constant) return state.constants.render(term.value);
    if (term.is_anonymous()) return "_";
    return state.constants.render(slots[plan.slots.at(term.variable)]);
}

std::string comparison_text(Comparison comparison) {
    switch (comparison) {
        case Comparison::equal: return "=";
        case Comparison::not_equal: return "!=";
        case Comparison::less: return "<";
        case Comparison::less_equal: return "<=";
        case Comparison::greater: return ">";
        case Comparison::greater_equal: return ">=";
    }
    return "?";
}

// The premises of a rule instance: one node per body literal, in the order written.
std::vector<ProofNode> premises_of(ModelState& state, const Rule& rule, const Plan& plan, const Value* slots) {
    std::vector<ProofNode> premises;
    for (const Literal& literal : rule.body) {
        ProofNode node;
        node.where = literal.where;
        if (literal.kind == Literal::Kind::positive) {
            std::vector<Value> values;
            for (const Term& term : literal.atom.arguments)
                values.push_back(term.kind == Term::Kind::constant ? term.value
                                 : term.is_anonymous() ? kNoValue : slots[plan.slots.at(term.variable)]);
            std::uint32_t store = state.store_map.of(literal.atom.relation, literal.atom.complement);
            Row row = kNoRow;
            if (std::find(values.begin(), values.end(), kNoValue) == values.end()) {
                row = state.stores[store].find(values.data());
            } else {  // an anonymous position: any matching row
                const RelationStore& relation = state.stores[store];
                for (Row r = 0; r < relation.size() && row == kNoRow; ++r) {
                    bool match = true;
                    for (std::size_t c = 0; c < values.size(); ++c)
                        if (values[c] != kNoValue && relation.at(r, c) != values[c]) match = false;
                    if (match) row = r;
                }
            }
            if (row != kNoRow) {
                premises.push_back(prove(state, store, row));
                continue;
            }
            node.kind = ProofNode::Kind::absent;
            node.fact = "(missing premise) " + literal.atom.relation;
        } else if (literal.kind == Literal::Kind::negated) {
            node.kind = ProofNode::Kind::absent;
            std::string text = "not " + std::string(literal.atom.complement ? "~" : "") + literal.atom.relation + "(";
            for (std::size_t i = 0; i < literal.atom.arguments.size(); ++i)
                text += (i ? ", " : "") + render_term(state, literal.atom.arguments[i], plan, slots);
            node.fact = text + ")";
        } else if (literal.kind == Literal::Kind::comparison) {
            node.kind = ProofNode::Kind::comparison;
            node.fact = render_term(state, literal.left, plan, slots) + " " + comparison_text(literal.comparison) + " " +
                        render_term(state, literal.right, plan, slots);
        } else {
            node.kind = ProofNode::Kind::builtin;
            const Term& input = literal.atom.arguments[0];
            Value value = input.kind == Term::Kind::constant ? input.value : slots[plan.slots.at(input.variable)];
            Value output = literal.atom.relation == "article_of" ? state.builtins.article_of(value)
                                                                  : state.builtins.instrument_of(value);
            node.fact = literal.atom.relation + "(" + state.constants.render(value) + ", " + state.constants.render(output) + ")";
        }
        premises.push_back(std::move(node));
    }
    return premises;
}

ProofNode base_fact(ModelState& state, std::uint32_t store, Row row) {
    const Program& program = *state.program;
    ProofNode node;
    node.kind = ProofNode::Kind::base_fact;
    node.fact = state.render(store, state.stores[store].row(row));
    std::uint32_t origin = state.base_origin[store][row];
    if (origin & kTableOrigin) {
        std::size_t global = origin & ~kTableOrigin;
        auto it = std::upper_bound(state.table_starts.begin(), state.table_starts.end(), global,
                                   [](std::size_t g, const auto& start) { return g < start.second; }) - 1;
        const FactTable& table = program.tables[it->first];
        // Rows are cited by their position in the table (blank lines are not counted).
        node.where = SourceLocation{table.data_file, static_cast<int>(global - it->second + 1), 1};
        return node;
    }
    const Fact& fact = program.facts[origin];
    node.where = fact.where;
    if (fact.annotation >= 0) {
        const Annotation& annotation = program.annotations[static_cast<std::size_t>(fact.annotation)];
        node.annotation_id = annotation.id;
        node.provision = annotation.provision;
        for (std::size_t e : annotation.evidence)
            node.quotes.push_back(QuoteView{program.evidence[e].lang, program.evidence[e].quote, program.evidence[e].where});
    }
    return node;
}

}  // namespace

RuleInstanceView instance_view(ModelState& state, std::size_t index) {
    const RuleInstance& instance = state.instances[index];
    const Rule& rule = state.program->rules[instance.rule];
    std::vector<Value> head = state.head_of(instance);
    RuleInstanceView view{rule.id, rule.strength, state.render(instance.store, head.data()),
                          instance.source == kNoValue ? "" : state.constants.render(instance.source), rule.where, {}};
    view.premises = premises_of(state, rule, state.instance_plans.at(instance.rule), state.slots_of(instance));
    return view;
}

ProofNode prove(ModelState& state, std::uint32_t store, Row row) {
    if (row < state.base_origin[store].size()) return base_fact(state, store, row);
    const Program& program = *state.program;
    if (auto decision = state.decisions.find(decision_key(store, row)); decision != state.decisions.end()) {
        RuleInstanceView winner = instance_view(state, decision->second.instance);
        ProofNode node{ProofNode::Kind::defeasible_rule, winner.conclusion, winner.rule_id, winner.where, {}, {}, {},
                       std::move(winner.premises), {}};
        for (const DefeatRecord& defeat : decision->second.defeats) {
            const RuleInstance& attacker = state.instances[defeat.attacker];
            std::vector<Value> attacker_head = state.head_of(attacker);
            node.defeated.push_back(program.rules[attacker.rule].id + " (" + state.render(attacker.store, attacker_head.data()) +
                                    ") beaten by " + program.rules[state.instances[defeat.winner].rule].id + " (" +
                                    std::string(criterion_name(defeat.criterion)) + ")");
        }
        return node;
    }
    // A strict rule instance whose premises are all older than the fact.
    RelationStore& relation = state.stores[store];
    std::vector<Value> tuple(relation.row(row), relation.row(row) + relation.arity());
    std::uint32_t step = relation.step_of(row);
    if (state.strict_rules_by_store.size() != state.stores.size()) {
        // The model no longer changes: which rules conclude where, and every row is visible.
        state.strict_rules_by_store.assign(state.stores.size(), {});
        for (std::size_t r = 0; r < program.rules.size(); ++r)
            if (program.rules[r].strength == Strength::strict)
                state.strict_rules_by_store[state.store_map.of(program.rules[r].head.relation, program.rules[r].head.complement)]
                    .push_back(r);
        state.proof_limit.resize(state.stores.size());
        for (std::size_t s = 0; s < state.stores.size(); ++s) state.proof_limit[s] = state.stores[s].size();
        state.proof_delta_begin.assign(state.stores.size(), 0);
    }
    const std::vector<Row>& limit = state.proof_limit;
    const std::vector<Row>& delta_begin = state.proof_delta_begin;
    for (std::size_t r : state.strict_rules_by_store[store]) {
        const Rule& rule = program.rules[r];
        std::vector<std::string> head_variables;
        std::vector<Value> preset;
        bool unifies = true;
        for (std::size_t i = 0; i < rule.head.arguments.size(); ++i) {
            const Term& term = rule.head.arguments[i];
            if (term.kind == Term::Kind::constant) {
                unifies = unifies && term.value == tuple[i];
                continue;
            }
            auto seen = std::find(head_variables.begin(), head_variables.end(), term.variable);
            if (seen == head_variables.end()) {
                head_variables.push_back(term.variable);
                preset.push_back(tuple[i]);
            } else {
                unifies = unifies && preset[static_cast<std::size_t>(seen - head_variables.begin())] == tuple[i];
            }
        }
        if (!unifies) continue;
        auto cached = state.proof_plans.find(r);
        if (cached == state.proof_plans.end()) {
            cached = state.proof_plans.emplace(r, compile_plan(program, r, -1, state.store_map, state.stores, head_variables)).first;
            for (RelationStore& s : state.stores) s.update_indexes();
        }
        const Plan& plan = cached->second;
        JoinContext context{state.stores, state.constants, state.builtins, limit, delta_begin, false, step};
        std::vector<Value> found;
        run_join(plan, context, [&](const std::vector<Value>& slots) { found = slots; return true; }, preset);
        if (found.empty()) continue;
        ProofNode node{ProofNode::Kind::strict_rule, state.render(store, tuple.data()), rule.id, rule.where, {}, {}, {}, {}, {}};
        node.premises = premises_of(state, rule, plan, found.data());
        return node;
    }
    ProofNode unknown;
    unknown.kind = ProofNode::Kind::absent;
    unknown.fact = state.render(store, tuple.data()) + " (no proof found: an engine error)";
    return unknown;
}

}  // namespace treatykb::engine::detail
