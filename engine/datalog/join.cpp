#include "engine/datalog/detail/join.hpp"

namespace treatykb::engine::detail {

Value Builtins::instrument_of(Value provision) {
    auto [it, added] = instrument_.emplace(provision, 0);
    if (added) {
        const std::string& reference = constants_.text(provision);
        it->second = constants_.symbol(reference.substr(0, reference.find('#')));
    }
    return it->second;
}

// The article-level provision is the first component of the eId (Akoma Ntoso naming):
// eaeu#art_47__para_1 -> eaeu#art_47, eaeu#annex_7__point_50 -> eaeu#annex_7.
Value Builtins::article_of(Value provision) {
    auto [it, added] = article_.emplace(provision, 0);
    if (added) {
        const std::string& reference = constants_.text(provision);
        std::size_t hash = reference.find('#');
        std::size_t nested = reference.find("__", hash);
        it->second = constants_.provision(reference.substr(0, nested));
    }
    return it->second;
}

bool compare_values(const ConstantPool& constants, Comparison comparison, Value left, Value right) {
    if (comparison == Comparison::equal && constants.type(left) == constants.type(right)) return left == right;
    if (comparison == Comparison::not_equal && constants.type(left) == constants.type(right)) return left != right;
    auto order = constants.compare(left, right);
    if (!order) return comparison == Comparison::not_equal;
    switch (comparison) {
        case Comparison::equal: return *order == 0;
        case Comparison::not_equal: return *order != 0;
        case Comparison::less: return *order < 0;
        case Comparison::less_equal: return *order <= 0;
        case Comparison::greater: return *order > 0;
        case Comparison::greater_equal: return *order >= 0;
    }
    return false;
}

}  // namespace treatykb::engine::detail
