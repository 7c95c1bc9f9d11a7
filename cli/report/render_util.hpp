// Helpers shared by the report renderers (cli/render_*.cpp): display width of UTF-8 text and
// the list of every provision a document quotes, HTML and CSV escaping (also used by the tidy
// tables and the web reader).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/report/report.hpp"

namespace treatykb::cli::report::detail {

// A visitor from lambdas, one per block type: std::visit(overloaded{...}, block) in each renderer,
// so that a new kind of block that a renderer does not handle is a compile error, not a silent gap.
template <typename... Handlers>
struct overloaded : Handlers... {
    using Handlers::operator()...;
};
template <typename... Handlers>
overloaded(Handlers...) -> overloaded<Handlers...>;

// Columns a UTF-8 string occupies on a terminal: one per code point (treaty text is Latin or
// Cyrillic; no double-width scripts).
std::size_t display_width(std::string_view text);
std::string pad_right(const std::string& text, std::size_t width);
std::string pad_left(const std::string& text, std::size_t width);

// Every citation of the document (finding quotes and citation cells), first occurrence of each
// provision only, in document order.
std::vector<Citation> quoted_provisions(const Document& document);

// Drops the blank lines a document's last block leaves behind, keeping one final newline.
std::string without_trailing_blank_lines(std::string text);

// The items with `separator` between them.
std::string join(const std::vector<std::string>& items, const std::string& separator);

// Text safe inside HTML content and attribute values: & < > " ' as entities.
std::string html_escape(std::string_view text);

// One CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

// Whether a table column holds a rational (CSV gives such columns an exact twin).
bool column_has_rational(const Table& table, std::size_t column);

} // namespace treatykb::cli::report::detail
