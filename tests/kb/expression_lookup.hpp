// Lookups in a parsed expression, shared by the parser tests of tests/kb: one provision by its eId,
// and the text of a provision and its descendants as the store joins it.
#pragma once

#include <set>
#include <string>

#include "kb/model.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb::testing {

inline const Provision* find(const Expression& expression, const std::string& eid) {
    for (const auto& provision : expression.provisions)
        if (provision.eid == eid) return &provision;
    return nullptr;
}

// Own and descendants' text, as the store joins it (whitespace folded).
inline std::string text_below(const Expression& expression, const std::string& eid) {
    std::set<std::string> inside{eid};
    std::string out;
    for (const auto& provision : expression.provisions) {
        if (provision.eid != eid && !inside.count(provision.parent_eid)) continue;
        inside.insert(provision.eid);
        if (!provision.text.empty()) out += (out.empty() ? "" : "\n") + provision.text;
    }
    return fold_whitespace(out);
}

}  // namespace treatykb::testing
