// References read from the text as facts of the rule engine: Art. 47's route through Annex 7 is
// derived from refers_to/reference_manner (rule route_from_text), the hand-made annotation of
// that link is gone, the non-tariff finding is the same with and without the facts, and removing
// the reference removes the route.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "../test_support.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/datalog/extra_facts.hpp"
#include "engine/datalog/loader.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/ingest.hpp"
#include "kb/reference_resolver.hpp"

using namespace treatykb;
using namespace treatykb::engine;
using treatykb::testing::default_program;

namespace {

// refers_to and reference_manner rows of the Russian EAEU Treaty, as the resolver reads them.
const std::vector<FactRow>& text_rows() {
    static const std::vector<FactRow> rows = [] {
        std::string texts = treatykb::testing::texts_dir();
        Catalog catalog = load_catalog(texts + "/corpus.xml");
        LoadResult loaded = load_paths({texts + "/eaeu_treaty_2014_ru.md"}, catalog);
        std::vector<FactRow> out;
        for (const auto& r : resolve_references(loaded.instruments.at(0).expressions.at(0))) {
            if (r.status != "resolved") continue;
            std::string from = "eaeu#" + r.from_eid, to = "eaeu#" + r.to_eid;
            out.push_back({"refers_to", {from, to}});
            out.push_back({"reference_manner", {from, to, r.manner}});
        }
        return out;
    }();
    return rows;
}

std::set<std::string> ntm_findings(const Model& model) {
    std::set<std::string> lines;
    for (const FactView& fact : model.query("finding(?k, non_tariff_measures, ?a, ?b, ?r, ?w)"))
        lines.insert(fact.text());
    return lines;
}

Program with(std::vector<FactRow> rows) {
    Program program = default_program();
    add_facts(program, rows, "test rows");
    return program;
}

}  // namespace

TEST_CASE("Art. 47's route through Annex 7 is derived from its text, not annotated",
          "[references][engine]") {
    const char* route = "routes_through(eaeu#art_47, eaeu#annex_7)";
    // The hand-made link is retired: without facts from the text there is no route from Art. 47.
    Model bare = evaluate(default_program());
    CHECK(bare.count("routes_through(eaeu#art_47, ?p)") == 0);

    Model read = evaluate(with(text_rows()));
    CHECK(read.count(route) == 1);
    auto proof = read.explain(route);
    REQUIRE(proof);
    CHECK(proof->rule_id == "route_from_text");

    // The finding on non-tariff measures (F4: Art. 47 against Art. 25(1)) does not change.
    std::set<std::string> before = ntm_findings(bare), after = ntm_findings(read);
    CHECK(!before.empty());
    CHECK(before == after);
    CHECK(std::any_of(after.begin(), after.end(), [](const std::string& line) {
        return line.find("eaeu#art_47, eaeu#art_25__para_1") != std::string::npos;
    }));

    // Remove the one reference fact and the route goes with it.
    std::vector<FactRow> rows = text_rows();
    std::erase_if(rows, [](const FactRow& row) {
        return row.relation == "refers_to" && row.values[0] == "eaeu#art_47" &&
               row.values[1] == "eaeu#annex_7";
    });
    Model without = evaluate(with(rows));
    CHECK(without.count(route) == 0);
    CHECK(ntm_findings(without) == before);
}

TEST_CASE("Extra facts must fit the declarations; a bad row changes nothing", "[references][engine]") {
    Program program = default_program();
    std::size_t facts = program.facts.size();
    CHECK_THROWS_WITH(add_facts(program, {{"refers_too", {"eaeu#art_1", "eaeu#art_2"}}}, "rows"),
                      Catch::Contains("refers_too") && Catch::Contains("not declared"));
    CHECK_THROWS_WITH(add_facts(program, {{"refers_to", {"eaeu#art_1"}}}, "rows"),
                      Catch::Contains("takes 2 arguments"));
    CHECK_THROWS_WITH(add_facts(program,
                                {{"refers_to", {"eaeu#art_1", "eaeu#art_2"}},
                                 {"refers_to", {"art_1", "eaeu#art_2"}}},
                                "rows"),
                      Catch::Contains("art_1"));
    CHECK(program.facts.size() == facts);
    add_facts(program, {{"refers_to", {"eaeu#art_1", "eaeu#art_2"}}, {"refers_to", {"eaeu#art_1", "eaeu#art_2"}}},
              "rows");
    CHECK(program.facts.size() == facts + 1);
    // A fact the program already has is not added again; a new one is, after the old ones, in order.
    add_facts(program,
              {{"refers_to", {"eaeu#art_3", "eaeu#art_4"}},
               {"refers_to", {"eaeu#art_1", "eaeu#art_2"}},
               {"reference_manner", {"eaeu#art_3", "eaeu#art_4", "procedure"}},
               {"refers_to", {"eaeu#art_3", "eaeu#art_4"}}},
              "more rows");
    REQUIRE(program.facts.size() == facts + 3);
    CHECK(program.facts[facts + 1].relation == "refers_to");
    CHECK(program.facts[facts + 1].where.file == "more rows");
    CHECK(program.facts[facts + 2].relation == "reference_manner");
}
