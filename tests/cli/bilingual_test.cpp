// Bilingual reading and search (issue 14): `show --lang ru,en` side by side, aligned by eId;
// search over every expression with one hit per provision, the languages that matched and those
// that hold it; --lang, --party, --signed-after/--before, --type; CSV; relevance positive.
#include <nlohmann/json.hpp>

#include <set>
#include <map>

#include "outputs_support.hpp"

using namespace treatykb::testing;

TEST_CASE("show eaeu 47 --lang ru,en prints both expressions side by side, by eId") {
    const std::string& database = bundled_corpus_database();
    if (!tota_dir()) return;
    auto both = run_program("show eaeu 47 --lang ru,en", database);
    INFO(both.err);
    REQUIRE(both.exit_code == 0);
    CHECK(contains(both.out, "EAEU Treaty, Art. 47  [eaeu#art_47, ru,en]"));
    CHECK(contains(both.out, "── ru"));
    CHECK(contains(both.out, "── en"));
    CHECK(contains(both.out, " │ "));
    CHECK(contains(both.out, "одностороннем"));
    CHECK(contains(both.out, "unilateral"));
    // Art. 99¹ was inserted in 2021: the English translation of the 2014 text lacks it.
    auto inserted = run_program("show eaeu art_99-1 --lang ru,en", database);
    REQUIRE(inserted.exit_code == 0);
    CHECK(contains(inserted.out, "(not in the en expression: art_99-1)"));
    CHECK(contains(inserted.out, "note: the en expression has no art_99-1"));
    CHECK(contains(inserted.out, "[amended in this expression"));
    auto json = nlohmann::json::parse(run_program("show eaeu 47 --lang ru,en --format json", database).out);
    std::set<std::string> languages;
    for (const auto& row : json["provisions"]) languages.insert(row["language"].get<std::string>());
    CHECK(languages == std::set<std::string>{"ru", "en"});
    CHECK(run_program("show eaeu 47 --lang ru,de", database).exit_code == 1);
}

TEST_CASE("search merges the expressions by provision: an English query finds Art. 47, with the "
          "Russian expression listed") {
    const std::string& database = bundled_corpus_database();
    if (!tota_dir()) return;
    auto result = run_program("search 'unilateral non-tariff' --instrument eaeu --format json",
                              database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    auto hits = nlohmann::json::parse(result.out);
    REQUIRE_FALSE(hits.empty());
    bool art47 = false;
    std::set<std::string> seen;
    double previous = 1e300;
    for (const auto& hit : hits) {
        CHECK(seen.insert(hit["instrument"].get<std::string>() + "#" + hit["eid"].get<std::string>()).second);
        CHECK(hit["relevance"].get<double>() > 0);
        CHECK(hit["relevance"].get<double>() <= previous);
        previous = hit["relevance"].get<double>();
        if (hit["eid"] == "art_47") {
            art47 = true;
            CHECK(hit["languages"] == nlohmann::json::array({"en"}));
            CHECK(hit["also_in"] == nlohmann::json::array({"ru"}));
        }
    }
    CHECK(art47);
    auto text = run_program("search 'unilateral non-tariff' --instrument eaeu", database);
    CHECK(contains(text.out, "EAEU Treaty, Art. 47  [eaeu#art_47, en]  also in ru  relevance "));

    // A query in both languages: the provisions that match in both are one hit each.
    auto both = nlohmann::json::parse(
        run_program("search 'Комиссия OR commission' --instrument eaeu --limit 200 --format json",
                    database)
            .out);
    std::size_t in_both = 0;
    for (const auto& hit : both) in_both += hit["languages"].size() == 2 ? 1 : 0;
    CHECK(in_both > 0);
    // --lang restricts.
    auto russian = nlohmann::json::parse(
        run_program("search 'Комиссия OR commission' --instrument eaeu --lang ru --format json",
                    database)
            .out);
    REQUIRE_FALSE(russian.empty());
    for (const auto& hit : russian) CHECK(hit["languages"] == nlohmann::json::array({"ru"}));
}

TEST_CASE("search filters by party, date of signature and type; CSV output") {
    const std::string& database = bundled_corpus_database();
    auto instruments = nlohmann::json::parse(run_program("list --format json", database).out);
    std::map<std::string, nlohmann::json> by_alias;
    for (const auto& row : instruments) by_alias[row["instrument"]] = row;
    auto check_all = [&](const std::string& flags, auto predicate) {
        auto result = run_program("search 'товаров OR goods' --limit 30 --format json " + flags, database);
        INFO(flags << "\n" << result.err);
        REQUIRE(result.exit_code == 0);
        auto hits = nlohmann::json::parse(result.out);
        CHECK_FALSE(hits.empty());
        for (const auto& hit : hits) CHECK(predicate(by_alias[hit["instrument"].get<std::string>()]));
    };
    check_all("--party ARM", [](const nlohmann::json& row) {
        return contains(row["parties"].get<std::string>(), "ARM");
    });
    check_all("--party kgz --party RUS", [](const nlohmann::json& row) {
        return contains(row["parties"].get<std::string>(), "KGZ") &&
               contains(row["parties"].get<std::string>(), "RUS");
    });
    check_all("--signed-after 2010", [](const nlohmann::json& row) {
        return row["date_signed"].get<std::string>() >= "2010";
    });
    check_all("--signed-before 2010", [](const nlohmann::json& row) {
        return row["date_signed"].get<std::string>() < "2010";
    });
    auto none = run_program("search goods --party XYZ --format json", database);
    CHECK(none.exit_code == 0);
    CHECK(nlohmann::json::parse(none.out).empty());
    auto typed = run_program("search 'товаров' --type treaty --format csv", database);
    REQUIRE(typed.exit_code == 0);
    CHECK(typed.out.rfind("rank,instrument,eid,citation,relevance,languages,also_in,heading,snippet\r\n", 0) == 0);
    CHECK(contains(typed.out, "\r\n1,"));
}
