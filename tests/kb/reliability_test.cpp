// The store's and the importers' promises (docs/reliability.md): readers never wait for an
// ingest, a second writer waits and then says why it gave up, a rejected input leaves the
// database as it was, and hostile input (deep nesting, invalid characters, names that collide)
// gets one clear error naming the file.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "../test_support.hpp"
#include "kb/akn.hpp"
#include "kb/citation.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/error.hpp"
#include "kb/ingest.hpp"
#include "kb/search_query.hpp"
#include "kb/store.hpp"
#include "kb/text_parser.hpp"
#include "kb/tota_parser.hpp"

using namespace treatykb;
using treatykb::testing::contains;
using treatykb::testing::database_fingerprint;
using treatykb::testing::TemporaryDatabase;
using treatykb::testing::TemporaryDirectory;

namespace {

Catalog catalog() {
    return load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
}

// The smallest bundled treaty (the 2007 Customs Union Commission Treaty, 12 KB), as the catalogue
// names it: alias cuc-2007.
std::vector<Instrument> small_treaty() {
    return load_paths({treatykb::testing::texts_dir() + "/customs_union_commission_treaty_2007_ru.md"},
                      catalog())
        .instruments;
}

std::vector<Instrument> plain_excerpt(const TemporaryDirectory& folder, const std::string& name) {
    std::string path = folder.write(
        name, treatykb::testing::read_text(std::string(TREATYKB_TEST_DATA) +
                                           "/eaeu_ru_plain_excerpt.txt"));
    return load_paths({path}, catalog()).instruments;
}

// A minimal ToTA file with `identifier`, a `doctype` before the root and `text` in an article.
std::string tota_file(const std::string& identifier, const std::string& text,
                      const std::string& doctype = "") {
    return "<?xml version=\"1.0\"?>\n" + doctype +
           "<treaty>\n<meta><treaty_identifier>" + identifier +
           "</treaty_identifier><name>Test Agreement</name><date_signed>2001-01-01</date_signed>"
           "<language>en</language></meta>\n<body><chapter>\n"
           "<article number=\"ARTICLE 1\" name=\"Objective\" article_identifier=\"1\">" +
           text + "</article>\n</chapter></body>\n</treaty>\n";
}

std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.render();
    }
    return "";
}

} // namespace

TEST_CASE("Readers open the database read-only and run while an ingest holds the write lock") {
    TemporaryDatabase database;
    Store(database.path()).ingest(small_treaty());
    std::string before = database_fingerprint(database.path());
    TemporaryDirectory folder;
    std::vector<Instrument> more = plain_excerpt(folder, "excerpt.txt");

    Store writer(database.path());
    int reads = 0;
    writer.ingest([&](const Store::InstrumentWriter& write) {
        write(more.front());
        // Inside the write transaction: a reader sees the committed state, at once.
        auto started = std::chrono::steady_clock::now();
        Store reader(database.path(), StoreAccess::read_only);
        CHECK(reader.list().size() == 1);
        CHECK_FALSE(reader.search("таможенного", {}).empty());
        CHECK(reader.provision("cuc-2007", "art_1", "ru").has_value());
        CHECK_FALSE(reader.resolve_alias("excerpt").has_value());
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
        ++reads;

        // A second writer waits for its busy timeout, then says who holds the database.
        Store second(database.path(), StoreAccess::read_write, 300);
        started = std::chrono::steady_clock::now();
        std::string message = message_of([&] { second.ingest(small_treaty()); });
        auto waited = std::chrono::steady_clock::now() - started;
        CHECK(contains(message, "another treatykb ingest holds the database"));
        CHECK(contains(message, "waited 0.3 s"));
        CHECK_FALSE(contains(message, "is the file a treatykb database"));
        CHECK(waited >= std::chrono::milliseconds(250));
    });
    CHECK(reads == 1);
    CHECK(database_fingerprint(database.path()) != before);
    Store reader(database.path(), StoreAccess::read_only);
    CHECK(reader.list().size() == 2);
}

TEST_CASE("After each ingest the write-ahead log is emptied, while a reader keeps the database open") {
    TemporaryDatabase database;
    Store(database.path()).ingest(small_treaty());
    Store reader(database.path(), StoreAccess::read_only);
    CHECK(reader.list().size() == 1);  // the reader has read and keeps its connection open
    Store writer(database.path());
    std::string wal = database.path() + "-wal";
    for (int round = 0; round < 3; ++round) {
        writer.ingest(small_treaty());
        CHECK(reader.provision("cuc-2007", "art_1", "ru").has_value());
        // Without the TRUNCATE checkpoint the log keeps every page the ingest wrote.
        REQUIRE(std::filesystem::exists(wal));
        CHECK(std::filesystem::file_size(wal) == 0);
    }
}

TEST_CASE("Each committed ingest advances the generation; a failed one leaves it") {
    TemporaryDatabase database;
    CHECK(Store(database.path(), StoreAccess::read_only).generation() == 0); // no file yet
    Store writer(database.path());
    CHECK(writer.generation() == 0); // a schema, no ingest
    writer.ingest(small_treaty());
    CHECK(writer.generation() == 1);
    Store reader(database.path(), StoreAccess::read_only);
    CHECK(reader.generation() == 1);
    writer.ingest(small_treaty()); // the same texts again: still a new generation
    CHECK(reader.generation() == 2);
    CHECK_THROWS(writer.ingest([&](const Store::InstrumentWriter& write) {
        write(small_treaty().front());
        throw Error("stop");
    }));
    CHECK(reader.generation() == 2);
}

TEST_CASE("A read snapshot sees one committed state until it ends; a nested one joins it") {
    TemporaryDatabase database;
    Store(database.path()).ingest(small_treaty());
    TemporaryDirectory folder;
    std::vector<Instrument> more = plain_excerpt(folder, "excerpt.txt");
    Store reader(database.path(), StoreAccess::read_only);
    Store writer(database.path());
    {
        ReadSnapshot outer(reader);
        CHECK(reader.list().size() == 1);
        {
            ReadSnapshot inner(reader); // joins the outer one: its end ends nothing
            CHECK(reader.list().size() == 1);
        }
        writer.ingest(more); // commits beside the snapshot
        CHECK(reader.list().size() == 1);
        CHECK_FALSE(reader.resolve_alias("excerpt").has_value());
        CHECK(reader.search("односторонном", {}).empty()); // only the excerpt has the word
    }
    // Without a snapshot every read sees the newest commit.
    CHECK(reader.list().size() == 2);
    CHECK(reader.resolve_alias("excerpt").has_value());
    CHECK_FALSE(reader.search("односторонном", {}).empty());
    writer.ingest(small_treaty());
    CHECK(reader.list().size() == 2);
}

TEST_CASE("A read-only Store writes nothing: a missing file reads as empty and stays missing") {
    TemporaryDatabase database;
    {
        Store reader(database.path(), StoreAccess::read_only);
        CHECK(reader.list().empty());
        CHECK(reader.search("тариф", {}).empty());
        CHECK(contains(message_of([&] { reader.ingest(small_treaty()); }), "read-only"));
    }
    CHECK_FALSE(std::filesystem::exists(database.path()));
    TemporaryDirectory folder;
    std::string not_a_database = folder.write("notes.sqlite", std::string(4096, 'x'));
    CHECK(contains(message_of([&] { Store(not_a_database, StoreAccess::read_only); }),
                   "not a treatykb database"));
}

TEST_CASE("A file named like another work's alias is refused unless --replace, naming that work") {
    TemporaryDatabase database;
    Store(database.path()).ingest(small_treaty());
    std::string before = database_fingerprint(database.path());
    TemporaryDirectory folder;
    std::vector<Instrument> impostor = plain_excerpt(folder, "cuc-2007.txt");
    REQUIRE(impostor.front().alias == "cuc-2007");
    std::string message = message_of([&] { Store(database.path()).ingest(impostor); });
    CHECK(contains(message, "cuc-2007.txt"));
    CHECK(contains(message, "would replace the instrument \"cuc-2007\""));
    CHECK(contains(message, "CUC Treaty 2007"));
    CHECK(contains(message, "--replace"));
    CHECK(database_fingerprint(database.path()) == before);

    // The same file again is an update of its own instrument, not a collision.
    std::vector<Instrument> own = plain_excerpt(folder, "my-treaty.txt");
    Store(database.path()).ingest(own);
    Store(database.path()).ingest(own);

    // An extra name of another instrument (a pta_N the catalogue gives it) is refused the same way.
    std::vector<Instrument> with_extra_name = small_treaty();
    with_extra_name.front().other_aliases.push_back("pta_9999");
    Store(database.path()).ingest(with_extra_name);
    // (an AKN file may name any alias; a plain-text file's name becomes "pta-9999")
    std::vector<Instrument> named_like_tota = plain_excerpt(folder, "other.txt");
    named_like_tota.front().alias = "pta_9999";
    CHECK(contains(message_of([&] { Store(database.path()).ingest(named_like_tota); }),
                   "already names the instrument \"cuc-2007\""));
    before = database_fingerprint(database.path());
    CHECK(contains(message_of([&] { Store(database.path()).ingest(impostor); }), "--replace"));
    CHECK(database_fingerprint(database.path()) == before);

    IngestOptions replace;
    replace.replace = true;
    Store(database.path()).ingest(impostor, replace);
    Store reader(database.path(), StoreAccess::read_only);
    CHECK(reader.export_instrument("cuc-2007", "ru").work_uri == impostor.front().work_uri);
}

TEST_CASE("Text with NUL bytes or invalid UTF-8 is refused, naming the file and line") {
    std::string text = "Статья 1\nТекст статьи.\nещё";
    text += '\0';
    text += " текст\n";
    std::string nul = message_of([&] { parse_plain_text_treaty(text, "bad.txt"); });
    CHECK(contains(nul, "bad.txt:3:"));
    CHECK(contains(nul, "NUL byte"));
    std::string latin1 = message_of([] { parse_markdown_treaty("### Статья 1\n\xE9t\xE9\n", "bad.md"); });
    CHECK(contains(latin1, "bad.md:2:"));
    CHECK(contains(latin1, "not UTF-8"));
}

TEST_CASE("A character reference to a lone surrogate or NUL is refused in ToTA and AKN files") {
    for (const char* reference : {"&#xD800;", "&#55296;", "&#0;", "&#x110000;"}) {
        std::string xml = tota_file("9001", std::string("Goods move ") + reference + " freely.");
        std::string message = message_of([&] { parse_tota_xml(xml, "pta_9001.xml"); });
        INFO(reference);
        CHECK(contains(message, "pta_9001.xml:5:"));
        CHECK(contains(message, reference));
    }
    // The number of an article, where it once reached the regex engine as invalid UTF-8.
    std::string in_number = tota_file("9001", "Text.");
    in_number.replace(in_number.find("ARTICLE 1"), 9, "ARTICLE &#xDC00;");
    CHECK(contains(message_of([&] { parse_tota_xml(in_number, "pta_9001.xml"); }), "&#xDC00;"));
    // Valid references stay valid.
    CHECK(parse_tota_xml(tota_file("9001", "A &#x2014; B &#233;"), "pta_9001.xml")
              .parsed.expression.provisions.size() >= 1);
}

TEST_CASE("An empty or path-like ToTA identifier is refused") {
    for (const char* identifier : {"", "../../etc", "a/b", "1 2", "x.y"}) {
        std::string message =
            message_of([&] { parse_tota_xml(tota_file(identifier, "Text."), "pta_x.xml"); });
        INFO(identifier);
        CHECK(contains(message, "pta_x.xml:3:"));
        CHECK(contains(message, "is not a treaty number"));
    }
}

TEST_CASE("ToTA is recognised by its root element, whatever comes before it") {
    TemporaryDirectory folder;
    std::string doctype = "<!DOCTYPE treaty [\n<!-- " + std::string(2000, 'c') +
                          " -->\n<!ENTITY e \"x > y\">\n]>\n<!-- a comment -->\n<?pi data?>\n";
    std::string path = folder.write("pta_9002.xml", tota_file("9002", "Goods move freely.", doctype));
    LoadResult loaded = load_paths({path}, catalog());
    REQUIRE(loaded.instruments.size() == 1);
    CHECK(loaded.instruments.front().alias == "pta_9002");
    std::string other = folder.write("other.xml", "<?xml version=\"1.0\"?>\n<!-- <treaty> -->\n<law/>");
    CHECK(contains(message_of([&] { load_paths({other}, catalog()); }), "the root element is <law>"));
}

TEST_CASE("AKN nested deeper than any act, or with a duplicate eId, is refused without a crash") {
    std::string head = "<akomaNtoso><act><meta><identification><FRBRWork>"
                       "<FRBRalias value=\"deep\" name=\"treatykb\"/></FRBRWork></identification>"
                       "</meta><body>\n";
    std::string deep = head;
    for (int i = 0; i < 12000; ++i)
        deep += "<point eId=\"p" + std::to_string(i) + "\">";
    for (int i = 0; i < 12000; ++i)
        deep += "</point>";
    deep += "</body></act></akomaNtoso>";
    std::string message = message_of([&] { read_akn(deep, "deep.xml"); });
    CHECK(contains(message, "deep.xml:2:"));
    CHECK(contains(message, "nested more than 64 levels"));

    std::string duplicate = head + "<article eId=\"art_1\"><num>1</num></article>\n"
                                   "<article eId=\"art_1\"><num>1</num></article>\n</body></act></akomaNtoso>";
    message = message_of([&] { read_akn(duplicate, "dup.xml"); });
    CHECK(contains(message, "dup.xml:3:"));
    CHECK(contains(message, "duplicate eId \"art_1\""));
}

TEST_CASE("A search query nested too deep is refused with its column; 32 levels still search") {
    std::string deep = std::string(40, '(') + "тариф" + std::string(40, ')');
    std::string message = message_of([&] { to_fts5_query(deep); });
    CHECK(contains(message, "nested more than 32 levels"));
    CHECK(contains(message, ":1:33:"));
    TemporaryDatabase database;
    Store(database.path()).ingest(small_treaty());
    Store reader(database.path(), StoreAccess::read_only);
    CHECK_NOTHROW(reader.search(std::string(32, '(') + "таможенного" + std::string(32, ')'), {}));
}

TEST_CASE("Fuzzer findings in the citation parser stay fixed") {
    // fuzz_citation: invalid UTF-8 reached the regex engine (a bare std::out_of_range).
    CHECK(contains(message_of([] { parse_reference("Annex 6, poin\xca \xd0\xa1\xd1" "5\x82"); }),
                   "not UTF-8"));
    // fuzz_citation: "art_--" indexed the superscript table at -3; a long section number
    // overflowed std::stoi.
    for (const char* eid : {"art_--____%4p_", "art_1--2", "art_7-", "sec_99999999999999999999"}) {
        INFO(eid);
        CHECK_NOTHROW(step_from_eid(eid));
    }
    CHECK(step_from_eid("art_99-1").number == "99¹");
    CHECK(step_from_eid("sec_6").number == "VI");
}

TEST_CASE("A long list of parenthesised parts that does not close parses at once") {
    // fuzz_citation: parenthesised groups full of white space, then a tail that does not match,
    // backtracked for more than 10 s. The fuzzer's input, byte for byte:
    const std::string reference(
        "\x41\x72\x74\x34\x31\x28\x1d\x1d\x1d\x0b\x25\x1e\x29\x28\x1d\x1d\x0b\x25\x1e\x29"
        "\x28\x61\x29\x28\x0c\x00\x63\x6f\x6e\x1e\x29\x28\x0c\x00\x00\x1d\x1d\x1d\x5f\x31"
        "\x5f\x1d\x1d\x1d\x0b\x25\x1e\x61\x29\x28\x0c\x00\x63\x6f\x6e\x1e\x29\x28\x0c\x00"
        "\x00\x1d\x1d\x1d\x5f\x31\x5f\x1d\x1d\x1d\x0b\x25\x1e\x63\x6f\x6e\x1e\x29\x28\x0c"
        "\x00\x00\x1d\x1d\x1d\x5f\x31\x5f\x1d\x1d\x1d\x0b\x25\x1e\x61\x29\x28\x0c\x00\x63"
        "\x6f\x6e\x1e\x29\x28\x0c\x00\x00\x1d\x1d\x1d\x5f\x31\x5f\x1d\x1d\x1d\x0b\x25\x1e"
        "\x74\x5f\x61\x32\x61\x5f\x74\x32\x5f\x1d\x1d\x1d\x0b\x74\x5f\x61\x32\x61\x5f\x74"
        "\x32\x5f\x1d\x1d\x1d\x0b\x25\x1e\x29\x28\x61\x29\x28\x0c\x00\x63\x6f\x6e\x1e\x0c"
        "\x00\x00\x1d\x1d\x1d\x5f\x31\x5f\x1d\x1d\x1d\x1d\x1d\x1d\x1d\x30\x04\x2e",
        178);
    auto started = std::chrono::steady_clock::now();
    CHECK_NOTHROW(parse_reference(reference));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    CHECK(parse_reference("Art. 47( 1 )( a )").parts == std::vector<std::string>{"1", "a"});
}
