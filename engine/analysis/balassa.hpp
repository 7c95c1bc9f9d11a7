// treatykb/engine/balassa.hpp — the Balassa stage of one instrument, from the conditions of
// kb/rules/balassa.xml (docs/methodology.md, "Balassa stage"). Each condition keeps the
// provisions that meet it and those that limit it; this file names no article.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/datalog/model.hpp"

namespace treatykb::engine {

struct ConditionLimit {
    std::string extent;  // minor, partial, blocking
    std::string source;
};

struct StageCondition {
    std::string condition;            // e.g. common_external_tariff
    std::vector<std::string> met_by;  // provisions meeting it (condition_met)
    std::vector<ConditionLimit> limits;
    bool nominal_met = false;
    std::string effective;            // met, partial, not_met
};

struct StageAssessment {
    std::string stage;  // fta, customs_union, common_market, economic_union, full_integration
    int rank = 0;
    std::vector<StageCondition> conditions;
    bool nominal_met = false;
    std::string effective;  // met (every condition met), partial (some met or partial), not_met
};

struct StageResult {
    std::vector<StageAssessment> stages;  // in rank order
    std::string nominal_stage;            // highest stage met with all lower ones ("none")
    std::string effective_stage;
    std::string effective_partial;        // the next stage when it is partly reached, else empty
};

// Assesses every stage of kb/rules/balassa.xml for `instrument`.
StageResult assess_stages(const Model& model, std::string_view instrument);

}  // namespace treatykb::engine
