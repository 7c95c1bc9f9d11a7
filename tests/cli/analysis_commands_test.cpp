// End-to-end: analyze, compare, what-if scenarios, power INSTRUMENT and check against a database
// built from the bundled texts and the ToTA corpus, through the built program.
//
// The golden file tests/data/cli/analysis_eaeu.md is regenerated only on purpose:
// TREATYKB_UPDATE_GOLDENS=1 (scripts/update-goldens.sh); review the diff, commit.
#include <nlohmann/json.hpp>

#include <filesystem>

#include "../test_support.hpp"

using namespace treatykb::testing;
namespace fs = std::filesystem;

namespace {

bool updating_goldens() {
    const char* flag = std::getenv("TREATYKB_UPDATE_GOLDENS");
    return flag != nullptr && std::string(flag) == "1";
}

}  // namespace

TEST_CASE("analyze eaeu matches its golden report") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    // A fixed evaluation date: the default, today, would change the report as regimes end.
    auto result = run_program("analyze eaeu --format md --as-of 2025-01-01", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const fs::path golden = fs::path(TREATYKB_TEST_DATA) / "cli" / "analysis_eaeu.md";
    if (updating_goldens()) {
        std::ofstream(golden, std::ios::binary) << result.out;
        WARN("rewrote " << golden.string());
    }
    INFO("golden " << golden.string() << " (regenerate on purpose with scripts/update-goldens.sh)");
    REQUIRE(fs::exists(golden));
    CHECK(result.out == read_text(golden.string()));
}

TEST_CASE("analyze eaeu --format json carries the four findings with their quotes") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("analyze eaeu --format json --no-proofs", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::string& out = result.out;
    nlohmann::json json = nlohmann::json::parse(out);
    // The findings table (docs/codebook.md): kind and domain labels in their own columns.
    auto has_finding = [&](const std::string& kind, const std::string& domain) {
        for (const auto& row : json["tables"]["findings"])
            if (row["kind_label"] == kind && row["domain_label"] == domain) return true;
        return false;
    };
    // Art. 47 against Art. 25(1), both quoted in the authentic Russian.
    CHECK(has_finding("Autonomy inside transferred competence", "Non-tariff measures"));
    CHECK(contains(out, "могут в одностороннем порядке вводить и применять меры нетарифного регулирования"));
    CHECK(contains(out, "иные единые меры регулирования внешней торговли товарами с третьими сторонами"));
    // Art. 92 beside Art. 93.
    CHECK(has_finding("Positive-integration gap", "Industrial policy"));
    CHECK(contains(out, "самостоятельно разрабатывают, формируют и реализуют национальные промышленные политики"));
    // Art. 9(2).
    CHECK(contains(out, "Intergovernmental staffing of a supranational body"));
    CHECK(contains(out, "не могут быть гражданами одного и того же государства"));
    // Veto points and the Board's decisions taken to the Council.
    CHECK(has_finding("Veto point in a Union domain", "Common customs tariff"));
    CHECK(contains(out, "Majority decisions reviewable by a consensus body"));
    // Every quote was verified; none left unverified with the full corpus.
    CHECK(json["knowledge"]["unverified"].empty());
    CHECK(json["proofs"].empty());  // --no-proofs
}

TEST_CASE("The analysis renders as one self-contained HTML page and as CSV tables") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto html = run_program("analyze eaeu --format html", *database);
    REQUIRE(html.exit_code == 0);
    CHECK(contains(html.out, "<svg"));
    CHECK_FALSE(contains(html.out, "<script"));
    // Self-contained: nothing is loaded from elsewhere (the SVG namespace URI is a name, not a load).
    CHECK_FALSE(contains(html.out, "src=\"http"));
    CHECK_FALSE(contains(html.out, "href=\"http"));
    CHECK_FALSE(contains(html.out, "url(http"));
    CHECK(contains(html.out, "prov-eaeu-art_47"));
    auto csv = run_program("analyze eaeu --format csv --table findings", *database);
    REQUIRE(csv.exit_code == 0);
    CHECK(contains(csv.out, "Non-tariff measures"));
}

TEST_CASE("The analysis page renders in headless Chromium, charts and findings, no console errors") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    TemporaryDirectory scratch;
    const fs::path page = fs::path(scratch.path()) / "analysis.html";
    auto result = run_program("analyze eaeu --format html -o '" + page.string() + "'", *database);
    REQUIRE(result.exit_code == 0);
    BrowserRender render = render_in_chromium(page, scratch.path());
    if (!render.available) return;
    INFO("chromium log:\n" << render.log);
    CHECK(render.screenshot_status == 0);
    CHECK(render.screenshot_bytes > 20000);
    CHECK(render.dom_status == 0);
    CHECK(contains(render.dom, "<svg"));
    CHECK(contains(render.dom, "Autonomy inside transferred competence"));
    CHECK(contains(render.dom, "в одностороннем порядке"));
    CHECK_FALSE(contains(render.log, "CONSOLE"));
    CHECK_FALSE(contains(render.log, "Refused to"));
}

TEST_CASE("compare sets the EAEU beside the CIS free trade area and the 2007 Commission") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("compare eaeu cis-fta-2011 cuc-2007 --format json", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);
    CHECK(contains(result.out, "customs_union"));  // the EAEU's nominal stage
    CHECK(contains(result.out, "cuc2007_commission"));
    CHECK(contains(result.out, "3/8"));  // the 2007 Commission's weighted 2/3: power to act 3/8
}

TEST_CASE("A what-if scenario reports its delta against the baseline") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto drop = run_program("analyze eaeu --scenario '" + source_dir() +
                                "/kb/scenarios/drop_art47_permission.xml'",
                            *database);
    INFO(drop.err);
    REQUIRE(drop.exit_code == 0);
    CHECK(contains(drop.out, "Domains whose depth changes"));
    CHECK(contains(drop.out, "Non-tariff measures"));
    CHECK(contains(drop.out, "removed  autonomy_in_union_domain in non_tariff_measures: EAEU Treaty, Art. 47"));
    auto qmv = run_program("analyze eaeu --scenario '" + source_dir() +
                               "/kb/scenarios/commission_council_qmv.xml'",
                           *database);
    REQUIRE(qmv.exit_code == 0);
    CHECK(contains(qmv.out, "eaeu_commission_council (qualified_majority)"));
}

TEST_CASE("A scenario with an error is rejected with file, line and column") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    TemporaryDirectory scratch;
    std::string scenario = scratch.write(
        "bad.xml",
        "<scenario xmlns=\"urn:treatykb:rules:1\">\n"
        "  <fact>decision_rule(eaeu_commission_council, qualified_majority, 2, members)</fact>\n"
        "</scenario>\n");
    auto result = run_program("analyze eaeu --scenario '" + scenario + "'", *database);
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "bad.xml:2:"));
    CHECK(contains(result.err, "error:"));
}

TEST_CASE("check rejects an annotation whose quote is not in the cited provision") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    TemporaryDirectory scratch;
    std::string bad = scratch.write(
        "misquote.xml",
        "<program xmlns=\"urn:treatykb:rules:1\">\n"
        "  <include href=\"" + source_dir() + "/kb/knowledge/schema.xml\"/>\n"
        "  <annotation id=\"test.misquote\" provision=\"eaeu#art_47\">\n"
        "    <quote lang=\"ru\">государства-члены обязаны отменить все меры</quote>\n"
        "    <fact>provision_rank(@, 4)</fact>\n"
        "  </annotation>\n"
        "  <annotation id=\"test.absent\" provision=\"nowhere#art_1\">\n"
        "    <quote lang=\"ru\">текст</quote>\n"
        "  </annotation>\n"
        "</program>\n");
    auto result = run_program("check '" + bad + "'", *database);
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "misquote.xml:4:"));
    CHECK(contains(result.err, "annotation test.misquote"));
    CHECK(contains(result.err, "hint: copy the quote verbatim"));
    // A quote of an instrument the database does not hold is reported as unverified, by name.
    CHECK(contains(result.out, "unverified: nowhere (ru)"));
}

TEST_CASE("power eaeu computes every body of the knowledge base") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("power eaeu", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "eaeu_commission_board"));
    CHECK(contains(result.out, "(3/16)"));  // 2/3 of five Board members: power to act 6/32
    CHECK(contains(result.out, "(1/32)"));  // consensus of five
}

TEST_CASE("power teu: the Council's double majority with its blocking-minority clause, from the knowledge base") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("power teu", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "blocking minority of at least 4 members"));
    CHECK(contains(result.out, "17787201/134217728"));  // |W| of 2^27, population table in data
    // The Parliament: 27 delegations weighted by the seats of the bundled table (Art. 14(2) frame).
    CHECK(contains(result.out, "states weighted by their seats (720 in seats_teu_parliament.csv)"));
    CHECK(contains(result.out, "66834451/134217728"));  // |W| of the 720-seat game, more than 360
}

TEST_CASE("compare shows pooling by decision area, coverage, and the 2007 Commission's Shapley-Shubik beside the 2014 Board's") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("compare eaeu teu cuc-2007 mercosur", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    INFO(result.out);
    CHECK(contains(result.out, "Pooling and delegation by decision area (MIA)"));
    CHECK(contains(result.out, "cuc2007_commission"));
    CHECK(contains(result.out, "RUS 2/3"));              // Russia's index in the 2007 Commission
    CHECK(contains(result.out, "eaeu_commission_board")); // beside the 2014 Board's indices
    CHECK(contains(result.out, "Veto players"));
    // The judicial component per instrument: the EAEU Court from its Statute (11 of 14 item points).
    CHECK(contains(result.out, "dispute settlement (judicial delegation)  0.79"));
    CHECK(contains(result.out, "Ouro Preto"));            // what the corpus lacks, in the comparison
    CHECK(contains(result.out, "TFEU not in the corpus"));
    CHECK(contains(result.out, "Coverage: MIA decision areas coded"));
}

TEST_CASE("analyze eaeu derives the Balassa stage condition by condition, with provisions") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("analyze eaeu", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "customs_union (common_market partly)"));
    CHECK(contains(result.out, "free_movement_labour"));
    CHECK(contains(result.out, "Art. 97"));
    CHECK(contains(result.out, "Art. 103"));
    CHECK(contains(result.out, "Pooling and delegation (MIA coding scheme)"));
}

TEST_CASE("analyze teu shows the CFSP's unanimity in its policy streams") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto result = run_program("analyze teu", *database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "foreign_security_policy"));
    CHECK(contains(result.out, "teu_council [state, unanimity 0.00]"));
}

TEST_CASE("analyze --as-of evaluates at the date, and rejects a date that does not exist") {
    const std::string* database = full_corpus_database();
    if (!database) return;
    auto early = run_program("analyze eaeu --no-proofs --as-of 2015-01-01", *database);
    auto late = run_program("analyze eaeu --no-proofs --as-of 2025-01-01", *database);
    REQUIRE(early.exit_code == 0);
    REQUIRE(late.exit_code == 0);
    CHECK(contains(early.out, "As of: 2015-01-01"));
    CHECK(contains(early.out, "Member states:                    BLR, KAZ, RUS"));
    CHECK(contains(late.out, "Member states:                    ARM, BLR, KAZ, KGZ, RUS"));
    // Art. 106(1), Belarus's transition period to 2016, is a finding in 2015 only.
    CHECK(contains(early.out, "EAEU Treaty, Art. 106(1)"));
    CHECK_FALSE(contains(late.out, "EAEU Treaty, Art. 106(1)"));
    // Bearers: Art. 106 concerns Belarus alone, Art. 42(6) the acceded states.
    CHECK(contains(early.out, "EAEU Treaty, Art. 106(1) concerns BLR only."));
    CHECK(contains(late.out, "EAEU Treaty, Art. 42(6) concerns ARM, KGZ only."));
    auto bad = run_program("analyze eaeu --as-of 2014-02-31", *database);
    CHECK(bad.exit_code != 0);
    CHECK(contains(bad.err, "--as-of"));
    CHECK(contains(bad.err, "not a valid date: 2014-02-31"));
    CHECK(bad.out.empty());
}
