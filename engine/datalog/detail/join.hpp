// treatykb/engine/join.hpp — runs a compiled Plan (detail of the evaluator).
//
// A nested-loop join over hash-index lookups: each step either scans a row range, follows an
// index chain, or tests a negation/comparison/built-in; values go into integer slots. The sink
// receives the slots of every complete match and returns true to stop early (proof search).
#pragma once

#include <limits>
#include <unordered_map>
#include <vector>

#include "engine/datalog/detail/plan.hpp"

namespace treatykb::engine::detail {

// instrument_of and article_of, computed once per provision.
class Builtins {
public:
    explicit Builtins(ConstantPool& constants) : constants_(constants) {}
    Value instrument_of(Value provision);
    Value article_of(Value provision);

private:
    ConstantPool& constants_;
    std::unordered_map<Value, Value> instrument_, article_;
};

struct JoinContext {
    std::vector<RelationStore>& stores;
    ConstantPool& constants;
    Builtins& builtins;
    const std::vector<Row>& limit;        // per store: rows [0, limit) are visible
    const std::vector<Row>& delta_begin;  // per store: the delta is [delta_begin, limit)
    bool definite_only = false;           // skip rows concluded only defeasibly
    std::uint32_t step_limit = std::numeric_limits<std::uint32_t>::max();  // proof search
};

bool compare_values(const ConstantPool& constants, Comparison comparison, Value left, Value right);

template <typename Sink>
class Join {
public:
    Join(const Plan& plan, JoinContext& context, Sink& sink)
        : plan_(plan), context_(context), sink_(sink), slots_(plan.slot_count + 1) {}

    // Runs with the first `preset.size()` slots already bound. Returns true if the sink stopped.
    bool run(const std::vector<Value>& preset = {}) {
        std::copy(preset.begin(), preset.end(), slots_.begin());
        return step(0);
    }

private:
    Value value_of(const Operand& operand) const { return operand.variable ? slots_[operand.slot] : operand.value; }

    bool visible(const RelationStore& store, Row row) const {
        if (context_.definite_only && store.is_defeasible(row)) return false;
        if (context_.step_limit != std::numeric_limits<std::uint32_t>::max() &&
            store.step_of(row) >= context_.step_limit)
            return false;
        return true;
    }

    bool accept_row(const Step& s, const RelationStore& store, Row row, std::size_t next) {
        if (!visible(store, row)) return false;
        for (const auto& [column, operand] : s.checks)
            if (store.at(row, column) != value_of(operand)) return false;
        // Repeated unbound variables in one atom: the first binds, the rest must agree.
        for (const auto& [column, first] : s.same)
            if (store.at(row, column) != store.at(row, first)) return false;
        for (const auto& [column, slot] : s.binds) slots_[slot] = store.at(row, column);
        return step(next);
    }

    bool step(std::size_t i) {
        if (i == plan_.steps.size()) return sink_(slots_);
        const Step& s = plan_.steps[i];
        RelationStore& store = context_.stores[s.store];
        switch (s.kind) {
            case Step::Kind::scan: {
                Row end = context_.limit[s.store];
                for (Row row = s.delta ? context_.delta_begin[s.store] : 0; row < end; ++row)
                    if (accept_row(s, store, row, i + 1)) return true;
                return false;
            }
            case Step::Kind::lookup: {
                Value key[16];
                for (std::size_t k = 0; k < s.key.size(); ++k) key[k] = value_of(s.key[k]);
                for (Row row = store.first_match(s.index, key); row != kNoRow; row = store.next_match(s.index, row))
                    if (accept_row(s, store, row, i + 1)) return true;
                return false;
            }
            case Step::Kind::negation: {
                if (s.full_tuple) {
                    Value tuple[64];
                    for (std::size_t k = 0; k < s.key.size(); ++k) tuple[k] = value_of(s.key[k]);
                    if (store.contains(tuple)) return false;
                } else if (s.index == static_cast<std::size_t>(-1)) {
                    if (store.size() > 0) return false;
                } else {
                    Value key[16];
                    for (std::size_t k = 0; k < s.key.size(); ++k) key[k] = value_of(s.key[k]);
                    if (store.first_match(s.index, key) != kNoRow) return false;
                }
                return step(i + 1);
            }
            case Step::Kind::comparison:
                if (!compare_values(context_.constants, s.comparison, value_of(s.left), value_of(s.right)))
                    return false;
                return step(i + 1);
            case Step::Kind::builtin: {
                Value input = value_of(s.left);
                if (context_.constants.type(input) != Type::provision) return false;
                Value output = s.article ? context_.builtins.article_of(input) : context_.builtins.instrument_of(input);
                if (s.binds_output) slots_[s.right.slot] = output;
                else if (value_of(s.right) != output) return false;
                return step(i + 1);
            }
        }
        return false;
    }

    const Plan& plan_;
    JoinContext& context_;
    Sink& sink_;
    std::vector<Value> slots_;
};

template <typename Sink>
bool run_join(const Plan& plan, JoinContext& context, Sink&& sink, const std::vector<Value>& preset = {}) {
    return Join<std::remove_reference_t<Sink>>(plan, context, sink).run(preset);
}

}  // namespace treatykb::engine::detail
