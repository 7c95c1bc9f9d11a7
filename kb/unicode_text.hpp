// treatykb/kb/unicode_text.hpp — small UTF-8 helpers shared by parsers, store and search.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treatykb {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Byte offset of the first XML character reference ("&#xD800;", "&#0;") that names no Unicode
// scalar value a text may hold: NUL, a UTF-16 surrogate (U+D800-U+DFFF) or a value above
// U+10FFFF. An XML parser would store such a reference as invalid UTF-8 or cut the text short.
std::optional<std::size_t> first_invalid_character_reference(std::string_view xml);

// Line number (1-based) of a byte offset.
int line_of_offset(std::string_view text, std::size_t offset);

// Collapses runs of white space (including no-break spaces) into one ASCII space and trims.
std::string fold_whitespace(std::string_view text);

// Trims ASCII and Unicode white space at both ends.
std::string_view trim(std::string_view text);

// Lower-cases with ICU's full Unicode case mapping.
std::string to_lower(std::string_view text);

// The words of a text, lower-cased (to_lower): its runs of Unicode letters and digits.
std::vector<std::string> words_of(std::string_view text);

// fold_whitespace(to_lower(text)), the same bytes, by a table where `text` holds only ASCII
// (without "I", which a Turkish default locale lowers to "ı"), basic Cyrillic (U+0400-U+045F) and
// a few signs without case ("«", "»", "–", "—", "№", no-break space); elsewhere by ICU. For the
// short windows the reference finder reads before each reference, where ICU's conversions cost
// more than the lowering.
std::string lower_folded(std::string_view text);

// Number of code points of valid UTF-8 text.
std::size_t code_points(std::string_view utf8);

// The same noun in two case forms ("Порядку", "Порядок"; "Договора", "Договором"; "перечня",
// "Перечень"), case-insensitively: the words agree in all but the last two letters of the
// shorter, and in at least four. Used by the reference finder and resolver.
bool same_noun(std::string_view a, std::string_view b);

bool has_cyrillic(std::string_view word);
bool has_latin(std::string_view word);

// Maps Latin letters that look like Cyrillic ones (a, c, e, o, p, x, y, k, m, t, h, b and their
// capitals) to the Cyrillic letters, but only inside a word that also holds Cyrillic letters: the
// CIS FTA source spells "товаp" with a Latin "p". Used for search only; stored text stays exact.
std::string normalize_confusables(std::string_view word);

} // namespace treatykb
