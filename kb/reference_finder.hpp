// treatykb/kb/reference_finder.hpp — finding cross-references in provision text.
//
// Russian ("пунктом 3 статьи 29 настоящего Договора", "статьями 29–31", "приложением № 7 к
// настоящему Договору", "настоящей статьи", "предыдущего пункта") and English ("paragraph 1 of
// Article 70", "Annex 7 to this Treaty", "Articles 29 to 31"). The finder only reads the words:
// which units are named, with which numbers, and which instrument or provision the reference is
// relative to. kb/reference_resolver turns a found reference into eIds of a stored expression.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace treatykb {

// One named unit of a reference: "пунктами 2 и 3" -> {paragraph, {"2", "3"}}.
struct ReferenceUnit {
    // article, paragraph (Russian "пункт", English "paragraph"), subpoint ("подпункт",
    // "subparagraph", "point"), indent ("абзац": unnumbered text, no eId), section, chapter,
    // annex, appendix (an annex of an annex, "приложение № 1 к приложению № 20"), subsection
    // ("подраздел")
    std::string kind;
    std::vector<std::string> numbers; // as written: "29", "VII", "а", "первым" for an indent
    std::vector<bool> through;        // through[i]: numbers[i]..numbers[i+1] ("статьями 29–31")
    std::vector<std::string> parts;   // "Article 70(1)(a)" -> {"1", "a"}
    // A document annexed without a number, named by its noun as written: "приложение к
    // настоящему Протоколу" -> "приложение", "перечня к приложению № 28" -> "перечня" (numbers
    // empty): the sole appendix of what follows, or the one whose title begins with that noun.
    std::string noun;
};

// What the innermost-to-outermost chain of units is relative to.
enum class ReferenceScope {
    unspecified,      // nothing follows the units ("статьей 34")
    this_instrument,  // "настоящего Договора", "this Treaty", "this Agreement"
    this_annex,       // "настоящего Протокола", "настоящего приложения", "this Protocol/Annex"
    this_article,     // "настоящей статьи", "this Article"
    this_paragraph,   // "настоящего пункта", "this paragraph"
    this_subpoint,    // "настоящего подпункта"
    this_section,     // "настоящего раздела", "this Section/Chapter"
    previous_article, // "предыдущей статьи"
    previous_paragraph, // "предыдущего пункта", "the preceding paragraph"
    other_instrument, // "Таможенного кодекса", "of the GATT 1994": recorded as external
};

struct FoundReference {
    std::size_t begin = 0, end = 0; // byte offsets in the text
    std::string text;               // the matched words, verbatim
    // Innermost first, as written; empty for "настоящей статьи", and for another instrument named
    // as a whole ("Таможенным кодексом Евразийского экономического союза": scope other_instrument).
    std::vector<ReferenceUnit> units;
    ReferenceScope scope = ReferenceScope::unspecified;
    std::string other_instrument; // words naming the other instrument ("Таможенного кодекса ...")
    // The noun of a relative qualifier as written ("Порядку" in "к настоящему Порядку"), which
    // says which of the nested documents of an annex is meant.
    std::string qualifier;
    // How the provision relies on the target: "procedure" ("в порядке, предусмотренном",
    // "in the manner prescribed in"), "accordance" ("в соответствии с", "согласно",
    // "in accordance with"), or "mention".
    std::string manner = "mention";
};

// Every reference in `text`, in order. `language` is "ru" or "en" (anything else: nothing found).
std::vector<FoundReference> find_references(std::string_view text, std::string_view language);

} // namespace treatykb
