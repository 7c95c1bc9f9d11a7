// The Balassa stage: reads stage_rank, stage_requires and requirement_met facts
// (kb/rules/balassa.xml) and the domain depths; names no article.
#include "engine/balassa.hpp"

#include "engine/depth.hpp"

namespace treatykb::engine {

namespace {
int to_int(const std::string& text) { return std::stoi(text); }
}  // namespace

StageResult assess_stages(const Model& model, std::string_view instrument,
                          const std::map<std::string, const DomainDepth*>& by_domain) {
    const std::string instrument_name(instrument);
    std::map<int, StageAssessment> stages;
    for (const FactView& fact : model.query("stage_rank(?s, ?r)")) {
        StageAssessment& stage = stages[to_int(fact.arguments[1])];
        stage.stage = fact.arguments[0];
        stage.rank = to_int(fact.arguments[1]);
    }
    for (auto& [rank, stage] : stages) {
        for (const FactView& fact : model.query("stage_requires(" + stage.stage + ", ?d, ?m)")) {
            StageCondition condition;
            condition.domain = fact.arguments[1];
            condition.required = to_int(fact.arguments[2]);
            if (auto found = by_domain.find(condition.domain); found != by_domain.end()) {
                condition.nominal = found->second->nominal;
                condition.effective = found->second->effective;
            }
            for (const FactView& met : model.query("requirement_met(" + instrument_name + ", " +
                                                   stage.stage + ", " + condition.domain + ", ?p)"))
                condition.met_by.push_back(met.arguments[3]);
            // A small tolerance: effective depth is a product of decimal factors.
            condition.nominal_met =
                !condition.met_by.empty() || condition.nominal + 1e-9 >= condition.required;
            condition.effective_met =
                !condition.met_by.empty() || condition.effective + 1e-9 >= condition.required;
            stage.conditions.push_back(std::move(condition));
        }
        stage.nominal_met = !stage.conditions.empty();
        stage.effective_met = !stage.conditions.empty();
        for (const StageCondition& condition : stage.conditions) {
            stage.nominal_met = stage.nominal_met && condition.nominal_met;
            stage.effective_met = stage.effective_met && condition.effective_met;
        }
    }
    StageResult result;
    result.nominal_stage = result.effective_stage = "none";
    bool nominal_chain = true, effective_chain = true;
    for (auto& [rank, stage] : stages) {
        nominal_chain = nominal_chain && stage.nominal_met;
        effective_chain = effective_chain && stage.effective_met;
        if (nominal_chain) result.nominal_stage = stage.stage;
        if (effective_chain) result.effective_stage = stage.stage;
        result.stages.push_back(stage);
    }
    return result;
}

}  // namespace treatykb::engine
