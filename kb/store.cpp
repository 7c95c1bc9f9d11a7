#include "kb/store.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "kb/citation.hpp"
#include "kb/error.hpp"
#include "kb/search_rank.hpp"
#include "kb/search_tokenizer.hpp"
#include "kb/detail/store_detail.hpp"

namespace treatykb {

namespace fs = std::filesystem;

namespace detail {

Statement::Statement(sqlite3* database, const char* sql) : database_(database) {
    if (sqlite3_prepare_v2(database, sql, -1, &statement_, nullptr) != SQLITE_OK)
        throw Error(std::string("database error: ") + sqlite3_errmsg(database), {}, "");
}
Statement::Statement(sqlite3* database, StatementCache& cache, const char* sql)
    : database_(database), cached_(true) {
    auto found = cache.statements.find(sql);
    if (found != cache.statements.end()) {
        statement_ = found->second;
        return;
    }
    if (sqlite3_prepare_v3(database, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) !=
        SQLITE_OK)
        throw Error(std::string("database error: ") + sqlite3_errmsg(database), {}, "");
    cache.statements.emplace(sql, statement_);
}
Statement::~Statement() {
    if (cached_) {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    } else {
        sqlite3_finalize(statement_);
    }
}
Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int index, long long value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
}
bool Statement::step() {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    throw Error(std::string("database error: ") + sqlite3_errmsg(database_), {}, "");
}
void Statement::run() {
    while (step()) {
    }
}
void Statement::reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}
std::string Statement::text(int column) const {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    return value ? std::string(reinterpret_cast<const char*>(value),
                               static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string();
}
long long Statement::integer(int column) const {
    return sqlite3_column_int64(statement_, column);
}
double Statement::real(int column) const {
    return sqlite3_column_double(statement_, column);
}
bool Statement::is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

} // namespace detail

using detail::Statement;

namespace {

// The schema. Documented in docs/ARCHITECTURE.md; bump schema_version when it changes.
constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS instruments(
  id INTEGER PRIMARY KEY,
  alias TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL, short_title TEXT NOT NULL, work_uri TEXT NOT NULL,
  date_signed TEXT NOT NULL, date_in_force TEXT NOT NULL, type TEXT NOT NULL,
  parties TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS aliases(
  alias TEXT PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments(id));
CREATE TABLE IF NOT EXISTS expressions(
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments(id),
  language TEXT NOT NULL, authentic INTEGER NOT NULL,
  uri TEXT NOT NULL, date TEXT NOT NULL, source TEXT NOT NULL,
  UNIQUE(instrument_id, language));
CREATE TABLE IF NOT EXISTS provisions(
  id INTEGER PRIMARY KEY,
  expression_id INTEGER NOT NULL REFERENCES expressions(id),
  eid TEXT NOT NULL, parent_eid TEXT NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL,
  heading TEXT NOT NULL, text TEXT NOT NULL, ord INTEGER NOT NULL, source_line INTEGER NOT NULL,
  UNIQUE(expression_id, eid));
CREATE INDEX IF NOT EXISTS provisions_by_parent ON provisions(expression_id, parent_eid);
CREATE INDEX IF NOT EXISTS provisions_in_order ON provisions(expression_id, ord);
CREATE TABLE IF NOT EXISTS amendments(
  id INTEGER PRIMARY KEY,
  expression_id INTEGER NOT NULL REFERENCES expressions(id),
  eid TEXT NOT NULL, date TEXT NOT NULL, amending_act TEXT NOT NULL, kind TEXT NOT NULL,
  note TEXT NOT NULL, ratification_act TEXT NOT NULL DEFAULT '',
  ratification_date TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS reference(
  id INTEGER PRIMARY KEY,
  expression_id INTEGER NOT NULL REFERENCES expressions(id),
  from_eid TEXT NOT NULL, to_eid TEXT, text TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, reason TEXT NOT NULL, manner TEXT NOT NULL, offset INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS reference_from ON reference(expression_id, from_eid);
CREATE INDEX IF NOT EXISTS reference_to ON reference(expression_id, to_eid);
CREATE VIRTUAL TABLE IF NOT EXISTS provisions_fts USING fts5(
  heading, text, content='provisions', content_rowid='id', tokenize='treatykb');
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '3');
)sql";

// The version the schema above writes and migrate_schema brings older databases to.
constexpr const char* current_schema_version = "3";

// Brings a database written by an older treatykb up to the schema above. Issue 10 split the
// ratifying Kazakh law from the amending act in `amendments` and added the `reference` table
// (created above; filled when an expression is ingested again): version 3. Versions 1 and 2
// (2 was written by development branches with one change or the other) are read by their
// columns, not their number.
void migrate_schema(sqlite3* database) {
    {
        Statement version(database, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (!version.step() || version.text(0) == current_schema_version)
            return;
    }
    bool ratification = false;
    {
        Statement columns(database, "PRAGMA table_info(amendments)");
        while (columns.step())
            ratification = ratification || columns.text(1) == "ratification_act";
    }
    if (!ratification) {
        Statement(database,
                  "ALTER TABLE amendments ADD COLUMN ratification_act TEXT NOT NULL DEFAULT ''")
            .run();
        Statement(database,
                  "ALTER TABLE amendments ADD COLUMN ratification_date TEXT NOT NULL DEFAULT ''")
            .run();
    }
    Statement(database, "UPDATE meta SET value = '3' WHERE key = 'schema_version'").run();
}

// The FTS index is kept by the store itself rather than by triggers: FTS5 flushes its pending
// terms at every statement savepoint a trigger opens, which made a corpus ingest 5x slower.
void delete_expression(sqlite3* database, long long expression) {
    Statement(database, R"sql(
        INSERT INTO provisions_fts(provisions_fts, rowid, heading, text)
        SELECT 'delete', id, heading, text FROM provisions WHERE expression_id = ?1)sql")
        .bind(1, expression)
        .run();
    Statement(database, "DELETE FROM provisions WHERE expression_id = ?1")
        .bind(1, expression)
        .run();
    Statement(database, "DELETE FROM amendments WHERE expression_id = ?1")
        .bind(1, expression)
        .run();
    Statement(database, "DELETE FROM reference WHERE expression_id = ?1")
        .bind(1, expression)
        .run();
    Statement(database, "DELETE FROM expressions WHERE id = ?1").bind(1, expression).run();
}

void delete_instrument(sqlite3* database, long long instrument) {
    Statement expressions(database, "SELECT id FROM expressions WHERE instrument_id = ?1");
    expressions.bind(1, instrument);
    std::vector<long long> ids;
    while (expressions.step())
        ids.push_back(expressions.integer(0));
    for (long long id : ids)
        delete_expression(database, id);
    Statement(database, "DELETE FROM aliases WHERE instrument_id = ?1").bind(1, instrument).run();
    Statement(database, "DELETE FROM instruments WHERE id = ?1").bind(1, instrument).run();
}

// Where an instrument's text came from, for messages: its expressions' sources.
std::string sources_of(const Instrument& instrument) {
    std::string out;
    for (const auto& expression : instrument.expressions)
        if (!expression.source.empty())
            out += (out.empty() ? "" : ", ") + expression.source;
    return out.empty() ? instrument.alias : out;
}

std::string stored_sources(sqlite3* database, long long instrument) {
    Statement sources(database, "SELECT source FROM expressions WHERE instrument_id = ?1 "
                                "ORDER BY authentic DESC, language");
    sources.bind(1, instrument);
    std::string out;
    while (sources.step())
        out += (out.empty() ? "" : ", ") + sources.text(0);
    return out;
}

// An alias that already names another work is not taken silently: a plain-text file named
// eaeu.txt once replaced the EAEU's English expression and left the knowledge unverifiable.
void check_alias_collision(sqlite3* database, const Instrument& instrument, bool replace) {
    Statement same(database, "SELECT id, work_uri, short_title FROM instruments WHERE alias = ?1");
    same.bind(1, instrument.alias);
    if (same.step() && same.text(1) != instrument.work_uri) {
        long long id = same.integer(0);
        if (replace) {
            delete_instrument(database, id);
            return;
        }
        throw Error("\"" + sources_of(instrument) + "\" would replace the instrument \"" +
                        instrument.alias + "\" (" + same.text(2) + ", " + same.text(1) +
                        ", stored from " + stored_sources(database, id) + ")",
                    {}, "rename the file to ingest it as an instrument of its own, or give "
                        "--replace to replace \"" + instrument.alias + "\" with it");
    }
    Statement other(database, R"sql(
        SELECT i.id, i.alias, i.short_title FROM aliases a JOIN instruments i ON i.id = a.instrument_id
        WHERE a.alias = ?1 AND i.alias != ?1)sql");
    other.bind(1, instrument.alias);
    if (other.step()) {
        if (replace) {
            Statement(database, "DELETE FROM aliases WHERE alias = ?1")
                .bind(1, instrument.alias)
                .run();
            return;
        }
        throw Error("\"" + sources_of(instrument) + "\" would take the name \"" +
                        instrument.alias + "\", which already names the instrument \"" +
                        other.text(1) + "\" (" + other.text(2) + ")",
                    {}, "rename the file to ingest it as an instrument of its own, or give "
                        "--replace to give the name \"" + instrument.alias + "\" to it");
    }
}

long long upsert_instrument(sqlite3* database, const Instrument& instrument, bool replace) {
    // A catalogue alias takes over an instrument stored earlier under an extra name (pta_440).
    for (const auto& other : instrument.other_aliases) {
        Statement old(database, "SELECT id FROM instruments WHERE alias = ?1");
        old.bind(1, other);
        if (old.step())
            delete_instrument(database, old.integer(0));
    }
    check_alias_collision(database, instrument, replace);
    // Single-row statements without RETURNING or ON CONFLICT: those open a statement journal,
    // and FTS5 writes its pending terms out as a new index segment at every statement
    // savepoint — one small segment per instrument that searches then had to seek through.
    Statement existing(database, "SELECT id FROM instruments WHERE alias = ?1");
    existing.bind(1, instrument.alias);
    std::optional<long long> id;
    if (existing.step())
        id = existing.integer(0);
    Statement write(database, id ? R"sql(
        UPDATE instruments SET title = ?2, short_title = ?3, work_uri = ?4, date_signed = ?5,
          date_in_force = ?6, type = ?7, parties = ?8 WHERE alias = ?1)sql"
                                 : R"sql(
        INSERT INTO instruments(alias, title, short_title, work_uri, date_signed, date_in_force,
                                type, parties)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
    write.bind(1, instrument.alias).bind(2, instrument.title).bind(3, instrument.short_title);
    write.bind(4, instrument.work_uri).bind(5, instrument.date_signed);
    write.bind(6, instrument.date_in_force).bind(7, instrument.type).bind(8, instrument.parties);
    write.run();
    if (!id)
        id = static_cast<long long>(sqlite3_last_insert_rowid(database));
    for (const auto& other : instrument.other_aliases) {
        Statement alias(database,
                        "INSERT OR REPLACE INTO aliases(alias, instrument_id) VALUES (?1, ?2)");
        alias.bind(1, other).bind(2, *id).run();
    }
    return *id;
}

int insert_expression(sqlite3* database, long long instrument, const Expression& expression,
                      bool references) {
    // Checked here, with the source named, rather than left to the UNIQUE constraint's message.
    std::set<std::string_view> eids;
    for (const auto& p : expression.provisions)
        if (!eids.insert(p.eid).second)
            throw Error("duplicate eId \"" + p.eid + "\" in the " + expression.language +
                            " expression",
                        {expression.source, p.source_line, 0},
                        "every provision of an expression needs its own eId", p.eid);
    Statement existing(database,
                       "SELECT id FROM expressions WHERE instrument_id = ?1 AND language = ?2");
    existing.bind(1, instrument).bind(2, expression.language);
    if (existing.step())
        delete_expression(database, existing.integer(0));
    Statement insert(database, R"sql(
        INSERT INTO expressions(instrument_id, language, authentic, uri, date, source)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql");
    insert.bind(1, instrument).bind(2, expression.language).bind(3, expression.authentic ? 1 : 0);
    insert.bind(4, expression.uri).bind(5, expression.date).bind(6, expression.source);
    insert.run();
    long long id = static_cast<long long>(sqlite3_last_insert_rowid(database));
    Statement row(database, R"sql(
        INSERT INTO provisions(expression_id, eid, parent_eid, kind, number, heading, text, ord,
                               source_line)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql");
    Statement index(database,
                    "INSERT INTO provisions_fts(rowid, heading, text) VALUES (?1, ?2, ?3)");
    for (const auto& p : expression.provisions) {
        row.reset();
        row.bind(1, id).bind(2, p.eid).bind(3, p.parent_eid).bind(4, p.kind).bind(5, p.number);
        row.bind(6, p.heading).bind(7, p.text).bind(8, static_cast<long long>(p.order));
        row.bind(9, static_cast<long long>(p.source_line));
        row.run();
        index.reset();
        index.bind(1, static_cast<long long>(sqlite3_last_insert_rowid(database)));
        index.bind(2, p.heading).bind(3, p.text).run();
    }
    for (const auto& a : expression.amendments) {
        Statement row(database, R"sql(
            INSERT INTO amendments(expression_id, eid, date, amending_act, kind, note,
                                   ratification_act, ratification_date)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
        row.bind(1, id).bind(2, a.eid).bind(3, a.date).bind(4, a.amending_act).bind(5, a.kind);
        row.bind(6, a.note).bind(7, a.ratification_act).bind(8, a.ratification_date).run();
    }
    if (references)
        detail::insert_references(database, id, expression);
    return static_cast<int>(expression.provisions.size());
}

Provision read_provision(const Statement& row) {
    Provision p;
    p.eid = row.text(0);
    p.parent_eid = row.text(1);
    p.kind = row.text(2);
    p.number = row.text(3);
    p.heading = row.text(4);
    p.text = row.text(5);
    p.order = static_cast<int>(row.integer(6));
    p.source_line = static_cast<int>(row.integer(7));
    return p;
}

constexpr const char* provision_columns =
    "eid, parent_eid, kind, number, heading, text, ord, source_line";

} // namespace

void Store::Impl::fail(int code, const std::string& message) const {
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Error(fmt::format("another treatykb ingest holds the database (waited {:g} s for it)",
                                busy_timeout_ms / 1000.0),
                    {path, 0, 0}, "wait for that ingest to finish, then run this command again");
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        throw Error("not a treatykb database: " + message, {path, 0, 0},
                    "is the file a treatykb database? Use --db to choose another one");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        throw Error("cannot write the database: " + message, {path, 0, 0},
                    "check the permissions of the file and its folder, or use --db");
    case SQLITE_FULL:
    case SQLITE_IOERR:
        throw Error("cannot write the database: " + message, {path, 0, 0},
                    "is the disk full? The database is as it was before this command");
    default:
        throw Error("database error: " + message, {path, 0, 0},
                    "is the file a treatykb database? Use --db to choose another one");
    }
}

void Store::Impl::execute(const char* sql) const {
    char* message = nullptr;
    int code = sqlite3_exec(database, sql, nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errstr(code);
        sqlite3_free(message);
        fail(code, text);
    }
}

std::optional<long long> Store::Impl::instrument_id(std::string_view instrument) const {
    Statement statement = query(R"sql(
        SELECT id FROM instruments WHERE alias = ?1
        UNION ALL SELECT instrument_id FROM aliases WHERE alias = ?1 LIMIT 1)sql");
    statement.bind(1, instrument);
    if (statement.step())
        return statement.integer(0);
    return std::nullopt;
}

std::optional<long long> Store::Impl::expression_id(std::string_view instrument,
                                                    std::string_view lang) const {
    auto id = instrument_id(instrument);
    if (!id)
        return std::nullopt;
    Statement statement =
        query("SELECT id FROM expressions WHERE instrument_id = ?1 AND language = ?2");
    statement.bind(1, *id).bind(2, lang);
    if (statement.step())
        return statement.integer(0);
    return std::nullopt;
}

std::string Store::Impl::short_title(long long instrument) const {
    Statement statement = query("SELECT short_title, alias FROM instruments WHERE id = ?1");
    statement.bind(1, instrument);
    if (!statement.step())
        return {};
    std::string title = statement.text(0);
    return title.empty() ? statement.text(1) : title;
}

namespace {

// True when the open database holds a treatykb schema (its meta table).
bool has_schema(sqlite3* database) {
    sqlite3_stmt* statement = nullptr;
    int code = sqlite3_prepare_v2(
        database, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'", -1,
        &statement, nullptr);
    if (code != SQLITE_OK)
        return false;
    code = sqlite3_step(statement);
    sqlite3_finalize(statement);
    return code == SQLITE_ROW;
}

// The schema_version of an open treatykb database ("" when meta has none).
std::string schema_version(sqlite3* database) {
    Statement version(database, "SELECT value FROM meta WHERE key = 'schema_version'");
    return version.step() ? version.text(0) : std::string();
}

// A read-only Store cannot run migrate_schema: an older (or newer) database is an Error that
// says how to get a current one.
void require_current_schema(sqlite3* database, const std::string& path) {
    std::string version = schema_version(database);
    if (version == current_schema_version)
        return;
    throw Error("the database has schema version " + (version.empty() ? "?" : version) +
                    ", this treatykb reads version " + current_schema_version +
                    " and a read-only command cannot upgrade it",
                {path, 0, 0},
                "ingest again (treatykb ingest --corpus ...), which upgrades the database, or "
                "delete it and ingest into a new one");
}

} // namespace

Store::Store(const std::string& path, StoreAccess access, int busy_timeout_ms)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    impl_->read_only = access == StoreAccess::read_only;
    impl_->busy_timeout_ms = busy_timeout_ms;
    std::error_code ignored;
    // A reader of a database that does not exist yet reads an empty one, in memory: it creates
    // no file and takes no lock.
    bool in_memory = impl_->read_only && !fs::exists(path, ignored);
    fs::path parent = fs::path(path).parent_path();
    if (!impl_->read_only && !parent.empty())
        fs::create_directories(parent, ignored);
    // SQLite counts every allocation in process-wide statistics under one global mutex (its
    // default, SQLITE_CONFIG_MEMSTATUS); with many connections in threads at once (serve) that
    // mutex was the most contended lock of the process. Nothing here reads the statistics or sets
    // a heap limit, so they are turned off, once, before SQLite initialises (a process that
    // initialised it already keeps its setting: sqlite3_config then refuses, harmlessly).
    static const bool initialised = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return sqlite3_initialize() == SQLITE_OK;
    }();
    (void)initialised;
    int flags = impl_->read_only && !in_memory ? SQLITE_OPEN_READONLY
                                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(in_memory ? ":memory:" : path.c_str(), &impl_->database, flags,
                        nullptr) != SQLITE_OK) {
        std::string message = impl_->database ? sqlite3_errmsg(impl_->database) : "out of memory";
        sqlite3_close(impl_->database);
        impl_->database = nullptr;
        throw Error("cannot open the database: " + message, {path, 0, 0},
                    impl_->read_only ? "check the path and the file's permissions, or use --db"
                                     : "choose a writable location with --db or TREATYKB_DB");
    }
    sqlite3_busy_timeout(impl_->database, busy_timeout_ms);
    try {
        register_search_tokenizer(impl_->database);
        impl_->phrase_counts = std::make_unique<PhraseCounts>(impl_->database);
        register_search_rank(impl_->database, impl_->phrase_counts.get());
    } catch (const std::exception& e) {
        throw Error(e.what(), {path, 0, 0}, "install an SQLite library built with FTS5");
    }
    // A large page cache keeps a whole-corpus ingest (one transaction) from spilling pages;
    // readers (many at once under serve) take a smaller one. Connection settings only: these
    // write nothing.
    impl_->execute(impl_->read_only ? "PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;"
                                    : "PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;");
    if (impl_->read_only && !in_memory) {
        // Belt and braces beside SQLITE_OPEN_READONLY: the connection refuses any write.
        impl_->execute("PRAGMA query_only = 1");
        // A file with no schema (empty, or being created by a first ingest) reads as empty;
        // anything else that is not a treatykb database is an error here, not at the first query.
        // A reader cannot upgrade an older schema: it says so instead of failing at a query.
        impl_->execute("SELECT count(*) FROM sqlite_master");
        if (has_schema(impl_->database)) {
            require_current_schema(impl_->database, path);
            return;
        }
        sqlite3_close(impl_->database);
        impl_->database = nullptr;
        if (sqlite3_open_v2(":memory:", &impl_->database,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            throw Error("cannot open an empty in-memory database", {path, 0, 0}, "");
        register_search_tokenizer(impl_->database);
        impl_->phrase_counts = std::make_unique<PhraseCounts>(impl_->database);
        register_search_rank(impl_->database, impl_->phrase_counts.get());
        in_memory = true;
    }
    if (in_memory) {
        impl_->execute(schema);
        return;
    }
    // The writer: WAL once (a database already in WAL mode is not touched, so opening never
    // needs a lock another ingest holds), the schema once, in an IMMEDIATE transaction so that
    // a concurrent first ingest waits on the busy timeout instead of failing at once.
    sqlite3_stmt* mode = nullptr;
    bool wal = false;
    if (sqlite3_prepare_v2(impl_->database, "PRAGMA journal_mode", -1, &mode, nullptr) ==
        SQLITE_OK) {
        if (sqlite3_step(mode) == SQLITE_ROW) {
            const unsigned char* value = sqlite3_column_text(mode, 0);
            wal = value && std::string_view(reinterpret_cast<const char*>(value)) == "wal";
        }
        sqlite3_finalize(mode);
    }
    if (!wal)
        impl_->execute("PRAGMA journal_mode = WAL");
    impl_->execute("PRAGMA synchronous = NORMAL");
    // Whenever the log restarts, its file is cut back to 64 MB (Store::truncate_wal).
    impl_->execute("PRAGMA journal_size_limit = 67108864");
    // A current schema needs no write; a new or older one is created or upgraded
    // (migrate_schema) under the write lock.
    if (has_schema(impl_->database) && schema_version(impl_->database) == current_schema_version)
        return;
    impl_->execute("BEGIN IMMEDIATE");
    try {
        impl_->execute(schema);
        migrate_schema(impl_->database);
        impl_->execute("COMMIT");
    } catch (...) {
        sqlite3_exec(impl_->database, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

Store::~Store() = default;

ReadSnapshot::ReadSnapshot(const Store& store) : store_(store) {
    Store::Impl& impl = *store_.impl_;
    // Only the outermost snapshot, and only outside a transaction (an ingest's own reads stay in
    // its write transaction). BEGIN is deferred: the read transaction starts with the first read.
    if (impl.snapshots++ == 0 && sqlite3_get_autocommit(impl.database)) {
        impl.execute("BEGIN");
        began_ = true;
    }
}

ReadSnapshot::~ReadSnapshot() {
    Store::Impl& impl = *store_.impl_;
    --impl.snapshots;
    // A transaction that only read has nothing to commit; ending it cannot fail short of a
    // misuse, and a destructor must not throw.
    if (began_ && sqlite3_exec(impl.database, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        sqlite3_exec(impl.database, "ROLLBACK", nullptr, nullptr, nullptr);
}

// Also runs when a constructor throws after the connection was opened, so nothing leaks.
Store::Impl::~Impl() {
    for (auto& [sql, statement] : cache.statements)
        sqlite3_finalize(statement);
    cache.statements.clear();
    if (database)
        sqlite3_close(database);
}

IngestSummary Store::ingest(const std::vector<Instrument>& instruments,
                            const IngestOptions& options) {
    return ingest(
        [&](const InstrumentWriter& write) {
            for (const auto& instrument : instruments)
                write(instrument);
        },
        options);
}

IngestSummary Store::ingest(const std::function<void(const InstrumentWriter&)>& produce,
                            const IngestOptions& options) {
    IngestSummary summary;
    std::set<std::string> aliases; // an instrument may arrive once per expression
    if (impl_->read_only)
        throw Error("the database was opened read-only", {impl_->path, 0, 0},
                    "open it with StoreAccess::read_write to ingest");
    // IMMEDIATE takes the write lock now, waiting up to the busy timeout for another ingest.
    impl_->execute("BEGIN IMMEDIATE");
    try {
        // FTS5 writes its pending terms as a new index segment each time they pass `hashsize`
        // (1 MB by default): a corpus ingest left hundreds of segments to merge, and every
        // search seeks each term in each segment. 64 MB of pending terms writes the ToTA corpus
        // in a few large segments (a lookup by rowid 0.2 ms -> 0.04 ms). Part of this
        // transaction, so a failed ingest rolls it back with the rest.
        impl_->execute(
            "INSERT INTO provisions_fts(provisions_fts, rank) VALUES ('hashsize', 67108864)");
        // Provisions in document order (the subtree and lookup queries that sort by `ord`); an
        // expression read whole is read by row id instead (read_expression). Not a schema change
        // a reader needs: a database written before it lacks the index until its next ingest, and
        // reads the same rows, sorted.
        impl_->execute("CREATE INDEX IF NOT EXISTS provisions_in_order ON provisions(expression_id, ord)");
        produce([&](const Instrument& instrument) {
            long long id = upsert_instrument(impl_->database, instrument, options.replace);
            if (aliases.insert(instrument.alias).second)
                ++summary.instruments;
            for (const auto& expression : instrument.expressions) {
                summary.provisions +=
                    insert_expression(impl_->database, id, expression, options.references);
                ++summary.expressions;
            }
        });
        // Merge the index into one segment before committing: an ingest that replaces
        // expressions (a second `ingest --corpus`, or the bundled corpus after ToTA) leaves its
        // own segment and the deletions of the replaced rows, and every search then seeks each
        // term in each segment (p50 of the search mix 1.65 ms -> 0.89 ms). After a first ingest
        // the index is already one segment and this costs nothing measurable.
        impl_->execute("INSERT INTO provisions_fts(provisions_fts) VALUES ('optimize')");
        impl_->execute(R"sql(
            INSERT INTO meta(key, value) VALUES ('generation', '1')
            ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1)sql");
        impl_->execute("COMMIT");
    } catch (...) {
        sqlite3_exec(impl_->database, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    truncate_wal();
    return summary;
}

// A whole ingest is one transaction, so each one appends all its pages to the WAL. SQLite's
// automatic checkpoint is PASSIVE: while readers come and go without pause, it never finds the
// log unused, the log is never restarted, and it grew by the size of every ingest (8.6 MB per
// `ingest --corpus` under three search loops). After the commit, a TRUNCATE checkpoint copies the
// log into the database and empties the file; it waits for the readers that still read an older
// snapshot, but only briefly (they are milliseconds long), never the whole busy timeout: the data
// is committed whatever happens here. If it cannot finish, journal_size_limit caps the file the
// next time the log restarts.
void Store::truncate_wal() {
    sqlite3_busy_timeout(impl_->database, 250);
    int log_frames = 0, checkpointed = 0;
    sqlite3_wal_checkpoint_v2(impl_->database, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                              &checkpointed);
    sqlite3_busy_timeout(impl_->database, impl_->busy_timeout_ms);
}

// The catalogue columns of an instrument, read alike into an Instrument and an
// InstrumentSummary (the same field names); `first` is the column of the alias.
#define TREATYKB_CATALOGUE_COLUMNS \
    "alias, title, short_title, work_uri, date_signed, date_in_force, type, parties"
namespace {
template <class Row>
void read_catalogue(const Statement& rows, int first, Row& row) {
    row.alias = rows.text(first);
    row.title = rows.text(first + 1);
    row.short_title = rows.text(first + 2);
    row.work_uri = rows.text(first + 3);
    row.date_signed = rows.text(first + 4);
    row.date_in_force = rows.text(first + 5);
    row.type = rows.text(first + 6);
    row.parties = rows.text(first + 7);
}
} // namespace

std::vector<Instrument> Store::instruments() const {
    std::vector<Instrument> out;
    Statement rows = impl_->query("SELECT " TREATYKB_CATALOGUE_COLUMNS
                                  " FROM instruments ORDER BY alias");
    while (rows.step()) {
        Instrument instrument;
        read_catalogue(rows, 0, instrument);
        out.push_back(std::move(instrument));
    }
    return out;
}

std::map<std::string, std::string> Store::text_dates() const {
    std::map<std::string, std::string> out;
    // ISO dates order as text; an expression without a date ('') never wins over one with a date.
    Statement rows = impl_->query(R"sql(
        SELECT i.alias, coalesce(max(nullif(e.date, '')), i.date_signed)
        FROM instruments i LEFT JOIN expressions e ON e.instrument_id = i.id
        GROUP BY i.id)sql");
    while (rows.step()) out[rows.text(0)] = rows.text(1);
    return out;
}

std::vector<InstrumentSummary> Store::list() const {
    std::vector<InstrumentSummary> out;
    Statement instruments = impl_->query("SELECT id, " TREATYKB_CATALOGUE_COLUMNS
                                         " FROM instruments ORDER BY alias");
    while (instruments.step()) {
        InstrumentSummary summary;
        long long id = instruments.integer(0);
        read_catalogue(instruments, 1, summary);
        Statement aliases =
            impl_->query("SELECT alias FROM aliases WHERE instrument_id = ?1 ORDER BY alias");
        aliases.bind(1, id);
        while (aliases.step())
            summary.other_aliases.push_back(aliases.text(0));
        Statement expressions = impl_->query(R"sql(
            SELECT e.language, e.authentic, e.uri, e.date, e.source,
              (SELECT count(*) FROM provisions p WHERE p.expression_id = e.id),
              (SELECT count(*) FROM provisions p WHERE p.expression_id = e.id AND p.kind = 'article'),
              (SELECT count(*) FROM amendments a WHERE a.expression_id = e.id)
            FROM expressions e WHERE e.instrument_id = ?1 ORDER BY e.authentic DESC, e.language)sql");
        expressions.bind(1, id);
        while (expressions.step()) {
            summary.expressions.push_back(
                {expressions.text(0), expressions.integer(1) != 0, expressions.text(2),
                 expressions.text(3), expressions.text(4), static_cast<int>(expressions.integer(5)),
                 static_cast<int>(expressions.integer(6)),
                 static_cast<int>(expressions.integer(7))});
        }
        out.push_back(std::move(summary));
    }
    return out;
}

std::optional<std::string> Store::resolve_alias(std::string_view instrument) const {
    auto id = impl_->instrument_id(instrument);
    if (!id)
        return std::nullopt;
    Statement query = impl_->query("SELECT alias FROM instruments WHERE id = ?1");
    query.bind(1, *id);
    if (query.step())
        return query.text(0);
    return std::nullopt;
}

std::string Store::require_instrument(std::string_view instrument) const {
    if (auto alias = resolve_alias(instrument))
        return *alias;
    throw Error("unknown instrument \"" + std::string(instrument) + "\"", {},
                "`treatykb list` shows the instruments in the database; `treatykb ingest --corpus` "
                "loads the bundled ones");
}

bool Store::has_expression(std::string_view instrument, std::string_view lang) const {
    return impl_->expression_id(instrument, lang).has_value();
}

std::optional<std::string> Store::authentic_language(std::string_view instrument) const {
    auto id = impl_->instrument_id(instrument);
    if (!id)
        return std::nullopt;
    // min(), not ORDER BY … LIMIT 1, which builds a temporary b-tree per call (Store::citation).
    Statement query = impl_->query(R"sql(
        SELECT min(language) FROM expressions WHERE instrument_id = ?1 AND authentic = 1)sql");
    query.bind(1, *id);
    if (query.step() && !query.is_null(0))
        return query.text(0);
    return std::nullopt;
}

std::vector<std::string> Store::languages(std::string_view instrument) const {
    std::vector<std::string> out;
    auto id = impl_->instrument_id(instrument);
    if (!id)
        return out;
    Statement query = impl_->query("SELECT language FROM expressions WHERE instrument_id = ?1 "
                                   "ORDER BY authentic DESC, language");
    query.bind(1, *id);
    while (query.step())
        out.push_back(query.text(0));
    return out;
}

namespace {

// Every provision of an expression in document order, each read by `read` from a row of
// `columns` (which must name `ord`). The rows of an expression are written one after another, so
// they lie in one range of row ids: SQLite reads that range in one pass over the table (the `+`
// keeps it from an index, which would cost a lookup per row), and the rows are then put in
// document order (they already are, unless an expression was written in pieces).
std::vector<Provision> read_expression(const Store::Impl& impl, long long expression, const std::string& columns,
                                       Provision (*read)(const Statement&)) {
    std::vector<Provision> out;
    Statement range = impl.query("SELECT min(id), max(id) FROM provisions WHERE expression_id = ?1");
    range.bind(1, expression);
    if (!range.step())
        return out;
    std::string sql = "SELECT " + columns +
                      " FROM provisions WHERE id BETWEEN ?1 AND ?2 AND +expression_id = ?3 ORDER BY id";
    Statement query = impl.query(sql.c_str());
    query.bind(1, range.integer(0)).bind(2, range.integer(1)).bind(3, expression);
    while (query.step())
        out.push_back(read(query));
    auto in_order = [](const Provision& a, const Provision& b) { return a.order < b.order; };
    if (!std::is_sorted(out.begin(), out.end(), in_order))
        std::stable_sort(out.begin(), out.end(), in_order);
    return out;
}

Provision read_provision_text(const Statement& row) {
    Provision p;
    p.eid = row.text(0);
    p.parent_eid = row.text(1);
    p.text = row.text(2);
    p.order = static_cast<int>(row.integer(3));
    return p;
}

} // namespace

std::vector<Provision> Store::provisions(std::string_view instrument, std::string_view lang) const {
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return {};
    return read_expression(*impl_, *expression, provision_columns, read_provision);
}

std::vector<Provision> Store::provision_texts(std::string_view instrument, std::string_view lang) const {
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return {};
    return read_expression(*impl_, *expression, "eid, parent_eid, text, ord", read_provision_text);
}

std::optional<Provision> Store::provision(std::string_view instrument, std::string_view eid,
                                          std::string_view lang) const {
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return std::nullopt;
    std::string sql = std::string("SELECT ") + provision_columns +
                      " FROM provisions WHERE expression_id = ?1 AND eid = ?2";
    Statement query = impl_->query(sql.c_str());
    query.bind(1, *expression).bind(2, eid);
    if (query.step())
        return read_provision(query);
    return std::nullopt;
}

bool Store::has_provision(std::string_view instrument, std::string_view eid,
                          std::string_view lang) const {
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return false;
    Statement query = impl_->query("SELECT 1 FROM provisions WHERE expression_id = ?1 AND eid = ?2");
    query.bind(1, *expression).bind(2, eid);
    return query.step();
}

std::vector<Provision> Store::subtree(std::string_view instrument, std::string_view eid,
                                      std::string_view lang) const {
    std::vector<Provision> out;
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return out;
    std::string sql = std::string(detail::subtree_eids) + " SELECT " + provision_columns +
                      " FROM provisions WHERE expression_id = ?1 AND eid IN (SELECT eid FROM below) "
                      "ORDER BY ord";
    Statement query = impl_->query(sql.c_str());
    query.bind(1, *expression).bind(2, eid);
    while (query.step())
        out.push_back(read_provision(query));
    return out;
}

std::optional<std::string> Store::provision_text(std::string_view instrument, std::string_view eid,
                                                 std::string_view lang) const {
    std::vector<Provision> units = subtree(instrument, eid, lang);
    if (units.empty())
        return std::nullopt;
    std::string text;
    for (const auto& unit : units) {
        if (unit.text.empty())
            continue;
        if (!text.empty())
            text += '\n';
        text += unit.text;
    }
    return text;
}

namespace {

constexpr const char* amendment_columns =
    "eid, date, amending_act, kind, note, ratification_act, ratification_date";

AmendmentRecord read_amendment(const Statement& row) {
    return {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)};
}

} // namespace

std::vector<AmendmentRecord> Store::amendments(std::string_view instrument,
                                               std::string_view lang) const {
    std::vector<AmendmentRecord> out;
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return out;
    std::string sql = std::string("SELECT ") + amendment_columns +
                      " FROM amendments WHERE expression_id = ?1 ORDER BY id";
    Statement query = impl_->query(sql.c_str());
    query.bind(1, *expression);
    while (query.step())
        out.push_back(read_amendment(query));
    return out;
}

std::vector<AmendmentRecord> Store::amendments_in(std::string_view instrument, std::string_view eid,
                                                  std::string_view lang) const {
    std::vector<AmendmentRecord> out;
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return out;
    std::string sql = std::string(detail::subtree_eids) + " SELECT " + amendment_columns +
                      " FROM amendments WHERE expression_id = ?1 AND eid IN (SELECT eid FROM below) "
                      "ORDER BY id";
    Statement query = impl_->query(sql.c_str());
    query.bind(1, *expression).bind(2, eid);
    while (query.step())
        out.push_back(read_amendment(query));
    return out;
}

long long Store::generation() const {
    Statement query = impl_->query("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'");
    return query.step() ? query.integer(0) : 0;
}

Instrument Store::export_instrument(std::string_view instrument, std::string_view lang) const {
    auto id = impl_->instrument_id(instrument);
    if (!id)
        require_instrument(instrument);
    Instrument out;
    Statement query = impl_->query(R"sql(
        SELECT alias, title, short_title, work_uri, date_signed, date_in_force, type, parties
        FROM instruments WHERE id = ?1)sql");
    query.bind(1, *id);
    query.step();
    out.alias = query.text(0);
    out.title = query.text(1);
    out.short_title = query.text(2);
    out.work_uri = query.text(3);
    out.date_signed = query.text(4);
    out.date_in_force = query.text(5);
    out.type = query.text(6);
    out.parties = query.text(7);
    Statement aliases =
        impl_->query("SELECT alias FROM aliases WHERE instrument_id = ?1 ORDER BY alias");
    aliases.bind(1, *id);
    while (aliases.step())
        out.other_aliases.push_back(aliases.text(0));
    Statement expression = impl_->query(R"sql(
        SELECT language, authentic, uri, date, source FROM expressions
        WHERE instrument_id = ?1 AND language = ?2)sql");
    expression.bind(1, *id).bind(2, lang);
    if (!expression.step())
        throw Error("instrument \"" + out.alias + "\" has no expression in language \"" +
                        std::string(lang) + "\"",
                    {}, "`treatykb list` shows the languages stored for each instrument");
    Expression e;
    e.language = expression.text(0);
    e.authentic = expression.integer(1) != 0;
    e.uri = expression.text(2);
    e.date = expression.text(3);
    e.source = expression.text(4);
    e.provisions = provisions(out.alias, lang);
    e.amendments = amendments(out.alias, lang);
    out.expressions.push_back(std::move(e));
    return out;
}

} // namespace treatykb
