// Helpers shared by the test executables: where the sources and the ToTA corpus are, temporary
// databases, running the built program, and a fingerprint of a database's content.
#pragma once

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "engine/analysis/rule_paths.hpp"
#include "engine/datalog/loader.hpp"

namespace treatykb::testing {

inline std::string source_dir() {
    if (const char* source = std::getenv("TREATYKB_SOURCE"); source && *source)
        return source;
    return TREATYKB_SOURCE_DIR;
}

// The rule set the program loads by default: every rule file under kb/knowledge and kb/rules of
// `root` (the program passes these two folders; cli/rule_files.cpp).
inline std::vector<std::string> default_rule_files(const std::string& root) {
    return engine::expand_rule_paths({root + "/kb/knowledge", root + "/kb/rules"}).files;
}

// The curated rules and knowledge (kb/knowledge, kb/rules), loaded once per test program.
inline const engine::Program& default_program() {
    static const engine::Program program = engine::load_program(default_rule_files(source_dir()));
    return program;
}

inline std::string texts_dir() {
    return source_dir() + "/treaty_texts";
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The ToTA folder: $TREATYKB_TOTA, else ../shared/treaty_texts/tota beside the sources. In CI
// (CI=true) its absence is a failure, never a skip.
inline std::optional<std::string> tota_dir() {
    std::string candidate;
    if (const char* tota = std::getenv("TREATYKB_TOTA"); tota && *tota)
        candidate = tota;
    else
        candidate = source_dir() + "/../shared/treaty_texts/tota";
    if (std::filesystem::is_directory(candidate))
        return candidate;
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true")
        FAIL("ToTA folder not found at " << candidate << " (CI=true)");
    WARN("ToTA folder not found at " << candidate << "; test skipped (set TREATYKB_TOTA)");
    return std::nullopt;
}

// A fresh path for a temporary SQLite file, removed (with -wal/-shm) when the object dies.
class TemporaryDatabase {
  public:
    TemporaryDatabase() {
        static std::atomic<int> counter{0};
        path_ =
            (std::filesystem::temp_directory_path() / ("treatykb-test-" + std::to_string(getpid()) +
                                                       "-" + std::to_string(counter++) + ".sqlite"))
                .string();
        remove();
    }
    ~TemporaryDatabase() { remove(); }
    const std::string& path() const { return path_; }

  private:
    void remove() {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path_ + suffix);
    }
    std::string path_;
};

// A temporary directory for input files made by a test.
class TemporaryDirectory {
  public:
    TemporaryDirectory() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("treatykb-test-dir-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~TemporaryDirectory() { std::filesystem::remove_all(path_); }
    std::string write(const std::string& name, const std::string& content) const {
        std::string path = (path_ / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    std::string path() const { return path_.string(); }

  private:
    std::filesystem::path path_;
};

// Every row of the corpus tables, in a stable order: equal strings mean equal content.
inline std::string database_fingerprint(const std::string& path) {
    sqlite3* database = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string out;
    for (const char* sql :
         {"SELECT alias, title, short_title, work_uri, date_signed, date_in_force, type, parties "
          "FROM instruments ORDER BY alias",
          "SELECT a.alias, i.alias FROM aliases a JOIN instruments i ON i.id = a.instrument_id "
          "ORDER BY 1",
          "SELECT i.alias, e.language, e.authentic, e.uri, e.date, e.source FROM expressions e "
          "JOIN instruments i ON i.id = e.instrument_id ORDER BY 1, 2",
          "SELECT i.alias, e.language, p.eid, p.parent_eid, p.kind, p.number, p.heading, p.text, "
          "p.ord, p.source_line FROM provisions p JOIN expressions e ON e.id = p.expression_id "
          "JOIN instruments i ON i.id = e.instrument_id ORDER BY 1, 2, p.ord",
          "SELECT i.alias, e.language, a.eid, a.date, a.amending_act, a.kind, a.note, "
          "a.ratification_act, a.ratification_date FROM "
          "amendments a JOIN expressions e ON e.id = a.expression_id JOIN instruments i ON i.id = "
          "e.instrument_id ORDER BY 1, 2, a.id",
          "SELECT i.alias, e.language, r.from_eid, r.to_eid, r.text, r.kind, r.status, r.reason, "
          "r.manner, r.offset FROM reference r JOIN expressions e ON e.id = r.expression_id JOIN "
          "instruments i ON i.id = e.instrument_id ORDER BY 1, 2, r.id"}) {
        sqlite3_stmt* statement = nullptr;
        REQUIRE(sqlite3_prepare_v2(database, sql, -1, &statement, nullptr) == SQLITE_OK);
        while (sqlite3_step(statement) == SQLITE_ROW) {
            for (int column = 0; column < sqlite3_column_count(statement); ++column) {
                const unsigned char* value = sqlite3_column_text(statement, column);
                out += value ? reinterpret_cast<const char*>(value) : "";
                out += '\x1f';
            }
            out += '\n';
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(database);
    return out;
}

struct RunResult {
    int exit_code = 0;
    std::string out;
    std::string err;
};

// Runs the built program with `arguments` (already shell-quoted) against `database`.
// `environment` ("NAME=value ...") replaces the default, which passes the ToTA folder on.
inline RunResult run_program(const std::string& arguments, const std::string& database,
                             const std::string& environment = "") {
    TemporaryDirectory scratch;
    std::string out_path = scratch.path() + "/out", err_path = scratch.path() + "/err";
    std::string env = environment.empty() ? "TREATYKB_TOTA=\"${TREATYKB_TOTA:-" + source_dir() +
                                                "/../shared/treaty_texts/tota}\" "
                                          : environment + " ";
    std::string command = env + std::string(TREATYKB_BINARY) + " --db '" + database + "' " +
                          arguments + " >'" + out_path + "' 2>'" + err_path + "'";
    int status = std::system(command.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text(out_path);
    result.err = read_text(err_path);
    return result;
}

// The database most CLI tests read, ingested once per test program (or once for all shards, by
// ctest's fixture) and shared by its tests (they only read it; a test that writes makes its own): `ingest --corpus`, the bundled texts (and the
// ToTA instruments of corpus.xml when $TREATYKB_TOTA is set).
// A database ctest's fixture `corpus_databases` ingested for every shard (tests/CMakeLists.txt),
// named by `variable`; nothing when the variable is unset or the file does not exist.
inline std::optional<std::string> fixture_database(const char* variable) {
    const char* path = std::getenv(variable);
    if (path && *path && std::filesystem::is_regular_file(path))
        return std::string(path);
    return std::nullopt;
}

inline const std::string& bundled_corpus_database() {
    static const std::optional<std::string> fixture = fixture_database("TREATYKB_TEST_BUNDLED_DB");
    if (fixture)
        return *fixture;
    static TemporaryDatabase database;
    static bool loaded = false;
    if (!loaded) {
        auto result = run_program("ingest --corpus", database.path());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        loaded = true;
    }
    return database.path();
}

// The whole corpus, `ingest --corpus --tota DIR`, shared the same way; nullptr when ToTA is absent
// outside CI (tota_dir() fails the test in CI).
inline const std::string* full_corpus_database() {
    static const std::optional<std::string> fixture = fixture_database("TREATYKB_TEST_FULL_DB");
    if (fixture)
        return &*fixture;
    static TemporaryDatabase database;
    static bool loaded = false;
    static bool available = false;
    if (!loaded) {
        loaded = true;
        std::optional<std::string> tota = tota_dir();
        if (!tota) return nullptr;
        auto result = run_program("ingest --corpus --tota '" + *tota + "'", database.path());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        available = true;
    }
    return available ? &database.path() : nullptr;
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A page rendered by headless Chromium (Debian `chromium`): a screenshot, the DOM after load, and
// the browser's log, where console messages appear as CONSOLE lines.
struct BrowserRender {
    bool available = false;  // chromium is installed
    int screenshot_status = -1, dom_status = -1;
    std::uintmax_t screenshot_bytes = 0;
    std::string dom;
    std::string log;
};

// Renders `page` with the flags a closed network needs; returns available=false when chromium is
// missing, which fails the test in CI (CI=true) and warns elsewhere. Each of the two outputs is a
// browser run of its own (several seconds): a test that reads only the DOM asks for no screenshot.
enum class Screenshot { taken, skipped };
inline BrowserRender render_in_chromium(const std::filesystem::path& page,
                                        const std::filesystem::path& work_dir,
                                        Screenshot screenshot_run = Screenshot::taken) {
    BrowserRender render;
    if (std::system("command -v chromium >/dev/null 2>&1") != 0) {
        const char* ci = std::getenv("CI");
        if (ci && std::string(ci) == "true")
            FAIL("chromium is not installed, and CI=true: run TREATYKB_WITH_BROWSER=1 scripts/setup.sh");
        WARN("chromium not installed; HTML render test not run (TREATYKB_WITH_BROWSER=1 scripts/setup.sh)");
        return render;
    }
    render.available = true;
    const std::string stem = page.stem().string();
    const std::filesystem::path screenshot = work_dir / (stem + ".png");
    const std::filesystem::path log = work_dir / (stem + ".log");
    const std::filesystem::path dom = work_dir / (stem + ".dom");
    const std::string flags =
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --enable-logging=stderr --v=0 --window-size=1200,900 --user-data-dir=";
    const std::string shot = "timeout 120 chromium" + flags + (work_dir / ("profile-shot-" + stem)).string() +
                             " --screenshot=" + screenshot.string() + " file://" + page.string() +
                             " >/dev/null 2>" + log.string();
    if (screenshot_run == Screenshot::taken) {
        render.screenshot_status = std::system(shot.c_str());
        if (std::filesystem::exists(screenshot))
            render.screenshot_bytes = std::filesystem::file_size(screenshot);
    }
    const std::string dump = "timeout 120 chromium" + flags + (work_dir / ("profile-dom-" + stem)).string() +
                             " --dump-dom file://" + page.string() + " >" + dom.string() + " 2>>" +
                             log.string();
    render.dom_status = std::system(dump.c_str());
    render.dom = read_text(dom.string());
    render.log = read_text(log.string());
    return render;
}

}  // namespace treatykb::testing
