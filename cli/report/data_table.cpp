#include "cli/report/data_table.hpp"

#include "cli/report/render_util.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace treatykb::cli {

void DataTable::add(std::vector<Value> row) {
    if (row.size() != columns.size())
        throw std::logic_error("table " + name + ": a row of " + std::to_string(row.size()) +
                               " values for " + std::to_string(columns.size()) + " columns");
    rows.push_back(std::move(row));
}

double rounded(double value) {
    double scaled = std::round(value * 1e6) / 1e6;
    return scaled == 0 ? 0.0 : scaled; // no "-0"
}

std::string number_text(double value) {
    std::string text = fmt::format("{:.6f}", rounded(value));
    while (text.back() == '0')
        text.pop_back();
    if (text.back() == '.')
        text.pop_back();
    return text;
}

namespace {

struct CsvField {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& text) const { return report::detail::csv_field(text); }
    std::string operator()(long long number) const { return std::to_string(number); }
    std::string operator()(double number) const { return number_text(number); }
    std::string operator()(bool value) const { return value ? "true" : "false"; }
};

struct JsonValue {
    nlohmann::json operator()(std::monostate) const { return nullptr; }
    nlohmann::json operator()(const std::string& text) const { return text; }
    nlohmann::json operator()(long long number) const { return number; }
    nlohmann::json operator()(double number) const { return rounded(number); }
    nlohmann::json operator()(bool value) const { return value; }
};

} // namespace

std::string to_csv(const DataTable& table) {
    std::string out;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        out += (c ? "," : "") + report::detail::csv_field(table.columns[c]);
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            out += (c ? "," : "") + std::visit(CsvField{}, row[c]);
        out += "\r\n";
    }
    return out;
}

nlohmann::json to_json(const DataTable& table) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t c = 0; c < row.size(); ++c)
            object[table.columns[c]] = std::visit(JsonValue{}, row[c]);
        rows.push_back(std::move(object));
    }
    return rows;
}

} // namespace treatykb::cli
