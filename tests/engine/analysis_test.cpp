// The EAEU conflict analysis on the real knowledge base (kb/knowledge, kb/rules): the findings
// the issue names, with their citations, and the proof that findings follow the knowledge —
// retract one annotation and exactly its findings go.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "engine/analysis/analysis.hpp"
#include "engine/datalog/loader.hpp"
#include "../test_support.hpp"

using namespace treatykb::engine;
using treatykb::testing::source_dir;
using treatykb::testing::default_program;

namespace {

Analysis analyze_eaeu(const Program& program) {
    Model model = evaluate(program);
    AnalysisOptions options;
    options.population_table = source_dir() + "/kb/knowledge/data/eu27_population.csv";
    return analyze(model, "eaeu", options);
}

const Analysis& baseline() {
    static const Analysis analysis = analyze_eaeu(default_program());
    return analysis;
}

const FindingGroup* group(const Analysis& analysis, const std::string& kind, const std::string& domain) {
    for (const FindingGroup& g : analysis.findings)
        if (g.kind == kind && g.domain == domain) return &g;
    return nullptr;
}

const FindingInstance* instance(const FindingGroup& g, const std::string& primary,
                                const std::string& secondary) {
    for (const FindingInstance& i : g.instances)
        if (i.primary == primary && i.secondary == secondary) return &i;
    return nullptr;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Every finding as one line, for set comparisons.
std::set<std::string> finding_lines(const Analysis& analysis) {
    std::set<std::string> lines;
    for (const FindingGroup& g : analysis.findings)
        for (const FindingInstance& i : g.instances)
            lines.insert(g.kind + " " + g.domain + " " + i.primary + " " + i.secondary + " " + i.reading);
    return lines;
}

const DomainDepth& depth_of(const Analysis& analysis, const std::string& domain) {
    for (const DomainDepth& d : analysis.depth.domains)
        if (d.domain == domain) return d;
    FAIL("no domain " << domain);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Art. 47 against Art. 25(1): autonomy inside transferred competence, a sanctioned derogation") {
    const FindingGroup* g = group(baseline(), "autonomy_in_union_domain", "non_tariff_measures");
    REQUIRE(g != nullptr);
    const FindingInstance* art47 = instance(*g, "eaeu#art_47", "eaeu#art_25__para_1");
    REQUIRE(art47 != nullptr);
    CHECK(art47->reading == "sanctioned_derogation");
    CHECK(art47->rule_id == "autonomy_in_union_domain_sanctioned");
    // The proof goes down to the annotation of Art. 47 and its verbatim quote.
    std::function<bool(const ProofNode&)> cites_art47 = [&](const ProofNode& node) {
        if (node.annotation_id == "eaeu.art47.unilateral_ntm" && !node.quotes.empty()) return true;
        return std::any_of(node.premises.begin(), node.premises.end(), cites_art47);
    };
    CHECK(cites_art47(art47->proof));
    // The defeasible layer: Art. 47 beats the single policy by lex specialis.
    CHECK(g->verdict.outcome == ControlVerdict::Outcome::qualified);
    CHECK(g->verdict.literal == "~exclusive_union_control(eaeu, non_tariff_measures)");
    // Effective depth of non-tariff measures falls below nominal.
    const DomainDepth& ntm = depth_of(baseline(), "non_tariff_measures");
    CHECK(ntm.nominal == 4);
    CHECK(ntm.effective < ntm.nominal);
    CHECK(std::any_of(ntm.discounts.begin(), ntm.discounts.end(), [](const DepthDiscount& d) {
        return d.kind == "unilateral_measure" && contains(d.sources, "eaeu#art_47");
    }));
}

TEST_CASE("Art. 92(1) keeps industrial policy national beside Art. 93: a positive-integration gap") {
    const FindingGroup* g = group(baseline(), "positive_integration_gap", "industrial_policy");
    REQUIRE(g != nullptr);
    const FindingInstance* gap = instance(*g, "eaeu#art_92__para_1", "eaeu#art_93__para_1");
    REQUIRE(gap != nullptr);
    CHECK(gap->rule_id == "positive_integration_gap");
    CHECK(gap->reading == "design_choice");
    const DomainDepth& industry = depth_of(baseline(), "industrial_policy");
    CHECK(industry.cap == 1);
    CHECK(contains(industry.cap_sources, "eaeu#art_92__para_1"));
    CHECK(industry.effective <= 1.0);
}

TEST_CASE("Art. 9(2): intergovernmental staffing of the Commission") {
    const FindingGroup* g = group(baseline(), "intergovernmental_staffing", "institutions");
    REQUIRE(g != nullptr);
    CHECK(contains(g->primary_provisions, "eaeu#art_9__para_2"));
    CHECK(contains(g->rules, "intergovernmental_staffing"));
}

TEST_CASE("Veto points: consensus bodies in Union domains, and the Board's decisions taken to the Council") {
    const FindingGroup* veto = group(baseline(), "veto_point", "customs_tariff");
    REQUIRE(veto != nullptr);
    CHECK(contains(veto->primary_provisions, "eaeu#art_18__para_2"));  // Commission Council: consensus
    const FindingGroup* appeal = group(baseline(), "appeal_to_veto_body", "institutions");
    REQUIRE(appeal != nullptr);
    CHECK(contains(appeal->primary_provisions, "eaeu#annex_1__point_30"));
    CHECK(contains(appeal->rules, "majority_decision_reviewable_by_consensus_body"));
}

TEST_CASE("Retracting the Art. 47 annotation removes exactly the findings that rest on it") {
    Program changed = apply_scenario_text(
        default_program(),
        R"(<scenario xmlns="urn:treatykb:rules:1"><retract annotation="eaeu.art47.unilateral_ntm"/></scenario>)",
        "drop47.xml");
    std::set<std::string> before = finding_lines(baseline());
    std::set<std::string> after = finding_lines(analyze_eaeu(changed));
    std::set<std::string> removed, added;
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                        std::inserter(removed, removed.end()));
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                        std::inserter(added, added.end()));
    REQUIRE_FALSE(removed.empty());
    for (const std::string& line : removed) CHECK(line.find(" eaeu#art_47 ") != std::string::npos);
    CHECK(added.empty());
}

TEST_CASE("Changing one decision rule changes exactly its veto findings") {
    Program changed = apply_scenario_text(default_program(), R"(<scenario xmlns="urn:treatykb:rules:1">
  <retract>decision_rule(eaeu_commission_council, consensus, 1, 1, members, eaeu#art_18__para_2)</retract>
  <retract>decision_rule(eaeu_commission_council, consensus, 1, 1, members, eaeu#annex_1__point_29)</retract>
  <fact>decision_rule(eaeu_commission_council, qualified_majority, 2, 3, members, eaeu#art_18__para_2)</fact>
</scenario>)", "council_qmv.xml");
    Analysis after = analyze_eaeu(changed);
    const FindingGroup* veto = group(after, "veto_point", "customs_tariff");
    if (veto) CHECK_FALSE(contains(veto->primary_provisions, "eaeu#art_18__para_2"));
    CHECK(group(baseline(), "veto_point", "customs_tariff") != nullptr);
}

TEST_CASE("The 2007 Customs Union Commission: weighted 2/3 majority from the knowledge base") {
    Model model = evaluate(default_program());
    std::vector<BodyPowerResult> bodies = analyze_power(model, "cuc-2007", {});
    auto weighted = std::find_if(bodies.begin(), bodies.end(), [](const BodyPowerResult& b) {
        return b.body == "cuc2007_commission" && b.rule == "weighted_majority";
    });
    REQUIRE(weighted != bodies.end());
    const auto& indices = weighted->power.indices;
    REQUIRE(indices.members.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        using treatykb::power::Rational;
        if (indices.members[i] == "RUS") CHECK(indices.shapley_shubik[i] == Rational(2, 3));
        else CHECK(indices.shapley_shubik[i] == Rational(1, 6));
    }
    CHECK(indices.power_to_act == treatykb::power::Rational(3, 8));
}

namespace {

const BodyPowerResult* parliament(const std::vector<BodyPowerResult>& bodies) {
    for (const BodyPowerResult& body : bodies)
        if (body.body == "teu_parliament" && body.rule == "simple_majority") return &body;
    return nullptr;
}

}  // namespace

TEST_CASE("The European Parliament is weighted by the seats of its table, checked against Art. 14(2)") {
    using treatykb::power::Rational;
    Model model = evaluate(default_program());
    SECTION("without a seat table, one member per member state") {
        std::vector<BodyPowerResult> bodies = analyze_power(model, "teu", {});
        const BodyPowerResult* chamber = parliament(bodies);
        REQUIRE(chamber);
        const auto& indices = chamber->power.indices;
        REQUIRE(indices.members.size() == analyze(model, "teu", {}).members.size());
        for (const Rational& share : indices.shapley_shubik) CHECK(share == indices.shapley_shubik.front());
        CHECK(chamber->power.body.description.find("seats") == std::string::npos);
    }
    SECTION("with the bundled table: 27 delegations, 720 seats, power rising with seats") {
        AnalysisOptions options;
        options.seat_table_folder = source_dir() + "/kb/knowledge/data";
        std::vector<BodyPowerResult> bodies = analyze_power(model, "teu", options);
        const BodyPowerResult* chamber = parliament(bodies);
        REQUIRE(chamber);
        const auto& indices = chamber->power.indices;
        REQUIRE(indices.members.size() == 27);
        CHECK(chamber->power.body.description.find("720 in seats_teu_parliament.csv") != std::string::npos);
        auto index_of = [&](const std::string& state) {
            auto at = std::find(indices.members.begin(), indices.members.end(), state);
            REQUIRE(at != indices.members.end());
            return static_cast<std::size_t>(at - indices.members.begin());
        };
        CHECK(indices.shapley_shubik[index_of("DEU")] > indices.shapley_shubik[index_of("FRA")]);
        CHECK(indices.shapley_shubik[index_of("FRA")] > indices.shapley_shubik[index_of("MLT")]);
        CHECK(indices.shapley_shubik[index_of("MLT")] == indices.shapley_shubik[index_of("LUX")]);
        Rational sum = 0;
        for (const Rational& share : indices.shapley_shubik) sum += share;
        CHECK(sum == 1);
    }
    SECTION("a table outside the range of Art. 14(2) is refused, naming the state and the provision") {
        treatykb::testing::TemporaryDirectory folder;
        folder.write("seats_teu_parliament.csv", "code,name,seats\nDEU,Germany,97\nMLT,Malta,6\n");
        AnalysisOptions options;
        options.seat_table_folder = folder.path();
        try {
            analyze_power(model, "teu", options);
            FAIL("a state with 97 seats was accepted");
        } catch (const treatykb::Error& error) {
            CHECK(std::string(error.message()).find("DEU has 97 seats in teu_parliament, outside the range 6 to 96 that teu#art_14__para_2 sets") != std::string::npos);
        }
        std::string many = "code,name,seats\n";
        for (int state = 0; state < 9; ++state) many += "S" + std::to_string(state) + ",State,96\n";
        folder.write("seats_teu_parliament.csv", many);  // 864 seats
        CHECK_THROWS_WITH(analyze_power(model, "teu", options),
                          Catch::Contains("add up to 864, more than the 750"));
        folder.write("seats_teu_parliament.csv", "code,name,votes\nDEU,Germany,96\n");
        CHECK_THROWS_WITH(analyze_power(model, "teu", options), Catch::Contains("expected the header 'code,name,seats'"));
    }
}

TEST_CASE("Depth model: a Balassa stage is reached nominally, and exceptions lower the effective one") {
    const DepthReport& depth = baseline().depth;
    CHECK(depth.nominal_depth > 0);
    CHECK(depth.effective_depth < depth.nominal_depth);
    CHECK(depth.scope > 10);
    auto rank = [&](const std::string& stage) {
        for (const StageAssessment& s : depth.stages)
            if (s.stage == stage) return s.rank;
        return 0;
    };
    CHECK(rank(depth.nominal_stage) >= rank("fta"));
    CHECK(rank(depth.effective_stage) <= rank(depth.nominal_stage));
    // Every EAEU state body decides by consensus: no pooling (authority_test.cpp); the Board's
    // independent members give delegation.
    CHECK(depth.pooling == Approx(0));
    CHECK(depth.delegation > 0);
}

TEST_CASE("Without its declared exceptions, Art. 47 is an open conflict and the defeasible layer cannot settle it") {
    Program changed = apply_scenario_text(default_program(), R"(<scenario xmlns="urn:treatykb:rules:1">
  <retract>exception_to(eaeu#art_47, eaeu#art_25__para_1)</retract>
  <retract>exception_to(eaeu#art_47, eaeu#art_46__para_1)</retract>
  <retract>exception_to(eaeu#art_47, eaeu#annex_7__point_3)</retract>
</scenario>)", "no_exception.xml");
    Analysis after = analyze_eaeu(changed);
    const FindingGroup* g = group(after, "autonomy_in_union_domain", "non_tariff_measures");
    REQUIRE(g != nullptr);
    const FindingInstance* art47 = instance(*g, "eaeu#art_47", "eaeu#art_25__para_1");
    REQUIRE(art47 != nullptr);
    CHECK(art47->reading == "open_conflict");
    CHECK(art47->rule_id == "autonomy_in_union_domain_open");
    CHECK(g->reading == "open_conflict");
    // Art. 25(1) (treaty, rank 4) beats the Annex 7 points by lex superior, and nothing now ranks
    // Art. 47 above it: a conflict object, neither side concluded.
    CHECK(g->verdict.outcome == ControlVerdict::Outcome::unresolved);
}
