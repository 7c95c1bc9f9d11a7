// treatykb/kb/model.hpp — the in-memory model of a treaty, after FRBR and Akoma Ntoso.
//
// A Work (an instrument, e.g. the EAEU Treaty) has one Expression per language (the authentic
// Russian consolidated text, an unofficial English translation, ...). Every expression is a flat,
// document-ordered list of Provisions linked by parent eId, so expressions of the same work align
// by eId (`art_47__para_1` is the same provision in Russian and in English). Amendment records
// ("Сноска. Статья 85 в редакции Закона РК от 15.02.2021 № 6-VII.") belong to the expression
// whose consolidated text they annotate; they are never provision text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace treatykb {

// One structural unit: preamble, part, section, article, paragraph, point, annex, conclusions...
struct Provision {
    std::string eid;        // Akoma Ntoso eId, e.g. "art_47__para_1" (see docs/corpus.md)
    std::string parent_eid; // empty for top-level units
    std::string kind;       // "article", "paragraph", "point", "section", "annex", ...
    std::string number;     // as numbered in the text without decoration: "47", "99¹", "VI", "a"
    std::string heading;    // title of the unit, empty when it has none
    std::string text;       // the unit's own text (not its children's); blocks joined by "\n"
    int order = 0;          // position in document order within the expression, from 0
    int source_line = 0;    // 1-based line in the source file where the unit starts; 0 unknown
    bool operator==(const Provision&) const = default;
};

// For provisions in document order (an expression's list): one past the last descendant of each.
// A unit comes before its descendants, so its subtree is the run after it up to the first unit
// that is not below it.
inline std::vector<std::size_t> subtree_ends(const std::vector<Provision>& provisions) {
    std::vector<std::size_t> end(provisions.size(), provisions.size());
    std::vector<std::size_t> open;  // the ancestors of the current unit, innermost last
    for (std::size_t i = 0; i < provisions.size(); ++i) {
        while (!open.empty() && provisions[open.back()].eid != provisions[i].parent_eid) {
            end[open.back()] = i;
            open.pop_back();
        }
        open.push_back(i);
    }
    return end;
}

// An amendment recorded in a consolidated text. The Kazakh mirror's "Сноска." notes name the
// Kazakh law that ratified the amending protocol, not the protocol itself: the protocol and its
// date are filled only where the source names them, and are empty otherwise (never guessed).
struct AmendmentRecord {
    std::string eid;          // the provision amended (or inserted), e.g. "art_85", "art_99-1"
    std::string date;         // ISO date of the amending act (the protocol), empty when unknown
    std::string amending_act; // the amending protocol as the source names it, empty when unnamed
    std::string kind; // "amended", "replaced" (в редакции) or "inserted" (дополнен)
    std::string note;             // the source line, verbatim
    std::string ratification_act; // the Kazakh law the note names: "Закон РК от 15.02.2021 № 6-VII"
    std::string ratification_date; // its ISO date, "2021-02-15"
    bool operator==(const AmendmentRecord&) const = default;
};

// One language version of a work.
struct Expression {
    std::string language; // ISO 639-1: "ru", "en", "es"
    bool authentic = false;
    std::string uri;    // FRBR expression URI, "/akn/eaeu/act/2014-05-29/treaty/rus@"
    std::string date;   // date of the version the text represents (ISO), may be empty
    std::string source; // where the text was read from (file names, ToTA id)
    std::vector<Provision> provisions;
    std::vector<AmendmentRecord> amendments;
    bool operator==(const Expression&) const = default;
};

// A work, with the expressions one ingest brings in.
struct Instrument {
    std::string alias;         // short name used on the command line: "eaeu", "teu", "pta_112"
    std::string title;         // full title
    std::string short_title;   // used in citations: "EAEU Treaty"
    std::string work_uri;      // FRBR work URI, "/akn/eaeu/act/2014-05-29/treaty/!main"
    std::string date_signed;   // ISO
    std::string date_in_force; // ISO, may be empty
    std::string type;          // "treaty", "agreement", or the ToTA type
    std::string parties;       // ISO 3166-1 alpha-3 codes separated by spaces
    std::vector<std::string> other_aliases; // e.g. "pta_440"
    std::vector<Expression> expressions;
    bool operator==(const Instrument&) const = default;
};

// A problem the importer recovered from without dropping text (OCR noise, unparsed numbering).
struct ImportWarning {
    std::string file;
    std::string provision; // eId or article label, when known
    std::string message;
};

// What a text parser returns: one expression's provisions plus what the text says about itself.
struct ParsedText {
    std::string title; // as found in the text, may be empty
    Expression expression;
    std::vector<ImportWarning> warnings;
};

} // namespace treatykb
