// treatykb/kb/detail/matches_at_words.hpp — the matches of an expression that begins with a
// literal word, found by looking for the words first (detail of the reference finder and
// resolver).
//
// An expression tried by u32regex_search or u32regex_iterator is tried at every code point of the
// text, converted from UTF-8 as it goes. Where every match of an expression begins with one of a
// few words, written case-sensitively (no regex::icase), matches can start only where those bytes
// occur: memmem finds them, and the expression is tried, anchored, there alone. The result is the
// same, match for match.
#pragma once

#include <boost/regex/icu.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace treatykb::detail {

using TextMatch = boost::match_results<std::string::const_iterator>;

// text.find(word, from) by glibc's memmem: std::string::find looks for the word's first byte with
// memchr and compares at each place it finds, and in a Russian text the first byte of a Cyrillic
// word is the lead byte of nearly every letter.
std::size_t find_bytes(std::string_view text, std::string_view word, std::size_t from = 0);

// What u32regex_iterator over [text.begin(), text.begin() + end) yields for `expression`, each of
// whose matches begins with one of `words` (their UTF-8 bytes, as the expression writes them,
// case-sensitively) and which does not look before its start (no look-behind, no \b or ^ at its
// start).
std::vector<TextMatch> matches_at_words(const std::string& text, std::size_t end,
                                        const boost::u32regex& expression,
                                        std::span<const std::string_view> words);

} // namespace treatykb::detail
