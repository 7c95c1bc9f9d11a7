// `analyze|compare --knowledge hand|coded|both` (issue 12): the analyses on the annotations
// `treatykb code` writes, alone or beside the hand-made ones, where the hand-made win; the source
// of every quote in the report; `compare --all --knowledge coded` as tidy data.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "../test_support.hpp"

using namespace treatykb::testing;
namespace fs = std::filesystem;

namespace {

const std::string data_dir = std::string(TREATYKB_TEST_DATA) + "/cli/knowledge_sources";

// The minimal case of tests/data/cli/knowledge_sources: one hand annotation, two coded ones.
std::string minimal_rules() {
    const std::string root = source_dir();
    return "--rules '" + root + "/kb/knowledge/schema.xml' '" + root + "/kb/knowledge/domains.xml' '" + data_dir +
           "/hand.xml' '" + root + "/kb/rules' --coded-folder '" + data_dir + "/coded'";
}

// The coded files of a few instruments, written once by `treatykb code` into a scratch folder from
// the whole corpus (the TEU and MERCOSUR are ToTA texts: full_corpus_database).
const TemporaryDirectory& coded_folder() {
    static TemporaryDirectory folder;
    static bool done = false;
    if (!done) {
        done = true;
        auto result = run_program("code eaeu teu mercosur cis-fta-2011 -o '" + folder.path() + "'",
                                  *full_corpus_database());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }
    return folder;
}

}  // namespace

TEST_CASE("--knowledge both drops a coded fact a hand annotation states and keeps one it does not",
          "[knowledge-sources]") {
    auto result = run_program("analyze eaeu " + minimal_rules() + " --knowledge both --format json",
                              bundled_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    nlohmann::json document = nlohmann::json::parse(result.out);
    const nlohmann::json& knowledge = document["knowledge"];
    CHECK(knowledge["source"] == "both");
    CHECK(knowledge["hand_annotations"] == 1);
    CHECK(knowledge["coded_annotations"] == 1);  // Art. 25(1): no hand annotation states it
    CHECK(knowledge["coded_dropped"] == 1);      // Art. 47: the hand annotation states the norm
    CHECK(knowledge["coded_facts_dropped"] == 1);
    // The finding rests on the hand quote of Art. 47 and the coded one of Art. 25(1).
    std::map<std::string, std::string> source_of;
    for (const nlohmann::json& row : document["tables"]["quotes"])
        source_of[row["annotation"].get<std::string>()] = row["source"];
    CHECK(source_of["test.hand.art47"] == "hand");
    CHECK(source_of["coded.eaeu.ru.art_25__para_1.test.single"] == "coded");
    CHECK_FALSE(source_of.count("coded.eaeu.ru.art_47.test.unilateral"));

    // The text report says where the annotations come from and marks the coded quote.
    auto text = run_program("analyze eaeu " + minimal_rules() + " --knowledge both", bundled_corpus_database());
    REQUIRE(text.exit_code == 0);
    CHECK(contains(text.out, "Annotations: 1 hand, 1 coded (1 coded dropped: hand speaks"));
    CHECK(contains(text.out, "EAEU Treaty, Art. 25(1) [ru, coded]"));
    CHECK(contains(text.out, "EAEU Treaty, Art. 47 [ru]"));
}

TEST_CASE("--knowledge coded reads the coded annotations instead of the hand-made ones", "[knowledge-sources]") {
    auto coded = run_program("analyze eaeu " + minimal_rules() + " --knowledge coded --format csv --table quotes",
                             bundled_corpus_database());
    INFO(coded.err);
    REQUIRE(coded.exit_code == 0);
    CHECK(contains(coded.out, "coded.eaeu.ru.art_47.test.unilateral"));
    CHECK_FALSE(contains(coded.out, "test.hand.art47"));
    // hand (the default) reads no coded file: the one hand annotation, no finding of Art. 25(1).
    auto hand = run_program("analyze eaeu " + minimal_rules() + " --format csv --table quotes",
                            bundled_corpus_database());
    REQUIRE(hand.exit_code == 0);
    CHECK_FALSE(contains(hand.out, "coded."));
}

TEST_CASE("analyze eaeu --knowledge coded runs on the coder's output and reports it", "[knowledge-sources]") {
    if (!full_corpus_database()) return;
    const std::string folder = coded_folder().path();
    auto result = run_program("analyze eaeu --knowledge coded --coded-folder '" + folder + "' --format json",
                              *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    nlohmann::json document = nlohmann::json::parse(result.out);
    CHECK(document["knowledge"]["source"] == "coded");
    CHECK(document["knowledge"]["hand_annotations"] == 0);
    CHECK(document["knowledge"]["coded_annotations"].get<int>() > 100);
    REQUIRE(document["tables"]["findings"].size() > 0);
    for (const nlohmann::json& row : document["tables"]["quotes"]) {
        INFO(row.dump());
        CHECK(row["source"] == "coded");
        CHECK(row["annotation"].get<std::string>().rfind("coded.eaeu.", 0) == 0);
    }
    // The EAEU's customs tariff is a single policy in the coded knowledge too (Art. 25(1)(2)).
    bool tariff = false;
    for (const nlohmann::json& row : document["tables"]["domains"])
        tariff = tariff || (row["domain"] == "customs_tariff" && row["nominal"].get<int>() >= 3);
    CHECK(tariff);

    // both: hand-made and coded, some coded left out because hand speaks.
    auto both = run_program("analyze eaeu --knowledge both --coded-folder '" + folder + "' --format json",
                            *full_corpus_database());
    REQUIRE(both.exit_code == 0);
    nlohmann::json merged = nlohmann::json::parse(both.out)["knowledge"];
    CHECK(merged["hand_annotations"].get<int>() > 600);
    CHECK(merged["coded_dropped"].get<int>() > 0);
    CHECK(merged["coded_annotations"].get<int>() + merged["coded_dropped"].get<int>() ==
          document["knowledge"]["coded_annotations"].get<int>());
}

TEST_CASE("A missing coded folder is a clear error, exit 1", "[knowledge-sources]") {
    TemporaryDirectory empty_root;
    fs::create_directories(empty_root.path() + "/kb/knowledge");
    auto result = run_program("analyze eaeu --knowledge coded", bundled_corpus_database(),
                              "TREATYKB_ROOT='" + empty_root.path() + "'");
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "no coded knowledge in kb/coded; run `treatykb code --all` first"));
    auto named = run_program("compare eaeu --knowledge both --coded-folder '" + empty_root.path() + "/none'",
                             bundled_corpus_database());
    CHECK(named.exit_code == 1);
    CHECK(contains(named.err, "no coded knowledge in " + empty_root.path() + "/none"));
}

TEST_CASE("report --knowledge coded|both reads the annotations analyze reads; a missing folder is exit 1",
          "[knowledge-sources]") {
    // report has no --rules: kb/knowledge and kb/rules, with the coded annotations of the minimal case.
    const std::string coded = " --coded-folder '" + data_dir + "/coded'";
    auto result = run_program("report --knowledge coded --format json" + coded, bundled_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    nlohmann::json document = nlohmann::json::parse(result.out);
    CHECK(document["knowledge"]["source"] == "coded");
    CHECK(document["knowledge"]["hand_annotations"] == 0);
    CHECK(document["knowledge"]["coded_annotations"] == 2);
    for (const nlohmann::json& row : document["tables"]["quotes"]) CHECK(row["source"] == "coded");
    auto text = run_program("report --knowledge both" + coded, bundled_corpus_database());
    REQUIRE(text.exit_code == 0);
    CHECK(contains(text.out, "treatykb report --knowledge both"));
    CHECK(contains(text.out, "--knowledge both"));
    CHECK(contains(text.out, " coded ("));
    // The default stays hand: no coded annotation, no Annotations line.
    auto hand = run_program("report --format csv --table quotes" + coded, bundled_corpus_database());
    REQUIRE(hand.exit_code == 0);
    CHECK_FALSE(contains(hand.out, "coded."));

    TemporaryDirectory empty_root;
    fs::create_directories(empty_root.path() + "/kb/knowledge");
    auto missing = run_program("report --knowledge coded", bundled_corpus_database(),
                               "TREATYKB_ROOT='" + empty_root.path() + "'");
    CHECK(missing.exit_code == 1);
    CHECK(contains(missing.err, "no coded knowledge in kb/coded; run `treatykb code --all` first"));
    auto named = run_program("report --knowledge both --coded-folder '" + empty_root.path() + "/none'",
                             bundled_corpus_database());
    CHECK(named.exit_code == 1);
    CHECK(contains(named.err, "no coded knowledge in " + empty_root.path() + "/none"));
}

TEST_CASE("compare --all --knowledge coded writes one row per instrument and measure with the year",
          "[knowledge-sources]") {
    if (!full_corpus_database()) return;
    const std::string folder = coded_folder().path();
    TemporaryDirectory out;
    auto result = run_program("compare --all --knowledge coded --coded-folder '" + folder + "' --format csv -o '" +
                                  out.path() + "/'",
                              *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::string table = read_text(out.path() + "/instrument_measures.csv");
    CHECK(table.rfind("instrument,scenario,knowledge,signed,year,text_date,text_year,measure,domain,value,stage,"
                      "provision_count,provisions",
                      0) == 0);
    // The year of signature beside the year of the version the texts represent: the EAEU's Russian
    // text is consolidated to 2021, the TEU is read as the Treaty of Lisbon amended it (corpus.xml),
    // (a ToTA text that states its consolidation is dated by it: tests/kb/tota_parser_test.cpp).
    CHECK(contains(table, "eaeu,,coded,2014-05-29,2014,2021-02-15,2021,pooling,"));
    CHECK(contains(table, "teu,,coded,1992-02-07,1992,2007-12-13,2007,nominal_stage,"));
    CHECK(contains(table, "mercosur,,coded,1991-03-26,1991,1991-03-26,1991,delegation,"));
    CHECK(contains(table, "cis-fta-2011,,coded,2011-10-18,2011,2011-10-18,2011,effective_depth,"));
    CHECK(contains(table, ",domain_nominal,customs_tariff,"));
    // Only the instruments coded are compared; every measure traces to coded provisions.
    CHECK_FALSE(contains(table, "\ncu-1995,"));
    int status = std::system(("python3 '" + std::string(TREATYKB_TEST_DATA) + "/cli/read_tidy_csv.py' '" +
                              source_dir() + "/docs/schema/analysis.schema.json' '" + out.path() +
                              "' instrument_measures quotes >/dev/null")
                                 .c_str());
    CHECK(status == 0);
    // --coded is the same comparison.
    auto shorthand = run_program("compare --coded --coded-folder '" + folder + "' --format csv --table instrument_measures",
                                 *full_corpus_database());
    REQUIRE(shorthand.exit_code == 0);
    CHECK(contains(shorthand.out, "eaeu,,coded,2014-05-29,2014,2021-02-15,2021,pooling,"));
}

TEST_CASE("compare --coded verifies the quotes beside the evaluation: a rejected quote writes nothing, exit 1",
          "[knowledge-sources]") {
    if (!full_corpus_database()) return;
    TemporaryDirectory folder, out;
    std::string teu = read_text(coded_folder().path() + "/teu.xml");
    const std::string quote = "<quote lang=\"en\">";
    std::size_t at = teu.find(quote);
    REQUIRE(at != std::string::npos);
    teu.insert(at + quote.size(), "Words no treaty says: ");
    folder.write("teu.xml", teu);
    folder.write("mercosur.xml", read_text(coded_folder().path() + "/mercosur.xml"));
    for (const char* format : {"csv", "text"}) {
        INFO(format);
        auto result = run_program("compare --coded --coded-folder '" + folder.path() + "' --format " + format + " -o '" +
                                      out.path() + (std::string(format) == "csv" ? "/'" : "/report.txt'"),
                                  *full_corpus_database());
        CHECK(result.exit_code == 1);
        CHECK(contains(result.err, "1 quote not found in the cited provisions"));
        CHECK(contains(result.err, "teu.xml:"));
        CHECK(fs::is_empty(out.path()));
    }
    // The same rejection stops an evaluation that would fail anyway (a fact limit): the quote is
    // what is reported.
    auto limited = run_program("--max-facts 10 compare --coded --coded-folder '" + folder.path() + "'",
                               *full_corpus_database());
    CHECK(limited.exit_code == 1);
    CHECK(contains(limited.err, "1 quote not found in the cited provisions"));
    CHECK_FALSE(contains(limited.err, "evaluation stopped"));
}
