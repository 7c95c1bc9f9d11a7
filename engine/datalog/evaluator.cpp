// The evaluator: base facts into stores, then stratum by stratum (stratify.hpp) semi-naive
// evaluation of the strict rules, the defeasible layer (defeasible.cpp), and strict rules again
// over what the defeasible layer concluded.
#include <algorithm>
#include <set>

#include "engine/datalog/detail/model_state.hpp"
#include "engine/datalog/detail/stratify.hpp"
#include "kb/error.hpp"

namespace treatykb::engine::detail {

std::string ModelState::render(std::uint32_t store, const Value* values) const {
    std::string out = (store_complement[store] ? "~" : "") + store_relation[store] + "(";
    for (std::size_t i = 0; i < stores[store].arity(); ++i) out += (i ? ", " : "") + constants.render(values[i]);
    return out + ")";
}

std::vector<Value> ModelState::head_of(const RuleInstance& instance) const {
    std::vector<Value> head;
    const Value* slots = slots_of(instance);
    for (const Operand& operand : instance_plans.at(instance.rule).head)
        head.push_back(operand.variable ? slots[operand.slot] : operand.value);
    return head;
}

void ModelState::count_derived(std::size_t rule, std::size_t added) {
    std::size_t before = derived;
    derived += added;
    // Memory is summed over the stores every 64K derived rows (cheap: a few hundred stores).
    bool check_memory = limits.max_memory_bytes && (before >> 16) != (derived >> 16);
    std::size_t bytes = 0;
    if (check_memory) {
        for (const RelationStore& store : stores) bytes += store.memory_bytes();
        bytes += instance_values.capacity() * sizeof(Value) + instances.capacity() * sizeof(RuleInstance);
    }
    bool too_many = limits.max_facts && derived > limits.max_facts;
    bool too_big = check_memory && bytes > limits.max_memory_bytes;
    if (!too_many && !too_big) return;
    const Rule& culprit = program->rules.at(rule);
    std::string what = too_many ? "more than " + std::to_string(limits.max_facts) + " derived facts"
                                : "more than " + std::to_string(limits.max_memory_bytes >> 20) + " MB of derived facts";
    throw Error("evaluation stopped at " + what + " while applying rule " + culprit.id +
                    " (derived so far: " + std::to_string(derived) + ")",
                culprit.where,
                "a rule whose body joins atoms that share no variable makes a cross product: check the "
                "variables of rule " + culprit.id + (too_many ? "; or raise the limit with --max-facts"
                                                                 : "; or raise the limit with --max-memory"));
}

namespace {

class Evaluator {
public:
    explicit Evaluator(ModelState& state) : state_(state), program_(*state.program), tables_(state.program->tables) {}

    void run() {
        create_stores();
        load_base_facts();
        Stratification stratification = stratify(program_);
        for (const std::vector<std::string>& stratum : stratification.strata) run_stratum(stratum);
    }

private:
    void create_stores() {
        for (const RelationDecl& decl : program_.relations) {
            for (bool complement : {false, true}) {
                auto id = static_cast<std::uint32_t>(state_.stores.size());
                (complement ? state_.store_map.complement : state_.store_map.positive)[decl.name] = id;
                state_.stores.emplace_back(decl.arguments.size());
                state_.store_relation.push_back(decl.name);
                state_.store_complement.push_back(complement);
            }
        }
        state_.base_origin.resize(state_.stores.size());
    }

    void load_base_facts() {
        for (std::size_t f = 0; f < program_.facts.size(); ++f) {
            const Fact& fact = program_.facts[f];
            std::uint32_t store = state_.store_map.of(fact.relation, fact.complement);
            if (state_.stores[store].insert(fact.values.data()))
                state_.base_origin[store].push_back(static_cast<std::uint32_t>(f));
        }
        std::size_t global_row = 0;
        for (std::size_t t = 0; t < program_.tables.size(); ++t) {
            const FactTable& table = program_.tables[t];
            state_.table_starts.emplace_back(t, global_row);
            std::uint32_t store = state_.store_map.of(table.relation, false);
            RelationStore& relation = state_.stores[store];
            std::size_t rows = table.arity == 0 ? 0 : table.values.size() / table.arity;
            for (std::size_t r = 0; r < rows; ++r, ++global_row)
                if (relation.insert(table.values.data() + r * table.arity))
                    state_.base_origin[store].push_back(kTableOrigin | static_cast<std::uint32_t>(global_row));
        }
        // Table rows are in the stores now; proofs cite them by file and row number.
        for (FactTable& table : tables_) std::vector<Value>().swap(table.values);
        for (RelationStore& store : state_.stores) store.record_step(0);
    }

    void run_stratum(const std::vector<std::string>& relations) {
        std::set<std::uint32_t> members;
        for (const std::string& name : relations) {
            auto positive = state_.store_map.positive.find(name);
            if (positive == state_.store_map.positive.end()) continue;  // undeclared (rejected earlier)
            members.insert(positive->second);
            members.insert(state_.store_map.complement.at(name));
        }
        std::vector<std::size_t> strict, defeasible;
        for (std::size_t r = 0; r < program_.rules.size(); ++r) {
            const Rule& rule = program_.rules[r];
            if (!members.count(state_.store_map.of(rule.head.relation, rule.head.complement))) continue;
            (rule.strength == Strength::strict ? strict : defeasible).push_back(r);
        }
        bool reads_defeasible = false;
        for (std::size_t r : strict)
            for (const Literal& literal : program_.rules[r].body)
                if (literal.kind == Literal::Kind::positive &&
                    state_.stores[state_.store_map.of(literal.atom.relation, literal.atom.complement)].has_defeasible_rows())
                    reads_defeasible = true;
        bool two_passes = !strict.empty() && (reads_defeasible || !defeasible.empty());
        // Pass 1: what holds strictly (from definite facts only).
        if (!strict.empty()) run_strict(members, strict, two_passes, false);
        if (!defeasible.empty()) {
            settle_defeasible(state_, defeasible);
            for (std::uint32_t store : members) state_.stores[store].record_step(++step_);
        }
        // Pass 2: strict rules applied to defeasible conclusions conclude defeasibly.
        if (two_passes) run_strict(members, strict, false, true);
    }

    void run_strict(const std::set<std::uint32_t>& members, const std::vector<std::size_t>& rules,
                    bool definite_only, bool mark_defeasible) {
        std::vector<RelationStore>& stores = state_.stores;
        std::vector<Plan> once, first_round, deltas;
        for (std::size_t r : rules) {
            const Rule& rule = program_.rules[r];
            std::vector<int> recursive;
            for (std::size_t l = 0; l < rule.body.size(); ++l)
                if (rule.body[l].kind == Literal::Kind::positive &&
                    members.count(state_.store_map.of(rule.body[l].atom.relation, rule.body[l].atom.complement)))
                    recursive.push_back(static_cast<int>(l));
            if (recursive.empty()) {
                once.push_back(compile_plan(program_, r, -1, state_.store_map, stores));
                continue;
            }
            // Round one reads everything (the first recursive atom's delta is its whole relation).
            first_round.push_back(compile_plan(program_, r, recursive.front(), state_.store_map, stores));
            for (int l : recursive) deltas.push_back(compile_plan(program_, r, l, state_.store_map, stores));
        }
        for (RelationStore& store : stores) store.update_indexes();
        std::vector<Row> limit(stores.size()), delta_begin(stores.size(), 0);
        for (std::size_t s = 0; s < stores.size(); ++s) limit[s] = stores[s].size();
        JoinContext context{stores, state_.constants, state_.builtins, limit, delta_begin, definite_only, ~0u};
        // Conclusions are inserted in batches, so that the row set's cache misses overlap.
        constexpr std::size_t kBatch = 32;
        std::vector<Value> batch;
        auto run = [&](const Plan& plan) {
            RelationStore& target = stores[plan.head_store];
            std::size_t arity = plan.head.size();
            batch.resize(kBatch * std::max<std::size_t>(arity, 1));
            std::size_t pending = 0;
            auto flush = [&] {
                Row before = target.size();
                state_.count_derived(plan.rule, target.insert_batch(batch.data(), pending));
                if (mark_defeasible)
                    for (Row row = before; row < target.size(); ++row) target.mark_defeasible(row);
                pending = 0;
            };
            run_join(plan, context, [&](const std::vector<Value>& slots) {
                Value* head = batch.data() + pending * arity;
                for (std::size_t i = 0; i < arity; ++i)
                    head[i] = plan.head[i].variable ? slots[plan.head[i].slot] : plan.head[i].value;
                if (++pending == kBatch) flush();
                return false;
            });
            flush();
        };
        for (const Plan& plan : once) run(plan);
        for (const Plan& plan : first_round) run(plan);
        while (true) {
            bool grew = false;
            for (std::uint32_t s : members) {
                stores[s].record_step(++step_);
                if (stores[s].size() > limit[s]) grew = true;
            }
            if (!grew || deltas.empty()) break;
            for (std::uint32_t s : members) {
                delta_begin[s] = limit[s];
                limit[s] = stores[s].size();
                stores[s].update_indexes();
            }
            for (const Plan& plan : deltas) run(plan);
        }
    }

    ModelState& state_;
    const Program& program_;
    std::vector<FactTable>& tables_;
    std::uint32_t step_ = 0;
};

}  // namespace

void evaluate_program(ModelState& state) { Evaluator(state).run(); }

}  // namespace treatykb::engine::detail
