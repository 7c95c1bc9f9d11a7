// The corpus commands, end to end through the built program, on a temporary database.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "../test_support.hpp"

using treatykb::testing::bundled_corpus_database;
using treatykb::testing::contains;
using treatykb::testing::database_fingerprint;
using treatykb::testing::run_program;
using treatykb::testing::TemporaryDatabase;
using treatykb::testing::TemporaryDirectory;

namespace {

// Runs a command that must fail: one clear error line (plus a hint), non-zero exit, and the
// database exactly as it was.
std::string expect_failure(const std::string& arguments) {
    const std::string& database = bundled_corpus_database();
    std::string before = database_fingerprint(database);
    auto result = run_program(arguments, database);
    INFO(arguments << "\nstdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "error: "));
    CHECK(contains(result.err, "hint: "));
    CHECK(database_fingerprint(database) == before); // database unchanged
    return result.err;
}

} // namespace

TEST_CASE("ingest --corpus loads the bundled treaties and list shows them") {
    auto result = run_program("list", bundled_corpus_database());
    CHECK(result.exit_code == 0);
    TemporaryDatabase fresh;
    auto ingest = run_program("ingest --corpus", fresh.path());
    if (treatykb::testing::tota_dir())
        CHECK(contains(ingest.out, "ingested 11 instrument(s), 13 expression(s)"));
    CHECK(contains(result.out, "eaeu "));
    CHECK(contains(result.out, "ru*:119"));
    CHECK(contains(result.out, "cuc-2007"));
    CHECK(contains(result.out, "cis-fta-2011"));
    if (treatykb::testing::tota_dir()) {
        CHECK(contains(result.out, "en:118"));
        CHECK(contains(result.out, "teu"));
        CHECK(contains(result.out, "mercosur"));
    }
}

// A project root with the bundled texts and nothing beside it: no ToTA folder to find.
class ProjectWithoutTota {
  public:
    ProjectWithoutTota() {
        std::filesystem::create_directories(directory_.path() + "/project");
        std::filesystem::copy(treatykb::testing::texts_dir(),
                              directory_.path() + "/project/treaty_texts",
                              std::filesystem::copy_options::recursive);
    }
    std::string environment() const {
        return "TREATYKB_TOTA= TREATYKB_ROOT='" + directory_.path() + "/project'";
    }

  private:
    TemporaryDirectory directory_;
};

TEST_CASE("ingest --corpus without a ToTA folder says so in one line and goes on") {
    TemporaryDatabase database;
    ProjectWithoutTota project;
    auto result = run_program("ingest --corpus", database.path(), project.environment());
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "note: no ToTA folder found"));
    CHECK(contains(result.err, "mappingtreaties/tota"));
    CHECK(contains(result.err, "TREATYKB_TOTA"));
    CHECK(contains(result.out, "ingested 3 instrument(s), 3 expression(s)"));
    auto explicit_missing = run_program("ingest --corpus --tota /nonexistent/tota", database.path(),
                                        project.environment());
    CHECK(explicit_missing.exit_code != 0);
    CHECK(contains(explicit_missing.err, "no such ToTA folder"));
}

TEST_CASE("toc, show by number, eId and citation, with --lang") {
    const std::string& database = bundled_corpus_database();
    auto toc = run_program("toc eaeu", database);
    CHECK(toc.exit_code == 0);
    CHECK(contains(toc.out, "Section VI  ФУНКЦИОНИРОВАНИЕ ТАМОЖЕННОГО СОЮЗА   [sec_6]"));
    CHECK(contains(toc.out, "Art. 99¹  Переходные положения в отношении раздела VI   [art_99-1]"));
    CHECK(contains(toc.out, "Annex 7  ПРОТОКОЛ о мерах нетарифного регулирования"));

    auto show = run_program("show eaeu 47", database);
    CHECK(show.exit_code == 0);
    CHECK(contains(show.out, "EAEU Treaty, Art. 47  [eaeu#art_47, ru]"));
    CHECK(contains(show.out,
                   "в одностороннем порядке вводить и применять меры нетарифного регулирования"));

    auto by_eid = run_program("show eaeu art_92__para_1", database);
    CHECK(contains(by_eid.out, "самостоятельно разрабатывают, формируют и реализуют"));
    auto by_citation = run_program("show eaeu 'Art. 92(1)'", database);
    CHECK(by_citation.out == by_eid.out);

    auto single = run_program("show eaeu art_47__para_1", database);
    CHECK(single.exit_code == 0);
    CHECK(contains(single.out, "в одностороннем порядке вводить"));
    CHECK(contains(single.out, "note: EAEU Treaty, Art. 47 has no numbered paragraphs"));
    CHECK(run_program("show eaeu 'Art. 47(1)'", database).out == single.out);

    auto amended = run_program("show eaeu 85", database);
    // The note names the Kazakh law; the catalogue names the protocol it ratified (corpus.xml).
    CHECK(contains(amended.out, "note: replaced by Протокол о внесении изменений в Договор о Евразийском "
                                "экономическом союзе от 29 мая 2014 года (signed 2019-10-01), ratified "
                                "by Kazakhstan on 2021-02-15 (Закон РК от 15.02.2021 № 6-VII)"));
    if (treatykb::testing::tota_dir()) {
        auto english = run_program("show eaeu 85 --lang en", database);
        CHECK(contains(english.out, "The Authority Of The Commission In The Energy Sector"));
        CHECK(contains(english.out,
                       "the ru expression records that EAEU Treaty, Art. 85 was replaced"));
        auto missing = run_program("show eaeu 99¹ --lang en", database);
        CHECK(missing.exit_code != 0);
        CHECK(contains(missing.err, "the en expression of eaeu has no provision art_99-1"));
        CHECK(contains(missing.err, "--lang ru"));
    }
}

TEST_CASE(
    "show an annex: the Statute of the Court in Russian; in English, one line saying why not") {
    const std::string& database = bundled_corpus_database();
    auto statute = run_program("show eaeu annex_2", database);
    CHECK(statute.exit_code == 0);
    CHECK(contains(statute.out, "EAEU Treaty, Annex 2  [eaeu#annex_2, ru]"));
    CHECK(contains(statute.out, "СТАТУТ Суда Евразийского экономического союза"));
    CHECK(contains(statute.out, "Суд рассматривает споры, возникающие по вопросам реализации"));
    auto point = run_program("show eaeu 'Annex 2, point 39(2)'", database);
    CHECK(point.exit_code == 0);
    CHECK(contains(point.out, "[eaeu#annex_2__point_39__subpoint_2, ru]"));
    CHECK(contains(point.out, "по заявлению хозяйствующего субъекта:"));
    auto inserted = run_program("show eaeu annex_19__point_13-1", database);
    CHECK(contains(inserted.out, "note: inserted by Протокол о внесении изменений в Договор о "
                                 "Евразийском экономическом союзе от 29 мая 2014 года (signed 2019-10-01)"));
    if (treatykb::testing::tota_dir()) {
        auto english = run_program("show eaeu annex_2__point_39 --lang en", database);
        CHECK(english.exit_code != 0);
        CHECK(contains(english.err,
                       "error: the en expression of eaeu has no annexes (ToTA texts "
                       "leave them out), so it has no EAEU Treaty, Annex 2, point 39"));
        CHECK(contains(english.err, "treatykb show eaeu annex_2__point_39 --lang ru"));
    }
}

TEST_CASE("show --as-of says which expression gives the text in force on a date") {
    const std::string& database = bundled_corpus_database();
    // Art. 85 was replaced by an amendment Kazakhstan ratified in 2021: on 1 January 2016 the
    // consolidated Russian wording was not in force, and the original Russian one is not stored.
    auto art85 = run_program("show eaeu 85 --as-of 2016-01-01", database);
    CHECK(art85.exit_code == 0);
    CHECK(contains(art85.out, "as of 2016-01-01: EAEU Treaty, Art. 85 replaced by Протокол о внесении "
                              "изменений в Договор о Евразийском экономическом союзе от 29 мая 2014 года "
                              "(signed 2019-10-01), ratified by Kazakhstan on 2021-02-15"));
    if (treatykb::testing::tota_dir()) {
        CHECK(contains(art85.out, "the original Russian wording is not in the corpus"));
        CHECK(contains(art85.out, "the en expression, an unofficial translation of the original "
                                  "text, answers"));
        CHECK(contains(art85.out, "EAEU Treaty, Art. 85  [eaeu#art_85, en]"));
        CHECK(contains(art85.out, "The Authority Of The Commission In The Energy Sector"));
    } else {
        CHECK(contains(art85.out,
                       "the corpus does not hold the earlier wording of EAEU Treaty, Art. 85"));
    }
    CHECK(!contains(art85.out, "[eaeu#art_85, ru]"));
    // An unamended article: the consolidated Russian text answers.
    auto art47 = run_program("show eaeu 47 --as-of 2016-01-01", database);
    CHECK(contains(art47.out, "as of 2016-01-01: no amendment of EAEU Treaty, Art. 47 is recorded "
                              "in the ru text (consolidated to 2021-02-15)"));
    CHECK(contains(art47.out, "[eaeu#art_47, ru]"));
    // Ratified before the date, entry into force unknown: shown with a warning.
    auto art10 = run_program("show eaeu 10 --as-of 2020-01-01", database);
    CHECK(contains(art10.out, "ratified by Kazakhstan on 2019-02-08"));
    CHECK(contains(art10.out, "may not be the text in force then"));
    CHECK(contains(art10.out, "[eaeu#art_10, ru]"));
    // An amended annex point has no English text: the corpus cannot answer, and says so.
    auto annex = run_program("show eaeu annex_19__point_10 --as-of 2016-01-01", database);
    CHECK(annex.exit_code == 0);
    CHECK(contains(annex.out, "the corpus does not hold the earlier wording of EAEU Treaty, "
                              "Annex 19, point 10"));
    CHECK(!contains(annex.out, "[eaeu#annex_19__point_10"));
    // Before the entry into force, and a bad date.
    auto early = run_program("show eaeu 47 --as-of 2014-06-01", database);
    CHECK(contains(early.out, "not yet in force (in force from 2015-01-01)"));
    CHECK(contains(expect_failure("show eaeu 47 --as-of 2016-13-01"),
                   "--as-of needs a date YYYY-MM-DD"));
}

TEST_CASE("search ranks hits with citations and snippets, as text and as JSON") {
    const std::string& database = bundled_corpus_database();
    auto text =
        run_program("search 'одностороннем порядке мера' --instrument eaeu --limit 5", database);
    CHECK(text.exit_code == 0);
    CHECK(contains(text.out, "EAEU Treaty, Art. 47  [eaeu#art_47, ru]"));
    auto json = run_program("search 'non-tariff measures' --limit 3 --format json", database);
    CHECK(json.exit_code == 0);
    auto hits = nlohmann::json::parse(json.out);
    REQUIRE(hits.is_array());
    CHECK(hits.size() <= 3);
    if (treatykb::testing::tota_dir()) {
        REQUIRE(!hits.empty());
        CHECK(hits[0].contains("citation"));
        CHECK(contains(hits[0]["snippet"].get<std::string>(), "["));
    }
}

TEST_CASE("export --akn and ingest of the export give the same database content") {
    const std::string& database = bundled_corpus_database();
    TemporaryDirectory directory;
    TemporaryDatabase copy;
    for (const char* alias : {"eaeu", "cuc-2007", "cis-fta-2011"}) {
        std::string file = directory.path() + "/" + alias + ".xml";
        auto exported =
            run_program(std::string("export ") + alias + " --akn -o '" + file + "'", database);
        REQUIRE(exported.exit_code == 0);
        auto ingested = run_program("ingest '" + file + "'", copy.path());
        INFO(ingested.err);
        REQUIRE(ingested.exit_code == 0);
    }
    TemporaryDatabase bundled_only;
    ProjectWithoutTota project;
    REQUIRE(run_program("ingest --corpus", bundled_only.path(), project.environment()).exit_code ==
            0);
    CHECK(database_fingerprint(copy.path()) == database_fingerprint(bundled_only.path()));
}

TEST_CASE("Bad input: one clear line, non-zero exit, database unchanged") {
    TemporaryDirectory inputs;
    CHECK(contains(expect_failure("ingest '" + inputs.path() + "/missing.md'"), "no such file"));
    CHECK(contains(
        expect_failure("ingest '" + inputs.write("latin1.txt", "Статья 1\n\n\xe9t\xe9\n") + "'"),
        "latin1.txt:3: error: not UTF-8 text"));
    CHECK(contains(expect_failure("ingest '" + inputs.write("treaty.pdf", "%PDF-1.4") + "'"),
                   "unknown format"));
    CHECK(contains(expect_failure("ingest '" + inputs.write("empty.txt", "\n  \n") + "'"),
                   "empty text"));
    CHECK(contains(
        expect_failure(
            "ingest '" +
            inputs.write("duplicate.txt", "Статья 1\n\nПервая.\n\nСтатья 1\n\nСнова.\n") + "'"),
        "duplicate.txt:5: error: duplicate article number"));
    CHECK(contains(
        expect_failure(
            "ingest '" +
            inputs.write("order.md", "### Статья 2 Б\n\nТекст.\n\n### Статья 1 А\n\nТекст.\n") +
            "'"),
        "order.md:5: error: out-of-order article number"));
    CHECK(contains(expect_failure("ingest '" + inputs.write("other.xml", "<root/>") + "'"),
                   "unknown XML format"));
    CHECK(contains(expect_failure("show nonexistent 1"), "unknown instrument \"nonexistent\""));
    CHECK(contains(expect_failure("show eaeu 999"), "no provision \"999\" in eaeu"));
    CHECK(contains(expect_failure("search '\"non-tariff measures'"), "unbalanced quotes"));
    CHECK(contains(expect_failure("search 'AND'"), "operator AND needs a term on each side"));
    CHECK(
        contains(expect_failure("search 'tariff NOT'"), "operator NOT needs a term on each side"));
}

TEST_CASE("A failed multi-file ingest writes nothing, even from its good files") {
    TemporaryDirectory inputs;
    std::string good = inputs.write("good.txt", "Статья 1\n\nТекст.\n");
    std::string bad = inputs.write("bad.txt", "Статья 2\n\nА.\n\nСтатья 1\n\nБ.\n");
    std::string err = expect_failure("ingest '" + good + "' '" + bad + "'");
    CHECK(contains(err, "bad.txt:5"));
}

TEST_CASE("report prints the EAEU conflict analysis, with Art. 47 against Art. 25(1)") {
    auto report = run_program("report", bundled_corpus_database());
    INFO(report.err);
    CHECK(report.exit_code == 0);
    CHECK(contains(report.out, "treatykb analysis of eaeu"));
    CHECK(contains(report.out, "Autonomy inside transferred competence — Non-tariff measures"));
    CHECK(contains(report.out, "EAEU Treaty, Art. 47 [ru]"));
    CHECK(contains(
        report.out,
        "могут в одностороннем порядке вводить и применять меры нетарифного регулирования"));
    CHECK(contains(report.out, "~exclusive_union_control(eaeu, non_tariff_measures)"));
}

TEST_CASE("ingest of ToTA files read in place: catalogue aliases, pta_N names, no progress off a "
          "terminal") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    TemporaryDatabase database;
    auto result = run_program("ingest '" + *tota + "/pta_440.xml' '" + *tota + "/pta_112.xml'",
                              database.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(!contains(result.err, "\r")); // progress only when stderr is a terminal
    CHECK(contains(result.out, "ingested 2 instrument(s), 2 expression(s)"));
    auto list = run_program("list", database.path());
    CHECK(contains(list.out, "eaeu "));    // pta_440 is the English expression of eaeu
    CHECK(contains(list.out, "pta_112 ")); // NAFTA keeps its ToTA name
    auto by_tota_name = run_program("show pta_440 47", database.path());
    CHECK(by_tota_name.exit_code == 0);
    CHECK(contains(by_tota_name.out, "EAEU Treaty, Art. 47  [eaeu#art_47, en]"));
}

TEST_CASE("The whole ToTA folder ingests in one run: every file read, references found, no error") {
    // What `treatykb code --all` starts from (docs/coding.md). On 5 December 2026, 40 English
    // files made the reference finder throw std::length_error and the ingest fail.
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    TemporaryDatabase database;
    auto result = run_program("ingest '" + *tota + "'", database.path());
    INFO(result.err.substr(0, 2000));
    REQUIRE(result.exit_code == 0);
    auto list = run_program("list --format csv", database.path());
    REQUIRE(list.exit_code == 0);
    const auto rows = std::count(list.out.begin(), list.out.end(), '\n');
    CHECK(rows >= 400);  // 410 files in the corpus this project reads; a header line
    auto refs = run_program("refs pta_17 art_14.10__para_29__point_b", database.path());
    CHECK(refs.exit_code == 0);
    CHECK(contains(refs.out, "\"this subparagraph\""));
}
