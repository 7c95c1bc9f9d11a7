#include "kb/search_rank.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <queue>
#include <stdexcept>
#include <vector>

#include "kb/detail/fts5.hpp"

namespace treatykb {

bool PhraseCounts::current() {
    // Inside a write transaction this connection may see its own uncommitted rows: count afresh.
    // A read transaction (ReadSnapshot) sees a committed state, which the data version names.
    if (sqlite3_txn_state(database_, "main") == SQLITE_TXN_WRITE) {
        counts_.clear();
        known_version_ = false;
        return false;
    }
    unsigned version = 0;
    if (sqlite3_file_control(database_, "main", SQLITE_FCNTL_DATA_VERSION, &version) !=
        SQLITE_OK) {
        counts_.clear();
        known_version_ = false;
        return false;
    }
    if (!known_version_ || version != data_version_) {
        counts_.clear();
        data_version_ = version;
        known_version_ = true;
    }
    return true;
}

bool PhraseCounts::find(const std::string& match, int phrase, long long& count) {
    if (!current())
        return false;
    auto found = counts_.find({match, phrase});
    if (found == counts_.end())
        return false;
    count = found->second;
    return true;
}

void PhraseCounts::remember(const std::string& match, int phrase, long long count) {
    if (!current())
        return;
    if (counts_.size() > 4096) // a bound, not a policy: searches are few per session
        counts_.clear();
    counts_[{match, phrase}] = count;
}

namespace {

// What one query needs once: the inverse document frequency of each phrase and the mean row
// length. Kept as FTS5 auxiliary data for the life of the statement's MATCH.
struct QueryStatistics {
    std::vector<double> inverse_frequency;
    std::vector<double> frequency; // scratch, per row
    double mean_length = 1.0;
    std::priority_queue<double> best; // the `limit` lowest scores so far; top() is the worst
};

int count_row(const Fts5ExtensionApi*, Fts5Context*, void* total) {
    ++*static_cast<long long*>(total);
    return SQLITE_OK;
}

int query_statistics(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_value* match_value,
                     PhraseCounts* counts, QueryStatistics** out) {
    *out = static_cast<QueryStatistics*>(api->xGetAuxdata(fts, 0));
    if (*out)
        return SQLITE_OK;
    const auto* text = sqlite3_value_text(match_value);
    std::string match = text ? reinterpret_cast<const char*>(text) : "";
    auto statistics = std::make_unique<QueryStatistics>();
    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK)
        return rc;
    if (rows > 0)
        statistics->mean_length = static_cast<double>(tokens) / static_cast<double>(rows);
    int phrases = api->xPhraseCount(fts);
    for (int phrase = 0; phrase < phrases; ++phrase) {
        long long containing = 0;
        if (!counts->find(match, phrase, containing)) {
            rc = api->xQueryPhrase(fts, phrase, &containing, count_row);
            if (rc != SQLITE_OK)
                return rc;
            counts->remember(match, phrase, containing);
        }
        // Okapi BM25 inverse document frequency; below zero (a phrase in more than half the
        // rows) it is floored at 1e-6, as FTS5's bm25() does.
        double idf = std::log((static_cast<double>(rows) - static_cast<double>(containing) + 0.5) /
                              (static_cast<double>(containing) + 0.5));
        statistics->inverse_frequency.push_back(idf <= 0.0 ? 1e-6 : idf);
    }
    statistics->frequency.resize(static_cast<std::size_t>(phrases));
    *out = statistics.get();
    rc = api->xSetAuxdata(fts, statistics.release(),
                          [](void* data) { delete static_cast<QueryStatistics*>(data); });
    if (rc != SQLITE_OK)
        *out = nullptr; // SQLite has already called the destructor
    return rc;
}

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int count,
          sqlite3_value** values) {
    constexpr double k1 = 1.2;
    constexpr double b = 0.75;
    auto* counts = static_cast<PhraseCounts*>(api->xUserData(fts));
    if (count < 2) {
        sqlite3_result_error(result, "treatykb_bm25: the MATCH expression and limit are required",
                             -1);
        return;
    }
    const sqlite3_int64 limit = sqlite3_value_int64(values[1]);
    QueryStatistics* statistics = nullptr;
    int rc = query_statistics(api, fts, values[0], counts, &statistics);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    std::fill(statistics->frequency.begin(), statistics->frequency.end(), 0.0);
    int instances = 0;
    rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) {
            double weight = count - 2 > column ? sqlite3_value_double(values[column + 2]) : 1.0;
            statistics->frequency[static_cast<std::size_t>(phrase)] += weight;
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    // The row's length only lowers each term's share, so with a length of 0 the score is at its
    // best. When even that cannot beat the `limit`-th best score so far, the row is not among
    // the best `limit` and its length (a lookup in FTS5's docsize table) is not read: the bound
    // is returned instead, which is strictly worse than the rows kept, so ORDER BY score LIMIT
    // `limit` returns the same rows with the same scores.
    auto score_for = [&](double length) {
        double score = 0.0;
        double norm = k1 * (1.0 - b + b * length / statistics->mean_length);
        for (std::size_t p = 0; p < statistics->frequency.size(); ++p) {
            double f = statistics->frequency[p];
            score += statistics->inverse_frequency[p] * ((f * (k1 + 1.0)) / (f + norm));
        }
        return -score;
    };
    if (limit > 0 && statistics->best.size() == static_cast<std::size_t>(limit)) {
        double bound = score_for(0.0);
        if (bound > statistics->best.top()) {
            sqlite3_result_double(result, bound);
            return;
        }
    }
    int length = 0;
    rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    double score = score_for(static_cast<double>(length));
    if (limit > 0) {
        statistics->best.push(score);
        if (statistics->best.size() > static_cast<std::size_t>(limit))
            statistics->best.pop();
    }
    sqlite3_result_double(result, score);
}

} // namespace

void register_search_rank(sqlite3* database, PhraseCounts* counts) {
    fts5_api* api = detail::fts5_api_of(database);
    if (api->xCreateFunction(api, "treatykb_bm25", counts, rank, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot register the FTS5 ranking function");
}

} // namespace treatykb
