// treatykb/kb/store_detail.hpp — internals shared by store.cpp and store_search.cpp; not part of
// the public API.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

#include "kb/store.hpp"

namespace treatykb::detail {

// A prepared statement, finalized on scope exit. Binding indices are 1-based as in SQLite.
class Statement {
public:
    Statement(sqlite3* database, const char* sql);
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

private:
    sqlite3* database_;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace treatykb::detail

namespace treatykb {

struct Store::Impl {
    sqlite3* database = nullptr;
    std::string path;

    void execute(const char* sql) const;
    std::optional<long long> instrument_id(std::string_view instrument) const;
    std::optional<long long> expression_id(std::string_view instrument, std::string_view lang) const;
    std::string short_title(long long instrument) const;
};

}  // namespace treatykb
