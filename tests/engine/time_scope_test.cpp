// Instrument scope and time on the real knowledge base (kb/knowledge, kb/rules): facts of a
// one-off accession treaty never make EAEU findings; the evaluation date (as_of) ends transitional
// regimes and sets the membership; depth is taken over the domains the instrument's own text
// covers and each provision is discounted once; annexes rank with the Treaty.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "engine/analysis/analysis.hpp"
#include "engine/analysis/knowledge.hpp"
#include "engine/datalog/loader.hpp"
#include "../test_support.hpp"

using namespace treatykb::engine;
using treatykb::testing::source_dir;
using treatykb::testing::default_program;

namespace {

Program at(const Program& program, const std::string& date) {
    return at_date(program, date, "--as-of");
}

Analysis analyze_eaeu(const Model& model) {
    AnalysisOptions options;
    options.explain = true;
    options.population_table = source_dir() + "/kb/knowledge/data/eu27_population.csv";
    return analyze(model, "eaeu", options);
}

// Every finding as "kind domain primary secondary".
std::set<std::string> finding_keys(const Analysis& analysis) {
    std::set<std::string> lines;
    for (const FindingGroup& g : analysis.findings)
        for (const FindingInstance& i : g.instances)
            lines.insert(g.kind + " " + g.domain + " " + i.primary + " " + i.secondary);
    return lines;
}

bool rests_on(const ProofNode& node, const std::string& prefix) {
    if (node.kind == ProofNode::Kind::base_fact && node.provision.rfind(prefix, 0) == 0) return true;
    return std::any_of(node.premises.begin(), node.premises.end(),
                       [&](const ProofNode& premise) { return rests_on(premise, prefix); });
}

std::string primary_of(const std::string& line) {
    std::size_t first = line.find(' '), second = line.find(' ', first + 1);
    std::size_t third = line.find(' ', second + 1);
    return line.substr(second + 1, third - second - 1);
}

}  // namespace

TEST_CASE("No EAEU finding rests on a fact of a one-off accession treaty") {
    Model model = evaluate(at(default_program(), "2025-01-01"));
    Analysis analysis = analyze_eaeu(model);
    REQUIRE(!analysis.findings.empty());
    for (const FindingGroup& g : analysis.findings)
        for (const FindingInstance& i : g.instances) {
            INFO(g.kind << " " << g.domain << " " << i.primary);
            CHECK_FALSE(rests_on(i.proof, "eaeu-kgz#"));
            CHECK_FALSE(rests_on(i.proof, "eaeu-arm#"));
        }
    // The Kyrgyz treaty lets the Supreme Council decide on the Kyrgyz-Kazakh border controls: no
    // EAEU veto point follows in customs regulation or SPS measures from that.
    CHECK(model.count("body_domain(eaeu_supreme_council, customs_regulation, ?p)") == 1);
    CHECK(model.count("finding(veto_point, customs_regulation, ?r, ?u, ?x, ?s)") == 0);
    CHECK(model.count("finding(veto_point, sps_measures, ?r, ?u, ?x, ?s)") == 0);

    // The scope is the rules' doing: were the Kyrgyz treaty a general amendment of the EAEU
    // Treaty, its facts would speak for the Union and the veto points would appear.
    Program general = apply_scenario_text(
        at(default_program(), "2025-01-01"),
        "<scenario xmlns=\"urn:treatykb:rules:1\"><retract>applies_to(eaeu-kgz, eaeu, one_off)</retract>"
        "<fact>applies_to(eaeu-kgz, eaeu, general)</fact></scenario>",
        "general");
    Model widened = evaluate(general);
    CHECK(widened.count("finding(veto_point, customs_regulation, eaeu#art_13__para_2, ?u, ?x, ?s)") > 0);
    CHECK(widened.count("finding(veto_point, sps_measures, eaeu#art_13__para_2, ?u, ?x, ?s)") > 0);
}

TEST_CASE("The Supreme Council's decision rule is cited from Art. 13(2)") {
    Model model = evaluate(at(default_program(), "2025-01-01"));
    auto rules = model.query("decision_rule(eaeu_supreme_council, ?r, ?n, ?m, ?b, ?p)");
    REQUIRE(rules.size() == 1);
    CHECK(rules[0].arguments[5] == "eaeu#art_13__para_2");
    Analysis analysis = analyze_eaeu(model);
    for (const BodyPowerResult& body : analysis.power)
        if (body.body == "eaeu_supreme_council") CHECK(body.source == "eaeu#art_13__para_2");
}

TEST_CASE("analyze at 2015-01-01 and 2025-01-01 differ exactly by the regimes that ended between") {
    Model early = evaluate(at(default_program(), "2015-01-01"));
    Model late = evaluate(at(default_program(), "2025-01-01"));
    std::set<std::string> before = finding_keys(analyze_eaeu(early));
    std::set<std::string> after = finding_keys(analyze_eaeu(late));
    // Nothing appears with time (no regime starts between the two dates in the knowledge base).
    for (const std::string& line : after) {
        INFO(line);
        CHECK(before.count(line) == 1);
    }
    // What goes is exactly the findings whose limiting provision's regime ends in between.
    std::set<std::string> ended;
    for (const FactView& fact : late.query("regime_ends(?p, ?d)"))
        if (fact.arguments[1] > "2015-01-01" && fact.arguments[1] <= "2025-01-01")
            ended.insert(fact.arguments[0]);
    std::set<std::string> gone;
    for (const std::string& line : before)
        if (!after.count(line)) gone.insert(line);
    REQUIRE(!gone.empty());
    for (const std::string& line : gone) {
        INFO(line);
        CHECK(ended.count(primary_of(line)) == 1);
    }
    for (const std::string& line : before)
        if (ended.count(primary_of(line))) {
            INFO(line);
            CHECK(after.count(line) == 0);
        }
    // Art. 106(1) (Belarus, to 2016) and Art. 105(1) (subsidy powers, 2017) among them.
    auto has_primary = [](const std::set<std::string>& lines, const std::string& provision) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const std::string& line) { return primary_of(line) == provision; });
    };
    CHECK(has_primary(before, "eaeu#art_106__para_1"));
    CHECK_FALSE(has_primary(after, "eaeu#art_106__para_1"));
    CHECK(has_primary(before, "eaeu#art_105__para_1"));
    CHECK_FALSE(has_primary(after, "eaeu#art_105__para_1"));
    // Art. 106 concerns Belarus alone.
    CHECK(late.count("bearer_state(eaeu#art_106__para_1, BLR)") == 1);
    CHECK(late.count("bearer_state(eaeu#art_106__para_1, ?s)") == 1);
}

TEST_CASE("Membership follows the evaluation date: consensus power to act 1/8 with 3 states, 1/32 with 5") {
    auto members_and_power = [](const std::string& date) {
        Model model = evaluate(at(default_program(), date));
        AnalysisOptions options;
        options.explain = false;
        std::vector<BodyPowerResult> power = analyze_power(model, "eaeu", options);
        std::string supreme;
        for (const BodyPowerResult& body : power)
            if (body.body == "eaeu_supreme_council")
                supreme = body.power.indices.power_to_act.str();
        std::size_t members = model.query("member_at(eaeu, ?s)").size();
        return std::make_pair(members, supreme);
    };
    CHECK(members_and_power("2015-01-01") == std::make_pair(std::size_t(3), std::string("1/8")));
    CHECK(members_and_power("2015-01-02") == std::make_pair(std::size_t(4), std::string("1/16")));
    CHECK(members_and_power("2015-08-11") == std::make_pair(std::size_t(4), std::string("1/16")));
    CHECK(members_and_power("2015-08-12") == std::make_pair(std::size_t(5), std::string("1/32")));
    CHECK(members_and_power("2025-01-01") == std::make_pair(std::size_t(5), std::string("1/32")));
}

TEST_CASE("The EAEU's depth does not change when other treaties are loaded") {
    std::vector<std::string> all = treatykb::testing::default_rule_files(source_dir());
    std::vector<std::string> eaeu_only;
    for (const std::string& file : all) {
        std::string name = std::filesystem::path(file).filename().string();
        bool other = file.find("/kb/knowledge/") != std::string::npos &&
                     file.find("/kb/knowledge/eaeu/") == std::string::npos &&
                     name != "schema.xml" && name != "domains.xml" && name != "eaeu_accessions.xml";
        if (!other) eaeu_only.push_back(file);
    }
    REQUIRE(eaeu_only.size() < all.size());
    DepthReport with = compute_depth(evaluate(at(load_program(all), "2025-01-01")), "eaeu");
    DepthReport without = compute_depth(evaluate(at(load_program(eaeu_only), "2025-01-01")), "eaeu");
    CHECK(with.covered == without.covered);
    CHECK(with.covered > 0);
    CHECK(with.nominal_depth == Approx(without.nominal_depth).epsilon(1e-12));
    CHECK(with.effective_depth == Approx(without.effective_depth).epsilon(1e-12));
    CHECK(with.scope == without.scope);
    // Pooling and delegation (MIA) are the instrument's own too.
    CHECK(with.pooling == Approx(without.pooling).epsilon(1e-12));
    CHECK(with.delegation == Approx(without.delegation).epsilon(1e-12));
    CHECK(with.authority.streams.size() == without.authority.streams.size());
    // The TEU's own domains are in the tree but outside the EAEU's denominator.
    for (const DomainDepth& domain : with.domains)
        if (domain.domain == "foreign_security_policy") CHECK_FALSE(domain.covered);
}

TEST_CASE("A provision is discounted once per limitation it creates") {
    Model model = evaluate(at(default_program(), "2025-01-01"));
    for (const std::string provision :
         {"eaeu#art_40__para_2", "eaeu#art_42__para_6", "eaeu#art_102__para_1"}) {
        INFO(provision);
        // Each is a permission or exception that is also transitional...
        CHECK(model.count("transitional(" + provision + ", ?d, ?u)") > 0);
        CHECK(model.count("finding(transitional_regime, ?d, " + provision + ", ?u, ?r, ?s)") > 0);
        // ...and limits depth by one kind only.
        std::set<std::string> kinds;
        for (const FactView& fact : model.query("depth_discount(eaeu, ?d, ?k, " + provision + ")"))
            kinds.insert(fact.arguments[2]);
        CHECK(kinds.size() == 1);
        CHECK(kinds.count("transitional_regime") == 0);
    }
}

TEST_CASE("Annex 7 point 3 yields to Art. 47 by lex specialis: annexes rank with the Treaty") {
    Model model = evaluate(at(default_program(), "2025-01-01"));
    CHECK(model.count("provision_rank(eaeu#annex_7__point_3, 4)") == 1);
    bool seen = false;
    for (const DefeasibleConclusion& conclusion : model.defeasible_conclusions())
        for (const Defeat& defeat : conclusion.defeated)
            if (defeat.attacker.source == "eaeu#annex_7__point_3") {
                seen = true;
                CHECK(std::string(criterion_name(defeat.criterion)) == "lex_specialis");
            }
    CHECK(seen);
}

TEST_CASE("Art. 29(1) and Art. 114(2) are findings; differentiated integration is not discounted") {
    Model model = evaluate(at(default_program(), "2025-01-01"));
    CHECK(model.count("finding(national_exception, mutual_trade_restrictions, eaeu#art_29__para_1, ?u, ?r, ?s)") > 0);
    CHECK(model.count("finding(differentiated_integration, economy, eaeu#art_114__para_2, ?u, ?r, ?s)") == 1);
    CHECK(model.count("depth_discount(eaeu, ?d, ?k, eaeu#art_114__para_2)") == 0);
}

TEST_CASE("Annex 1 point 3 gives binding decisions only in the customs-union spheres") {
    Model model = evaluate(at(default_program(), "2025-01-01"));
    CHECK(model.count("body_field(eaeu_commission, monetary_policy, eaeu#annex_1__point_3)") == 1);
    for (const char* domain : {"macroeconomic_policy", "monetary_policy", "labour_migration"})
        CHECK(model.count(std::string("body_domain(?b, ") + domain + ", ?p)") == 0);
    CHECK(model.count("body_domain(eaeu_commission, customs_tariff, eaeu#annex_1__point_3)") == 1);
}

TEST_CASE("The decentralised-agency scenario decides, staffs and reviews outside the consensus bodies") {
    Program base = at(default_program(), "2025-01-01");
    Program agency = apply_scenario(base, {source_dir() + "/kb/scenarios/industrial_policy_agency.xml"});
    Model before = evaluate(base);
    Model after = evaluate(agency);
    auto industrial = [](const DepthReport& report) {
        for (const DomainDepth& domain : report.domains)
            if (domain.domain == "industrial_policy") return domain;
        return DomainDepth{};
    };
    DomainDepth was = industrial(compute_depth(before, "eaeu"));
    DomainDepth now = industrial(compute_depth(after, "eaeu"));
    CHECK(was.nominal == 1);
    CHECK(now.nominal == 4);                       // single policy with a deciding Union body
    CHECK(now.effective - was.effective > 1.0);    // more than a rounding step
    // Its decisions go to the Court, not to a consensus body: no review path to a veto.
    CHECK(after.count("review_path(eaeu_industrial_agency, eaeu_court, ?p)") == 1);
    CHECK(after.count("review_path(eaeu_industrial_agency, eaeu_supreme_council, ?p)") == 0);
    CHECK(after.count("finding(appeal_to_veto_body, ?d, eaeu#art_92__para_1, ?s, ?r, ?v)") == 0);
    // Staffed by independent members: no intergovernmental-staffing finding on it.
    CHECK(after.count("finding(intergovernmental_staffing, ?d, eaeu#art_92__para_1, ?p, ?r, ?v)") == 0);
}

TEST_CASE("at_date rejects a date that does not exist, and a program without as_of") {
    CHECK_THROWS_AS(at_date(default_program(), "2014-02-31", "--as-of"), ProgramErrors);
    CHECK_THROWS_WITH(at_date(default_program(), "2015-02-29", "--as-of"), Catch::Contains("not a valid date"));
    CHECK_NOTHROW(at_date(default_program(), "2016-02-29", "--as-of"));
    Program bare = load_program_text(R"(<program xmlns="urn:treatykb:rules:1"><relation name="p"><arg name="x" type="symbol"/></relation></program>)", "bare.xml");
    CHECK_THROWS_WITH(at_date(bare, "2025-01-01", "--as-of"), Catch::Contains("as_of"));
}
