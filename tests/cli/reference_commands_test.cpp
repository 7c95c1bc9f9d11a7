// refs, cited-by and show --refs, end to end through the built program.
#include <catch2/catch.hpp>

#include "../test_support.hpp"

using treatykb::testing::bundled_corpus_database;
using treatykb::testing::contains;
using treatykb::testing::database_fingerprint;
using treatykb::testing::run_program;
using treatykb::testing::TemporaryDatabase;

namespace {

} // namespace

TEST_CASE("refs lists what a provision cites, cited-by what cites it", "[references]") {
    auto refs = run_program("refs eaeu 47", bundled_corpus_database());
    INFO(refs.out << refs.err);
    CHECK(refs.exit_code == 0);
    CHECK(contains(refs.out, "EAEU Treaty, Art. 47  [eaeu#art_47, ru]: 1 reference"));
    CHECK(contains(refs.out, "\"приложением № 7 к настоящему Договору\"  -> EAEU Treaty, Annex 7  "
                             "[annex_7]  (procedure)"));

    auto external = run_program("refs eaeu 101", bundled_corpus_database());
    CHECK(contains(external.out, "external: Таможенного кодекса таможенного союза"));
    CHECK(contains(external.out, "\"пунктами 104 и 169\"  -> EAEU Treaty, Annex 8, point 169  "
                                 "[annex_8__point_169]  (accordance)"));

    auto cited = run_program("cited-by eaeu annex_7__point_38", bundled_corpus_database());
    CHECK(cited.exit_code == 0);
    CHECK(contains(cited.out, "3 references to it"));
    CHECK(contains(cited.out, "EAEU Treaty, Annex 7, point 39  [annex_7__point_39]  \"пункте 38 "
                              "настоящего Протокола\""));

    auto show = run_program("show eaeu 29 --refs", bundled_corpus_database());
    CHECK(contains(show.out, "[пункте 1 настоящей статьи -> Art. 29(1)]"));
    CHECK(contains(show.out, "[разделом XI настоящего Договора -> Section XI]"));
    auto plain = run_program("show eaeu 29", bundled_corpus_database());
    CHECK(!contains(plain.out, "->"));
}

TEST_CASE("refs on an unknown provision names the closest one on one line", "[references]") {
    const std::string& database = bundled_corpus_database();
    std::string before = database_fingerprint(database);
    auto result = run_program("refs eaeu 470", database);
    CHECK(result.exit_code != 0);
    CHECK(result.out.empty());
    CHECK(result.err == "error: no provision \"470\" in eaeu (ru); closest: art_47 (EAEU Treaty, "
                        "Art. 47)\n");
    auto cited = run_program("cited-by eaeu annex_7__point_410", database);
    CHECK(cited.exit_code != 0);
    CHECK(contains(cited.err, "closest: annex_7__point_41 (EAEU Treaty, Annex 7, point 41)"));
    CHECK(database_fingerprint(database) == before);
}
