// treatykb/kb/corpus_catalog.hpp — treaty_texts/corpus.xml: the instruments and their aliases.
//
// Aliases ("eaeu", "teu", ...) are data, not code: the catalogue names each instrument, its FRBR
// work URI and dates, and for each expression the bundled files or the ToTA file it comes from.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace treatykb {

struct CatalogFile {
    std::string name;  // file name inside treaty_texts/
    std::string annex; // annex number when the file holds an annex, else empty
};

struct CatalogExpression {
    std::string language;
    bool authentic = false;
    std::string uri;
    std::string date;
    std::vector<CatalogFile> files; // bundled texts, read in order
    std::string tota_id;            // "440" for pta_440.xml, else empty
};

struct CatalogInstrument {
    std::string alias;
    std::string short_title;
    std::string title;
    std::string date_signed;
    std::string date_in_force;
    std::string work_uri;
    std::string parties;
    std::string type; // "treaty" unless the catalogue says otherwise ("agreement")
    std::vector<CatalogExpression> expressions;
};

struct Catalog {
    std::vector<CatalogInstrument> instruments;

    const CatalogInstrument* find_alias(const std::string& alias) const;
    // The instrument and expression a ToTA id or bundled file name belongs to.
    std::optional<std::pair<const CatalogInstrument*, const CatalogExpression*>>
    find_tota(const std::string& tota_id) const;
    std::optional<std::pair<const CatalogInstrument*, const CatalogExpression*>>
    find_file(const std::string& file_name) const;
};

// Throws treatykb::Error when the file is missing or malformed.
Catalog load_catalog(const std::string& path);

} // namespace treatykb
