// treatykb/kb/store_detail.hpp — internals shared by store.cpp and store_search.cpp; not part of
// the public API.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kb/search_rank.hpp"
#include "kb/store.hpp"

namespace treatykb::detail {

// Prepared statements kept for the life of a connection: searches run a dozen small queries, and
// preparing them anew each time cost more than running them.
struct StatementCache {
    std::unordered_map<std::string, sqlite3_stmt*> statements;
    ~StatementCache() {
        for (auto& [sql, statement] : statements)
            sqlite3_finalize(statement);
    }
};

// A prepared statement: finalized on scope exit, or reset and kept when it came from a cache.
// Binding indices are 1-based as in SQLite. One statement of a given SQL text at a time.
class Statement {
  public:
    Statement(sqlite3* database, const char* sql);
    Statement(sqlite3* database, StatementCache& cache, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, long long value);
    bool step();  // true while a row is available
    void run();   // steps to completion
    void reset(); // ready to bind and run again
    std::string text(int column) const;
    long long integer(int column) const;
    double real(int column) const;
    bool is_null(int column) const;

  private:
    sqlite3* database_;
    sqlite3_stmt* statement_ = nullptr;
    bool cached_ = false;
};

// A recursive CTE `below(eid)`: the provision ?2 of expression ?1 and its descendants. Articles
// do not carry their section in their eId, so the tree is followed by parent_eid, not by prefix.
inline constexpr const char* subtree_eids = R"sql(
    WITH RECURSIVE below(eid) AS (
      SELECT ?2
      UNION ALL
      SELECT p.eid FROM provisions p JOIN below b ON p.parent_eid = b.eid
      WHERE p.expression_id = ?1))sql";

// Resolves the expression's cross-references and writes them (kb/store_references.cpp).
void insert_references(sqlite3* database, long long expression_id, const Expression& expression);

} // namespace treatykb::detail

namespace treatykb {

struct Store::Impl {
    Impl() = default;
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    sqlite3* database = nullptr;
    std::string path;
    bool read_only = false;
    int busy_timeout_ms = 0;
    mutable detail::StatementCache cache; // read paths only; emptied before the connection closes
    std::unique_ptr<PhraseCounts> phrase_counts; // for treatykb_bm25 on this connection
    int snapshots = 0; // ReadSnapshot objects alive; the outermost began the read transaction

    detail::Statement query(const char* sql) const {
        return detail::Statement(database, cache, sql);
    }

    // Runs SQL; an error becomes a treatykb::Error that says what happened (another ingest holds
    // the database, the file is not a database, the disk is full, ...).
    void execute(const char* sql) const;
    [[noreturn]] void fail(int code, const std::string& message) const;
    std::optional<long long> instrument_id(std::string_view instrument) const;
    std::optional<long long> expression_id(std::string_view instrument,
                                           std::string_view lang) const;
    std::string short_title(long long instrument) const;
};

} // namespace treatykb
