// treatykb/engine/depth.hpp — integration depth per policy domain, the Balassa stage, and the
// pooling and delegation indices of one instrument.
//
// The depth model aggregates facts that the rules in kb/rules/depth.xml derive from annotations;
// it names no article and no domain. Pooling and delegation come from engine/pooling.hpp, the
// stage from engine/balassa.hpp. Every number keeps the provisions it rests on. Formulas and
// sources: docs/methodology.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/balassa.hpp"
#include "engine/datalog/model.hpp"
#include "engine/analysis/pooling.hpp"

namespace treatykb::engine {

// One limitation of a domain's effective depth (depth_discount facts).
struct DepthDiscount {
    std::string kind;                  // unilateral_measure, veto_point, ...
    double delta = 0;                  // discount_weight of the kind
    std::string domain;                // the domain where the limitation was found
    std::vector<std::string> sources;  // the provisions that limit
};

struct DomainDepth {
    std::string domain;
    std::string label;     // English label from domains.xml
    std::string parent;    // empty for the root
    int tree_depth = 0;    // 0 root, 1 its children, ...
    bool annotated = false;           // the instrument places this domain at some level itself
    bool covered = false;             // the instrument's text covers it (covers/2): in the denominator
    std::string inherited_from;       // the ancestor whose level applies, if not annotated
    int nominal = 0;                  // c_d, 0..5
    std::vector<std::string> nominal_sources;  // the provisions giving the highest score
    int cap = 5;                      // min over depth_cap facts (5: none)
    std::vector<std::string> cap_sources;
    std::vector<DepthDiscount> discounts;  // one per kind, on the domain or its sub-domains
    double effective = 0;             // e_d = min(c_d, cap) * prod (1 - delta)
    // Pooling and delegation of the domain as a policy stream (engine/pooling.hpp), when bodies
    // adopt binding decisions in it.
    bool has_bodies = false;
    double pooling = 0;
    double delegation = 0;
};

struct DepthReport {
    std::string instrument;
    std::vector<DomainDepth> domains;  // the domain tree in pre-order
    double nominal_depth = 0;          // sum c_d / (5 n) over the n domains the text covers
    double effective_depth = 0;        // sum e_d / (5 n)
    int covered = 0;                   // n: the domains below the root that the text covers
    int scope = 0;                     // domains with c_d >= 1 (Lindberg's scope)
    double pooling = 0;                // MIA pooling over the six decision areas (authority)
    double delegation = 0;             // MIA delegation, with the judicial component
    AuthorityReport authority;         // what pooling and delegation rest on
    std::vector<StageAssessment> stages;  // in rank order
    std::string nominal_stage;         // highest stage met with all lower ones ("none")
    std::string effective_stage;
    std::string effective_partial;     // the next stage, when partly reached
};

// Computes the depth model of `instrument` (an alias such as "eaeu") from an evaluated model
// that includes kb/rules/depth.xml, kb/rules/balassa.xml and kb/rules/authority.xml.
DepthReport compute_depth(const Model& model, std::string_view instrument);

}  // namespace treatykb::engine
