// What-if scenarios (docs/rule-language.md, "Scenarios"): a scenario file removes base facts,
// annotations or rules by <retract> and adds its own facts and rules. Retractions are applied to
// the base program before validation, so the result is checked as a whole.
#include <algorithm>

#include "engine/datalog/detail/loader_detail.hpp"

namespace treatykb::engine::detail {

void apply_retractions(LoadState& state) {
    Program& program = *state.program;
    for (const Retraction& retraction : program.retractions) {
        std::size_t removed = 0;
        if (retraction.kind == Retraction::Kind::annotation) {
            auto annotation = std::find_if(program.annotations.begin(), program.annotations.end(),
                                           [&](const Annotation& a) { return a.id == retraction.target; });
            if (annotation != program.annotations.end()) {
                int index = static_cast<int>(annotation - program.annotations.begin());
                removed = static_cast<std::size_t>(std::count_if(program.facts.begin(), program.facts.end(),
                                                                 [&](const Fact& f) { return f.annotation == index; }));
                std::erase_if(program.facts, [&](const Fact& f) { return f.annotation == index; });
                std::erase_if(program.evidence, [&](const Evidence& e) { return e.annotation_id == retraction.target; });
                // Keep annotation indices stable: the annotation stays, emptied, so that the
                // proof of nothing cites it; its evidence indices are dropped.
                annotation->evidence.clear();
                annotation->note = "retracted by " + retraction.where.file;
                ++removed;
            }
            // Evidence indices of the other annotations shift after erase; rebuild them.
            for (Annotation& a : program.annotations) a.evidence.clear();
            for (std::size_t e = 0; e < program.evidence.size(); ++e)
                for (Annotation& a : program.annotations)
                    if (a.id == program.evidence[e].annotation_id) a.evidence.push_back(e);
        } else if (retraction.kind == Retraction::Kind::rule) {
            removed = static_cast<std::size_t>(std::erase_if(program.rules, [&](const Rule& r) { return r.id == retraction.target; }));
            std::erase_if(program.overrides, [&](const Override& o) {
                return o.superior == retraction.target || o.inferior == retraction.target;
            });
        } else {
            auto same = [&](const Fact& f) {
                return f.relation == retraction.fact.relation && f.values == retraction.fact.values;
            };
            removed = static_cast<std::size_t>(std::erase_if(program.facts, same));
            for (FactTable& table : program.tables) {
                if (table.relation != retraction.fact.relation || table.arity != retraction.fact.values.size()) continue;
                std::vector<Value> kept;
                for (std::size_t row = 0; row * table.arity < table.values.size(); ++row) {
                    auto begin = table.values.begin() + static_cast<long>(row * table.arity);
                    if (table.arity > 0 && std::equal(begin, begin + static_cast<long>(table.arity), retraction.fact.values.begin()))
                        ++removed;
                    else kept.insert(kept.end(), begin, begin + static_cast<long>(table.arity));
                }
                table.values = std::move(kept);
            }
        }
        if (removed == 0)
            state.diagnostics.push_back(Diagnostic{
                retraction.where,
                retraction.kind == Retraction::Kind::fact
                    ? "nothing to retract: the fact " + program.render(retraction.fact) + " is not in the program"
                    : "nothing to retract: no " +
                          std::string(retraction.kind == Retraction::Kind::rule ? "rule" : "annotation") +
                          " has the id '" + retraction.target + "'",
                "check the spelling against the base program"});
    }
    program.retractions.clear();
}

}  // namespace treatykb::engine::detail
