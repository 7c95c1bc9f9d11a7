// treatykb/kb/search_rank.hpp — the FTS5 ranking function "treatykb_bm25".
//
// The same Okapi BM25 score as FTS5's built-in bm25() (k1 = 1.2, b = 0.75, the same inverse
// document frequency with its 1e-6 floor, the same per-column weights, lower is better), with one
// difference in cost: the number of rows that contain each phrase is remembered per connection.
// Counting them is what makes bm25() slow on common words — FTS5 walks a phrase's whole doclist
// ("of" is in most of the 185,794 ToTA provisions) on every query. The counts are forgotten as
// soon as the database changes (SQLite's data version, which moves on every commit by any
// connection) and are never kept inside an open transaction. And rows that cannot reach the
// best `limit` are not scored to the last digit (see register_search_rank).
#pragma once

#include <cstdint>
#include <map>
#include <string>

struct sqlite3;

namespace treatykb {

// Per-connection memory of phrase document counts, keyed by the MATCH expression and the
// phrase's index in it. Owned by the store's connection; not shared between connections.
class PhraseCounts {
  public:
    explicit PhraseCounts(sqlite3* database) : database_(database) {}

    // The count remembered for (`match`, `phrase`), if the database has not changed since.
    bool find(const std::string& match, int phrase, long long& count);
    void remember(const std::string& match, int phrase, long long count);

  private:
    bool current(); // drops everything when the data version moved or a transaction is open

    sqlite3* database_;
    unsigned data_version_ = 0;
    bool known_version_ = false;
    std::map<std::pair<std::string, int>, long long> counts_;
};

// Registers treatykb_bm25(fts_table, match_expression, limit, weight_column_1, ...) on
// `database`. Meant for `ORDER BY score LIMIT limit` with the same limit: a row that cannot be
// among the best `limit` seen so far gets a bound worse than those rows instead of its exact
// score (its length is then never read); every row the LIMIT keeps has its exact bm25 score.
// A limit of 0 scores every row exactly. `counts` must outlive the connection's statements. Throws std::runtime_error if
// the SQLite library has no FTS5.
void register_search_rank(sqlite3* database, PhraseCounts* counts);

} // namespace treatykb
