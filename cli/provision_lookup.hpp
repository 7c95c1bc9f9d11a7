// From what a reader types ("47", "art_47__para_1", "Art. 47(1)", "Annex 7, point 50") to the
// stored provision, shared by show, cite and refs; or, when there is none, the closest one.
#pragma once

#include <string>

#include "kb/store.hpp"

namespace treatykb::cli {

struct ResolvedProvision {
    std::string eid;
    std::string note; // e.g. "EAEU Treaty, Art. 47 has no numbered paragraphs; this is its whole text"
};

// The provision `reference` names in the `lang` expression of `alias`. "Art. 47(1)" of an article
// without numbered paragraphs is the article itself (docs/corpus.md), with a note. Throws
// treatykb::Error when there is none, naming the expression that has it if another does.
ResolvedProvision resolve_provision(const Store& store, const std::string& alias,
                                    const std::string& reference, const std::string& lang);

// The eId of "47", "art_47__para_1", "Art. 47(1)", "Annex 7, point 50" in the expression; when
// there is none, throws an Error whose one line names the closest provision of the expression
// (by edit distance on the eId), e.g. `no provision "470" in eaeu (ru); closest: art_47
// (EAEU Treaty, Art. 47)`.
std::string require_provision(const Store& store, const std::string& alias,
                              const std::string& reference, const std::string& lang);

} // namespace treatykb::cli
