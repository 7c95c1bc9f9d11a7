#include "cli/provision_lookup.hpp"

#include <algorithm>
#include <vector>

#include "kb/citation.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                               diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::string require_provision(const Store& store, const std::string& alias,
                              const std::string& reference, const std::string& lang) {
    if (!store.has_expression(alias, lang))
        throw Error("\"" + alias + "\" has no " + lang + " expression");
    if (auto eid = store.resolve_reference(alias, reference, lang))
        return *eid;
    // What the user meant, as an eId ("470" -> art_470), compared with every stored eId.
    ParsedReference parsed = parse_reference(reference);
    std::string wanted = parsed.root;
    for (const auto& part : parsed.parts)
        wanted += "__" + part;
    std::string closest;
    std::size_t best = static_cast<std::size_t>(-1);
    // Ties go to the eId sharing the longer beginning with what was asked ("470": art_47, not
    // art_40).
    auto common = [&](const std::string& eid) {
        std::size_t n = 0;
        while (n < eid.size() && n < wanted.size() && eid[n] == wanted[n])
            ++n;
        return n;
    };
    for (const auto& p : store.provisions(alias, lang)) {
        std::size_t distance = edit_distance(wanted, p.eid);
        if (distance < best || (distance == best && common(p.eid) > common(closest))) {
            best = distance;
            closest = p.eid;
        }
    }
    std::string message = "no provision \"" + reference + "\" in " + alias + " (" + lang + ")";
    if (!closest.empty())
        message += "; closest: " + closest + " (" + store.citation(alias, closest) + ")";
    throw Error(message);
}

} // namespace treatykb::cli
