// treatykb/kb/coding_regex.hpp — the compiled form of a coding pattern (detail of the coder).
#pragma once

#include <boost/regex/icu.hpp>

#include "kb/coding_rules.hpp"

namespace treatykb::coding {

struct CompiledRegex {
    boost::u32regex regex;
};

}  // namespace treatykb::coding
