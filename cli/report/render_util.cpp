#include "cli/report/render_util.hpp"

#include <set>

namespace treatykb::cli::report::detail {

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++width; // count lead bytes, not continuation bytes
    return width;
}

std::string pad_right(const std::string& text, std::size_t width) {
    const std::size_t used = display_width(text);
    return used >= width ? text : text + std::string(width - used, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
    const std::size_t used = display_width(text);
    return used >= width ? text : std::string(width - used, ' ') + text;
}

std::vector<Citation> quoted_provisions(const Document& document) {
    std::vector<Citation> citations;
    std::set<std::string> seen;
    const auto add = [&](const Citation& citation) {
        if (seen.insert(citation.provision).second)
            citations.push_back(citation);
    };
    for (const auto& section : document.sections)
        for (const auto& block : section.blocks) {
            if (const auto* finding = std::get_if<Finding>(&block))
                for (const auto& quote : finding->quotes)
                    add(quote);
            if (const auto* table = std::get_if<Table>(&block))
                for (const auto& row : table->rows)
                    for (const auto& cell : row)
                        if (cell.kind == Cell::Kind::citation)
                            add(cell.citation);
        }
    return citations;
}

bool column_has_rational(const Table& table, std::size_t column) {
    for (const auto& row : table.rows)
        if (column < row.size() && row[column].kind == Cell::Kind::rational)
            return true;
    return false;
}

std::string without_trailing_blank_lines(std::string text) {
    while (text.size() >= 2 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n')
        text.pop_back();
    return text;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

} // namespace treatykb::cli::report::detail
