#include "kb/search_query.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

#include "kb/error.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {

enum class TokenKind { term, open, close, op };

struct Token {
    TokenKind kind;
    std::string text; // FTS5 form
    int column;       // 1-based, in bytes
};

bool has_word_character(std::string_view text) {
    int32_t i = 0;
    while (i < static_cast<int32_t>(text.size())) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()),
                c);
        if (c >= 0 && u_isalnum(c))
            return true;
    }
    return false;
}

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

// FTS5 parses the expression with a bounded parser stack; a query nested deeper than this is
// refused here, with its column, rather than by SQLite.
constexpr int max_query_depth = 32;

[[noreturn]] void fail(const std::string& message, int column, const std::string& hint) {
    throw Error(message, {"search query", 1, column}, hint);
}

} // namespace

std::string to_fts5_query(std::string_view query) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < query.size()) {
        char c = query[i];
        int column = static_cast<int>(i) + 1;
        if (c == ' ' || c == '\t' || c == '\n') {
            ++i;
        } else if (c == '"') {
            std::size_t close = query.find('"', i + 1);
            if (close == std::string_view::npos)
                fail("unbalanced quotes in the search query", column,
                     "close the phrase with a second \" or remove the quote");
            std::string_view phrase = query.substr(i + 1, close - i - 1);
            i = close + 1;
            bool prefix = i < query.size() && query[i] == '*';
            if (prefix)
                ++i;
            if (!has_word_character(phrase))
                fail("empty phrase in the search query", column, "put words between the quotes");
            tokens.push_back({TokenKind::term, quote(phrase) + (prefix ? "*" : ""), column});
        } else if (c == '(' || c == ')') {
            tokens.push_back(
                {c == '(' ? TokenKind::open : TokenKind::close, std::string(1, c), column});
            ++i;
        } else {
            std::size_t end = i;
            while (end < query.size() && query[end] != ' ' && query[end] != '\t' &&
                   query[end] != '\n' && query[end] != '"' && query[end] != '(' &&
                   query[end] != ')')
                ++end;
            std::string_view word = query.substr(i, end - i);
            i = end;
            if (word == "AND" || word == "OR" || word == "NOT") {
                tokens.push_back({TokenKind::op, std::string(word), column});
                continue;
            }
            bool prefix = word.size() > 1 && word.back() == '*';
            if (prefix)
                word.remove_suffix(1);
            if (!has_word_character(word))
                continue; // stray punctuation is not a term
            tokens.push_back({TokenKind::term, quote(word) + (prefix ? "*" : ""), column});
        }
    }
    if (tokens.empty())
        fail("empty search query", 1, "give one or more words, e.g. \"non-tariff measures\"");

    // Check the grammar: an operator needs a term (or a parenthesised group) on each side.
    int depth = 0;
    std::string out;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const Token& token = tokens[t];
        bool previous_is_operand = t > 0 && (tokens[t - 1].kind == TokenKind::term ||
                                             tokens[t - 1].kind == TokenKind::close);
        if (token.kind == TokenKind::op) {
            bool next_is_operand =
                t + 1 < tokens.size() &&
                (tokens[t + 1].kind == TokenKind::term || tokens[t + 1].kind == TokenKind::open);
            if (!previous_is_operand || !next_is_operand)
                fail("operator " + token.text + " needs a term on each side", token.column,
                     "write e.g. \"customs AND tariff\"; to search for the word itself, quote it: "
                     "\"" +
                         to_lower(token.text) + "\"");
        }
        if (token.kind == TokenKind::open && ++depth > max_query_depth)
            fail("parentheses nested more than " + std::to_string(max_query_depth) +
                     " levels deep in the search query",
                 token.column, "write the query with fewer nested parentheses");
        if (token.kind == TokenKind::close) {
            if (--depth < 0 || !previous_is_operand)
                fail("unbalanced parentheses in the search query", token.column,
                     "every ( needs a matching ) around one or more terms");
        }
        if (!out.empty())
            out += ' ';
        out += token.text;
    }
    if (depth != 0)
        fail("unbalanced parentheses in the search query", static_cast<int>(query.size()),
             "every ( needs a matching )");
    return out;
}

} // namespace treatykb
