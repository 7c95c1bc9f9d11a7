// Plain-text rendering for a terminal: underlined headings, aligned table columns (numbers to the
// right), findings as indented blocks, bar charts as rows of '#'.
#include <algorithm>
#include <sstream>

#include "cli/report/render_util.hpp"

namespace treatykb::cli::report {

namespace {

using detail::display_width;
using detail::pad_left;
using detail::pad_right;

std::string underline(const std::string& text, char mark) {
    return text + "\n" + std::string(display_width(text), mark) + "\n";
}

// Paragraphs are wrapped at 100 columns (the project's line length), at spaces.
std::string wrap(const std::string& text, std::size_t columns = 100) {
    std::string out;
    std::size_t line_width = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(start, end - start);
        const std::size_t width = display_width(word);
        if (line_width > 0 && line_width + 1 + width > columns) {
            out += '\n';
            line_width = 0;
        } else if (line_width > 0) {
            out += ' ';
            ++line_width;
        }
        out += word;
        line_width += width;
        start = end + 1;
    }
    return out;
}

bool right_aligned(const Cell& cell) {
    return cell.kind == Cell::Kind::number || cell.kind == Cell::Kind::rational;
}

void write_table(std::ostringstream& out, const Table& table) {
    if (!table.caption.empty())
        out << table.caption << "\n\n";
    std::vector<std::size_t> widths;
    for (const auto& column : table.columns)
        widths.push_back(display_width(column));
    for (const auto& row : table.rows)
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], display_width(cell_text(row[c])));
    const auto write_line = [&](const std::vector<std::string>& texts,
                                const std::vector<bool>& right) {
        std::string line;
        for (std::size_t c = 0; c < texts.size(); ++c) {
            if (c > 0)
                line += "  ";
            line += right[c] ? pad_left(texts[c], widths[c]) : pad_right(texts[c], widths[c]);
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << "\n";
    };
    write_line(table.columns, std::vector<bool>(table.columns.size(), false));
    std::vector<std::string> rules;
    for (auto width : widths)
        rules.emplace_back(width, '-');
    write_line(rules, std::vector<bool>(widths.size(), false));
    for (const auto& row : table.rows) {
        std::vector<std::string> texts;
        std::vector<bool> right;
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            texts.push_back(c < row.size() ? cell_text(row[c]) : "");
            right.push_back(c < row.size() && right_aligned(row[c]));
        }
        write_line(texts, right);
    }
    out << "\n";
}

void write_proof(std::ostringstream& out, const ProofStep& step, int depth) {
    out << std::string(4 + 2 * depth, ' ') << "- " << step.statement << "\n";
    for (const auto& premise : step.premises)
        write_proof(out, premise, depth + 1);
}

void write_finding(std::ostringstream& out, const Finding& finding) {
    out << "[" << finding.id << "] " << finding.title << " (severity: " << finding.severity
        << ")\n";
    if (!finding.legal_reading.empty())
        out << "  Legal reading: " << finding.legal_reading << "\n";
    if (!finding.rule.empty())
        out << "  Rule: " << finding.rule << "\n";
    if (!finding.quotes.empty())
        out << "  Quoted provisions:\n";
    for (const auto& quote : finding.quotes)
        out << "    " << quote.label << " [" << quote.provision << "]: \"" << quote.quote << "\"\n";
    if (!finding.proof.statement.empty()) {
        out << "  Proof:\n";
        write_proof(out, finding.proof, 0);
    }
    out << "\n";
}

void write_chart(std::ostringstream& out, const BarChart& chart) {
    constexpr int bar_columns = 40;
    out << chart.title << " (" << chart.value_label << ")\n\n";
    double largest = 0;
    for (const auto& series : chart.series)
        for (double value : series.values)
            largest = std::max(largest, value);
    std::size_t label_width = 0;
    for (const auto& category : chart.categories)
        label_width = std::max(label_width, display_width(category));
    std::size_t series_width = 0;
    for (const auto& series : chart.series)
        series_width = std::max(series_width, display_width(series.name));
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const double value = c < chart.series[s].values.size() ? chart.series[s].values[c] : 0;
            const int length =
                largest > 0 ? static_cast<int>(value / largest * bar_columns + 0.5) : 0;
            std::ostringstream number;
            number.precision(4);
            number << std::fixed << value;
            out << pad_right(s == 0 ? chart.categories[c] : "", label_width) << "  "
                << pad_right(chart.series[s].name, series_width) << "  "
                << pad_right(std::string(static_cast<std::size_t>(length), '#'), bar_columns)
                << "  " << number.str() << "\n";
        }
    }
    out << "\n";
}

} // namespace

std::string render_text(const Document& document) {
    std::ostringstream out;
    out << underline(document.title, '=') << "\n";
    for (const auto& item : document.metadata)
        out << item.key << ": " << cell_text(item.value) << "\n";
    if (!document.metadata.empty())
        out << "\n";
    for (const auto& section : document.sections) {
        out << underline(section.heading, '-') << "\n";
        for (const auto& block : section.blocks)
            std::visit(detail::overloaded{
                           [&](const Paragraph& paragraph) { out << wrap(paragraph.text) << "\n\n"; },
                           [&](const KeyValueList& list) {
                               std::size_t key_width = 0;
                               for (const auto& item : list.items)
                                   key_width = std::max(key_width, display_width(item.key));
                               for (const auto& item : list.items)
                                   out << pad_right(item.key + ":", key_width + 1) << " "
                                       << cell_text(item.value) << "\n";
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
