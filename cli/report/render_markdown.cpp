// Markdown rendering (CommonMark with GitHub tables). Every piece of text is escaped, so that a
// quoted provision or a hostile name cannot open a link, a table cell or raw HTML.
#include <sstream>

#include "cli/report/render_util.hpp"

namespace treatykb::cli::report {

namespace {

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '#':
        case '!':
            out += '\\';
            out += c;
            break;
        // Entities rather than backslashes for HTML's characters: no Markdown renderer can then
        // pass raw HTML through, whatever its dialect.
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '\n':
        case '\r':
            out += ' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string cell_markdown(const Cell& cell) {
    if (cell.kind == Cell::Kind::citation)
        return "[" + escape(cell.citation.label) + "](#" +
               provision_anchor(cell.citation.provision) + ")";
    return escape(cell_text(cell));
}

void write_table(std::ostringstream& out, const Table& table) {
    if (!table.caption.empty())
        out << "*" << escape(table.caption) << "*\n\n";
    out << "|";
    for (const auto& column : table.columns)
        out << " " << escape(column) << " |";
    out << "\n|";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const bool numeric = !table.rows.empty() && c < table.rows[0].size() &&
                             (table.rows[0][c].kind == Cell::Kind::number ||
                              table.rows[0][c].kind == Cell::Kind::rational);
        out << (numeric ? " ---: |" : " --- |");
    }
    out << "\n";
    for (const auto& row : table.rows) {
        out << "|";
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            out << " " << (c < row.size() ? cell_markdown(row[c]) : "") << " |";
        out << "\n";
    }
    out << "\n";
}

void write_proof(std::ostringstream& out, const ProofStep& step, int depth) {
    out << std::string(2 * depth, ' ') << "- " << escape(step.statement) << "\n";
    for (const auto& premise : step.premises)
        write_proof(out, premise, depth + 1);
}

void write_finding(std::ostringstream& out, const Finding& finding) {
    out << "### " << escape(finding.id) << ": " << escape(finding.title) << "\n\n";
    out << "- **Severity:** " << escape(finding.severity) << "\n";
    if (!finding.rule.empty())
        out << "- **Rule:** " << escape(finding.rule) << "\n";
    if (!finding.legal_reading.empty())
        out << "- **Legal reading:** " << escape(finding.legal_reading) << "\n";
    out << "\n";
    for (const auto& quote : finding.quotes)
        out << "> " << escape(quote.quote) << "\n>\n> — " << escape(quote.label) << " ("
            << escape(quote.provision) << ")\n\n";
    if (!finding.proof.statement.empty()) {
        out << "**Proof:**\n\n";
        write_proof(out, finding.proof, 0);
        out << "\n";
    }
}

void write_chart(std::ostringstream& out, const BarChart& chart) {
    // Markdown has no charts: the data as a table, which every Markdown viewer shows.
    Table table;
    table.caption = chart.title + " (" + chart.value_label + ")";
    table.columns.push_back("");
    for (const auto& series : chart.series)
        table.columns.push_back(series.name);
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        std::vector<Cell> row{Cell::of_text(chart.categories[c])};
        for (const auto& series : chart.series)
            row.push_back(Cell::of_number(c < series.values.size() ? series.values[c] : 0));
        table.rows.push_back(std::move(row));
    }
    write_table(out, table);
}

} // namespace

std::string render_markdown(const Document& document) {
    std::ostringstream out;
    out << "# " << escape(document.title) << "\n\n";
    for (const auto& item : document.metadata)
        out << "- **" << escape(item.key) << ":** " << cell_markdown(item.value) << "\n";
    if (!document.metadata.empty())
        out << "\n";
    for (const auto& section : document.sections) {
        out << "## " << escape(section.heading) << "\n\n";
        for (const auto& block : section.blocks)
            std::visit(detail::overloaded{
                           [&](const Paragraph& paragraph) { out << escape(paragraph.text) << "\n\n"; },
                           [&](const KeyValueList& list) {
                               for (const auto& item : list.items)
                                   out << "- **" << escape(item.key) << ":** " << cell_markdown(item.value)
                                       << "\n";
                               out << "\n";
                           },
                           [&](const Table& table) { write_table(out, table); },
                           [&](const Finding& finding) { write_finding(out, finding); },
                           [&](const BarChart& chart) { write_chart(out, chart); }},
                       block);
    }
    return detail::without_trailing_blank_lines(out.str());
}

} // namespace treatykb::cli::report
