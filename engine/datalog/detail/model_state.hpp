// treatykb/engine/model_state.hpp — what a Model holds (detail): the stores of every relation
// and of its complement, where base facts came from, and the defeasible decisions.
#pragma once

#include <map>
#include <unordered_map>

#include "engine/datalog/detail/join.hpp"
#include "engine/datalog/model.hpp"

namespace treatykb::engine::detail {

inline constexpr Value kNoValue = 0xFFFFFFFFu;
// Base-row origin: an index into Program::facts, or (with the high bit) a global table row.
inline constexpr std::uint32_t kTableOrigin = 0x80000000u;

// One applicable instance of a defeasible rule or defeater. Its variable values (by the slots of
// the rule's instance plan) live in ModelState::instance_values: a million instances cost a few
// tens of megabytes, not a million allocations.
struct RuleInstance {
    std::size_t rule = 0;
    std::uint32_t store = 0;  // the store of the literal it concludes
    std::size_t first = 0;    // its first slot value in ModelState::instance_values
    Value source = kNoValue;
    Value domain = kNoValue;
};

struct DefeatRecord {
    std::size_t attacker;  // instance
    std::size_t winner;    // instance
    Criterion criterion;
};

struct Decision {
    std::size_t instance;
    std::vector<DefeatRecord> defeats;
};

struct ConflictRecord {
    std::uint32_t positive_store, complement_store;
    std::vector<Value> values;
    std::vector<std::size_t> supporting, opposing;
    std::string reason;
};

struct ModelState {
    explicit ModelState(Program&& source)
        : program(std::make_shared<Program>(std::move(source))), constants(*program->constants), builtins(constants) {}

    std::shared_ptr<Program> program;  // its tables are emptied once loaded (rows live in stores)
    ConstantPool constants;  // the program's, plus what built-ins intern
    Builtins builtins;
    StoreMap store_map;
    std::vector<RelationStore> stores;
    std::vector<std::string> store_relation;
    std::vector<bool> store_complement;
    std::vector<std::vector<std::uint32_t>> base_origin;  // per store, per base row
    std::vector<std::pair<std::size_t, std::size_t>> table_starts;  // (table, first global row)

    std::vector<RuleInstance> instances;
    std::vector<Value> instance_values;
    const Value* slots_of(const RuleInstance& instance) const { return instance_values.data() + instance.first; }
    std::vector<Value> head_of(const RuleInstance& instance) const;
    std::map<std::size_t, Plan> instance_plans;  // rule -> the plan its instances were found by
    // rule -> the plan a proof runs with the rule's head bound (provenance.cpp). Compiled on a
    // rule's first proof and kept: the stores no longer change once the model is evaluated.
    std::unordered_map<std::size_t, Plan> proof_plans;
    // What every proof of a derived row reads, set up on the first proof (provenance.cpp): the
    // strict rules concluding into each store, and the stores' sizes (every row visible).
    std::vector<std::vector<std::size_t>> strict_rules_by_store;
    std::vector<Row> proof_limit, proof_delta_begin;
    std::unordered_map<std::uint64_t, Decision> decisions;  // (store << 32 | row) -> decision
    std::vector<ConflictRecord> conflicts;

    std::string render(std::uint32_t store, const Value* values) const;

    // Model::all: every fact of a store, in query() order, kept with the row count it was read at.
    std::map<std::uint32_t, std::pair<Row, std::vector<FactView>>> all_rows;

    EvaluationLimits limits;
    std::size_t derived = 0;  // rows and rule instances added by rules so far
    // Counts `added` more derived rows or instances of `rule`; throws treatykb::Error naming the
    // rule when a limit is passed (evaluator.cpp).
    void count_derived(std::size_t rule, std::size_t added);
};

inline std::uint64_t decision_key(std::uint32_t store, Row row) { return (std::uint64_t(store) << 32) | row; }

// Stages, each in its own file.
void evaluate_program(ModelState& state);                       // evaluator.cpp
void settle_defeasible(ModelState& state, const std::vector<std::size_t>& rules);  // defeasible.cpp
ProofNode prove(ModelState& state, std::uint32_t store, Row row);  // provenance.cpp
RuleInstanceView instance_view(ModelState& state, std::size_t instance);  // provenance.cpp

}  // namespace treatykb::engine::detail
