// treatykb/kb/corpus_catalog.hpp — treaty_texts/corpus.xml: the instruments and their aliases.
//
// Aliases ("eaeu", "teu", ...) are data, not code: the catalogue names each instrument, its FRBR
// work URI and dates, and for each expression the bundled files or the ToTA file it comes from.
// For a consolidated text whose amendment notes name only the law that ratified an amendment, it
// also names the amending act behind each law, with the sentence of the law that says so.
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

// An act that amended the instrument, known through the national law that ratified it: the
// EAEU's consolidated Russian text records each amendment by "Сноска." notes naming a Kazakh law
// ("Закон РК от 15.02.2021 № 6-VII"); the law's own text names the protocol. The catalogue keeps
// that sentence (`quote`, from `source`), and the loader checks that the title and the date of
// signature stand in it.
struct CatalogAmendingAct {
    std::string ratification; // the law as the notes name it: "Закон РК от 15.02.2021 № 6-VII"
    std::string title;        // the amending act, as the law names it
    std::string date;         // ISO date of signature of the amending act
    std::string place;        // place of signature
    std::string source;       // where the law's text is: repository, path and commit
    std::string quote;        // the law's sentence naming the act, verbatim
    std::string note;         // what else a reader must know (several acts in one law, ...)
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
    std::vector<CatalogAmendingAct> amending_acts;

    // The amending act ratified by `ratification` ("Закон РК от ..."), if the catalogue names it.
    const CatalogAmendingAct* find_amending_act(const std::string& ratification) const;
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
