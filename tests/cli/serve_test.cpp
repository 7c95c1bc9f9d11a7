// treatykb serve and treatykb site, end to end: the built program serves a corpus database on a
// free loopback port and the tests ask it over HTTP (cpp-httplib's client). What a reader sees
// in a browser is tested in tests/browser.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "../test_support.hpp"

using treatykb::testing::bundled_corpus_database;
using treatykb::testing::contains;
using treatykb::testing::database_fingerprint;
using treatykb::testing::read_text;
using treatykb::testing::run_program;
using treatykb::testing::TemporaryDatabase;
using treatykb::testing::TemporaryDirectory;

namespace {

bool has_english_eaeu(const std::string& database) {
    return contains(run_program("list", database).out, "en");
}

// `treatykb serve --port 0` as a child process; the port is read from its first line.
class Server {
  public:
    explicit Server(const std::string& database, const std::vector<std::string>& options = {}) {
        std::vector<std::string> words{"treatykb", "--db", database, "serve", "--port", "0", "--threads", "8"};
        words.insert(words.end(), options.begin(), options.end());
        std::vector<char*> arguments;
        for (std::string& word : words) arguments.push_back(word.data());
        arguments.push_back(nullptr);
        int pipe_ends[2];
        REQUIRE(pipe(pipe_ends) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            // The server must not outlive this test program, whatever ends it (a sanitizer abort
            // included): an orphan holding ctest's output pipe makes ctest wait for it forever.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            dup2(pipe_ends[1], STDOUT_FILENO);
            close(pipe_ends[0]);
            close(pipe_ends[1]);
            execv(TREATYKB_BINARY, arguments.data());
            _exit(127);
        }
        close(pipe_ends[1]);
        output_ = fdopen(pipe_ends[0], "r");
        char line[512] = {0};
        REQUIRE(std::fgets(line, sizeof line, output_) != nullptr);
        std::smatch match;
        std::string text = line;
        REQUIRE(std::regex_search(text, match, std::regex(R"(http://127\.0\.0\.1:(\d+)/)")));
        port_ = std::stoi(match[1]);
    }
    ~Server() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
        std::fclose(output_);
    }
    httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) const {
        httplib::Client client("127.0.0.1", port_);
        // The first report request computes the analysis; under the sanitizers on a loaded
        // machine that takes longer than cpp-httplib's default 5 s.
        client.set_read_timeout(180, 0);
        return client.Get(path.c_str(), headers);
    }
    int port() const { return port_; }

  private:
    pid_t pid_ = -1;
    FILE* output_ = nullptr;
    int port_ = 0;
};

nlohmann::json get_json(const Server& server, const std::string& path, int status = 200) {
    auto response = server.get(path);
    REQUIRE(response);
    INFO(path << " -> " << response->status << " " << response->body.substr(0, 300));
    REQUIRE(response->status == status);
    CHECK(contains(response->get_header_value("Content-Type"), "application/json"));
    return nlohmann::json::parse(response->body);
}

} // namespace

TEST_CASE("serve shows a provision in every language aligned by eId, with its annotations and findings") {
    const std::string& database = bundled_corpus_database();
    if (!has_english_eaeu(database)) {
        WARN("no English EAEU text (ToTA missing): test skipped");
        return;
    }
    Server server(database);
    auto provision = get_json(server, "/api/i/eaeu/p/art_47.json");
    CHECK(provision["citation"] == "EAEU Treaty, Art. 47");
    REQUIRE(!provision["rows"].empty());
    CHECK(provision["rows"][0]["eid"] == "art_47");
    bool both = false;
    for (const auto& row : provision["rows"])
        both = both || (row["texts"].contains("ru") && row["texts"].contains("en"));
    CHECK(both);
    bool annotated = false;
    for (const auto& annotation : provision["annotations"])
        annotated = annotated || annotation["id"] == "eaeu.art47.unilateral_ntm";
    CHECK(annotated);
    CHECK(!provision["findings"].empty());
    // Art. 47 cites Annex 7 ("в порядке, предусмотренном приложением № 7"); Annex 7 is cited by it.
    bool cites_annex_7 = false;
    for (const auto& r : provision["references"])
        cites_annex_7 = cites_annex_7 || (r["language"] == "ru" && r["status"] == "resolved" &&
                                          r["to_eid"] == "annex_7" && r["to_citation"] == "EAEU Treaty, Annex 7");
    CHECK(cites_annex_7);
    CHECK(provision["references_total"].get<std::size_t>() == provision["references"].size());
    auto annex = get_json(server, "/api/i/eaeu/p/annex_7.json");
    bool cited_by_47 = false;
    for (const auto& r : annex["cited_by"])
        cited_by_47 = cited_by_47 || (r["from_eid"] == "art_47" && r["from_citation"] == "EAEU Treaty, Art. 47");
    CHECK(cited_by_47);
    CHECK(annex["cited_by"].size() <= 500);
    CHECK(annex["cited_by_total"].get<std::size_t>() >= annex["cited_by"].size());

    auto page = server.get("/i/eaeu/p/art_47/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(contains(page->get_header_value("Content-Type"), "text/html"));
    CHECK(contains(page->body, "<h1>EAEU Treaty, Art. 47</h1>"));
    CHECK(contains(page->body, "id=\"side-by-side\""));
    CHECK(contains(page->body, "<a class=\"target\" href=\"/i/eaeu/p/annex_7/\">EAEU Treaty, Annex 7</a>"));
    auto annex_page = server.get("/i/eaeu/p/annex_7/");
    REQUIRE(annex_page);
    CHECK(contains(annex_page->body, "<a class=\"source\" href=\"/i/eaeu/p/art_47/\">EAEU Treaty, Art. 47</a>"));
    // "47" and "Art. 47" resolve to the provision as `treatykb show` accepts them.
    CHECK(get_json(server, "/api/i/eaeu/p/47.json")["eid"] == "art_47");
    // The table of contents and the instruments list.
    auto toc = get_json(server, "/api/i/eaeu.json");
    CHECK(toc["instrument"]["alias"] == "eaeu");
    CHECK(!toc["units"].empty());
    auto listing = get_json(server, "/api/instruments.json?party=KAZ&year=2014");
    REQUIRE(listing["instruments"].size() >= 1);
    for (const auto& instrument : listing["instruments"]) {
        CHECK(contains(instrument["parties"].get<std::string>(), "KAZ"));
        CHECK(instrument["date_signed"].get<std::string>().rfind("2014", 0) == 0);
    }
}

TEST_CASE("serve names the amending protocol of an amended provision and the law that ratified it") {
    Server server(bundled_corpus_database());
    auto provision = get_json(server, "/api/i/eaeu/p/art_85.json");
    bool named = false;
    for (const auto& record : provision["amendments"])
        named = named || (record["date"] == "2019-10-01" && record["ratification_date"] == "2021-02-15" &&
                          record["ratification_act"] == "Закон РК от 15.02.2021 № 6-VII" &&
                          contains(record["amending_act"].get<std::string>(), "Протокол о внесении изменений"));
    CHECK(named);
    auto page = server.get("/i/eaeu/p/art_85/");
    REQUIRE(page);
    CHECK(contains(page->body, "(signed 2019-10-01) · ratified by Kazakhstan on 2021-02-15 (Закон РК от 15.02.2021 № 6-VII)"));
}

TEST_CASE("serve searches across languages, highlights the matched words and escapes the query") {
    Server server(bundled_corpus_database());
    auto hits = get_json(server, "/api/search.json?q=unilateral%20measure");
    bool article_47 = false;
    for (const auto& hit : hits["hits"]) article_47 = article_47 || hit["eid"] == "art_47";
    if (has_english_eaeu(bundled_corpus_database())) CHECK(article_47);
    auto russian = get_json(server, "/api/search.json?q=%D0%B2%20%D0%BE%D0%B4%D0%BD%D0%BE%D1%81%D1%82%D0%BE%D1%80%D0%BE%D0%BD%D0%BD%D0%B5%D0%BC%20%D0%BF%D0%BE%D1%80%D1%8F%D0%B4%D0%BA%D0%B5&lang=ru");
    CHECK(!russian["hits"].empty());
    auto page = server.get("/search/?q=unilateral%20measure");
    REQUIRE(page);
    CHECK(contains(page->body, "<mark>"));
    auto hostile = server.get("/search/?q=%3Cscript%3Ealert%3C%2Fscript%3E%20%27customs%27");
    REQUIRE(hostile);
    CHECK(hostile->status == 200);
    CHECK(!contains(hostile->body, "<script>alert"));
    CHECK(contains(hostile->body, "value=\"&lt;script&gt;alert&lt;/script&gt; &#39;customs&#39;\""));
    // A malformed query (unbalanced parenthesis) is a 400 page that does not echo raw markup.
    auto malformed = server.get("/search/?q=%3Cscript%3Ealert(1%3C%2Fscript%3E");
    REQUIRE(malformed);
    CHECK(malformed->status == 400);
    CHECK(!contains(malformed->body, "<script>alert"));
}

TEST_CASE("serve's report groups findings by domain with proofs down to the annotation and its quote") {
    const std::string& database = bundled_corpus_database();
    Server server(database);
    auto report = get_json(server, "/api/report/eaeu.json");
    REQUIRE(!report["findings"].empty());
    bool article_47 = false;
    for (const auto& finding : report["findings"]) {
        CHECK(!finding["domain"].get<std::string>().empty());
        for (const auto& primary : finding["primary"])
            if (primary["provision"] == "eaeu#art_47") {
                article_47 = true;
                std::string proof = finding["instances"].dump();
                CHECK(contains(proof, "\"annotation\":\"eaeu.art47.unilateral_ntm\""));
                CHECK(contains(proof, "в одностороннем порядке"));
            }
    }
    CHECK(article_47);
    auto page = server.get("/report/eaeu/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(contains(page->body, "<details class=\"proof\">"));
    CHECK(contains(page->body, "href=\"/i/eaeu/p/art_47/\""));
    CHECK(get_json(server, "/api/power/eaeu.json")["document"]["sections"].size() > 0);
    CHECK(get_json(server, "/api/compare.json?i=eaeu&i=teu")["instruments"].size() == 2);
}

TEST_CASE("serve answers 404 for unknown instruments and provisions and 400 for a malformed query") {
    Server server(bundled_corpus_database());
    auto check_error = [&](const std::string& path, int status) {
        auto response = server.get(path);
        REQUIRE(response);
        INFO(path << " -> " << response->status << "\n" << response->body.substr(0, 400));
        CHECK(response->status == status);
        CHECK(!contains(response->body, "what()"));
        CHECK(!contains(response->body, "terminate"));
        return response->body;
    };
    CHECK(contains(check_error("/i/no-such-treaty/", 404), "unknown instrument"));
    CHECK(contains(check_error("/i/eaeu/p/art_9999/", 404), "no provision"));
    CHECK(contains(check_error("/report/no-such-treaty/", 404), "unknown instrument"));
    CHECK(contains(check_error("/api/i/eaeu/p/nothing.json", 404), "\"error\":404"));
    CHECK(contains(check_error("/search/?q=%22unbalanced", 400), "400"));
    CHECK(contains(check_error("/api/search.json?q=" + std::string(300, 'a'), 400), "longer than"));
    check_error("/api/search.json?q=", 400);
    check_error("/api/search.json?q=a&lang=..%2F", 400);
    check_error("/api/search.json?q=a&limit=abc", 400);
    check_error("/api/search.json?q=a&limit=100000", 400);
    check_error("/?year=20x4", 400);
    check_error("/api/compare.json?i=nothing", 404);
}

TEST_CASE("serve answers only its own routes: no file serving, path traversal refused") {
    Server server(bundled_corpus_database());
    for (const std::string path :
         {"/../../../../etc/passwd", "/etc/passwd", "/CMakeLists.txt", "/assets/../../CMakeLists.txt",
          "/assets/%2e%2e/%2e%2e/CMakeLists.txt", "/i/..%2F..%2F..%2Fetc%2Fpasswd/",
          "/i/eaeu/p/..%2F..%2F..%2Fetc%2Fpasswd/", "/assets/", "/api/", "/api/i/../../etc/passwd"}) {
        auto response = server.get(path);
        REQUIRE(response);
        INFO(path << " -> " << response->status);
        CHECK(response->status >= 400);
        CHECK(!contains(response->body, "root:"));
        CHECK(!contains(response->body, "cmake_minimum_required"));
    }
    httplib::Client client("127.0.0.1", server.port());
    auto post = client.Post("/", "x=1", "application/x-www-form-urlencoded");
    REQUIRE(post);
    CHECK(post->status == 405);
    auto remove = client.Delete("/i/eaeu/");
    REQUIRE(remove);
    CHECK(remove->status == 405);
    auto long_address = server.get("/i/" + std::string(3000, 'a') + "/");
    REQUIRE(long_address);
    CHECK(long_address->status == 414);
    auto script = server.get("/assets/app.js");
    REQUIRE(script);
    CHECK(script->status == 200);
}

TEST_CASE("serve opens the database read-only and leaves it unchanged; a missing --db fails at start") {
    const std::string& database = bundled_corpus_database();
    std::string before = database_fingerprint(database);
    {
        Server server(database);
        auto search = server.get("/api/search.json?q=customs");
        REQUIRE(search);
        REQUIRE(search->status == 200);
        auto report = server.get("/api/report/eaeu.json");
        REQUIRE(report);
        REQUIRE(report->status == 200);
    }
    CHECK(database_fingerprint(database) == before);

    TemporaryDirectory scratch;
    std::string missing = scratch.path() + "/none.sqlite";
    auto result = run_program("serve --port 0", missing);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "error: no database at " + missing));
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    CHECK(!std::filesystem::exists(missing));
    CHECK(run_program("site -o " + scratch.path() + "/site", missing).exit_code == 1);
}

TEST_CASE("serve keeps a rendered page until an ingest changes the texts, and sends it gzip-compressed when asked") {
    TemporaryDatabase database;
    std::string texts = treatykb::testing::texts_dir();
    REQUIRE(run_program("ingest '" + texts + "/customs_union_commission_treaty_2007_ru.md'", database.path())
                .exit_code == 0);
    Server server(database.path());
    auto cache_of = [](const httplib::Result& response) { return response->get_header_value("X-Treatykb-Cache"); };

    auto first = server.get("/api/i/cuc-2007.json");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    CHECK(cache_of(first) == "miss");
    auto second = server.get("/api/i/cuc-2007.json");
    REQUIRE(second);
    CHECK(cache_of(second) == "hit");
    CHECK(second->body == first->body);
    CHECK(second->get_header_value("Content-Type") == first->get_header_value("Content-Type"));
    // The same page for a client that takes gzip (cpp-httplib's client inflates it) and for one
    // that refuses it.
    auto compressed = server.get("/api/i/cuc-2007.json", {{"Accept-Encoding", "gzip"}});
    REQUIRE(compressed);
    CHECK(compressed->get_header_value("Content-Encoding") == "gzip");
    CHECK(compressed->body == first->body);
    auto plain = server.get("/api/i/cuc-2007.json", {{"Accept-Encoding", "gzip;q=0, br"}});
    REQUIRE(plain);
    CHECK(plain->get_header_value("Content-Encoding").empty());
    CHECK(plain->body == first->body);
    // An error page is not kept.
    CHECK(server.get("/api/i/nothing.json")->status == 404);
    CHECK(cache_of(server.get("/api/i/nothing.json")) != "hit");

    auto listed = server.get("/api/instruments.json");
    REQUIRE(listed);
    CHECK(!contains(listed->body, "\"excerpt\""));
    CHECK(cache_of(server.get("/api/instruments.json")) == "hit");
    // An ingest beside the running server: the next request renders the new texts.
    TemporaryDirectory folder;
    std::string excerpt = folder.write(
        "excerpt.txt", read_text(std::string(TREATYKB_TEST_DATA) + "/eaeu_ru_plain_excerpt.txt"));
    REQUIRE(run_program("ingest '" + excerpt + "'", database.path()).exit_code == 0);
    auto after = server.get("/api/instruments.json");
    REQUIRE(after);
    CHECK(cache_of(after) == "miss");
    CHECK(contains(after->body, "\"excerpt\""));
    CHECK(cache_of(server.get("/api/instruments.json")) == "hit");
    CHECK(cache_of(server.get("/api/i/cuc-2007.json")) == "miss");

    // --page-cache-mb 0 renders every request.
    Server uncached(database.path(), {"--page-cache-mb", "0"});
    for (int round = 0; round < 2; ++round) {
        auto response = uncached.get("/api/i/cuc-2007.json");
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(cache_of(response).empty());
    }
}

TEST_CASE("serve --knowledge coded shows the coded annotations and says so in the report; a missing "
          "coded folder fails at start") {
    // The minimal case of tests/data/cli/knowledge_sources (knowledge_sources_test.cpp): one hand
    // annotation of Art. 47, coded ones of Art. 47 and Art. 25(1).
    const std::string data = std::string(TREATYKB_TEST_DATA) + "/cli/knowledge_sources";
    const std::string root = treatykb::testing::source_dir();
    const std::vector<std::string> rules{"--rules", root + "/kb/knowledge/schema.xml",
                                         root + "/kb/knowledge/domains.xml", data + "/hand.xml",
                                         root + "/kb/rules", "--coded-folder", data + "/coded"};
    auto annotation_ids = [](const nlohmann::json& provision) {
        std::vector<std::string> ids;
        for (const nlohmann::json& annotation : provision["annotations"]) ids.push_back(annotation["id"]);
        return ids;
    };
    using Catch::Matchers::VectorContains;
    {
        std::vector<std::string> options = rules;
        options.insert(options.end(), {"--knowledge", "coded"});
        Server server(bundled_corpus_database(), options);
        auto ids = annotation_ids(get_json(server, "/api/i/eaeu/p/art_47.json"));
        CHECK_THAT(ids, VectorContains(std::string("coded.eaeu.ru.art_47.test.unilateral")));
        CHECK_THAT(ids, !VectorContains(std::string("test.hand.art47")));
        std::string metadata = get_json(server, "/api/report/eaeu.json")["document"]["metadata"].dump();
        INFO(metadata);
        CHECK(contains(metadata, "treatykb serve: report eaeu --knowledge coded"));
        CHECK(contains(metadata, "0 hand, 2 coded"));
    }
    {
        Server server(bundled_corpus_database(), rules); // hand, the default
        auto ids = annotation_ids(get_json(server, "/api/i/eaeu/p/art_47.json"));
        CHECK_THAT(ids, VectorContains(std::string("test.hand.art47")));
        CHECK_THAT(ids, !VectorContains(std::string("coded.eaeu.ru.art_47.test.unilateral")));
    }
    // An address that cannot be bound: were the coded folder not checked first, serve would fail
    // there (and not wait for requests).
    TemporaryDirectory empty_root;
    std::filesystem::create_directories(empty_root.path() + "/kb/knowledge");
    auto missing = run_program("serve --port 0 --bind 192.0.2.1 --knowledge coded", bundled_corpus_database(),
                               "TREATYKB_ROOT='" + empty_root.path() + "'");
    CHECK(missing.exit_code == 1);
    CHECK(contains(missing.err, "no coded knowledge in kb/coded; run `treatykb code --all` first"));
    CHECK_FALSE(contains(missing.err, "cannot listen"));
    auto named = run_program("serve --port 0 --bind 192.0.2.1 --knowledge both --coded-folder '" +
                             empty_root.path() + "/none'", bundled_corpus_database());
    CHECK(named.exit_code == 1);
    CHECK(contains(named.err, "no coded knowledge in " + empty_root.path() + "/none"));
    // site takes the same choice through the same open_reader (a whole site of the EAEU is 4,159
    // pages: too slow to write twice in the suite, so its coded case is this refusal).
    auto site = run_program("site -o '" + empty_root.path() + "/site' --knowledge coded", bundled_corpus_database(),
                            "TREATYKB_ROOT='" + empty_root.path() + "'");
    CHECK(site.exit_code == 1);
    CHECK(contains(site.err, "no coded knowledge in kb/coded; run `treatykb code --all` first"));
    CHECK_FALSE(std::filesystem::exists(empty_root.path() + "/site"));
}

TEST_CASE("site writes the pages, the report and a search index as a static website") {
    const std::string& database = bundled_corpus_database();
    TemporaryDirectory scratch;
    std::string site = scratch.path() + "/site";
    auto result = run_program("site -o '" + site + "' --instrument eaeu", database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "site: 1 instrument(s)"));
    for (const char* file : {"index.html", "404.html", "assets/app.js", "assets/style.css", "search/index.html",
                             "i/eaeu/index.html", "i/eaeu/p/art_47/index.html",
                             "i/eaeu/p/annex_7__point_41/index.html", "api/i/eaeu/p/art_47.json",
                             "report/eaeu/index.html", "api/report/eaeu.json", "power/eaeu/index.html",
                             "compare/index.html"})
        CHECK(std::filesystem::is_regular_file(site + "/" + file));
    std::string report = read_text(site + "/report/eaeu/index.html");
    CHECK(contains(report, "<details class=\"proof\">"));
    // The provision pages carry the cross-references, linked within the site.
    CHECK(contains(read_text(site + "/i/eaeu/p/art_47/index.html"),
                   "<a class=\"target\" href=\"/i/eaeu/p/annex_7/\">EAEU Treaty, Annex 7</a>"));
    CHECK(contains(read_text(site + "/search/index.html"), "data-static=\"1\""));
    auto index = nlohmann::json::parse(read_text(site + "/api/search-index.json"));
    bool article_47 = false;
    for (const auto& entry : index["entries"]) {
        CHECK(entry[0] == "eaeu");
        article_47 = article_47 || entry[1] == "art_47";
    }
    CHECK(article_47);
}
