// treatykb/engine/plan.hpp — a rule compiled for the evaluator (detail).
//
// Variables become numbered slots. Body atoms are ordered by what is bound when they are reached
// (greedy: an atom sharing bound variables first, then the most bound positions, then the smaller
// relation), so a rule runs fast however its body is written; the semi-naive delta atom goes
// first. Each atom with bound positions is a lookup in a hash index on exactly those columns.
// Negations, comparisons and built-ins run as soon as their variables are bound.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/datalog/program.hpp"
#include "engine/datalog/detail/relation_store.hpp"

namespace treatykb::engine::detail {

struct Operand {
    bool variable = false;
    std::uint32_t slot = 0;  // variable slot
    Value value = 0;         // constant
};

struct Step {
    enum class Kind : std::uint8_t { scan, lookup, negation, comparison, builtin };
    Kind kind = Kind::scan;
    int literal = -1;          // index into the rule body
    std::uint32_t store = 0;   // relation store
    bool delta = false;        // scan the delta range only
    std::size_t index = 0;     // lookup / partial negation index
    bool full_tuple = false;   // negation with every column bound: a set probe
    std::vector<Operand> key;  // lookup key, or the whole tuple for a full negation
    std::vector<std::pair<std::uint32_t, std::uint32_t>> binds;   // (column, slot)
    std::vector<std::pair<std::uint32_t, Operand>> checks;        // (column, must equal)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> same;    // columns sharing a new variable
    Comparison comparison = Comparison::equal;
    Operand left, right;        // comparison; builtin: left = input, right = output
    bool binds_output = false;  // builtin output is a fresh variable
    bool article = false;       // builtin: article_of (else instrument_of)
};

struct Plan {
    std::size_t rule = 0;
    int delta_literal = -1;  // -1: no delta (all atoms read the full relations)
    std::vector<Step> steps;
    std::uint32_t head_store = 0;
    std::vector<Operand> head;
    std::size_t slot_count = 0;
    std::map<std::string, std::uint32_t> slots;  // variable name -> slot
};

// Maps a relation name (and complement flag) to its store number.
struct StoreMap {
    std::map<std::string, std::uint32_t, std::less<>> positive, complement;
    std::uint32_t of(const std::string& relation, bool is_complement) const {
        return (is_complement ? complement : positive).find(relation)->second;
    }
};

// Compiles `rule`; `prebound` variables (proof search: the head's) count as bound from the start
// and take the first slots in order. Creates the indexes the plan needs.
Plan compile_plan(const Program& program, std::size_t rule, int delta_literal, const StoreMap& stores,
                  std::vector<RelationStore>& relation_stores, const std::vector<std::string>& prebound = {});

}  // namespace treatykb::engine::detail
