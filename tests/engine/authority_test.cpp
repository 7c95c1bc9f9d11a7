// Pooling and delegation after the MIA coding scheme, on the real knowledge base: consensus pools
// nothing, so the EAEU pools less than the EU and the 2007 Customs Union Commission; the CFSP's
// unanimity shows in the TEU's streams; every score keeps the provisions behind it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "engine/analysis/depth.hpp"
#include "engine/datalog/loader.hpp"
#include "../test_support.hpp"

using namespace treatykb::engine;
using treatykb::testing::source_dir;

namespace {

const Model& model() {
    static const Model evaluated = evaluate(load_program(treatykb::testing::default_rule_files(source_dir())));
    return evaluated;
}

const AuthorityReport& authority(const std::string& instrument) {
    static std::map<std::string, AuthorityReport> cache;
    auto found = cache.find(instrument);
    if (found == cache.end()) found = cache.emplace(instrument, compute_authority(model(), instrument)).first;
    return found->second;
}

const AreaScore& area(const AuthorityReport& report, const std::string& name) {
    auto found = std::find_if(report.areas.begin(), report.areas.end(),
                              [&](const AreaScore& a) { return a.area == name; });
    REQUIRE(found != report.areas.end());
    return *found;
}

const BodyScore* body(const StageScore& stage, const std::string& name) {
    for (const BodyScore& b : stage.bodies)
        if (b.body == name) return &b;
    return nullptr;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("MIA pooling: the EAEU pools less than the EU and than the 2007 Commission; the EU less than 1") {
    const AuthorityReport& eaeu = authority("eaeu");
    const AuthorityReport& teu = authority("teu");
    const AuthorityReport& cuc = authority("cuc-2007");
    CHECK(cuc.pooling > 0);
    CHECK(eaeu.pooling < teu.pooling);
    CHECK(eaeu.pooling < cuc.pooling);
    CHECK(teu.pooling < 1);
    // Every EAEU state body decides by consensus: no area pools anything.
    for (const AreaScore& a : eaeu.areas) CHECK(a.pooling == Approx(0));
    // Delegation rests on the Board (independent members, national staffing rules).
    CHECK(eaeu.delegation > 0);
}

TEST_CASE("MIA pooling: consensus contributes nothing, and the score names its provisions") {
    const AreaScore& accession = area(authority("eaeu"), "accession");
    REQUIRE(accession.coded);
    const BodyScore* council = body(accession.agenda, "eaeu_supreme_council");
    REQUIRE(council != nullptr);
    CHECK(council->body_class == "state");
    CHECK(council->rule == "consensus");
    CHECK(council->voting == Approx(0));
    CHECK(has(council->rule_sources, "eaeu#art_108__para_3"));
    CHECK(has(council->role_sources, "eaeu#art_108__para_3"));
    // Binding (1) x ratification by all (1/4).
    CHECK(accession.weight == Approx(0.25));
}

TEST_CASE("MIA pooling: the 2007 Commission pools by its weighted 2/3, the consensus body above it does not") {
    const AuthorityReport& cuc = authority("cuc-2007");
    const AreaScore& policy = area(cuc, "policy_making");
    REQUIRE(policy.coded);
    const BodyScore* commission = body(policy.agenda, "cuc2007_commission");
    REQUIRE(commission != nullptr);
    CHECK(commission->rule == "weighted_majority");
    CHECK(commission->voting == Approx(2.0 / 3));
    CHECK(has(commission->rule_sources, "cuc-2007#art_7"));
    const BodyScore* heads = body(policy.final, "cuc2007_interstate_council");
    REQUIRE(heads != nullptr);  // Art. 7: a disagreeing Party takes the question to the heads of state
    CHECK(heads->voting == Approx(0));
    CHECK(policy.agenda.pooling == Approx(2.0 / 3));
    CHECK(policy.final.pooling == Approx(0));
}

TEST_CASE("MIA pooling: the CFSP's unanimity is visible per domain in the TEU") {
    const AuthorityReport& teu = authority("teu");
    const AreaScore* cfsp = find_stream(teu, "foreign_security_policy");
    REQUIRE(cfsp != nullptr);
    CHECK(cfsp->pooling == Approx(0));
    const BodyScore* council = body(cfsp->final, "teu_council");
    REQUIRE(council != nullptr);
    CHECK(council->rule == "unanimity");
    CHECK((has(council->rule_sources, "teu#art_24__para_1") || has(council->rule_sources, "teu#art_31__para_1")));
    // Elsewhere the Council's default qualified majority (Art. 16(3)) applies: suspension, Art. 7(3).
    const AreaScore& suspension = area(teu, "suspension");
    const BodyScore* qmv = body(suspension.final, "teu_council");
    REQUIRE(qmv != nullptr);
    CHECK(qmv->rule == "qualified_majority");
}

TEST_CASE("MIA delegation: a court's seven items from its Statute; a court without coded items is reported missing, by name") {
    // The EAEU Court, coded from the Statute (Annex 2, kb/knowledge/eaeu/annex02_court.xml): the
    // sum of its item scores over 14.
    const AuthorityReport& eaeu = authority("eaeu");
    auto court = std::find_if(eaeu.courts.begin(), eaeu.courts.end(),
                              [](const CourtScore& c) { return c.body == "eaeu_court"; });
    REQUIRE(court != eaeu.courts.end());
    CHECK(court->coded);
    CHECK(eaeu.judicial == Approx(11.0 / 14));
    CHECK_FALSE(std::any_of(eaeu.corpus_gaps.begin(), eaeu.corpus_gaps.end(),
                            [](const auto& gap) { return gap.first == "eaeu#art_19__para_2"; }));
    // The CIS FTA's Economic Court has no coded item: missing, and no judicial delegation.
    const AuthorityReport& cis = authority("cis-fta-2011");
    auto economic_court = std::find_if(cis.courts.begin(), cis.courts.end(), [](const CourtScore& c) {
        return c.body == "cis_fta_2011_economic_court";
    });
    REQUIRE(economic_court != cis.courts.end());
    CHECK_FALSE(economic_court->coded);
    CHECK(cis.judicial == Approx(0));
    const AuthorityReport& teu = authority("teu");
    CHECK(teu.judicial > 0);
    CHECK(teu.judicial < 1);  // what Art. 19 TEU says; the TFEU's remedies are not in the corpus
}

TEST_CASE("MIA pooling reads only what speaks for the instrument: no stream from a one-off accession fact or a field of activity") {
    const AuthorityReport& eaeu = authority("eaeu");
    auto from_accession = [](const std::vector<std::string>& sources) {
        return std::any_of(sources.begin(), sources.end(), [](const std::string& s) {
            return s.rfind("eaeu-kgz#", 0) == 0 || s.rfind("eaeu-arm#", 0) == 0;
        });
    };
    for (const AreaScore& stream : eaeu.streams)
        for (const StageScore* stage : {&stream.agenda, &stream.final})
            for (const BodyScore& b : stage->bodies) {
                INFO(stream.area << " " << b.body);
                CHECK_FALSE(from_accession(b.role_sources));
                CHECK_FALSE(from_accession(b.rule_sources));
            }
    // Annex 1 p. 3 sub-points 8)-19) are fields of activity (body_field): no binding stream.
    for (const char* field : {"macroeconomic_policy", "monetary_policy", "labour_migration"}) {
        INFO(field);
        CHECK(find_stream(eaeu, field) == nullptr);
    }
    const AreaScore* customs = find_stream(eaeu, "customs_regulation");
    REQUIRE(customs != nullptr);
    CHECK(body(customs->agenda, "eaeu_supreme_council") == nullptr);

    // The scope is the rules' doing: were the Kyrgyz treaty a general amendment, the Supreme
    // Council's decisions on the Kyrgyz-Kazakh border controls would enter the Union's stream.
    Program general = apply_scenario_text(
        load_program(treatykb::testing::default_rule_files(source_dir())),
        "<scenario xmlns=\"urn:treatykb:rules:1\"><retract>applies_to(eaeu-kgz, eaeu, one_off)</retract>"
        "<fact>applies_to(eaeu-kgz, eaeu, general)</fact></scenario>",
        "general");
    AuthorityReport widened = compute_authority(evaluate(general), "eaeu");
    const AreaScore* widened_customs = find_stream(widened, "customs_regulation");
    REQUIRE(widened_customs != nullptr);
    CHECK(body(widened_customs->agenda, "eaeu_supreme_council") != nullptr);
}

TEST_CASE("MIA pooling: a council of ministers is a state body, as one of state representatives is") {
    // What the coder proposes for "a representative of each Member State at ministerial level"
    // (body_composition ministers): the same pooling as the hand coding's state_representatives.
    const AuthorityReport& teu = authority("teu");
    REQUIRE(teu.pooling > 0);
    // The TEU with its Council's composition (Art. 16(2)) read as `composition`.
    auto council_of = [](const std::string& composition) {
        Program program = apply_scenario_text(
            load_program(treatykb::testing::default_rule_files(source_dir())),
            "<scenario xmlns=\"urn:treatykb:rules:1\">"
            "<retract>body_composition(teu_council, state_representatives, teu#art_16__para_2)</retract>"
            "<fact>body_composition(teu_council, " + composition + ", teu#art_16__para_2)</fact></scenario>",
            composition);
        return compute_authority(evaluate(program), "teu");
    };
    CHECK(council_of("ministers").pooling == Approx(teu.pooling));
    // Without a class for the composition the Council would have none and leave the pooling.
    CHECK(council_of("unknown_members").pooling < teu.pooling);
}
