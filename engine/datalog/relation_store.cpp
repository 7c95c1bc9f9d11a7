#include "engine/datalog/detail/relation_store.hpp"

#include <algorithm>

namespace treatykb::engine::detail {

namespace {
inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    return (h ^ v) * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
}
inline std::uint64_t finish(std::uint64_t h) {  // MurmurHash3's 64-bit finaliser
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
}
}  // namespace

std::uint64_t RelationStore::hash_row(const Value* tuple) const {
    std::uint64_t h = 0x12345;
    for (std::size_t i = 0; i < arity_; ++i) h = mix(h, tuple[i]);
    return finish(h);
}

std::uint64_t RelationStore::hash_key(const Index& index, const Value* key) const {
    std::uint64_t h = 0x12345;
    for (std::size_t i = 0; i < index.columns.size(); ++i) h = mix(h, key[i]);
    return finish(h);
}

Row RelationStore::find(const Value* tuple) const {
    if (slots_.empty()) return kNoRow;
    std::uint64_t hash = hash_row(tuple);
    std::uint32_t mask = row_mask(), print = fingerprint(hash);
    unsigned shift = slot_bits_ % 32;
    for (std::size_t slot = home(hash);; slot = next_slot(slot)) {
        std::uint32_t stored = slots_[slot];
        if ((stored & mask) == 0) return kNoRow;
        if ((stored >> shift) == print && same_row(tuple, (stored & mask) - 1)) return (stored & mask) - 1;
    }
}

namespace {
// Load limit of the row set: 7/8. Linear probing stays cheap because a probe compares the
// fingerprint in the slot, rarely the row.
bool over_load(std::size_t rows, std::size_t capacity) { return rows * 8 > capacity * 7; }
}  // namespace

void RelationStore::grow_set() {
    std::size_t capacity = std::max<std::size_t>(16, slots_.size() + slots_.size() / 2);
    while (over_load(static_cast<std::size_t>(rows_) + 1, capacity)) capacity += capacity / 2;
    slots_.assign(capacity, 0);
    slot_bits_ = 0;
    while ((std::size_t(1) << slot_bits_) <= capacity) ++slot_bits_;  // row + 1 <= capacity fits
    unsigned shift = slot_bits_;
    constexpr Row kAhead = 16;  // prefetch distance: overlap the random writes' cache misses
    for (Row r = 0; r < std::min(rows_, kAhead); ++r) __builtin_prefetch(&slots_[home(hash_row(row(r)))]);
    for (Row r = 0; r < rows_; ++r) {
        if (r + kAhead < rows_) __builtin_prefetch(&slots_[home(hash_row(row(r + kAhead)))]);
        std::uint64_t hash = hash_row(row(r));
        std::size_t slot = home(hash);
        while (slots_[slot] != 0) slot = next_slot(slot);
        slots_[slot] = (shift >= 32 ? 0 : fingerprint(hash) << shift) | (r + 1);
    }
}

bool RelationStore::insert(const Value* tuple) {
    if (slots_.empty() || over_load(static_cast<std::size_t>(rows_) + 1, slots_.size())) grow_set();
    std::uint64_t hash = hash_row(tuple);
    std::uint32_t mask = row_mask(), print = fingerprint(hash);
    unsigned shift = slot_bits_ % 32;
    std::size_t slot = home(hash);
    for (;; slot = next_slot(slot)) {
        std::uint32_t stored = slots_[slot];
        if ((stored & mask) == 0) break;
        if ((stored >> shift) == print && same_row(tuple, (stored & mask) - 1)) return false;
    }
    if ((rows_ & kChunkMask) == 0) {
        chunks_.emplace_back();
        chunks_.back().reserve((std::size_t(1) << kChunkBits) * arity_);
    }
    chunks_.back().insert(chunks_.back().end(), tuple, tuple + arity_);
    ++rows_;
    slots_[slot] = (slot_bits_ >= 32 ? 0 : print << slot_bits_) | rows_;
    return true;
}

std::size_t RelationStore::insert_batch(const Value* tuples, std::size_t count) {
    std::size_t before = rows_;
    if (!slots_.empty() && !over_load(static_cast<std::size_t>(rows_) + count, slots_.size()))
        for (std::size_t i = 0; i < count; ++i) __builtin_prefetch(&slots_[home(hash_row(tuples + i * arity_))]);
    for (std::size_t i = 0; i < count; ++i) insert(tuples + i * arity_);
    return rows_ - before;
}

std::size_t RelationStore::index_on(const std::vector<std::uint32_t>& columns) {
    for (std::size_t i = 0; i < indexes_.size(); ++i)
        if (indexes_[i].columns == columns) return i;
    indexes_.push_back(Index{columns, {}, {}, 0, 0});
    return indexes_.size() - 1;
}

bool RelationStore::key_equals(const Index& index, Row r, const Value* key) const {
    const Value* values = row(r);
    for (std::size_t i = 0; i < index.columns.size(); ++i)
        if (values[index.columns[i]] != key[i]) return false;
    return true;
}

void RelationStore::grow_index(Index& index) {
    std::size_t capacity = std::max<std::size_t>(16, index.heads.size() * 2);
    std::vector<Row> old = std::move(index.heads);
    index.heads.assign(capacity, 0);
    std::size_t mask = capacity - 1;
    Value key[16];
    for (Row head : old) {
        if (head == 0) continue;
        for (std::size_t i = 0; i < index.columns.size(); ++i) key[i] = at(head - 1, index.columns[i]);
        std::size_t slot = hash_key(index, key) & mask;
        while (index.heads[slot] != 0) slot = (slot + 1) & mask;
        index.heads[slot] = head;
    }
}

void RelationStore::insert_into_index(Index& index, Row r) {
    if ((index.keys + 1) * 2 > index.heads.size()) grow_index(index);
    Value key[16];
    for (std::size_t i = 0; i < index.columns.size(); ++i) key[i] = at(r, index.columns[i]);
    std::size_t mask = index.heads.size() - 1;
    for (std::size_t slot = hash_key(index, key) & mask;; slot = (slot + 1) & mask) {
        Row head = index.heads[slot];
        if (head == 0) {
            index.heads[slot] = r + 1;
            index.next[r] = kNoRow;
            ++index.keys;
            return;
        }
        if (key_equals(index, head - 1, key)) {
            index.next[r] = head - 1;  // newest first
            index.heads[slot] = r + 1;
            return;
        }
    }
}

void RelationStore::update_indexes() {
    for (Index& index : indexes_) {
        if (index.indexed == rows_) continue;
        index.next.resize(rows_, kNoRow);
        for (Row r = index.indexed; r < rows_; ++r) insert_into_index(index, r);
        index.indexed = rows_;
    }
}

Row RelationStore::first_match(std::size_t which, const Value* key) const {
    const Index& index = indexes_[which];
    if (index.heads.empty()) return kNoRow;
    std::size_t mask = index.heads.size() - 1;
    for (std::size_t slot = hash_key(index, key) & mask;; slot = (slot + 1) & mask) {
        Row head = index.heads[slot];
        if (head == 0) return kNoRow;
        if (key_equals(index, head - 1, key)) return head - 1;
    }
}

void RelationStore::mark_defeasible(Row r) {
    if (defeasible_.size() < rows_) defeasible_.resize(rows_, 0);
    defeasible_[r] = 1;
}

void RelationStore::record_step(std::uint32_t step) {
    Row previous = steps_.empty() ? 0 : steps_.back().second;
    if (rows_ > previous) steps_.emplace_back(step, rows_);
}

std::uint32_t RelationStore::step_of(Row r) const {
    auto it = std::upper_bound(steps_.begin(), steps_.end(), r,
                               [](Row row, const std::pair<std::uint32_t, Row>& s) { return row < s.second; });
    return it == steps_.end() ? 0xFFFFFFFFu : it->first;
}

std::size_t RelationStore::memory_bytes() const {
    std::size_t bytes = slots_.capacity() * sizeof(std::uint32_t) + defeasible_.capacity() +
                        steps_.capacity() * sizeof(steps_[0]);
    for (const auto& chunk : chunks_) bytes += chunk.capacity() * sizeof(Value);
    for (const Index& index : indexes_)
        bytes += (index.heads.capacity() + index.next.capacity()) * sizeof(Row) +
                 index.columns.capacity() * sizeof(std::uint32_t);
    return bytes;
}

}  // namespace treatykb::engine::detail
