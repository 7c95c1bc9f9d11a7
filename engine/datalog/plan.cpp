#include "engine/datalog/detail/plan.hpp"

#include <algorithm>
#include <set>

namespace treatykb::engine::detail {

namespace {

class PlanBuilder {
public:
    PlanBuilder(const Program& program, const StoreMap& stores, std::vector<RelationStore>& relation_stores)
        : program_(program), stores_(stores), relation_stores_(relation_stores) {}

    Plan build(std::size_t rule_index, int delta_literal, const std::vector<std::string>& prebound) {
        const Rule& rule = program_.rules[rule_index];
        plan_.rule = rule_index;
        plan_.delta_literal = delta_literal;
        for (const std::string& name : prebound) bind(name);
        std::vector<bool> placed(rule.body.size(), false);
        if (delta_literal >= 0) {
            place_atom(rule.body[static_cast<std::size_t>(delta_literal)], delta_literal, true);
            placed[static_cast<std::size_t>(delta_literal)] = true;
        }
        place_ready(rule, placed);
        while (true) {
            int best = -1;
            std::tuple<int, int, long> best_score{-1, -1, 0};
            for (std::size_t l = 0; l < rule.body.size(); ++l) {
                if (placed[l] || rule.body[l].kind != Literal::Kind::positive) continue;
                const Atom& atom = rule.body[l].atom;
                int bound_variables = 0, bound_positions = 0;
                for (const Term& term : atom.arguments) {
                    if (term.kind == Term::Kind::constant) ++bound_positions;
                    else if (is_bound(term)) ++bound_variables, ++bound_positions;
                }
                long size = relation_stores_[stores_.of(atom.relation, atom.complement)].size();
                std::tuple<int, int, long> score{bound_variables > 0, bound_positions, -size};
                if (best < 0 || score > best_score) best = static_cast<int>(l), best_score = score;
            }
            if (best < 0) break;
            place_atom(rule.body[static_cast<std::size_t>(best)], best, false);
            placed[static_cast<std::size_t>(best)] = true;
            place_ready(rule, placed);
        }
        plan_.head_store = stores_.of(rule.head.relation, rule.head.complement);
        for (const Term& term : rule.head.arguments) plan_.head.push_back(operand(term));
        plan_.slot_count = plan_.slots.size();
        return std::move(plan_);
    }

private:
    bool is_bound(const Term& term) const {
        return term.kind == Term::Kind::constant || (!term.is_anonymous() && plan_.slots.count(term.variable));
    }
    std::uint32_t bind(const std::string& name) {
        auto [it, added] = plan_.slots.emplace(name, static_cast<std::uint32_t>(plan_.slots.size()));
        return it->second;
    }
    Operand operand(const Term& term) const {
        if (term.kind == Term::Kind::constant) return Operand{false, 0, term.value};
        return Operand{true, plan_.slots.at(term.variable), 0};
    }

    void place_atom(const Literal& literal, int index, bool delta) {
        const Atom& atom = literal.atom;
        Step step;
        step.literal = index;
        step.store = stores_.of(atom.relation, atom.complement);
        step.delta = delta;
        std::vector<std::uint32_t> key_columns;
        std::map<std::string, std::uint32_t> first_column;  // variables this atom binds
        for (std::size_t c = 0; c < atom.arguments.size(); ++c) {
            const Term& term = atom.arguments[c];
            auto column = static_cast<std::uint32_t>(c);
            if (term.is_anonymous()) continue;
            if (term.kind == Term::Kind::variable && first_column.count(term.variable)) {
                step.same.emplace_back(column, first_column.at(term.variable));
                continue;
            }
            if (is_bound(term)) {
                if (!delta && key_columns.size() < 16) {
                    key_columns.push_back(column);
                    step.key.push_back(operand(term));
                } else {
                    step.checks.emplace_back(column, operand(term));
                }
            } else {
                step.binds.emplace_back(column, bind(term.variable));
                first_column.emplace(term.variable, column);
            }
        }
        if (!key_columns.empty()) {
            step.kind = Step::Kind::lookup;
            step.index = relation_stores_[step.store].index_on(key_columns);
        }
        plan_.steps.push_back(std::move(step));
    }

    // Places every negation, comparison and built-in whose inputs are bound.
    void place_ready(const Rule& rule, std::vector<bool>& placed) {
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t l = 0; l < rule.body.size(); ++l) {
                if (placed[l]) continue;
                const Literal& literal = rule.body[l];
                Step step;
                step.literal = static_cast<int>(l);
                if (literal.kind == Literal::Kind::comparison) {
                    if (!is_bound(literal.left) || !is_bound(literal.right)) continue;
                    step.kind = Step::Kind::comparison;
                    step.comparison = literal.comparison;
                    step.left = operand(literal.left);
                    step.right = operand(literal.right);
                } else if (literal.kind == Literal::Kind::builtin) {
                    const Term& input = literal.atom.arguments[0];
                    const Term& output = literal.atom.arguments[1];
                    if (!is_bound(input)) continue;
                    step.kind = Step::Kind::builtin;
                    step.article = literal.atom.relation == "article_of";
                    step.left = operand(input);
                    if (output.is_anonymous()) {
                        step.binds_output = true;
                        step.right = Operand{true, bind("_builtin" + std::to_string(l)), 0};
                    } else if (is_bound(output)) {
                        step.right = operand(output);
                    } else {
                        step.binds_output = true;
                        step.right = Operand{true, bind(output.variable), 0};
                    }
                } else if (literal.kind == Literal::Kind::negated) {
                    bool ready = std::all_of(literal.atom.arguments.begin(), literal.atom.arguments.end(),
                                             [&](const Term& t) { return t.is_anonymous() || is_bound(t); });
                    if (!ready) continue;
                    step.kind = Step::Kind::negation;
                    step.store = stores_.of(literal.atom.relation, literal.atom.complement);
                    std::vector<std::uint32_t> columns;
                    for (std::size_t c = 0; c < literal.atom.arguments.size(); ++c) {
                        const Term& term = literal.atom.arguments[c];
                        if (term.is_anonymous()) continue;
                        columns.push_back(static_cast<std::uint32_t>(c));
                        step.key.push_back(operand(term));
                    }
                    step.full_tuple = columns.size() == literal.atom.arguments.size();
                    if (!step.full_tuple && !columns.empty())
                        step.index = relation_stores_[step.store].index_on(columns);
                    else if (columns.empty()) step.full_tuple = false, step.index = static_cast<std::size_t>(-1);
                } else {
                    continue;
                }
                plan_.steps.push_back(std::move(step));
                placed[l] = true;
                changed = true;
            }
        }
    }

    const Program& program_;
    const StoreMap& stores_;
    std::vector<RelationStore>& relation_stores_;
    Plan plan_;
};

}  // namespace

Plan compile_plan(const Program& program, std::size_t rule, int delta_literal, const StoreMap& stores,
                  std::vector<RelationStore>& relation_stores, const std::vector<std::string>& prebound) {
    return PlanBuilder(program, stores, relation_stores).build(rule, delta_literal, prebound);
}

}  // namespace treatykb::engine::detail
