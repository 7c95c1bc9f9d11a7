#include "cli/parallel_text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "cli/common.hpp"
#include "cli/report/render_util.hpp"

namespace treatykb::cli {

namespace {

using report::detail::display_width;
using report::detail::pad_right;

// Byte length of the UTF-8 character starting at text[at].
std::size_t character_length(const std::string& text, std::size_t at) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return std::min(length, text.size() - at);
}

// `text` in lines of at most `width` characters, broken at spaces (a longer word is cut).
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line, word;
    auto flush_word = [&] {
        if (word.empty()) return;
        std::size_t needed = display_width(line) + (line.empty() ? 0 : 1) + display_width(word);
        if (needed > width && !line.empty()) {
            lines.push_back(line);
            line.clear();
        }
        while (display_width(word) > width) {
            std::size_t at = 0, count = 0;
            while (at < word.size() && count < width) {
                at += character_length(word, at);
                ++count;
            }
            lines.push_back(word.substr(0, at));
            word = word.substr(at);
        }
        line += (line.empty() ? "" : " ") + word;
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\n') {
            flush_word();
            if (c == '\n' && !line.empty()) {
                lines.push_back(line);
                line.clear();
            }
        } else {
            word += c;
        }
    }
    flush_word();
    if (!line.empty()) lines.push_back(line);
    if (lines.empty()) lines.push_back("");
    return lines;
}

std::string unit_text(const Provision& unit) {
    std::string marker = unit.kind == "wrapUp" ? "" : display_marker(unit);
    std::string out = marker;
    if (!unit.heading.empty()) out += (out.empty() ? "" : " ") + unit.heading;
    if (!unit.text.empty()) out += (out.empty() ? "" : unit.heading.empty() ? " " : "\n") + unit.text;
    return out;
}

} // namespace

std::string render_side_by_side(const std::vector<ExpressionText>& expressions, std::size_t width) {
    std::vector<std::string> order;
    std::set<std::string> seen;
    std::vector<std::map<std::string, const Provision*>> by_eid(expressions.size());
    for (std::size_t e = 0; e < expressions.size(); ++e)
        for (const Provision& unit : expressions[e].units) {
            by_eid[e][unit.eid] = &unit;
            if (seen.insert(unit.eid).second) order.push_back(unit.eid);
        }
    std::string separator = " │ ";
    std::string out;
    for (std::size_t e = 0; e < expressions.size(); ++e)
        out += (e ? separator : "") + (e + 1 < expressions.size()
                                           ? pad_right("── " + expressions[e].language, width)
                                           : "── " + expressions[e].language);
    out += "\n";
    for (const std::string& eid : order) {
        std::vector<std::vector<std::string>> columns;
        std::size_t height = 0;
        for (std::size_t e = 0; e < expressions.size(); ++e) {
            auto unit = by_eid[e].find(eid);
            std::string text = unit == by_eid[e].end()
                                   ? "(not in the " + expressions[e].language + " expression: " + eid + ")"
                                   : unit_text(*unit->second);
            const auto& amended = expressions[e].amended;
            if (std::find(amended.begin(), amended.end(), eid) != amended.end())
                text += "\n[amended in this expression; the others may predate it]";
            columns.push_back(wrap(text, width));
            height = std::max(height, columns.back().size());
        }
        for (std::size_t row = 0; row < height; ++row) {
            std::string line;
            for (std::size_t e = 0; e < columns.size(); ++e) {
                std::string cell = row < columns[e].size() ? columns[e][row] : "";
                line += (e ? separator : "") +
                        (e + 1 < columns.size() ? pad_right(cell, width) : cell);
            }
            out += line + "\n";
        }
        out += "\n";
    }
    return out;
}

} // namespace treatykb::cli
