// The FTS5 extension API of one connection, through which the tokenizer (search_tokenizer.cpp)
// and the ranking function (search_rank.cpp) are registered: the one place it is looked up.
#pragma once

#include <sqlite3.h>

#include <stdexcept>

namespace treatykb::detail {

// FTS5's API object of `database` (version 2 or later); throws when SQLite lacks FTS5.
inline fts5_api* fts5_api_of(sqlite3* database) {
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(database, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    if (!api || api->iVersion < 2) throw std::runtime_error("SQLite was built without FTS5");
    return api;
}

}  // namespace treatykb::detail
