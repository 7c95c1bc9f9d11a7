// treatykb/kb/text_parser.hpp — treaties in the usual official layouts, Russian and English.
//
// Two entry points share one parser: the Markdown layout of the Kazakh legal-database mirror
// (treaty_texts/*.md: "## Раздел VI ...", "### Статья 25 ...", a ratification-law header,
// "Сноска." amendment lines) and plain text copied from an official site ("РАЗДЕЛ I" / "Статья 25"
// / "1." / "1)" / "а)" / "ПРИЛОЖЕНИЕ № 7"; "SECTION I" / "Article 25" / "1." / "(a)").
// Both throw treatykb::Error (file, line, hint) for input they cannot read as a treaty: invalid
// UTF-8, no text, duplicate or out-of-order article numbers, no article at all.
#pragma once

#include <string>
#include <string_view>

#include "kb/model.hpp"

namespace treatykb {

// `annex`: the catalogue says the file holds this annex ("2"). When its first line is not the
// heading "ПРИЛОЖЕНИЕ № 2", the text is still read as Annex 2 and a warning says so.
ParsedText parse_markdown_treaty(std::string_view text, const std::string& file,
                                 const std::string& annex = {});
ParsedText parse_plain_text_treaty(std::string_view text, const std::string& file);

// Checks that `text` is non-empty UTF-8 without NUL bytes; throws Error naming the file and line
// otherwise.
void require_readable_text(std::string_view text, const std::string& file);

// Checks that every character reference of an XML text names a character a text may hold (see
// first_invalid_character_reference); throws Error naming the file and line otherwise.
void require_valid_character_references(std::string_view xml, const std::string& file);

} // namespace treatykb
