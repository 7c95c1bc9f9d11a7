// The defeasible layer: ambiguity-blocking defeasible logic on ground instances
// (docs/rule-language.md, "Strength and the defeasible layer"; Antoniou, Billington, Governatori
// and Maher, ACM TOCL 2001). For one stratum: every applicable instance of its defeasible rules
// and defeaters is found against complete premises; instances are grouped by the literal they
// conclude; a literal p is concluded when it has a defeasible instance, p's complement does not
// hold strictly, and every opposing instance is beaten by some instance for p (team defeat). When
// neither side wins, a Conflict records both.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/datalog/detail/model_state.hpp"

namespace treatykb::engine::detail {

namespace {

class DefeasibleLayer {
public:
    explicit DefeasibleLayer(ModelState& state) : state_(state), program_(*state.program) {
        std::unordered_map<std::string_view, std::size_t> rule_of;
        for (std::size_t r = 0; r < program_.rules.size(); ++r) rule_of.emplace(program_.rules[r].id, r);
        for (const Override& override : program_.overrides) {
            auto superior = rule_of.find(override.superior), inferior = rule_of.find(override.inferior);
            if (superior != rule_of.end() && inferior != rule_of.end())
                overrides_.insert({superior->second, inferior->second});
        }
        metadata_index("provision_rank", rank_store_, rank_index_);
        metadata_index("provision_date", date_store_, date_index_);
        exception_store_ = store_of("exception_to");
        within_store_ = store_of("within");
    }

    void settle(const std::vector<std::size_t>& rules) {
        collect(rules);
        for (auto& [literal, group] : groups_) decide(literal.first, literal.second, group);
    }

private:
    struct Group {
        std::vector<std::size_t> positive, complement;  // instances
    };

    std::optional<std::uint32_t> store_of(const char* relation) const {
        auto it = state_.store_map.positive.find(relation);
        if (it == state_.store_map.positive.end()) return std::nullopt;
        return it->second;
    }
    void metadata_index(const char* relation, std::optional<std::uint32_t>& store, std::size_t& index) {
        store = store_of(relation);
        if (store) index = state_.stores[*store].index_on({0});
    }

    void collect(const std::vector<std::size_t>& rules) {
        std::vector<RelationStore>& stores = state_.stores;
        for (std::size_t r : rules)
            state_.instance_plans.emplace(r, compile_plan(program_, r, -1, state_.store_map, stores));
        for (RelationStore& store : stores) store.update_indexes();
        std::vector<Row> limit(stores.size()), delta_begin(stores.size(), 0);
        for (std::size_t s = 0; s < stores.size(); ++s) limit[s] = stores[s].size();
        JoinContext context{stores, state_.constants, state_.builtins, limit, delta_begin, false, ~0u};
        for (std::size_t r : rules) {
            const Plan& plan = state_.instance_plans.at(r);
            const Rule& rule = program_.rules[r];
            auto slot_of = [&](const std::string& variable) -> std::optional<std::uint32_t> {
                if (variable.empty()) return std::nullopt;
                return plan.slots.at(variable);
            };
            auto source_slot = slot_of(rule.source_variable), domain_slot = slot_of(rule.domain_variable);
            std::uint32_t positive = state_.store_map.of(rule.head.relation, false);
            std::vector<Value> head(plan.head.size());
            run_join(plan, context, [&](const std::vector<Value>& slots) {
                RuleInstance instance{r, plan.head_store, state_.instance_values.size(), kNoValue, kNoValue};
                state_.instance_values.insert(state_.instance_values.end(), slots.begin(),
                                              slots.begin() + static_cast<long>(plan.slot_count));
                for (std::size_t i = 0; i < plan.head.size(); ++i)
                    head[i] = plan.head[i].variable ? slots[plan.head[i].slot] : plan.head[i].value;
                if (source_slot) instance.source = slots[*source_slot];
                if (domain_slot) instance.domain = slots[*domain_slot];
                Group& group = groups_[{positive, head}];
                (rule.head.complement ? group.complement : group.positive).push_back(state_.instances.size());
                state_.instances.push_back(std::move(instance));
                state_.count_derived(r, 1);
                return false;
            });
        }
    }

    std::optional<std::int64_t> rank(Value provision) const {
        if (!rank_store_ || provision == kNoValue) return std::nullopt;
        const RelationStore& store = state_.stores[*rank_store_];
        std::optional<std::int64_t> best;
        for (Row row = store.first_match(rank_index_, &provision); row != kNoRow; row = store.next_match(rank_index_, row))
            best = std::max(best.value_or(INT64_MIN), state_.constants.integer_of(store.at(row, 1)));
        return best;
    }
    std::optional<Value> date(Value provision) const {
        if (!date_store_ || provision == kNoValue) return std::nullopt;
        const RelationStore& store = state_.stores[*date_store_];
        std::optional<Value> latest;
        for (Row row = store.first_match(date_index_, &provision); row != kNoRow; row = store.next_match(date_index_, row))
            if (!latest || state_.constants.compare(store.at(row, 1), *latest) > 0) latest = store.at(row, 1);
        return latest;
    }
    bool holds(const std::optional<std::uint32_t>& store, Value a, Value b) const {
        if (!store || a == kNoValue || b == kNoValue) return false;
        Value tuple[2] = {a, b};
        return state_.stores[*store].contains(tuple);
    }

    // Which of two opposing instances wins, by the first criterion that separates them:
    // +1 `a` is superior, -1 `b` is, 0 none.
    std::pair<int, Criterion> superiority(std::size_t a, std::size_t b) const {
        const RuleInstance& x = state_.instances[a];
        const RuleInstance& y = state_.instances[b];
        for (Criterion criterion : program_.priority_order) {
            int verdict = 0;
            switch (criterion) {
                case Criterion::explicit_override:
                    verdict = overrides_.count({x.rule, y.rule}) ? 1 : overrides_.count({y.rule, x.rule}) ? -1 : 0;
                    break;
                case Criterion::lex_superior: {
                    auto rx = rank(x.source), ry = rank(y.source);
                    if (rx && ry) verdict = *rx > *ry ? 1 : *rx < *ry ? -1 : 0;
                    break;
                }
                case Criterion::lex_specialis:
                    if (holds(exception_store_, x.source, y.source)) verdict = 1;
                    else if (holds(exception_store_, y.source, x.source)) verdict = -1;
                    else if (x.domain != y.domain && holds(within_store_, x.domain, y.domain)) verdict = 1;
                    else if (x.domain != y.domain && holds(within_store_, y.domain, x.domain)) verdict = -1;
                    break;
                case Criterion::lex_posterior: {
                    auto dx = date(x.source), dy = date(y.source);
                    if (dx && dy) verdict = state_.constants.compare(*dx, *dy).value_or(0);
                    break;
                }
            }
            if (verdict != 0) return {verdict, criterion};
        }
        return {0, Criterion::explicit_override};
    }

    // Does every instance in `against` lose to some non-defeater instance in `side`?
    bool side_wins(const std::vector<std::size_t>& side, const std::vector<std::size_t>& against,
                   std::vector<DefeatRecord>& defeats) const {
        bool supported = std::any_of(side.begin(), side.end(), [&](std::size_t i) {
            return program_.rules[state_.instances[i].rule].strength != Strength::defeater;
        });
        if (!supported) return false;
        for (std::size_t attacker : against) {
            bool beaten = false;
            for (std::size_t candidate : side) {
                if (program_.rules[state_.instances[candidate].rule].strength == Strength::defeater) continue;
                auto [verdict, criterion] = superiority(candidate, attacker);
                if (verdict > 0) {
                    defeats.push_back(DefeatRecord{attacker, candidate, criterion});
                    beaten = true;
                    break;
                }
            }
            if (!beaten) return false;
        }
        return true;
    }

    void conclude(std::uint32_t store, const std::vector<Value>& values, const std::vector<std::size_t>& side,
                  std::vector<DefeatRecord> defeats) {
        RelationStore& relation = state_.stores[store];
        if (!relation.insert(values.data())) return;  // already holds
        Row row = relation.size() - 1;
        relation.mark_defeasible(row);
        std::size_t winner = side.front();
        for (std::size_t i : side)
            if (program_.rules[state_.instances[i].rule].strength != Strength::defeater) { winner = i; break; }
        state_.decisions.emplace(decision_key(store, row), Decision{winner, std::move(defeats)});
    }

    void decide(std::uint32_t positive, const std::vector<Value>& values, const Group& group) {
        std::uint32_t complement = positive + 1;  // stores are created in pairs (evaluator.cpp)
        const RelationStore& strict_store = state_.stores[positive];
        Row existing = strict_store.find(values.data());
        if (existing != kNoRow && !strict_store.is_defeasible(existing)) return;  // holds strictly
        std::vector<DefeatRecord> for_positive, for_complement;
        bool positive_wins = side_wins(group.positive, group.complement, for_positive);
        bool complement_wins = side_wins(group.complement, group.positive, for_complement);
        if (positive_wins && !complement_wins) return conclude(positive, values, group.positive, std::move(for_positive));
        if (complement_wins && !positive_wins) return conclude(complement, values, group.complement, std::move(for_complement));
        if (group.positive.empty() || group.complement.empty()) return;  // a lone defeater
        std::string reason = positive_wins ? "the priorities are cyclic: each side beats the other"
                                           : "no priority (" + criteria() + ") settles it";
        auto only_defeaters = [&](const std::vector<std::size_t>& side) {
            return std::all_of(side.begin(), side.end(), [&](std::size_t i) {
                return program_.rules[state_.instances[i].rule].strength == Strength::defeater;
            });
        };
        if (only_defeaters(group.positive) || only_defeaters(group.complement))
            reason = "blocked by a defeater that no priority overrules (" + criteria() + ")";
        state_.conflicts.push_back(ConflictRecord{positive, complement, values, group.positive, group.complement, reason});
    }

    std::string criteria() const {
        std::string out;
        for (Criterion criterion : program_.priority_order) out += (out.empty() ? "" : ", ") + std::string(criterion_name(criterion));
        return out;
    }

    ModelState& state_;
    const Program& program_;
    std::set<std::pair<std::size_t, std::size_t>> overrides_;
    std::optional<std::uint32_t> rank_store_, date_store_, exception_store_, within_store_;
    std::size_t rank_index_ = 0, date_index_ = 0;
    std::map<std::pair<std::uint32_t, std::vector<Value>>, Group> groups_;
};

}  // namespace

void settle_defeasible(ModelState& state, const std::vector<std::size_t>& rules) {
    DefeasibleLayer(state).settle(rules);
}

}  // namespace treatykb::engine::detail
