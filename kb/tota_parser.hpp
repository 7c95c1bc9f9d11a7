// treatykb/kb/tota_parser.hpp — Texts of Trade Agreements (ToTA) XML files (pta_N.xml).
//
// ToTA (Alschner, Seiermann, Skougarevskiy, JELS 2018; CC BY-NC 4.0) gives metadata and a
// chapter -> article body of OCR'd text. The files are read where they lie, never copied into
// the project. Article numbers come from the `number` attribute ("ARTICLE 25", "ARTÍCULO 3.2",
// "ARTICLE TWO", "ARTICLE XIV") or, where it is absent, from order: unnumbered articles before the
// first numbered one are the preamble, after the last one the closing text, in between they take
// the next number (with a warning). Paragraphs and points are split out of the text by
// StructureBuilder. Nothing is dropped: what cannot be structured stays in the article's text,
// and a warning names the file and article.
#pragma once

#include <string>
#include <string_view>

#include "kb/model.hpp"

namespace treatykb {

struct TotaDocument {
    std::string treaty_identifier; // "440"
    std::string name;              // "Eurasian Economic Union (EAEU)"
    std::string type;              // "Customs Union & Economic Integration Agreement"
    std::string date_signed;       // ISO
    std::string date_in_force;     // ISO or empty
    std::string parties;           // ISO 3166-1 alpha-3 codes, space separated
    std::string sources;           // source URLs, space separated
    ParsedText parsed;             // language, provisions, warnings
};

// Throws treatykb::Error when the file is not well-formed ToTA XML.
TotaDocument parse_tota_xml(std::string_view xml, const std::string& file);

} // namespace treatykb
