#include "engine/datalog/program.hpp"

#include <algorithm>

namespace treatykb::engine {

std::string_view strength_name(Strength strength) {
    switch (strength) {
        case Strength::strict: return "strict";
        case Strength::defeasible: return "defeasible";
        case Strength::defeater: return "defeater";
    }
    return "?";
}

std::string_view criterion_name(Criterion criterion) {
    switch (criterion) {
        case Criterion::explicit_override: return "explicit";
        case Criterion::lex_superior: return "lex_superior";
        case Criterion::lex_specialis: return "lex_specialis";
        case Criterion::lex_posterior: return "lex_posterior";
    }
    return "?";
}

std::optional<Criterion> criterion_from_name(std::string_view name) {
    for (Criterion criterion : all_criteria)
        if (criterion_name(criterion) == name) return criterion;
    return std::nullopt;
}

const RelationDecl* Program::relation(std::string_view name) const {
    auto it = std::find_if(relations.begin(), relations.end(),
                           [&](const RelationDecl& decl) { return decl.name == name; });
    return it == relations.end() ? nullptr : &*it;
}

const Rule* Program::rule(std::string_view id) const {
    auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) { return rule.id == id; });
    return it == rules.end() ? nullptr : &*it;
}

std::string Program::render(const Fact& fact) const {
    std::string out = (fact.complement ? "~" : "") + fact.relation + "(";
    for (std::size_t i = 0; i < fact.values.size(); ++i)
        out += (i ? ", " : "") + constants->render(fact.values[i]);
    return out + ")";
}

}  // namespace treatykb::engine
