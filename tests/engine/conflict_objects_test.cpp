// Conflicts and defeasible conclusions are first-class objects: both sides, their rule instances,
// the provisions they rest on, and proofs of their premises down to annotated facts.
#include <catch2/catch.hpp>

#include "engine/datalog/loader.hpp"
#include "engine/datalog/model.hpp"

using namespace treatykb::engine;

namespace {
const char* kProgram = R"(<program xmlns="urn:treatykb:rules:1">
  <relation name="provision_rank"><arg name="p" type="provision"/><arg name="r" type="integer"/></relation>
  <relation name="norm"><arg name="source" type="provision"/><arg name="modality" type="symbol"/><arg name="action" type="symbol"/></relation>
  <relation name="allowed"><arg name="action" type="symbol"/></relation>
  <priorities order="lex_superior"/>
  <annotation id="eaeu.art47" provision="eaeu#art_47__para_1">
    <quote lang="ru">в одностороннем порядке вводить и применять меры нетарифного регулирования</quote>
    <fact>norm(@, permission, unilateral_ntm)</fact>
    <fact>provision_rank(@, 4)</fact>
  </annotation>
  <annotation id="eaeu.art46" provision="eaeu#art_46__para_1">
    <quote lang="ru">меры нетарифного регулирования</quote>
    <fact>norm(@, prohibition, unilateral_ntm)</fact>
    <fact>provision_rank(@, 4)</fact>
  </annotation>
  <fact>norm(eec#decision_1, prohibition, export_duty)</fact>
  <fact>provision_rank(eec#decision_1, 1)</fact>
  <fact>norm(eaeu#art_29, permission, export_duty)</fact>
  <fact>provision_rank(eaeu#art_29, 4)</fact>
  <rule id="permitted" strength="defeasible" source="?p"><head>allowed(?a)</head><body>norm(?p, permission, ?a)</body></rule>
  <rule id="prohibited" strength="defeasible" source="?p"><head>~allowed(?a)</head><body>norm(?p, prohibition, ?a)</body></rule>
</program>)";
}  // namespace

TEST_CASE("An unresolved opposition is a Conflict with both sides and their proofs") {
    Model model = evaluate(load_program_text(kProgram, "conflict.xml"));
    std::vector<Conflict> conflicts = model.conflicts();
    REQUIRE(conflicts.size() == 1);
    const Conflict& conflict = conflicts.front();
    CHECK(conflict.literal == "allowed(unilateral_ntm)");
    CHECK(conflict.complement == "~allowed(unilateral_ntm)");
    CHECK(conflict.reason.find("lex_superior") != std::string::npos);
    REQUIRE(conflict.supporting.size() == 1);
    REQUIRE(conflict.opposing.size() == 1);
    CHECK(conflict.supporting[0].rule_id == "permitted");
    CHECK(conflict.supporting[0].source == "eaeu#art_47__para_1");
    CHECK(conflict.opposing[0].rule_id == "prohibited");
    CHECK(conflict.opposing[0].source == "eaeu#art_46__para_1");
    REQUIRE(conflict.supporting[0].premises.size() == 1);
    const ProofNode& premise = conflict.supporting[0].premises[0];
    CHECK(premise.kind == ProofNode::Kind::base_fact);
    CHECK(premise.annotation_id == "eaeu.art47");
    CHECK(premise.provision == "eaeu#art_47__para_1");
    REQUIRE(premise.quotes.size() == 1);
    CHECK(premise.quotes[0].lang == "ru");
    CHECK(premise.where.file == "conflict.xml");
    CHECK(premise.where.line == 8);
    CHECK(model.count("allowed(unilateral_ntm)") == 0);
    CHECK(model.count("~allowed(unilateral_ntm)") == 0);
}

TEST_CASE("A settled opposition is a defeasible conclusion naming what it beat and how") {
    Model model = evaluate(load_program_text(kProgram, "conflict.xml"));
    std::vector<DefeasibleConclusion> conclusions = model.defeasible_conclusions();
    REQUIRE(conclusions.size() == 1);
    const DefeasibleConclusion& conclusion = conclusions.front();
    CHECK(conclusion.fact.text() == "allowed(export_duty)");
    CHECK(conclusion.fact.defeasible);
    CHECK(conclusion.winner.rule_id == "permitted");
    CHECK(conclusion.winner.source == "eaeu#art_29");
    REQUIRE(conclusion.defeated.size() == 1);
    CHECK(conclusion.defeated[0].attacker.rule_id == "prohibited");
    CHECK(conclusion.defeated[0].attacker.source == "eec#decision_1");
    CHECK(conclusion.defeated[0].criterion == Criterion::lex_superior);
    auto proof = model.explain("allowed(export_duty)");
    REQUIRE(proof);
    CHECK(proof->kind == ProofNode::Kind::defeasible_rule);
    REQUIRE(proof->defeated.size() == 1);
    CHECK(proof->defeated[0] == "prohibited (~allowed(export_duty)) beaten by permitted (lex_superior)");
}
