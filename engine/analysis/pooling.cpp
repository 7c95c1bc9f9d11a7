// Pooling and delegation after the MIA coding scheme (docs/methodology.md, "Pooling and
// delegation"). The facts come from kb/rules/authority.xml; here only means, minima, maxima.
#include "engine/analysis/pooling.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/analysis/detail/lists.hpp"
#include "engine/datalog/value.hpp"

namespace treatykb::engine {

namespace {

using detail::add_unique;

std::string instrument_of(const std::string& provision) {
    return provision.substr(0, provision.find('#'));
}

double ratio(const std::string& numerator, const std::string& denominator) {
    return double(std::stoi(numerator)) / double(std::stoi(denominator));
}

struct Vote {
    std::string rule;
    double score = -1;
    std::vector<std::string> sources;
};

// The rule that applies to a body in one context: the most majoritarian of those derived
// (several general rules may be annotated; a domain or area rule has already replaced them).
void offer(Vote& vote, const std::string& rule, double score, const std::string& source) {
    if (score > vote.score + 1e-12) vote = Vote{rule, score, {}};
    if (std::abs(score - vote.score) <= 1e-12 && rule == vote.rule) add_unique(vote.sources, source);
}

class AuthorityBuilder {
public:
    AuthorityBuilder(const Model& model, std::string_view instrument)
        : model_(model), instrument_(instrument) {}

    AuthorityReport build() {
        read_scope();
        read_bodies();
        AuthorityReport report;
        build_streams(report);
        build_areas(report);
        build_courts(report);
        aggregate(report);
        for (const FactView& fact : model_.all("corpus_gap"))
            if (instrument_of(fact.arguments[0]) == instrument_)
                report.corpus_gaps.emplace_back(fact.arguments[0], unquote(fact.arguments[1]));
        std::sort(report.corpus_gaps.begin(), report.corpus_gaps.end());
        return report;
    }

private:
    struct BodyInfo {
        std::string body_class;
        std::vector<std::string> class_sources;
        double discount = 0;
        std::vector<std::string> discount_sources;
        bool has_rule = false;
        bool judicial = false;
    };

    // A provision speaks for the instrument when the rules say so (in_scope, kb/rules/structure.xml:
    // its own provisions and those of a general amendment to it); a rule set without
    // structure.xml falls back to the provision's own instrument.
    bool ours(const std::string& provision) const {
        if (scoped_) return scope_.count(provision) > 0;
        return instrument_of(provision) == instrument_;
    }

    void read_scope() {
        scoped_ = model_.program().relation("in_scope") != nullptr;
        if (!scoped_) return;
        for (const FactView& fact : model_.rows("in_scope", {std::nullopt, model_.symbol(instrument_)}))
            scope_.insert(fact.arguments[0]);
    }

    void read_bodies() {
        for (const FactView& fact : model_.all("body"))
            if (ours(fact.arguments[2])) {
                declared_.insert(fact.arguments[0]);
                BodyInfo& info = bodies_[fact.arguments[0]];
                info.judicial = info.judicial || fact.arguments[1] == "judicial";
            }
        for (const FactView& fact : model_.all("body_class")) {
            BodyInfo& info = bodies_[fact.arguments[0]];
            // A body with members of both kinds counts as state-controlled (MIA: a majority of
            // members representing the states). Members the text makes independent are never
            // classed state (kb/rules/authority.xml, class_by_state_composition), so this is a
            // body composed, say, of judges and of state representatives.
            if (info.body_class.empty() || fact.arguments[1] == "state") {
                if (info.body_class != fact.arguments[1]) info.class_sources.clear();
                info.body_class = fact.arguments[1];
            }
            if (info.body_class == fact.arguments[1]) add_unique(info.class_sources, fact.arguments[2]);
        }
        for (const FactView& fact : model_.all("composition_discount")) {
            BodyInfo& info = bodies_[fact.arguments[0]];
            info.discount = std::max(info.discount, ratio(fact.arguments[1], fact.arguments[2]));
            add_unique(info.discount_sources, fact.arguments[3]);
        }
        for (const FactView& fact : model_.all("has_decision_rule"))
            bodies_[fact.arguments[0]].has_rule = true;
        for (const FactView& fact : model_.all("body_part_of")) wholes_.insert(fact.arguments[1]);
    }

    BodyScore body_score(const std::string& body, const Vote& vote,
                         const std::vector<std::string>& roles) const {
        BodyScore score;
        score.body = body;
        score.role_sources = roles;
        if (auto found = bodies_.find(body); found != bodies_.end()) {
            score.body_class = found->second.body_class;
            score.class_sources = found->second.class_sources;
            if (score.body_class == "non_state") {
                score.composition = 1.0 - found->second.discount;
                score.discount_sources = found->second.discount_sources;
            }
        }
        score.rule = vote.rule;
        score.voting = vote.score;
        score.rule_sources = vote.sources;
        return score;
    }

    // Agenda: mean voting score of the state bodies (x w), mean composition of all bodies.
    // Final: least majoritarian state body (x w), highest composition.
    static void score_stage(StageScore& stage, double weight, bool final_stage) {
        double sum = 0, lowest = 2, k_sum = 0, k_max = 0;
        int state = 0;
        for (const BodyScore& body : stage.bodies) {
            if (body.body_class == "state" && body.voting >= 0) {
                sum += body.voting;
                lowest = std::min(lowest, body.voting);
                ++state;
            }
            k_sum += body.composition;
            k_max = std::max(k_max, body.composition);
        }
        if (final_stage) {
            stage.pooling = state ? lowest * weight : 0.0;
            stage.delegation = k_max;
        } else {
            stage.pooling = state ? sum / state * weight : 0.0;
            stage.delegation = stage.bodies.empty() ? 0.0 : k_sum / double(stage.bodies.size());
        }
    }

    static void finish(AreaScore& area) {
        score_stage(area.agenda, area.weight, false);
        score_stage(area.final, area.weight, true);
        area.pooling = (area.agenda.pooling + area.final.pooling) / 2;
        area.delegation = (area.agenda.delegation + area.final.delegation) / 2;
    }

    // roles: context -> stage -> unit -> sources; votes: context -> unit -> vote.
    using Roles = std::map<std::string, std::map<std::string, std::map<std::string, std::vector<std::string>>>>;
    using Votes = std::map<std::string, std::map<std::string, Vote>>;

    void fill(AreaScore& area, const Roles& roles, const Votes& votes) const {
        auto context = roles.find(area.area);
        if (context == roles.end()) return;
        auto voting = votes.find(area.area);
        for (const auto& [stage, units] : context->second) {
            StageScore& target = stage == "final" ? area.final : area.agenda;
            for (const auto& [unit, sources] : units) {
                Vote vote;
                if (voting != votes.end())
                    if (auto found = voting->second.find(unit); found != voting->second.end()) vote = found->second;
                target.bodies.push_back(body_score(unit, vote, sources));
            }
        }
        area.coded = true;
    }

    void build_streams(AuthorityReport& report) {
        Roles roles;
        Votes votes;
        const std::string i = instrument_;
        for (const FactView& fact : model_.rows("stream_role", {model_.symbol(i)}))
            add_unique(roles[fact.arguments[1]][fact.arguments[2]][fact.arguments[3]], fact.arguments[4]);
        for (const FactView& fact : model_.all("stream_vote"))
            if (roles.count(fact.arguments[0]))
                offer(votes[fact.arguments[0]][fact.arguments[1]], fact.arguments[2],
                      ratio(fact.arguments[3], fact.arguments[4]), fact.arguments[5]);
        for (const auto& [domain, stages] : roles) {
            AreaScore stream;
            stream.area = domain;
            fill(stream, roles, votes);
            finish(stream);
            report.streams.push_back(std::move(stream));
        }
    }

    void build_areas(AuthorityReport& report) {
        Roles roles;
        Votes votes;
        const std::string i = instrument_;
        for (const FactView& fact : model_.rows("area_unit_role", {model_.symbol(i)}))
            add_unique(roles[fact.arguments[1]][fact.arguments[2]][fact.arguments[3]], fact.arguments[4]);
        for (const FactView& fact : model_.all("area_vote"))
            if (roles.count(fact.arguments[0]))
                offer(votes[fact.arguments[0]][fact.arguments[1]], fact.arguments[2],
                      ratio(fact.arguments[3], fact.arguments[4]), fact.arguments[5]);
        std::map<std::string, std::map<std::string, std::pair<double, std::string>>> factors;
        for (const FactView& fact : model_.rows("area_factor", {model_.symbol(i)})) {
            auto& factor = factors[fact.arguments[1]][fact.arguments[2]];
            double value = ratio(fact.arguments[3], fact.arguments[4]);
            // Two annotations of one factor: the lower weight (the stricter reading) applies.
            if (factor.second.empty() || value < factor.first)
                factor = {value, fact.arguments[2] + " " + fact.arguments[3] + "/" + fact.arguments[4] +
                                     " (" + fact.arguments[5] + ")"};
        }
        std::map<int, std::string> order;
        for (const FactView& fact : model_.all("mia_area"))
            order[std::stoi(fact.arguments[1])] = fact.arguments[0];
        for (const auto& [rank, name] : order) {
            AreaScore area;
            area.area = name;
            if (name == "policy_making") {
                // MIA codes up to five policy streams and keeps the highest.
                const AreaScore* best = nullptr;
                for (const AreaScore& stream : report.streams)
                    if (!best || stream.pooling > best->pooling + 1e-12 ||
                        (std::abs(stream.pooling - best->pooling) <= 1e-12 &&
                         stream.delegation > best->delegation + 1e-12))
                        best = &stream;
                if (best) {
                    area = *best;
                    area.area = name;
                    area.streams = {best->area};
                }
                report.areas.push_back(std::move(area));
                continue;
            }
            fill(area, roles, votes);
            if (auto found = factors.find(name); found != factors.end()) {
                area.coded = true;
                for (const auto& [factor, value] : found->second) {
                    area.weight *= value.first;
                    area.weight_factors.emplace_back(factor, value.second);
                }
            }
            finish(area);
            report.areas.push_back(std::move(area));
        }
    }

    void build_courts(AuthorityReport& report) const {
        std::map<std::string, CourtScore> courts;
        for (const auto& [body, info] : bodies_)
            if (info.judicial) courts[body].body = body;
        std::map<std::string, std::map<std::string, int>> items;
        for (const FactView& fact : model_.all("dispute_item")) {
            if (!ours(fact.arguments[3])) continue;
            CourtScore& court = courts[fact.arguments[0]];
            court.body = fact.arguments[0];
            court.coded = true;
            int& score = items[fact.arguments[0]][fact.arguments[1]];
            score = std::max(score, std::stoi(fact.arguments[2]));
            add_unique(court.sources, fact.arguments[3]);
        }
        // A court that is part of a coded court (the General Court of the CJEU) is covered by it.
        std::map<std::string, std::string> whole_of;
        for (const FactView& fact : model_.all("body_part_of")) whole_of[fact.arguments[0]] = fact.arguments[1];
        for (auto it = courts.begin(); it != courts.end();) {
            auto whole = whole_of.find(it->first);
            bool covered = !it->second.coded && whole != whole_of.end() && courts.count(whole->second) &&
                           courts.at(whole->second).coded;
            it = covered ? courts.erase(it) : std::next(it);
        }
        for (auto& [body, court] : courts) {
            int sum = 0;
            for (const auto& [item, score] : items[body]) {
                court.items.emplace_back(item, score);
                sum += score;
            }
            court.score = double(sum) / 14.0;
            report.courts.push_back(std::move(court));
        }
    }

    void aggregate(AuthorityReport& report) const {
        for (const AreaScore& area : report.areas) {
            report.pool_agenda += area.agenda.pooling;
            report.pool_final += area.final.pooling;
            report.del_agenda += area.agenda.delegation;
            report.del_final += area.final.delegation;
            if (area.coded) ++report.areas_coded;
        }
        if (!report.areas.empty()) {
            double n = double(report.areas.size());
            report.pool_agenda /= n;
            report.pool_final /= n;
            report.del_agenda /= n;
            report.del_final /= n;
        }
        for (const CourtScore& court : report.courts) report.judicial = std::max(report.judicial, court.score);
        report.pooling = (report.pool_agenda + report.pool_final) / 2;
        report.delegation = (report.del_agenda + report.del_final + report.judicial) / 3;
        for (const std::string& body : declared_) {
            const BodyInfo& info = bodies_.at(body);
            if (wholes_.count(body) && !info.has_rule && !info.judicial) continue;  // decides through its parts
            ++report.bodies_total;
            bool coded = !info.body_class.empty() &&
                         (info.has_rule || (info.judicial && std::any_of(report.courts.begin(), report.courts.end(),
                                                                         [&](const CourtScore& c) {
                                                                             return c.body == body && c.coded;
                                                                         })));
            if (coded) ++report.bodies_coded;
            else report.uncoded_bodies.push_back(body);
        }
    }

    const Model& model_;
    std::string instrument_;
    std::map<std::string, BodyInfo> bodies_;
    bool scoped_ = false;
    std::set<std::string> scope_;     // the provisions that speak for the instrument (in_scope)
    std::set<std::string> declared_;  // bodies declared by a provision of the instrument
    std::set<std::string> wholes_;    // bodies that have parts
};

}  // namespace

AuthorityReport compute_authority(const Model& model, std::string_view instrument) {
    return AuthorityBuilder(model, instrument).build();
}

const AreaScore* find_stream(const AuthorityReport& report, const std::string& domain) {
    for (const AreaScore& stream : report.streams)
        if (stream.area == domain) return &stream;
    return nullptr;
}

}  // namespace treatykb::engine
