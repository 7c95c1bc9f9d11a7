// The store and its stemming search, on the real corpus in a temporary SQLite file.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "../test_support.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/error.hpp"
#include "kb/ingest.hpp"
#include "kb/search_query.hpp"
#include "kb/search_tokenizer.hpp"
#include "kb/store.hpp"

using namespace treatykb;
using treatykb::testing::TemporaryDatabase;

namespace {

// The catalogue corpus, ingested once per test run (ToTA expressions when the folder exists).
const std::string& corpus_database() {
    static TemporaryDatabase database;
    static bool loaded = false;
    if (!loaded) {
        Catalog catalog = load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
        auto tota = treatykb::testing::tota_dir();
        LoadResult result = load_catalog_corpus(catalog, treatykb::testing::texts_dir(), tota);
        Store(database.path()).ingest(result.instruments);
        loaded = true;
    }
    return database.path();
}

bool finds(const std::vector<SearchHit>& hits, const std::string& eid_prefix) {
    for (const auto& hit : hits)
        if (hit.eid == eid_prefix || hit.eid.starts_with(eid_prefix + "__"))
            return true;
    return false;
}

} // namespace

TEST_CASE("The tokenizer stems Russian and English and folds Latin look-alikes") {
    CHECK(search_terms("товаp") == search_terms("товаров")); // Latin p inside a Russian word
    CHECK(search_terms("measures") == search_terms("measure"));
    CHECK(search_terms("одностороннем порядке") == search_terms("одностороннего порядка"));
    CHECK(search_terms("Non-Tariff") == std::vector<std::string>{"non", "tariff"});
    CHECK(search_terms("21,5") == std::vector<std::string>{"21", "5"});
    CHECK(search_terms("Ёлка") == search_terms("елка"));
}

TEST_CASE("Latin words are stemmed in the language of their text: English, Spanish, French") {
    // Spanish: "aduaneros"/"aduanera" share a Spanish stem, not an English one.
    CHECK(search_terms("los derechos aduaneros") == search_terms("los derecho aduanera"));
    CHECK(search_terms("the customs duties")[2] == search_terms("the customs duty")[2]);
    CHECK(search_terms("aduaneros") != search_terms("aduanera"));  // no marker words: English
    // French: "mesures"/"mesure" and "douanières"/"douanier" under the French stemmer.
    CHECK(search_terms("les mesures douanières") == search_terms("les mesure douanier"));

    // Index and query together: a query word is matched under each Latin language's stem.
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open(":memory:", &database) == SQLITE_OK);
    register_search_tokenizer(database);
    auto exec = [&](const char* sql) { REQUIRE(sqlite3_exec(database, sql, nullptr, nullptr, nullptr) == SQLITE_OK); };
    exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'treatykb')");
    exec("INSERT INTO t(x) VALUES ('Las Partes eliminarán los derechos aduaneros y las restricciones')");
    exec("INSERT INTO t(x) VALUES ('Les Parties éliminent les droits de douane et les mesures tarifaires')");
    exec("INSERT INTO t(x) VALUES ('The Parties shall eliminate customs duties and measures')");
    auto hits = [&](const char* query) {
        sqlite3_stmt* statement = nullptr;
        REQUIRE(sqlite3_prepare_v2(database, "SELECT group_concat(rowid) FROM t WHERE t MATCH ?1", -1,
                                   &statement, nullptr) == SQLITE_OK);
        sqlite3_bind_text(statement, 1, query, -1, SQLITE_TRANSIENT);
        std::string rows;
        if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
            rows = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        sqlite3_finalize(statement);
        return rows;
    };
    CHECK(hits("\"aduanera\"") == "1");          // Spanish stem of the query word
    CHECK(hits("\"restricción\"") == "1");
    CHECK(hits("\"tarifaire\"") == "2");         // French
    CHECK(hits("\"measure\"") == "3");           // English, as before
    CHECK(hits("\"eliminate customs\"") == "3"); // phrases keep working with synonyms
    sqlite3_close(database);
}

TEST_CASE(
    "`unilateral measure` finds Art. 47 in English, `одностороннем порядке мера` in Russian") {
    Store store(corpus_database());
    SearchOptions options;
    options.instrument = "eaeu";
    options.limit = 5;
    options.language = "ru";
    CHECK(finds(store.search("одностороннем порядке мера", options), "art_47"));
    if (!store.has_expression("eaeu", "en"))
        return; // no ToTA: reported by tota_dir()
    options.language = "en";
    auto hits = store.search("unilateral measure", options);
    REQUIRE(!hits.empty());
    CHECK(hits.front().eid == "art_47");
    CHECK(hits.front().citation == "EAEU Treaty, Art. 47");
    CHECK_THAT(hits.front().snippet, Catch::Contains("[unilaterally]"));
}

TEST_CASE("\"товаров\" finds the CIS FTA articles that spell the word with a Latin p") {
    Store store(corpus_database());
    SearchOptions options;
    options.instrument = "cis-fta-2011";
    options.language = "ru";
    options.limit = 100;
    auto hits = store.search("товаров", options);
    CHECK(finds(hits, "art_7__para_1"));
    CHECK(finds(hits, "art_2__para_7"));
    CHECK_THAT(*store.provision_text("cis-fta-2011", "art_7__para_1", "ru"),
               Catch::Contains("товаp"));
}

TEST_CASE("The Store answers the engine's questions") {
    Store store(corpus_database());
    CHECK(store.authentic_language("eaeu") == std::optional<std::string>("ru"));
    CHECK(store.has_expression("eaeu", "ru"));
    CHECK(!store.has_expression("eaeu", "fr"));
    CHECK(!store.has_expression("nonexistent", "ru"));
    CHECK(store.citation("eaeu", "art_47") == "EAEU Treaty, Art. 47");
    CHECK(store.citation("eaeu", "art_92__para_1") == "EAEU Treaty, Art. 92(1)");
    // A citation is formed from the eId even when the provision is not stored.
    CHECK(store.citation("eaeu", "art_47__para_1") == "EAEU Treaty, Art. 47(1)");
    CHECK(store.citation("eaeu", "sec_6") == "EAEU Treaty, Section VI");
    CHECK(store.citation("eaeu", "annex_7__point_50") == "EAEU Treaty, Annex 7, point 50");
    CHECK(store.citation("eaeu", "art_99-1") == "EAEU Treaty, Art. 99¹");
    CHECK(store.citation("eaeu", "art_46__para_1__point_2") == "EAEU Treaty, Art. 46(1)(2)");
    auto text = store.provision_text("eaeu", "art_92__para_2", "ru");
    REQUIRE(text);
    CHECK_THAT(*text, Catch::StartsWith("Промышленная политика в рамках Союза"));
    CHECK_THAT(*text, Catch::Contains("\n")); // points follow on their own lines
    CHECK(!store.provision_text("eaeu", "art_999", "ru"));
    CHECK(store.has_provision("eaeu", "art_92__para_2", "ru"));
    CHECK(!store.has_provision("eaeu", "art_999", "ru"));
    CHECK(!store.has_provision("eaeu", "art_92__para_2", "fr"));
    CHECK(!store.has_provision("nonexistent", "art_1", "ru"));
    CHECK(store.resolve_reference("eaeu", "Art. 92(1)", "ru") ==
          std::optional<std::string>("art_92__para_1"));
    CHECK(store.resolve_reference("eaeu", "99¹", "ru") == std::optional<std::string>("art_99-1"));
    CHECK(store.resolve_reference("eaeu", "Annex 7, point 55(2)", "ru") ==
          std::optional<std::string>("annex_7__point_55__subpoint_2"));
    CHECK(store.resolve_reference("eaeu", "47", "ru") == std::optional<std::string>("art_47"));
    CHECK(store.resolve_reference("eaeu", "Annex 19, point 13¹", "ru") ==
          std::optional<std::string>("annex_19__point_13-1"));
    CHECK(store.resolve_reference("eaeu", "Annex 2, point 39(2)", "ru") ==
          std::optional<std::string>("annex_2__point_39__subpoint_2"));
    // One record per law each "Сноска." note names (a note naming three laws is three records):
    // 7 in the articles, 106 in the annexes, 113 in all (counted in the files).
    auto amendments = store.amendments("eaeu", "ru");
    CHECK(amendments.size() == 113);
    int in_articles = 0;
    for (const auto& amendment : amendments)
        in_articles += amendment.eid.starts_with("art_");
    CHECK(in_articles == 7);
    CHECK(amendments.front().ratification_act == "Закон РК от 08.02.2019 № 223-VI");
}

TEST_CASE("Malformed queries are errors: unbalanced quotes, a bare operator") {
    CHECK_THROWS_WITH(to_fts5_query("\"non-tariff measures"), Catch::Contains("unbalanced quotes"));
    CHECK_THROWS_WITH(to_fts5_query("AND"), Catch::Contains("operator AND needs a term"));
    CHECK_THROWS_WITH(to_fts5_query("tariff OR"), Catch::Contains("operator OR needs a term"));
    CHECK_THROWS_WITH(to_fts5_query("(tariff"), Catch::Contains("unbalanced parentheses"));
    CHECK_THROWS_WITH(to_fts5_query("   "), Catch::Contains("empty search query"));
    CHECK(to_fts5_query("non-tariff measures") == "\"non-tariff\" \"measures\"");
    CHECK(to_fts5_query("customs AND \"single tariff\"") == "\"customs\" AND \"single tariff\"");
}

TEST_CASE("Re-ingesting replaces an expression; a failed ingest leaves the database unchanged") {
    TemporaryDatabase database;
    Catalog catalog = load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
    LoadResult first = load_paths(
        {treatykb::testing::texts_dir() + "/customs_union_commission_treaty_2007_ru.md"}, catalog);
    Store store(database.path());
    store.ingest(first.instruments);
    std::string before = treatykb::testing::database_fingerprint(database.path());
    store.ingest(first.instruments); // again: same content, not doubled
    CHECK(treatykb::testing::database_fingerprint(database.path()) == before);
    SearchOptions options;
    options.limit = 50;
    CHECK(store.search("голосов", options).size() >= 1);

    // An instrument whose expression repeats an eId violates the schema: the whole ingest rolls
    // back, including the valid instrument before it.
    Instrument broken = first.instruments.front();
    broken.alias = "broken";
    broken.expressions.front().provisions.push_back(broken.expressions.front().provisions.front());
    Instrument valid = first.instruments.front();
    valid.alias = "valid-copy";
    CHECK_THROWS(store.ingest({valid, broken}));
    CHECK(treatykb::testing::database_fingerprint(database.path()) == before);
    CHECK(!store.resolve_alias("valid-copy"));
}

namespace {

// Scores of the best `limit` matches by FTS5's own bm25(), on a fresh connection.
std::vector<double> reference_scores(const std::string& path, const std::string& query) {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    register_search_tokenizer(database);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, R"sql(
        SELECT bm25(provisions_fts, 2.0, 1.0) AS score FROM provisions_fts
        WHERE provisions_fts MATCH ?1 ORDER BY score LIMIT 50)sql",
                               -1, &statement, nullptr) == SQLITE_OK);
    std::string match = to_fts5_query(query);
    sqlite3_bind_text(statement, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<double> scores;
    while (sqlite3_step(statement) == SQLITE_ROW)
        scores.push_back(sqlite3_column_double(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(database);
    return scores;
}

void check_scores_are_bm25(const Store& store, const std::string& path) {
    SearchOptions options;
    options.limit = 50;
    for (const std::string query : {"Комиссия", "\"Комиссии Таможенного союза\"",
                                    "решения OR голосов", "Сторон*", "Комиссия NOT решения"}) {
        for (int run = 0; run < 2; ++run) { // the second run uses the remembered phrase counts
            std::vector<double> ours;
            for (const auto& hit : store.search(query, options))
                ours.push_back(hit.score);
            auto expected = reference_scores(path, query);
            INFO(query << ", run " << run);
            REQUIRE(!ours.empty());
            REQUIRE(ours.size() == expected.size());
            for (std::size_t i = 0; i < ours.size(); ++i)
                CHECK(ours[i] == Approx(expected[i]).epsilon(1e-12));
        }
    }
}

} // namespace

TEST_CASE("Search scores are FTS5's bm25, from remembered phrase counts too, and after a change") {
    TemporaryDatabase database;
    Catalog catalog = load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
    LoadResult first = load_paths(
        {treatykb::testing::texts_dir() + "/customs_union_commission_treaty_2007_ru.md"}, catalog);
    Store store(database.path());
    store.ingest(first.instruments);
    check_scores_are_bm25(store, database.path());
    // Another connection doubles the documents: the counts `store` remembers are stale now.
    Instrument copy = first.instruments.front();
    copy.alias = "cuc-2007-copy";
    copy.other_aliases.clear();
    Store(database.path()).ingest({copy});
    check_scores_are_bm25(store, database.path());
    // And its own writes.
    copy.alias = "cuc-2007-second-copy";
    store.ingest({copy});
    check_scores_are_bm25(store, database.path());
}
