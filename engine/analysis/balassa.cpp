// The Balassa stage: reads stage_rank, stage_condition, condition_met and condition_limit facts
// (kb/rules/balassa.xml); names no article.
#include "engine/analysis/balassa.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace treatykb::engine {

StageResult assess_stages(const Model& model, std::string_view instrument) {
    const std::string i(instrument);
    std::map<int, StageAssessment> stages;
    for (const FactView& fact : model.all("stage_rank")) {
        StageAssessment& stage = stages[std::stoi(fact.arguments[1])];
        stage.stage = fact.arguments[0];
        stage.rank = std::stoi(fact.arguments[1]);
    }
    for (auto& [rank, stage] : stages) {
        for (const FactView& fact : model.rows("stage_condition", {model.symbol(stage.stage)})) {
            StageCondition condition;
            condition.condition = fact.arguments[1];
            for (const FactView& met : model.rows("condition_met", {model.symbol(i), model.symbol(condition.condition)}))
                condition.met_by.push_back(met.arguments[2]);
            for (const FactView& limit : model.rows("condition_limit", {model.symbol(i), model.symbol(condition.condition)}))
                condition.limits.push_back({limit.arguments[2], limit.arguments[3]});
            std::sort(condition.met_by.begin(), condition.met_by.end());
            std::sort(condition.limits.begin(), condition.limits.end(),
                      [](const ConditionLimit& a, const ConditionLimit& b) {
                          return std::tie(a.extent, a.source) < std::tie(b.extent, b.source);
                      });
            condition.nominal_met = !condition.met_by.empty();
            auto has = [&](const char* extent) {
                return std::any_of(condition.limits.begin(), condition.limits.end(),
                                   [&](const ConditionLimit& l) { return l.extent == extent; });
            };
            if (!condition.nominal_met || has("blocking")) condition.effective = "not_met";
            else if (has("partial")) condition.effective = "partial";
            else condition.effective = "met";
            stage.conditions.push_back(std::move(condition));
        }
        stage.nominal_met = !stage.conditions.empty();
        bool all = !stage.conditions.empty(), some = false;
        for (const StageCondition& condition : stage.conditions) {
            stage.nominal_met = stage.nominal_met && condition.nominal_met;
            all = all && condition.effective == "met";
            some = some || condition.effective != "not_met";
        }
        stage.effective = all ? "met" : some ? "partial" : "not_met";
    }
    StageResult result;
    result.nominal_stage = result.effective_stage = "none";
    bool nominal_chain = true, effective_chain = true;
    for (auto& [rank, stage] : stages) {
        nominal_chain = nominal_chain && stage.nominal_met;
        if (effective_chain && stage.effective != "met" && stage.effective == "partial")
            result.effective_partial = stage.stage;
        effective_chain = effective_chain && stage.effective == "met";
        if (nominal_chain) result.nominal_stage = stage.stage;
        if (effective_chain) result.effective_stage = stage.stage;
        result.stages.push_back(stage);
    }
    return result;
}

}  // namespace treatykb::engine
