// Citations of provisions for reference managers and papers: plain text, BibTeX, CSL-JSON and
// RIS. Each names the instrument (title, parties, place and date of signature), the expression
// read (language, authentic or translation, consolidated as of which date), the provision's label
// and a stable Akoma Ntoso URI (/akn/eaeu/act/2014-05-29/treaty/!main~art_47__para_1).
#pragma once

#include <string>
#include <vector>

#include "kb/store.hpp"

namespace treatykb::cli {

struct ProvisionCitation {
    std::string instrument; // alias
    std::string title;      // without the "(Place, date)" the catalogue titles end with
    std::string short_title;
    std::vector<std::string> parties; // ISO 3166-1 alpha-3
    std::string place;                // of signature, from the title's "(Astana, 29 May 2014)"
    std::string date_signed;          // ISO
    std::string date_in_force;        // ISO, may be empty
    std::string language;             // ISO 639-1, of the expression read
    bool authentic = false;
    std::string expression_date; // the date of the version the text represents
    std::string eid;
    std::string label;          // "Art. 47", "Annex 7, point 50"
    std::string citation;       // "EAEU Treaty, Art. 47"
    std::string uri;            // work level: /akn/eaeu/act/2014-05-29/treaty/!main~art_47
    std::string expression_uri; // /akn/eaeu/act/2014-05-29/treaty/rus@2021-02-15/!main~art_47
};

// The citation of provision `eid` of `alias`, as read in the `lang` expression.
ProvisionCitation cite_provision(const Store& store, const std::string& alias,
                                 const std::string& eid, const std::string& lang);

// "text", "bibtex", "csl-json", "ris"; throws UsageError for another name.
std::string render_citations(const std::vector<ProvisionCitation>& citations,
                             const std::string& format);
std::vector<std::string> citation_formats();

} // namespace treatykb::cli
