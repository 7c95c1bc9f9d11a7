// treatykb/engine/datalog/decimal_digits.hpp — the exact value of a run of decimal digits.
//
// One place turns digits into an exact rational for the rule engine's decimals (value.cpp) and
// the voting-power tables' shares (analysis/power.cpp): Boost's cpp_int reads a leading 0 as an
// octal prefix ("025" would be 21, "089" throws), so the digits reach it without their leading
// zeros.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <string_view>

namespace treatykb::engine {

// `digits` (only 0-9, at least one) with the last `decimals` of them after the decimal point:
// ("0215", 1) is 21.5. Throws std::invalid_argument for an empty run or another character.
boost::multiprecision::cpp_rational decimal_rational(std::string_view digits, std::size_t decimals);

} // namespace treatykb::engine
