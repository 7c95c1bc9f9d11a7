// CSV rendering: the document's tables only (RFC 4180: CRLF line ends, fields with a comma, quote
// or line break in double quotes, quotes doubled). Several tables are separated by an empty line.
// A column holding rationals is written as decimals followed by a twin column "<name> (exact)".
#include <fmt/format.h>

#include "cli/report/render_util.hpp"

namespace treatykb::cli::report {

namespace {

std::string cell_csv(const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::number:
    case Cell::Kind::rational:
        return fmt::format("{:.{}f}", cell.number, cell.decimals + 2);
    case Cell::Kind::citation:
        return cell.citation.provision;
    case Cell::Kind::text:
        return cell.text;
    }
    return {};
}

void write_table(std::string& out, const Table& table) {
    std::vector<bool> exact_twin;
    std::vector<std::string> header;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        exact_twin.push_back(detail::column_has_rational(table, c));
        header.push_back(detail::csv_field(table.columns[c]));
        if (exact_twin.back())
            header.push_back(detail::csv_field(table.columns[c] + " (exact)"));
    }
    out += fmt::format("{}\r\n", fmt::join(header, ","));
    for (const auto& row : table.rows) {
        std::vector<std::string> fields;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            fields.push_back(c < row.size() ? detail::csv_field(cell_csv(row[c])) : "");
            if (exact_twin[c])
                fields.push_back(c < row.size() && row[c].kind == Cell::Kind::rational
                                     ? detail::csv_field(row[c].text)
                                     : "");
        }
        out += fmt::format("{}\r\n", fmt::join(fields, ","));
    }
}

} // namespace

std::string render_csv(const Document& document) {
    std::string out;
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks)
            if (const auto* table = std::get_if<Table>(&block)) {
                if (!out.empty())
                    out += "\r\n";
                write_table(out, *table);
            }
    return out;
}

} // namespace treatykb::cli::report
