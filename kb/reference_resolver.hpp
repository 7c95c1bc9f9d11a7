// treatykb/kb/reference_resolver.hpp — cross-references of an expression, resolved to eIds.
//
// Each reference kb/reference_finder finds in a provision's own text is resolved against the
// provisions of the same expression: "пунктом 3 настоящей статьи" in art_29__para_1 becomes
// art_29__para_3, "приложением № 7 к настоящему Договору" annex_7, "статьями 29–31" three rows.
// Nothing is guessed: a reference to another instrument is `external` (with its name), one whose
// target is not in the expression or cannot be named by an eId is `unresolved` with the reason.
// Bare units follow the drafting convention: "пункт 2" / "paragraph 2" inside an article is a
// paragraph of that article; inside an annex, a point of that annex (points are numbered
// through the annex); "статья 5" / "Article 5" is an article of the instrument itself.
#pragma once

#include <string>
#include <vector>

#include "kb/model.hpp"

namespace treatykb {

struct ResolvedReference {
    std::string from_eid;
    std::string to_eid;  // empty unless status is "resolved"
    std::string text;    // the matched words, verbatim
    std::string kind;    // the innermost unit named: article, paragraph, subpoint, annex, ...;
                         // "instrument" for another instrument named as a whole
    std::string status;  // "resolved", "external", "unresolved"
    // Why not resolved: not_in_expression (the numbered unit is absent, e.g. an annex not in the
    // corpus), unnumbered_text ("абзац": no eId below the paragraph), no_enclosing_unit
    // ("настоящей статьи" outside an article), scope_unclear (no rule says which instrument or
    // article the units belong to); for external references, the other instrument's words.
    std::string reason;
    std::string manner;   // "procedure", "accordance" or "mention" (reference_finder.hpp)
    std::size_t offset = 0; // byte offset of the match in the provision's own text
};

// References in the own text of every provision of `expression`, in document order.
std::vector<ResolvedReference> resolve_references(const Expression& expression);

} // namespace treatykb
