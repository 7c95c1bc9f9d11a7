// Pooling and delegation per policy domain (docs/methodology.md, "Pooling and delegation").
#include "engine/pooling.hpp"

#include <algorithm>

namespace treatykb::engine {

namespace {

std::string instrument_of(const std::string& provision) {
    return provision.substr(0, provision.find('#'));
}

// MIA voting scores (Hooghe et al. 2017, codebook; measures.md §1.3): consensus or unanimity
// 0.33, supermajority 0.66, simple majority 1.
double voting_score(const std::string& rule) {
    if (rule == "consensus" || rule == "unanimity") return 0.33;
    if (rule == "qualified_majority" || rule == "weighted_majority") return 0.66;
    if (rule == "simple_majority") return 1.0;
    return 0.0;
}

bool state_composition(const std::string& composition) {
    return composition == "heads_of_state" || composition == "heads_of_government" ||
           composition == "deputy_prime_ministers" || composition == "state_representatives";
}

}  // namespace

PoolingModel::PoolingModel(const Model& model, std::string_view instrument) {
    for (const FactView& fact : model.query("body_domain(?b, ?d, ?p)"))
        if (instrument_of(fact.arguments[2]) == instrument)
            deciding_[fact.arguments[1]].insert(fact.arguments[0]);
    for (const FactView& fact : model.query("review_path(?a, ?b, ?p)"))
        review_[fact.arguments[0]].insert(fact.arguments[1]);
    for (const FactView& fact : model.query("decision_rule(?b, ?r, ?n, ?m, ?basis, ?p)")) {
        BodyFacts& body = bodies_[fact.arguments[0]];
        body.voting = std::max(body.voting, voting_score(fact.arguments[1]));
    }
    for (const FactView& fact : model.query("body(?b, ?k, ?p)")) {
        BodyFacts& body = bodies_[fact.arguments[0]];
        if (fact.arguments[1] == "intergovernmental") body.state_controlled = true;
        else body.non_state = true;
    }
    for (const FactView& fact : model.query("body_composition(?b, ?c, ?p)")) {
        BodyFacts& body = bodies_[fact.arguments[0]];
        if (state_composition(fact.arguments[1])) {
            body.state_controlled = true;
            body.non_state = false;
        } else {
            body.non_state = true;
            body.state_controlled = false;
        }
    }
    for (const FactView& fact : model.query("body_part_of(?b, ?w)")) {
        bodies_[fact.arguments[1]].parts.push_back(fact.arguments[0]);
        bodies_[fact.arguments[0]].whole = fact.arguments[1];
    }
    for (const FactView& fact : model.query("staffing_rule(?b, ?r, ?p)"))
        if (model.count("national_staffing_rule(" + fact.arguments[1] + ")") > 0)
            bodies_[fact.arguments[0]].national_staffing = true;
}

// A whole body without its own decision rule decides through its parts (the EAEU Commission
// through its Council and Board, Annex 1 p. 2).
std::set<std::string> PoolingModel::deciding_units(const std::string& body) const {
    auto found = bodies_.find(body);
    if (found == bodies_.end() || found->second.voting >= 0 || found->second.parts.empty())
        return {body};
    return {found->second.parts.begin(), found->second.parts.end()};
}

// Composition score k_b (measures.md §7.3): 1 for a non-state body, 0 for a state-controlled
// one, less 0.1 where national staffing rules bind the body or the whole it belongs to (§7.4).
double PoolingModel::composition_score(const std::string& name) const {
    auto found = bodies_.find(name);
    if (found == bodies_.end() || !found->second.non_state) return 0.0;
    bool national = found->second.national_staffing;
    if (!found->second.whole.empty()) {
        auto whole = bodies_.find(found->second.whole);
        if (whole != bodies_.end()) national = national || whole->second.national_staffing;
    }
    return national ? 0.9 : 1.0;
}

// Pooling and delegation of one domain (measures.md §7.3, after Hooghe & Marks 2015):
//   pool_d = (v_agenda + v_final) / 2 with w_d = 1 (body_domain records binding decisions
//            taken without ratification); v_agenda = mean voting score of the state-controlled
//            deciding bodies, v_final = the least majoritarian state-controlled body among the
//            deciding bodies and those their decisions can be taken to;
//   del_d  = (mean k over deciding bodies + max k over final bodies) / 2 (the judicial
//            component of MIA is not coded; docs/methodology.md says so).
DomainPooling PoolingModel::domain(const std::string& domain) const {
    DomainPooling result;
    auto deciding = deciding_.find(domain);
    if (deciding == deciding_.end()) return result;
    std::set<std::string> agenda, final_bodies;
    for (const std::string& body : deciding->second) {
        for (const std::string& unit : deciding_units(body)) {
            agenda.insert(unit);
            final_bodies.insert(unit);
            if (auto up = review_.find(unit); up != review_.end())
                for (const std::string& higher : up->second)
                    for (const std::string& higher_unit : deciding_units(higher))
                        final_bodies.insert(higher_unit);
        }
    }
    result.has_bodies = true;
    result.deciding_bodies.assign(agenda.begin(), agenda.end());
    result.final_bodies.assign(final_bodies.begin(), final_bodies.end());
    double agenda_sum = 0, agenda_k = 0, final_k = 0, final_min = 2;
    int agenda_state = 0;
    for (const std::string& body : agenda) {
        auto facts = bodies_.find(body);
        if (facts != bodies_.end() && facts->second.state_controlled && facts->second.voting >= 0) {
            agenda_sum += facts->second.voting;
            ++agenda_state;
        }
        agenda_k += composition_score(body);
    }
    for (const std::string& body : final_bodies) {
        auto facts = bodies_.find(body);
        if (facts != bodies_.end() && facts->second.state_controlled && facts->second.voting >= 0)
            final_min = std::min(final_min, facts->second.voting);
        final_k = std::max(final_k, composition_score(body));
    }
    double v_agenda = agenda_state ? agenda_sum / agenda_state : 0.0;
    double v_final = final_min <= 1 ? final_min : 0.0;
    result.pooling = (v_agenda + v_final) / 2;
    result.delegation = (agenda_k / double(agenda.size()) + final_k) / 2;
    return result;
}

}  // namespace treatykb::engine
