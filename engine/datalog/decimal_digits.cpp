#include "engine/datalog/decimal_digits.hpp"

#include <stdexcept>
#include <string>

namespace treatykb::engine {

boost::multiprecision::cpp_rational decimal_rational(std::string_view digits, std::size_t decimals) {
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
        throw std::invalid_argument("not a run of decimal digits: " + std::string(digits));
    const std::size_t significant = digits.find_first_not_of('0');
    const std::string_view value =
        significant == std::string_view::npos ? std::string_view("0") : digits.substr(significant);
    boost::multiprecision::cpp_int denominator = 1;
    for (std::size_t i = 0; i < decimals; ++i)
        denominator *= 10;
    return {boost::multiprecision::cpp_int(std::string(value)), denominator};
}

} // namespace treatykb::engine
