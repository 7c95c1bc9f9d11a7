// A tidy table: one row per observation, one column per variable, each value typed (text,
// integer, number, boolean or missing). Written as CSV (RFC 4180) or as a JSON array of objects;
// numbers are written as numbers, rounded to at most six decimals, never as strings.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

namespace treatykb::cli {

// std::monostate: missing (an empty CSV field, JSON null).
using Value = std::variant<std::monostate, std::string, long long, double, bool>;

struct DataTable {
    std::string name; // "findings", "domains"; the file name in `-o DIR/`
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;

    // Appends a row; throws std::logic_error when it has not one value per column.
    void add(std::vector<Value> row);
};

// A double rounded to six decimals and written in its shortest form ("0.333333", "2", "0.25").
std::string number_text(double value);
double rounded(double value);

std::string to_csv(const DataTable& table);
nlohmann::json to_json(const DataTable& table);

} // namespace treatykb::cli
