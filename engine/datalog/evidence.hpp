// treatykb/engine/evidence.hpp — checking the verbatim quotes of annotations against treaty text.
//
// The engine does not know the database: a TextSource answers for it (the kb Store provides these
// two functions). A quote is verified when, after folding every run of whitespace to one space
// (and trimming both ends), it occurs in the provision's text (its own text and all its
// descendants', in document order) in the quote's language.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/datalog/program.hpp"

namespace treatykb::engine {

class TextSource {
public:
    virtual ~TextSource() = default;
    virtual std::optional<std::string> provision_text(std::string_view instrument, std::string_view eid,
                                                      std::string_view lang) const = 0;
    virtual bool has_expression(std::string_view instrument, std::string_view lang) const = 0;
    // The instrument's authentic language, when known: a translation may be split more coarsely
    // than the authentic text (an OCR'd article not divided into paragraphs), and a quote of it is
    // then looked for in the nearest enclosing provision the translation has.
    virtual std::optional<std::string> authentic_language(std::string_view instrument) const {
        (void)instrument;
        return std::nullopt;
    }
};

struct EvidenceCheck {
    enum class Status {
        verified,
        verified_in_ancestor,  // a translation lacks the eId (coarser split); the quote is in the
                               // nearest enclosing provision it has, and the authentic text has the eId
        not_found,             // the expression exists, but the quote is not in the provision's text
        provision_missing,     // the expression exists, but has no provision with this eId
        unverified_expression, // the instrument has no text in this language in the database
    };
    const Evidence* evidence = nullptr;  // points into the Program
    Status status = Status::verified;
    std::string detail;  // what was looked for, named (instrument, language, eId)
};
std::string_view evidence_status_name(EvidenceCheck::Status status);

// Whitespace runs (ASCII and U+00A0 no-break space) to one space, ends trimmed.
std::string fold_whitespace(std::string_view text);

std::vector<EvidenceCheck> verify_evidence(const Program& program, const TextSource& texts);

}  // namespace treatykb::engine
