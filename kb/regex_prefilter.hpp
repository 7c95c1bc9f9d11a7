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

// Code points, each mapped with u_tolower.
std::u32string fold_case(std::u32string_view text);

// Whether `folded` satisfies `prefilter` (plain substring search; for short texts).
bool satisfies(const Prefilter& prefilter, std::u32string_view folded);

class LiteralIndex {
public:
    // The id of a literal (two code points or more), added once.
    std::size_t add(const std::u32string& literal);
    std::size_t size() const { return literals_.size(); }
    std::size_t length(std::size_t id) const { return literals_[id].size(); }

    // Where each literal starts in `folded`, ascending; hits[id] is cleared first for every id.
    void scan(std::u32string_view folded, std::vector<std::vector<std::uint32_t>>& hits) const;

private:
    static std::uint64_t key(char32_t a, char32_t b) { return (std::uint64_t{a} << 32) | b; }
    std::vector<std::u32string> literals_;
    std::unordered_map<std::u32string, std::size_t> ids_;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_pair_;  // first two code points
    std::vector<std::uint64_t> pair_filter_ = std::vector<std::uint64_t>(1024, 0);  // 65,536 bits
};

// A prefilter as literal ids of one index, checked against the hits of one scan.
class IndexedPrefilter {
public:
    IndexedPrefilter() = default;
    IndexedPrefilter(const Prefilter& prefilter, LiteralIndex& index);

    bool empty() const { return all_.empty(); }
    // Whether every entry has a literal occurring wholly inside [begin, end).
    bool satisfied(const LiteralIndex& index, const std::vector<std::vector<std::uint32_t>>& hits,
                   std::size_t begin, std::size_t end) const;

private:
    std::vector<std::vector<std::size_t>> all_;
};

}  // namespace treatykb::coding
