// treatykb/kb/front_matter.hpp — what a plain-text or Markdown treaty may say about itself in a
// small block at its top (docs/corpus.md, "Front matter"):
//
//   ---
//   title: Treaty on the Caspian Customs Union
//   short title: Caspian CU Treaty
//   alias: caspian-cu
//   parties: RUS, KAZ, AZE
//   signed: 2020-05-01
//   in force: 2021-01-01
//   language: en
//   ---
//
// Every key is optional. The block is blanked out (not removed) before the text is parsed, so the
// line numbers of errors in the text still match the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace treatykb {

struct FrontMatter {
    std::string title;
    std::string short_title;
    std::string alias;
    std::vector<std::string> parties; // ISO 3166-1 alpha-3, upper case
    std::string date_signed;          // ISO yyyy-mm-dd
    std::string date_in_force;        // ISO yyyy-mm-dd
    std::string language;             // ISO 639-1
    std::string type;                 // "treaty", "agreement", ...
};

// Reads the front matter of `text` (the content of `file`) when it opens with a line "---", and
// replaces the block by as many empty lines. Throws treatykb::Error (file, line, column, hint) for
// an unknown key, a malformed value or a block that is never closed.
std::optional<FrontMatter> take_front_matter(std::string& text, const std::string& file);

} // namespace treatykb
