// treatykb/engine/relation_store.hpp — the tuples of one relation (detail of the evaluator).
//
// Rows are appended to one flat array of Values and never move or disappear, so a row is named by
// its number and "the rows added in the last iteration" (the semi-naive delta) is a range. A
// hash set of row numbers (open addressing, keyed by the row's content) removes duplicates; hash
// indexes on chosen column sets chain the rows sharing a key. Indexes are brought up to date
// between iterations, so a join reads exactly the rows that existed when the iteration began.
// Nothing here allocates per tuple except amortised array growth.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/datalog/value.hpp"

namespace treatykb::engine::detail {

using Row = std::uint32_t;
inline constexpr Row kNoRow = 0xFFFFFFFFu;

class RelationStore {
public:
    explicit RelationStore(std::size_t arity) : arity_(arity) {}

    std::size_t arity() const { return arity_; }
    Row size() const { return rows_; }
    const Value* row(Row r) const {
        return chunks_[r >> kChunkBits].data() + static_cast<std::size_t>(r & kChunkMask) * arity_;
    }
    Value at(Row r, std::size_t column) const { return row(r)[column]; }

    // Appends the tuple unless present; returns true when it was new.
    bool insert(const Value* tuple);
    Row find(const Value* tuple) const;  // kNoRow when absent
    // Inserts `count` tuples (row-major); returns how many were new. Hashes and prefetches the
    // slots of the whole batch first, so that the cache misses overlap instead of queueing.
    std::size_t insert_batch(const Value* tuples, std::size_t count);
    bool contains(const Value* tuple) const { return find(tuple) != kNoRow; }

    // Hash index on `columns` (a row's key is its values there). Returns the index number.
    std::size_t index_on(const std::vector<std::uint32_t>& columns);
    const std::vector<std::uint32_t>& index_columns(std::size_t index) const { return indexes_[index].columns; }
    // Indexes every row not yet indexed (call between iterations).
    void update_indexes();
    // First row whose key equals `key` (values for the index's columns, in order), then next().
    Row first_match(std::size_t index, const Value* key) const;
    Row next_match(std::size_t index, Row row) const { return indexes_[index].next[row]; }

    // Rows concluded only defeasibly (absent: every row is definite).
    bool is_defeasible(Row r) const { return r < defeasible_.size() && defeasible_[r]; }
    void mark_defeasible(Row r);
    bool has_defeasible_rows() const { return !defeasible_.empty(); }

    // Bytes held by the rows, the row set, the indexes and the history (capacities).
    std::size_t memory_bytes() const;

    // Evaluation history: the global step at which rows [previous end, end) were added.
    void record_step(std::uint32_t step);
    std::uint32_t step_of(Row r) const;

private:
    struct Index {
        std::vector<std::uint32_t> columns;
        std::vector<Row> heads;  // open addressing; stores row + 1 (0 = empty)
        std::vector<Row> next;   // per row: the next row with the same key
        std::size_t keys = 0;
        Row indexed = 0;
    };
    std::uint64_t hash_row(const Value* tuple) const;
    std::uint64_t hash_key(const Index& index, const Value* key) const;
    bool key_equals(const Index& index, Row row, const Value* key) const;
    void grow_set();
    void insert_into_index(Index& index, Row row);
    void grow_index(Index& index);

    // Rows live in fixed-size chunks: growing never copies them, and never holds twice the memory.
    static constexpr unsigned kChunkBits = 16;
    static constexpr Row kChunkMask = (Row(1) << kChunkBits) - 1;
    bool same_row(const Value* tuple, Row r) const {
        const Value* values = row(r);
        for (std::size_t i = 0; i < arity_; ++i)
            if (values[i] != tuple[i]) return false;
        return true;
    }

    std::size_t arity_;
    Row rows_ = 0;
    std::vector<std::vector<Value>> chunks_;
    // The row set: open addressing, 4 bytes a slot. The low slot_bits_ bits hold row + 1 (0 =
    // empty), the bits above a fingerprint of the row's hash, so that a probe rarely has to read
    // a row (a cache miss) to find out it is not the one.
    std::vector<std::uint32_t> slots_;
    unsigned slot_bits_ = 0;
    // The home slot comes from the hash's high 32 bits scaled to the capacity (which need not be a
    // power of two: the set grows by 3/2 and fills to 7/8), the fingerprint from its low bits.
    std::size_t home(std::uint64_t hash) const {
        return static_cast<std::size_t>(((hash >> 32) * slots_.size()) >> 32);
    }
    std::size_t next_slot(std::size_t slot) const { return slot + 1 == slots_.size() ? 0 : slot + 1; }
    std::uint32_t fingerprint(std::uint64_t hash) const {
        return slot_bits_ >= 32 ? 0 : static_cast<std::uint32_t>(hash) & ((1u << (32 - slot_bits_)) - 1);
    }
    std::uint32_t row_mask() const { return slot_bits_ >= 32 ? ~0u : (1u << slot_bits_) - 1; }
    std::vector<Index> indexes_;
    std::vector<std::uint8_t> defeasible_;
    std::vector<std::pair<std::uint32_t, Row>> steps_;  // (step, end row)
};

}  // namespace treatykb::engine::detail
