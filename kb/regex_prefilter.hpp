// treatykb/kb/regex_prefilter.hpp — literal prefilters of the coder's regular expressions
// (docs/coding.md, "Prefilters").
//
// From a Perl-syntax expression, derive_prefilter() reads strings that every match must contain:
// a conjunction of disjunctions ("the text holds 'shall' and one of 'pursue', 'conduct'"), each
// literal folded character by character with u_tolower, the mapping Boost's case-insensitive ICU
// matcher compares literals with. A text (folded the same way) that lacks them cannot match, so the
// regex need not run there. The derivation is conservative: any construct it does not read (a
// conditional, recursion, \Q...\E, free-spacing mode) gives no prefilter, never a wrong one.
//
// LiteralIndex finds every occurrence of many literals in one pass over a folded text, so that the
// condition of each rule can then be checked in any range of it (a sentence) without searching.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace treatykb::coding {

// Every match contains, for each entry, at least one of its literals. Empty: no condition.
using Prefilter = std::vector<std::vector<std::u32string>>;

// The prefilter of a Perl-syntax expression (UTF-8), literals of at least `min_length` code points.
Prefilter derive_prefilter(std::string_view pattern, std::size_t min_length = 3);

// A code point mapped with u_tolower; a text, code point by code point.
char32_t fold_case(char32_t c);
std::u32string fold_case(std::u32string_view text);
// The code points of UTF-8 text, each mapped with u_tolower.
std::u32string fold_case_utf8(std::string_view text);

// Whether `folded` satisfies `prefilter` (plain substring search; for short texts).
bool satisfies(const Prefilter& prefilter, std::u32string_view folded);

// Where the literals of a LiteralIndex occur in one text: at[id] holds their start positions in
// ascending order.
struct LiteralHits {
    std::vector<std::vector<std::uint32_t>> at;
    std::vector<std::size_t> touched;  // the ids with a hit, so that the next scan clears only those
};

class LiteralIndex {
public:
    // The id of a literal of three code points or more (shorter ones are a std::invalid_argument),
    // the same id for the same literal.
    std::size_t add(const std::u32string& literal);
    std::size_t size() const { return literals_.size(); }
    std::size_t length(std::size_t id) const { return literals_[id].size(); }

    // Every occurrence of every literal in `folded` (overlapping ones included), replacing `hits`.
    void scan(std::u32string_view folded, LiteralHits& hits) const;

private:
    // A hash of the first three code points.
    static std::uint64_t key(char32_t a, char32_t b, char32_t c) {
        return ((std::uint64_t{a} * 0x9E3779B97F4A7C15ULL) ^ (std::uint64_t{b} * 0xC2B2AE3D27D4EB4FULL) ^
                (std::uint64_t{c} * 0x165667B19E3779F9ULL));
    }
    static constexpr unsigned kFilterBits = 18;
    std::vector<std::u32string> literals_;
    std::unordered_map<std::u32string, std::size_t> ids_;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_prefix_;  // key() -> ids
    std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>((1u << kFilterBits) / 64, 0);
};

// A prefilter as literal ids of one index, checked against the hits of one scan.
class IndexedPrefilter {
public:
    IndexedPrefilter() = default;
    IndexedPrefilter(const Prefilter& prefilter, LiteralIndex& index);

    bool empty() const { return all_.empty(); }
    // Whether every entry has a literal occurring wholly inside [begin, end).
    bool satisfied(const LiteralIndex& index, const LiteralHits& hits, std::size_t begin, std::size_t end) const;

private:
    std::vector<std::vector<std::size_t>> all_;
};

}  // namespace treatykb::coding
