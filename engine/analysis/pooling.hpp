// treatykb/engine/pooling.hpp — pooling and delegation of one instrument after the MIA coding
// scheme (Hooghe et al. 2017; docs/methodology.md, "Pooling and delegation"): per decision area
// and stage, per policy stream (domain), and the judicial component.
//
// Which body takes part where, by which rule and with which composition is derived by
// kb/rules/authority.xml; this file only takes means, minima and maxima, and keeps the
// provisions behind every score. It names no body and no article.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/datalog/model.hpp"

namespace treatykb::engine {

// One body at one stage of one decision.
struct BodyScore {
    std::string body;
    std::string body_class;                 // state, non_state, or empty when not coded
    std::vector<std::string> class_sources;
    std::string rule;                       // the rule applied here (empty: none coded)
    double voting = -1;                     // its voting score; -1 when no rule is coded
    std::vector<std::string> rule_sources;
    double composition = 0;                 // k_b: 0 state, 1 non-state, less national-staffing discounts
    std::vector<std::string> discount_sources;
    std::vector<std::string> role_sources;  // the provisions giving the body this role
};

struct StageScore {
    std::vector<BodyScore> bodies;
    double pooling = 0;     // agenda: mean voting of the state bodies x w; final: their minimum x w
    double delegation = 0;  // agenda: mean k over the bodies; final: maximum k
};

// One MIA decision area (accession, suspension, constitutional_reform, budget,
// financial_compliance, policy_making), or one policy stream (a domain).
struct AreaScore {
    std::string area;
    bool coded = false;        // some body or weight is annotated for it
    double weight = 1;         // w = bindingness x ratification
    std::vector<std::pair<std::string, std::string>> weight_factors;  // "binding 1/4", source
    StageScore agenda, final;
    double pooling = 0;        // (agenda + final) / 2
    double delegation = 0;     // (agenda + final) / 2 (without the judicial component)
    std::vector<std::string> streams;  // policy_making: the streams whose scores it takes
};

struct CourtScore {
    std::string body;
    std::vector<std::pair<std::string, int>> items;  // item, score (0..2)
    std::vector<std::string> sources;
    double score = 0;      // sum / 14
    bool coded = false;
};

struct AuthorityReport {
    std::vector<AreaScore> areas;    // the six MIA areas, in the codebook's order
    std::vector<AreaScore> streams;  // policy streams, one per domain where bodies decide
    std::vector<CourtScore> courts;  // judicial bodies, coded or not
    double pool_agenda = 0, pool_final = 0, pooling = 0;
    double del_agenda = 0, del_final = 0, judicial = 0, delegation = 0;
    int areas_coded = 0;
    int bodies_total = 0, bodies_coded = 0;  // coded: class and (rule, or judicial items) known
    std::vector<std::string> uncoded_bodies;
    std::vector<std::pair<std::string, std::string>> corpus_gaps;  // source, what is missing
};

// Computes the authority of `instrument` from a model evaluated with kb/rules/authority.xml.
AuthorityReport compute_authority(const Model& model, std::string_view instrument);

// The policy stream of one domain, when bodies decide in it (pooling.cpp).
const AreaScore* find_stream(const AuthorityReport& report, const std::string& domain);

}  // namespace treatykb::engine
