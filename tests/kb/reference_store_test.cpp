// The `reference` table: filled inside the ingest transaction, replaced with its expression,
// and read back by provision (what it cites, what cites it).
#include <catch2/catch.hpp>

#include <algorithm>

#include "../test_support.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/error.hpp"
#include "kb/ingest.hpp"
#include "kb/store.hpp"

using namespace treatykb;
using treatykb::testing::TemporaryDatabase;

namespace {

std::vector<Instrument> russian_eaeu_instruments() {
    std::string texts = treatykb::testing::texts_dir();
    Catalog catalog = load_catalog(texts + "/corpus.xml");
    return load_paths({texts + "/eaeu_treaty_2014_ru.md"}, catalog).instruments;
}

std::size_t count_rows(const std::string& path, const char* sql) {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(database, sql, -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    auto value = static_cast<std::size_t>(sqlite3_column_int64(statement, 0));
    sqlite3_finalize(statement);
    sqlite3_close(database);
    return value;
}

} // namespace

TEST_CASE("References are stored at ingest and read by provision", "[references][store]") {
    TemporaryDatabase database;
    auto instruments = russian_eaeu_instruments();
    {
        Store store(database.path());
        store.ingest(instruments);
        auto cites = store.references_from("eaeu", "art_47", "ru");
        REQUIRE(cites.size() == 1);
        CHECK(cites[0].to_eid == "annex_7");
        CHECK(cites[0].status == "resolved");
        CHECK(cites[0].manner == "procedure");
        CHECK(cites[0].text == "приложением № 7 к настоящему Договору");

        // What cites Annex 7 or anything in it: Arts. 46(2) and 47 among them.
        auto cited = store.references_to("eaeu", "annex_7", "ru");
        auto from = [&](const std::string& eid) {
            return std::any_of(cited.begin(), cited.end(),
                               [&](const StoredReference& r) { return r.from_eid == eid; });
        };
        CHECK(from("art_46__para_2"));
        CHECK(from("art_47"));
        CHECK(from("annex_7__point_39")); // "пункте 38 настоящего Протокола"

        // An article's references include its paragraphs'; unresolved ones keep their words.
        auto art_101 = store.references_from("eaeu", "art_101", "ru");
        CHECK(std::any_of(art_101.begin(), art_101.end(), [](const StoredReference& r) {
            return r.status == "external" && r.reason.starts_with("Таможенного кодекса");
        }));
        // "пунктами 104 и 169 Протокола … (приложение № 8 к настоящему Договору)": into Annex 8,
        // bundled since December 2026.
        CHECK(std::any_of(art_101.begin(), art_101.end(), [](const StoredReference& r) {
            return r.status == "resolved" && r.to_eid == "annex_8__point_169" && r.text == "пунктами 104 и 169";
        }));
    }
    std::size_t rows = count_rows(database.path(), "SELECT count(*) FROM reference");
    CHECK(rows > 300);
    CHECK(count_rows(database.path(),
                     "SELECT count(*) FROM meta WHERE key = 'schema_version' AND value = '3'") == 1);
    CHECK(count_rows(database.path(),
                     "SELECT count(*) FROM reference WHERE status = 'resolved' AND to_eid IS NULL") == 0);
    CHECK(count_rows(database.path(),
                     "SELECT count(*) FROM reference WHERE status <> 'resolved' AND to_eid IS NOT NULL") == 0);

    // Ingesting again replaces the expression's references instead of adding to them.
    Store(database.path()).ingest(instruments);
    CHECK(count_rows(database.path(), "SELECT count(*) FROM reference") == rows);

    // A failed ingest leaves them exactly as they were.
    std::string before = treatykb::testing::database_fingerprint(database.path());
    CHECK_THROWS(Store(database.path()).ingest([&](const Store::InstrumentWriter& write) {
        write(instruments[0]);
        throw Error("stop");
    }));
    CHECK(treatykb::testing::database_fingerprint(database.path()) == before);

    // Without resolution (the benchmark's baseline) nothing is stored.
    TemporaryDatabase bare;
    IngestOptions options;
    options.references = false;
    Store(bare.path()).ingest(instruments, options);
    CHECK(count_rows(bare.path(), "SELECT count(*) FROM reference") == 0);
}

TEST_CASE("amendments_in gives the amendments of a provision and everything below it, in order", "[store]") {
    TemporaryDatabase database;
    Store store(database.path());
    store.ingest(russian_eaeu_instruments());
    auto all = store.amendments("eaeu", "ru");
    REQUIRE(!all.empty());
    // For every amended article: the amendments whose eId is the article or lies below it.
    std::size_t articles = 0;
    for (const AmendmentRecord& amendment : all) {
        std::string article = amendment.eid.substr(0, amendment.eid.find("__"));
        std::vector<AmendmentRecord> expected;
        for (const AmendmentRecord& other : all)
            if (other.eid == article || other.eid.starts_with(article + "__")) expected.push_back(other);
        CHECK(store.amendments_in("eaeu", article, "ru") == expected);
        ++articles;
    }
    CHECK(articles > 0);
    CHECK(store.amendments_in("eaeu", "preamble_none", "ru").empty());
    CHECK(store.amendments_in("eaeu", "art_1", "xx").empty());
}

TEST_CASE("An older database (schema 2: no reference table, no ratification columns) is upgraded by a writer, refused by a reader", "[references][store][schema]") {
    TemporaryDatabase database;
    auto instruments = russian_eaeu_instruments();
    Store(database.path()).ingest(instruments);
    const std::size_t provisions = count_rows(database.path(), "SELECT count(*) FROM provisions");
    const std::size_t amendments = count_rows(database.path(), "SELECT count(*) FROM amendments");
    {
        // Turn it back into what a schema-2 treatykb wrote.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(database.path().c_str(), &raw) == SQLITE_OK);
        for (const char* sql : {"DROP TABLE reference",
                                "ALTER TABLE amendments DROP COLUMN ratification_act",
                                "ALTER TABLE amendments DROP COLUMN ratification_date",
                                "UPDATE meta SET value = '2' WHERE key = 'schema_version'"}) {
            INFO(sql);
            REQUIRE(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        sqlite3_close(raw);
    }
    // The file's bytes (the fingerprint of test_support reads the current schema only).
    const std::string before = treatykb::testing::read_text(database.path());

    // A reader cannot upgrade it: a clear error that says how, and the file untouched.
    try {
        Store reader(database.path(), StoreAccess::read_only);
        FAIL("a read-only open of a schema-2 database must be refused");
    } catch (const Error& error) {
        CHECK_THAT(error.render(), Catch::Contains("ingest again"));
    }
    CHECK(treatykb::testing::read_text(database.path()) == before);

    // A writer brings it up to version 3 in place, keeping every row; the next ingest fills the
    // references.
    {
        Store writer(database.path());
        CHECK(writer.amendments("eaeu", "ru").size() == amendments);
    }
    CHECK(count_rows(database.path(), "SELECT count(*) FROM meta WHERE key = 'schema_version' AND value = '3'") == 1);
    CHECK(count_rows(database.path(), "SELECT count(*) FROM provisions") == provisions);
    CHECK(count_rows(database.path(), "SELECT count(*) FROM reference") == 0);
    Store(database.path()).ingest(instruments);
    CHECK(count_rows(database.path(), "SELECT count(*) FROM reference") > 300);
    CHECK(count_rows(database.path(), "SELECT count(*) FROM amendments WHERE ratification_date <> ''") > 0);
}

TEST_CASE("An ingest creates the document-order index a database of schema 3 may lack; reads are the same without it",
          "[store][schema]") {
    TemporaryDatabase database;
    auto instruments = russian_eaeu_instruments();
    Store(database.path()).ingest(instruments);
    const char* has_index = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'provisions_in_order'";
    REQUIRE(count_rows(database.path(), has_index) == 1);
    auto with_index = Store(database.path(), StoreAccess::read_only).provisions("eaeu", "ru");
    {
        // What a treatykb of before the index wrote: the same schema version, no index.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(database.path().c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "DROP INDEX provisions_in_order", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    // A reader needs no upgrade: the same provisions, in the same order.
    auto without_index = Store(database.path(), StoreAccess::read_only).provisions("eaeu", "ru");
    REQUIRE(without_index.size() == with_index.size());
    for (std::size_t i = 0; i < with_index.size(); ++i) {
        INFO(i);
        CHECK(without_index[i].eid == with_index[i].eid);
        CHECK(without_index[i].text == with_index[i].text);
    }
    CHECK(count_rows(database.path(), has_index) == 0);
    // The next ingest creates it, in its own transaction.
    Store(database.path()).ingest(instruments);
    CHECK(count_rows(database.path(), has_index) == 1);
}

TEST_CASE("provision_texts reads the provisions of provisions() with their eId, parent, text and order only", "[store]") {
    TemporaryDatabase database;
    Store(database.path()).ingest(russian_eaeu_instruments());
    Store store(database.path(), StoreAccess::read_only);
    auto whole = store.provisions("eaeu", "ru");
    auto texts = store.provision_texts("eaeu", "ru");
    REQUIRE(!whole.empty());
    REQUIRE(texts.size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        INFO(whole[i].eid);
        CHECK(texts[i].eid == whole[i].eid);
        CHECK(texts[i].parent_eid == whole[i].parent_eid);
        CHECK(texts[i].text == whole[i].text);
        CHECK(texts[i].order == whole[i].order);
        CHECK(texts[i].heading.empty());
    }
    CHECK(subtree_ends(texts) == subtree_ends(whole));
    CHECK(store.provision_texts("eaeu", "xx").empty());
}

TEST_CASE("An expression whose rows are not in row-id order is still read in document order", "[store]") {
    TemporaryDatabase database;
    Store(database.path()).ingest(russian_eaeu_instruments());
    auto before = Store(database.path(), StoreAccess::read_only).provisions("eaeu", "ru");
    REQUIRE(before.size() > 3);
    {
        // The first two rows of the expression trade their place in document order.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(database.path().c_str(), &raw) == SQLITE_OK);
        std::string swap = "UPDATE provisions SET ord = CASE eid WHEN '" + before[0].eid + "' THEN " +
                           std::to_string(before[1].order) + " ELSE " + std::to_string(before[0].order) +
                           " END WHERE eid IN ('" + before[0].eid + "', '" + before[1].eid +
                           "') AND expression_id = (SELECT e.id FROM expressions e JOIN instruments i ON "
                           "i.id = e.instrument_id WHERE i.alias = 'eaeu' AND e.language = 'ru')";
        REQUIRE(sqlite3_exec(raw, swap.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_changes(raw) == 2);
        sqlite3_close(raw);
    }
    Store store(database.path(), StoreAccess::read_only);
    for (const auto& read : {store.provisions("eaeu", "ru"), store.provision_texts("eaeu", "ru")}) {
        REQUIRE(read.size() == before.size());
        CHECK(read[0].eid == before[1].eid);
        CHECK(read[1].eid == before[0].eid);
        for (std::size_t i = 2; i < read.size(); ++i) CHECK(read[i].eid == before[i].eid);
    }
}
