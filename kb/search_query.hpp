// treatykb/kb/search_query.hpp — the user's search syntax, translated to an FTS5 MATCH string.
//
// Words (implicitly AND-ed), "quoted phrases", AND / OR / NOT between terms, parentheses, and a
// trailing * for a prefix. Every word and phrase is passed to FTS5 as a quoted string, so
// hyphens and other punctuation inside words ("non-tariff") never become FTS5 syntax; the
// treatykb tokenizer then stems each word exactly as it did when indexing.
#pragma once

#include <string>
#include <string_view>

namespace treatykb {

// Throws treatykb::Error (with the column) for an empty query, unbalanced quotes or
// parentheses, and an operator without a term on each side.
std::string to_fts5_query(std::string_view query);

} // namespace treatykb
