// The depth model: reads the facts derived by kb/rules/depth.xml and kb/rules/balassa.xml and
// aggregates them per domain (docs/methodology.md, "Integration depth"). Aggregation that the
// rule language cannot express (maximum, minimum, product, mean) happens here; which facts exist,
// and why, is decided by the rules.
#include "engine/depth.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace treatykb::engine {

namespace {

std::string instrument_of(const std::string& provision) {
    return provision.substr(0, provision.find('#'));
}

int to_int(const std::string& text) { return std::stoi(text); }

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

struct BodyFacts {
    double voting = -1;           // the body's most majoritarian rule; -1 when it has none
    bool state_controlled = false;
    bool non_state = false;
    bool national_staffing = false;
    std::vector<std::string> parts;
    std::string whole;
};

class DepthBuilder {
public:
    DepthBuilder(const Model& model, std::string_view instrument)
        : model_(model), instrument_(instrument) {}

    DepthReport build() {
        DepthReport report;
        report.instrument = instrument_;
        read_domains();
        read_bodies();
        for (const std::string& root : roots_) visit(root, 0, report.domains);
        std::map<std::string, const DomainDepth*> by_domain;
        for (const DomainDepth& depth : report.domains) by_domain[depth.domain] = &depth;
        aggregate(report);
        assess_stages(report, by_domain);
        return report;
    }

private:
    std::vector<FactView> facts(const std::string& pattern) const { return model_.query(pattern); }
    bool in_instrument(const std::string& provision) const {
        return instrument_of(provision) == instrument_;
    }

    void read_domains() {
        for (const FactView& fact : facts("domain(?d, ?en, ?ru)"))
            labels_[fact.arguments[0]] = unquote(fact.arguments[1]);
        for (const FactView& fact : facts("domain_parent(?d, ?p)")) {
            parent_[fact.arguments[0]] = fact.arguments[1];
            children_[fact.arguments[1]].insert(fact.arguments[0]);
        }
        for (const auto& [domain, label] : labels_)
            if (!parent_.count(domain)) roots_.push_back(domain);
        const std::string i = instrument_;
        for (const FactView& fact : facts("nominal_score(" + i + ", ?d, ?s, ?p)")) {
            int score = to_int(fact.arguments[2]);
            auto& best = scores_[fact.arguments[1]];
            if (best.second.empty() || score > best.first) best = {score, {}};
            if (score == best.first) best.second.push_back(fact.arguments[3]);
        }
        for (const FactView& fact : facts("depth_cap(" + i + ", ?d, ?c, ?p)")) {
            auto& cap = caps_[fact.arguments[1]];
            int value = to_int(fact.arguments[2]);
            if (cap.second.empty() || value < cap.first) cap = {value, {}};
            if (value == cap.first) cap.second.push_back(fact.arguments[3]);
        }
        // The denominator: the domains the instrument's own text covers (kb/rules/depth.xml).
        for (const FactView& fact : facts("covers(" + i + ", ?d)")) covered_.insert(fact.arguments[1]);
        for (const FactView& fact : facts("discount_weight(?k, ?n, ?m)"))
            weights_[fact.arguments[0]] =
                double(to_int(fact.arguments[1])) / double(to_int(fact.arguments[2]));
        for (const FactView& fact : facts("depth_discount(" + i + ", ?d, ?k, ?p)"))
            discounts_[fact.arguments[1]][fact.arguments[2]].insert(fact.arguments[3]);
        for (const FactView& fact : facts("body_domain(?b, ?d, ?p)"))
            if (in_instrument(fact.arguments[2]))
                deciding_[fact.arguments[1]].insert(fact.arguments[0]);
        for (const FactView& fact : facts("review_path(?a, ?b, ?p)"))
            review_[fact.arguments[0]].insert(fact.arguments[1]);
    }

    void read_bodies() {
        for (const FactView& fact : facts("decision_rule(?b, ?r, ?n, ?m, ?basis, ?p)")) {
            BodyFacts& body = bodies_[fact.arguments[0]];
            body.voting = std::max(body.voting, voting_score(fact.arguments[1]));
        }
        for (const FactView& fact : facts("body(?b, ?k, ?p)")) {
            BodyFacts& body = bodies_[fact.arguments[0]];
            if (fact.arguments[1] == "intergovernmental") body.state_controlled = true;
            else body.non_state = true;
        }
        for (const FactView& fact : facts("body_composition(?b, ?c, ?p)")) {
            BodyFacts& body = bodies_[fact.arguments[0]];
            if (state_composition(fact.arguments[1])) {
                body.state_controlled = true;
                body.non_state = false;
            } else {
                body.non_state = true;
                body.state_controlled = false;
            }
        }
        for (const FactView& fact : facts("body_part_of(?b, ?w)")) {
            bodies_[fact.arguments[1]].parts.push_back(fact.arguments[0]);
            bodies_[fact.arguments[0]].whole = fact.arguments[1];
        }
        for (const FactView& fact : facts("staffing_rule(?b, ?r, ?p)"))
            if (model_.count("national_staffing_rule(" + fact.arguments[1] + ")") > 0)
                bodies_[fact.arguments[0]].national_staffing = true;
    }

    // A whole body without its own decision rule decides through its parts (the EAEU Commission
    // through its Council and Board, Annex 1 p. 2).
    std::set<std::string> deciding_units(const std::string& body) const {
        auto found = bodies_.find(body);
        if (found == bodies_.end() || found->second.voting >= 0 || found->second.parts.empty())
            return {body};
        return {found->second.parts.begin(), found->second.parts.end()};
    }

    // Composition score k_b (measures.md §7.3): 1 for a non-state body, 0 for a state-controlled
    // one, less 0.1 where national staffing rules bind the body or the whole it belongs to (§7.4).
    double composition_score(const std::string& name) const {
        auto found = bodies_.find(name);
        if (found == bodies_.end() || !found->second.non_state) return 0.0;
        bool national = found->second.national_staffing;
        if (!found->second.whole.empty()) {
            auto whole = bodies_.find(found->second.whole);
            if (whole != bodies_.end()) national = national || whole->second.national_staffing;
        }
        return national ? 0.9 : 1.0;
    }

    void visit(const std::string& domain, int tree_depth, std::vector<DomainDepth>& out) {
        DomainDepth depth;
        depth.domain = domain;
        depth.label = labels_[domain];
        depth.parent = parent_.count(domain) ? parent_[domain] : "";
        depth.tree_depth = tree_depth;
        depth.covered = covered_.count(domain) > 0;
        if (auto score = scores_.find(domain); score != scores_.end()) {
            depth.annotated = true;
            depth.nominal = score->second.first;
            depth.nominal_sources = score->second.second;
        } else {
            // Without its own level a domain takes its nearest annotated ancestor's, below the root.
            for (std::string up = depth.parent; parent_.count(up); up = parent_[up]) {
                if (auto score = scores_.find(up); score != scores_.end()) {
                    depth.inherited_from = up;
                    depth.nominal = score->second.first;
                    depth.nominal_sources = score->second.second;
                    break;
                }
            }
        }
        if (auto cap = caps_.find(domain); cap != caps_.end()) {
            depth.cap = cap->second.first;
            depth.cap_sources = cap->second.second;
        }
        collect_discounts(domain, depth);
        double effective = std::min(depth.nominal, depth.cap);
        for (const DepthDiscount& discount : depth.discounts) effective *= 1.0 - discount.delta;
        depth.effective = depth.nominal > 0 ? effective : 0.0;
        assess_bodies(domain, depth);
        out.push_back(std::move(depth));
        for (const std::string& child : children_[domain]) visit(child, tree_depth + 1, out);
    }

    // One discount per kind, gathered from the domain and its sub-domains: a limitation of a
    // sub-domain limits the domain, but ten provisions of one kind do not count ten times.
    void collect_discounts(const std::string& domain, DomainDepth& depth) {
        std::map<std::string, DepthDiscount> by_kind;
        std::function<void(const std::string&)> gather = [&](const std::string& node) {
            if (auto found = discounts_.find(node); found != discounts_.end()) {
                for (const auto& [kind, sources] : found->second) {
                    DepthDiscount& discount = by_kind[kind];
                    discount.kind = kind;
                    discount.delta = weights_.count(kind) ? weights_[kind] : 0.0;
                    if (discount.domain.empty() || node == domain) discount.domain = node;
                    discount.sources.insert(discount.sources.end(), sources.begin(), sources.end());
                }
            }
            for (const std::string& child : children_[node]) gather(child);
        };
        gather(domain);
        for (auto& [kind, discount] : by_kind) {
            std::sort(discount.sources.begin(), discount.sources.end());
            discount.sources.erase(std::unique(discount.sources.begin(), discount.sources.end()),
                                   discount.sources.end());
            depth.discounts.push_back(std::move(discount));
        }
    }

    // Pooling and delegation of one domain (measures.md §7.3, after Hooghe & Marks 2015):
    //   pool_d = (v_agenda + v_final) / 2 with w_d = 1 (body_domain records binding decisions
    //            taken without ratification); v_agenda = mean voting score of the state-controlled
    //            deciding bodies, v_final = the least majoritarian state-controlled body among the
    //            deciding bodies and those their decisions can be taken to;
    //   del_d  = (mean k over deciding bodies + max k over final bodies) / 2 (the judicial
    //            component of MIA is not coded; docs/methodology.md says so).
    void assess_bodies(const std::string& domain, DomainDepth& depth) {
        auto deciding = deciding_.find(domain);
        if (deciding == deciding_.end()) return;
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
        depth.has_bodies = true;
        depth.deciding_bodies.assign(agenda.begin(), agenda.end());
        depth.final_bodies.assign(final_bodies.begin(), final_bodies.end());
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
        depth.pooling = (v_agenda + v_final) / 2;
        depth.delegation = (agenda_k / double(agenda.size()) + final_k) / 2;
    }

    void aggregate(DepthReport& report) const {
        double nominal = 0, effective = 0, pooling = 0, delegation = 0;
        int counted = 0, with_bodies = 0;
        for (const DomainDepth& depth : report.domains) {
            if (depth.parent.empty()) continue;  // the root stands for all domains
            // Outside the instrument's scope: another treaty's domain, or one this text never
            // names. Its depth is shown, not averaged.
            if (!depth.covered) continue;
            ++counted;
            nominal += depth.nominal;
            effective += depth.effective;
            if (depth.nominal >= 1) ++report.scope;
            if (depth.has_bodies) {
                ++with_bodies;
                pooling += depth.pooling;
                delegation += depth.delegation;
            }
        }
        report.covered = counted;
        if (counted) {
            report.nominal_depth = nominal / (5.0 * counted);
            report.effective_depth = effective / (5.0 * counted);
        }
        if (with_bodies) {
            report.pooling = pooling / with_bodies;
            report.delegation = delegation / with_bodies;
        }
    }

    void assess_stages(DepthReport& report,
                       const std::map<std::string, const DomainDepth*>& by_domain) const {
        std::map<int, StageAssessment> stages;
        for (const FactView& fact : model_.query("stage_rank(?s, ?r)")) {
            StageAssessment& stage = stages[to_int(fact.arguments[1])];
            stage.stage = fact.arguments[0];
            stage.rank = to_int(fact.arguments[1]);
        }
        for (auto& [rank, stage] : stages) {
            for (const FactView& fact : model_.query("stage_requires(" + stage.stage + ", ?d, ?m)")) {
                StageCondition condition;
                condition.domain = fact.arguments[1];
                condition.required = to_int(fact.arguments[2]);
                if (auto found = by_domain.find(condition.domain); found != by_domain.end()) {
                    condition.nominal = found->second->nominal;
                    condition.effective = found->second->effective;
                }
                for (const FactView& met : model_.query("requirement_met(" + instrument_ + ", " +
                                                        stage.stage + ", " + condition.domain +
                                                        ", ?p)"))
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
        report.nominal_stage = report.effective_stage = "none";
        bool nominal_chain = true, effective_chain = true;
        for (auto& [rank, stage] : stages) {
            nominal_chain = nominal_chain && stage.nominal_met;
            effective_chain = effective_chain && stage.effective_met;
            if (nominal_chain) report.nominal_stage = stage.stage;
            if (effective_chain) report.effective_stage = stage.stage;
            report.stages.push_back(stage);
        }
    }

    const Model& model_;
    std::string instrument_;
    std::map<std::string, std::string> labels_, parent_;
    std::set<std::string> covered_;
    std::map<std::string, std::set<std::string>> children_;
    std::vector<std::string> roots_;
    std::map<std::string, std::pair<int, std::vector<std::string>>> scores_, caps_;
    std::map<std::string, double> weights_;
    std::map<std::string, std::map<std::string, std::set<std::string>>> discounts_;
    std::map<std::string, std::set<std::string>> deciding_, review_;
    std::map<std::string, BodyFacts> bodies_;
};

}  // namespace

DepthReport compute_depth(const Model& model, std::string_view instrument) {
    return DepthBuilder(model, instrument).build();
}

}  // namespace treatykb::engine
