// treatykb/kb/search_tokenizer.hpp — the FTS5 tokenizer "treatykb".
//
// Splits text into words (Unicode letters and digits), lower-cases them, maps Latin look-alike
// letters to Cyrillic inside words that mix the two scripts ("товаp" -> "товар"), and stems
// with Snowball: Russian for Cyrillic words; Latin words in the language of the text they stand in
// (English, Spanish or French, told apart by their frequent function words: "the"/"shall", "los"/
// "que", "les"/"des"). Registered on a connection through the fts5_api, it runs both when the
// index is built and when a query is parsed, so "одностороннем порядке мера" matches "в
// одностороннем порядке ... меры". A query word gets its stem in each Latin language (colocated
// synonyms), so "aduanera" finds "derechos aduaneros" in a Spanish text and "measure" still finds
// "measures" in an English one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace treatykb {

// Registers the tokenizer on `database` under the name "treatykb". Throws std::runtime_error if
// the SQLite library has no FTS5.
void register_search_tokenizer(sqlite3* database);

// The index terms of a text, as the tokenizer produces them when indexing (for tests and
// diagnostics).
std::vector<std::string> search_terms(std::string_view text);

} // namespace treatykb
