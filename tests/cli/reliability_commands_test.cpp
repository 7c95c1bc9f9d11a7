// The promises of docs/reliability.md, end to end through the built program: an ingest killed
// (kill -9) at any point leaves the database as it was before or after it, intact; readers run
// during an ingest without a single error; a second writer waits, then says another ingest holds
// the database; every rejected input leaves the database unchanged.
//
// Kept short in wall time: the ingest that is killed and read under is the bundled corpus
// without ToTA (a few seconds at most), never the ToTA folder.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "../test_support.hpp"
#include "kb/search_tokenizer.hpp"

using treatykb::testing::contains;
using treatykb::testing::database_fingerprint;
using treatykb::testing::run_program;
using treatykb::testing::TemporaryDatabase;
using treatykb::testing::TemporaryDirectory;

namespace {

using Clock = std::chrono::steady_clock;

// The bundled texts only: ToTA is kept out so that an ingest takes seconds, not minutes.
const std::string bundled_only = "TREATYKB_TOTA=/nonexistent";

std::string excerpt() {
    return treatykb::testing::read_text(std::string(TREATYKB_TEST_DATA) + "/eaeu_ru_plain_excerpt.txt");
}

// `treatykb --db DATABASE ingest --corpus` as a child process (ToTA kept out), output discarded.
pid_t start_corpus_ingest(const std::string& database) {
    std::vector<std::string> arguments{TREATYKB_BINARY, "--db", database, "ingest", "--corpus"};
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<std::string> environment{"TREATYKB_TOTA=/nonexistent",
                                         "TREATYKB_SOURCE=" + treatykb::testing::source_dir(),
                                         "PATH=/usr/bin:/bin"};
    if (const char* home = std::getenv("HOME")) environment.push_back(std::string("HOME=") + home);
    std::vector<char*> envp;
    for (auto& variable : environment) envp.push_back(variable.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int failed = posix_spawn(&pid, TREATYKB_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(failed == 0);
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

// SQLite's page-level check and FTS5's index check (with treatykb's tokenizer registered).
void require_intact(const std::string& database) {
    sqlite3* connection = nullptr;
    REQUIRE(sqlite3_open(database.c_str(), &connection) == SQLITE_OK);
    treatykb::register_search_tokenizer(connection);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(connection, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) == "ok");
    sqlite3_finalize(statement);
    char* error = nullptr;
    int fts = sqlite3_exec(connection,
                           "INSERT INTO provisions_fts(provisions_fts) VALUES ('integrity-check')",
                           nullptr, nullptr, &error);
    INFO((error ? error : ""));
    CHECK(fts == SQLITE_OK);
    sqlite3_free(error);
    sqlite3_close(connection);
}

// A database holding only the plain-text excerpt: the state before each killed ingest.
void make_before_state(const std::string& database, const TemporaryDirectory& folder) {
    std::string file = folder.write("excerpt.txt", excerpt());
    auto result = run_program("ingest '" + file + "'", database, bundled_only);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
}

} // namespace

TEST_CASE("kill -9 at any point of an ingest leaves the state before or after it, intact") {
    TemporaryDirectory folder;
    TemporaryDatabase reference;
    make_before_state(reference.path(), folder);
    std::string before = database_fingerprint(reference.path());
    auto started = Clock::now();
    REQUIRE(wait_for(start_corpus_ingest(reference.path())) == 0);
    auto duration = Clock::now() - started;
    std::string after = database_fingerprint(reference.path());
    REQUIRE(before != after);

    int kills = 0, before_states = 0, after_states = 0;
    // Points spread over the ingest's measured duration; on a loaded machine the last ones may
    // come after the ingest has finished (then the state must be the after state, and the
    // duration is halved for the points that follow, so that at least four kills land).
    for (double fraction : {0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95}) {
        TemporaryDatabase database;
        make_before_state(database.path(), folder);
        pid_t pid = start_corpus_ingest(database.path());
        std::this_thread::sleep_for(
            std::chrono::duration_cast<Clock::duration>(duration * fraction));
        kill(pid, SIGKILL);
        int status = wait_for(pid);
        kills += WIFSIGNALED(status) ? 1 : 0;
        // Finished before the kill: the first ingest was slower than this one (a load spike
        // while it was timed), so the points that follow are taken from half the duration.
        if (!WIFSIGNALED(status))
            duration /= 2;
        std::string state = database_fingerprint(database.path());
        INFO("killed at " << fraction << " of the ingest");
        CHECK((state == before || state == after));
        before_states += state == before;
        after_states += state == after;
        require_intact(database.path());
    }
    CHECK(kills >= 4);
    if (std::getenv("TREATYKB_RELIABILITY_FIGURES"))
        std::fprintf(stderr, "kill -9: %d kills, %d before, %d after, ingest %.2f s\n", kills,
                     before_states, after_states,
                     std::chrono::duration<double>(duration).count());
}

TEST_CASE("search and show run during an ingest without a single error") {
    TemporaryDatabase database;
    auto first = run_program("ingest --corpus", database.path(), bundled_only);
    REQUIRE(first.exit_code == 0);
    pid_t pid = start_corpus_ingest(database.path());
    int calls = 0, failures = 0;
    std::string first_failure;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        for (const char* command : {"search 'одностороннем порядке'", "show eaeu 47", "list"}) {
            auto result = run_program(command, database.path(), bundled_only);
            ++calls;
            if (result.exit_code != 0) {
                ++failures;
                if (first_failure.empty()) first_failure = result.err;
            }
        }
    }
    INFO(first_failure);
    CHECK(WIFEXITED(status));
    CHECK(calls >= 3);
    CHECK(failures == 0);
    if (std::getenv("TREATYKB_RELIABILITY_FIGURES"))
        std::fprintf(stderr, "readers during an ingest: %d calls, %d failures\n", calls, failures);
}

TEST_CASE("A second writer waits, then says another ingest holds the database; readers go on") {
    TemporaryDirectory folder;
    TemporaryDatabase database;
    make_before_state(database.path(), folder);
    std::string before = database_fingerprint(database.path());
    sqlite3* holder = nullptr;
    REQUIRE(sqlite3_open(database.path().c_str(), &holder) == SQLITE_OK);
    REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

    std::string file = folder.write("other.txt", excerpt());
    auto started = Clock::now();
    auto second = run_program("ingest --wait 0.5 '" + file + "'", database.path(), bundled_only);
    auto waited = Clock::now() - started;
    CHECK(second.exit_code != 0);
    CHECK(contains(second.err, "another treatykb ingest holds the database (waited 0.5 s"));
    CHECK(contains(second.err, "hint: wait for that ingest to finish"));
    CHECK_FALSE(contains(second.err, "is the file a treatykb database"));
    CHECK(waited >= std::chrono::milliseconds(450));
    for (const char* command : {"list", "search 'таможенного'", "toc excerpt", "show excerpt 47"}) {
        auto reader = run_program(command, database.path(), bundled_only);
        INFO(command << ": " << reader.err);
        CHECK(reader.exit_code == 0);
    }
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    CHECK(database_fingerprint(database.path()) == before);
}

TEST_CASE("Rejected inputs leave the database unchanged, with one clear error each") {
    TemporaryDatabase database;
    REQUIRE(run_program("ingest --corpus", database.path(), bundled_only).exit_code == 0);
    std::string before = database_fingerprint(database.path());
    TemporaryDirectory folder;
    auto tota = [](const std::string& identifier, const std::string& text) {
        return "<?xml version=\"1.0\"?>\n<treaty><meta><treaty_identifier>" + identifier +
               "</treaty_identifier><name>T</name><language>en</language></meta>\n<body><chapter>"
               "<article number=\"ARTICLE 1\">" + text + "</article></chapter></body></treaty>\n";
    };
    std::string nul_text = "Статья 1\nТекст.\n";
    nul_text += '\0';
    struct Case {
        std::string file, content, expected;
    };
    std::vector<Case> cases{
        {"eaeu.txt", excerpt(), "would replace the instrument \"eaeu\" (EAEU Treaty"},
        {"nul.txt", nul_text, "nul.txt:3: error: NUL byte"},
        {"pta_9003.xml", tota("9003", "Text &#xD800; here."), "pta_9003.xml:3: error: character reference &#xD800;"},
        {"pta_.xml", tota("", "Text."), "is not a treaty number"},
        {"pta_up.xml", tota("../../etc", "Text."), "\"../../etc\" is not a treaty number"},
    };
    for (const Case& bad : cases) {
        std::string path = folder.write(bad.file, bad.content);
        auto result = run_program("ingest '" + path + "'", database.path(), bundled_only);
        INFO(bad.file << ": " << result.err);
        CHECK(result.exit_code != 0);
        CHECK(contains(result.err, bad.expected));
        CHECK(contains(result.err, "hint: "));
        CHECK(database_fingerprint(database.path()) == before);
    }
    // --replace is the way to let eaeu.txt replace the catalogue's instrument.
    std::string eaeu = folder.path() + "/eaeu.txt";
    CHECK(run_program("ingest --replace '" + eaeu + "'", database.path(), bundled_only).exit_code == 0);
    CHECK(database_fingerprint(database.path()) != before);
}

TEST_CASE("A scenario annotation whose quote is not in its provision rejects the scenario") {
    TemporaryDatabase database;
    REQUIRE(run_program("ingest --corpus", database.path(), bundled_only).exit_code == 0);
    TemporaryDirectory folder;
    std::string scenario = folder.write("invented.xml", R"(<scenario xmlns="urn:treatykb:rules:1">
  <annotation id="what_if.invented_quote" provision="eaeu#art_47">
    <quote lang="ru">государства-члены вправе не исполнять решения Комиссии</quote>
    <fact>provision_rank(@, 2)</fact>
  </annotation>
</scenario>
)");
    auto result = run_program("analyze eaeu --scenario '" + scenario + "'", database.path(), bundled_only);
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "invented.xml:3:"));
    CHECK(contains(result.err, "annotation what_if.invented_quote"));
    CHECK(contains(result.err, "the scenario is rejected"));
    CHECK(result.out.empty());

    std::string as_program = folder.write("program.xml",
                                          "<program xmlns=\"urn:treatykb:rules:1\"></program>\n");
    auto program = run_program("analyze eaeu --scenario '" + as_program + "'", database.path(), bundled_only);
    CHECK(program.exit_code != 0);
    CHECK(contains(program.err, "root element <scenario>"));
}

TEST_CASE("Resource bounds: --max-facts names the rule; power refuses huge and all-zero games") {
    TemporaryDirectory folder;
    std::string rules = R"(<program xmlns="urn:treatykb:rules:1">
  <relation name="n"><arg name="i" type="integer"/></relation>
  <relation name="triple"><arg name="a" type="integer"/><arg name="b" type="integer"/><arg name="c" type="integer"/></relation>
)";
    for (int i = 0; i < 100; ++i) rules += "  <fact>n(" + std::to_string(i) + ")</fact>\n";
    rules += "  <rule id=\"cube\"><head>triple(?a, ?b, ?c)</head><body>n(?a), n(?b), n(?c)</body></rule>\n</program>\n";
    std::string file = folder.write("cube.xml", rules);
    auto query = run_program("query 'triple(1, 2, ?c)' --rules '" + file + "' --max-facts 1000",
                             folder.path() + "/unused.sqlite");
    CHECK(query.exit_code != 0);
    CHECK(contains(query.err, "cube.xml:104:"));
    CHECK(contains(query.err, "more than 1000 derived facts while applying rule cube"));

    std::string weights;
    for (int i = 0; i < 44; ++i)
        weights += (i ? "," : "") + std::string("P") + std::to_string(i) + "=" + std::to_string(1234567890123LL + 7919LL * i);
    auto started = Clock::now();
    auto power = run_program("power --weights " + weights + " --quota 2/3 --name 'Big Council'",
                             folder.path() + "/unused.sqlite");
    CHECK(Clock::now() - started < std::chrono::seconds(5));
    CHECK(power.exit_code != 0);
    CHECK(contains(power.err, "the game of Big Council"));

    auto zero = run_program("power --weights A=0,B=0,C=0,D=0 --quota 1/2", folder.path() + "/unused.sqlite");
    CHECK(zero.exit_code != 0);
    CHECK(contains(zero.err, "every member has weight 0"));
}
