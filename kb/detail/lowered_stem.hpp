// treatykb/kb/detail/lowered_stem.hpp — where a case-insensitive ICU expression cannot match,
// judged by the word its every match begins with (detail of the reference finder).
//
// Boost's case-insensitive ICU matcher (boost::u32regex with regex::icase) compares the text
// code point by code point, each lowered with u_tolower. starts_with_any_lowered compares stems
// the same way, so that a stem that is not there proves that an expression beginning with it
// cannot match there, and the expression need not be tried.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace treatykb::detail {

// Whether the UTF-8 `text` at byte `at` begins with one of `stems` (lower case, as u_tolower
// gives them; none empty), each code point of the text lowered with u_tolower. Invalid UTF-8
// there: true (let the expression decide).
bool starts_with_any_lowered(std::string_view text, std::size_t at,
                             std::span<const std::u32string_view> stems);

} // namespace treatykb::detail
