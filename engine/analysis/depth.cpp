// The depth model: reads the facts derived by kb/rules/depth.xml and kb/rules/balassa.xml and
// aggregates them per domain (docs/methodology.md, "Integration depth"). Aggregation that the
// rule language cannot express (maximum, minimum, product, mean) happens here; which facts exist,
// and why, is decided by the rules.
#include "engine/analysis/depth.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace treatykb::engine {

namespace {

int to_int(const std::string& text) { return std::stoi(text); }

class DepthBuilder {
public:
    DepthBuilder(const Model& model, std::string_view instrument)
        : model_(model), instrument_(instrument), authority_(compute_authority(model, instrument)) {}

    DepthReport build() {
        DepthReport report;
        report.instrument = instrument_;
        read_domains();
        for (const std::string& root : roots_) visit(root, 0, report.domains);
        aggregate(report);
        StageResult stages = assess_stages(model_, instrument_);
        report.stages = std::move(stages.stages);
        report.nominal_stage = std::move(stages.nominal_stage);
        report.effective_stage = std::move(stages.effective_stage);
        report.effective_partial = std::move(stages.effective_partial);
        report.pooling = authority_.pooling;
        report.delegation = authority_.delegation;
        report.authority = std::move(authority_);
        return report;
    }

private:

    void read_domains() {
        for (const FactView& fact : model_.all("domain"))
            labels_[fact.arguments[0]] = unquote(fact.arguments[1]);
        for (const FactView& fact : model_.all("domain_parent")) {
            parent_[fact.arguments[0]] = fact.arguments[1];
            children_[fact.arguments[1]].insert(fact.arguments[0]);
        }
        for (const auto& [domain, label] : labels_)
            if (!parent_.count(domain)) roots_.push_back(domain);
        const std::string i = instrument_;
        for (const FactView& fact : model_.rows("nominal_score", {model_.symbol(i)})) {
            int score = to_int(fact.arguments[2]);
            auto& best = scores_[fact.arguments[1]];
            if (best.second.empty() || score > best.first) best = {score, {}};
            if (score == best.first) best.second.push_back(fact.arguments[3]);
        }
        for (const FactView& fact : model_.rows("depth_cap", {model_.symbol(i)})) {
            auto& cap = caps_[fact.arguments[1]];
            int value = to_int(fact.arguments[2]);
            if (cap.second.empty() || value < cap.first) cap = {value, {}};
            if (value == cap.first) cap.second.push_back(fact.arguments[3]);
        }
        // The denominator: the domains the instrument's own text covers (kb/rules/depth.xml).
        for (const FactView& fact : model_.rows("covers", {model_.symbol(i)})) covered_.insert(fact.arguments[1]);
        for (const FactView& fact : model_.all("discount_weight"))
            weights_[fact.arguments[0]] =
                double(to_int(fact.arguments[1])) / double(to_int(fact.arguments[2]));
        for (const FactView& fact : model_.rows("depth_discount", {model_.symbol(i)}))
            discounts_[fact.arguments[1]][fact.arguments[2]].insert(fact.arguments[3]);
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
        if (const AreaScore* stream = find_stream(authority_, domain)) {
            depth.has_bodies = true;
            depth.pooling = stream->pooling;
            depth.delegation = stream->delegation;
        }
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

    void aggregate(DepthReport& report) const {
        double nominal = 0, effective = 0;
        int counted = 0;
        for (const DomainDepth& depth : report.domains) {
            if (depth.parent.empty()) continue;  // the root stands for all domains
            // Outside the instrument's scope: another treaty's domain, or one this text never
            // names. Its depth is shown, not averaged.
            if (!depth.covered) continue;
            ++counted;
            nominal += depth.nominal;
            effective += depth.effective;
            if (depth.nominal >= 1) ++report.scope;
        }
        report.covered = counted;
        if (counted) {
            report.nominal_depth = nominal / (5.0 * counted);
            report.effective_depth = effective / (5.0 * counted);
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
    AuthorityReport authority_;
};

}  // namespace

DepthReport compute_depth(const Model& model, std::string_view instrument) {
    return DepthBuilder(model, instrument).build();
}

}  // namespace treatykb::engine
