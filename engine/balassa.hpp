// treatykb/engine/balassa.hpp — the Balassa stage of one instrument, from the conditions of
// kb/rules/balassa.xml (docs/methodology.md, "Balassa stage").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.hpp"

namespace treatykb::engine {

struct DomainDepth;

struct StageCondition {
    std::string domain;
    int required = 0;
    double nominal = 0;    // the domain's score
    double effective = 0;
    std::vector<std::string> met_by;  // provisions meeting it through a rule (requirement_met)
    bool nominal_met = false;
    bool effective_met = false;
};

struct StageAssessment {
    std::string stage;  // fta, customs_union, common_market, economic_union, full_integration
    int rank = 0;
    std::vector<StageCondition> conditions;
    bool nominal_met = false;
    bool effective_met = false;
};

struct StageResult {
    std::vector<StageAssessment> stages;  // in rank order
    std::string nominal_stage;            // highest stage met with all lower ones ("none")
    std::string effective_stage;
};

// Assesses every stage of kb/rules/balassa.xml for `instrument`, given its domain depths.
StageResult assess_stages(const Model& model, std::string_view instrument,
                          const std::map<std::string, const DomainDepth*>& by_domain);

}  // namespace treatykb::engine
