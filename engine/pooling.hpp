// treatykb/engine/pooling.hpp — pooling and delegation of one instrument's bodies, per policy
// domain (docs/methodology.md, "Pooling and delegation").
//
// Reads body, decision-rule, composition, staffing, body_domain and review_path facts; names no
// body and no article.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.hpp"

namespace treatykb::engine {

// Pooling and delegation of the bodies deciding in one domain.
struct DomainPooling {
    bool has_bodies = false;
    double pooling = 0;
    double delegation = 0;
    std::vector<std::string> deciding_bodies;  // bodies adopting binding decisions in the domain
    std::vector<std::string> final_bodies;     // and the bodies their decisions can be taken to
};

class PoolingModel {
public:
    PoolingModel(const Model& model, std::string_view instrument);
    DomainPooling domain(const std::string& domain) const;

private:
    struct BodyFacts {
        double voting = -1;  // the body's most majoritarian rule; -1 when it has none
        bool state_controlled = false;
        bool non_state = false;
        bool national_staffing = false;
        std::vector<std::string> parts;
        std::string whole;
    };
    std::set<std::string> deciding_units(const std::string& body) const;
    double composition_score(const std::string& name) const;

    std::map<std::string, std::set<std::string>> deciding_, review_;
    std::map<std::string, BodyFacts> bodies_;
};

}  // namespace treatykb::engine
