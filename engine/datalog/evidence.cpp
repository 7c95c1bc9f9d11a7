#include "engine/datalog/evidence.hpp"

#include <unordered_map>

namespace treatykb::engine {

std::string_view evidence_status_name(EvidenceCheck::Status status) {
    switch (status) {
        case EvidenceCheck::Status::verified: return "verified";
        case EvidenceCheck::Status::verified_in_ancestor: return "verified in the enclosing provision";
        case EvidenceCheck::Status::not_found: return "not found";
        case EvidenceCheck::Status::provision_missing: return "provision missing";
        case EvidenceCheck::Status::unverified_expression: return "unverified";
    }
    return "?";
}

std::string fold_whitespace(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            space = true;  // U+00A0, common in the Russian texts
            ++i;
        }
        if (space) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += static_cast<char>(c);
    }
    return out;
}

namespace {

// art_25__para_1__point_2 -> art_25__para_1 -> art_25; empty after the top.
std::string enclosing_eid(const std::string& eid) {
    std::size_t cut = eid.rfind("__");
    return cut == std::string::npos ? std::string() : eid.substr(0, cut);
}

// `folded`: a text already passed through fold_whitespace (folding is idempotent).
bool contains_quote(const std::string& folded, const std::string& quote) {
    return folded.find(fold_whitespace(quote)) != std::string::npos;
}

}  // namespace

// Looks each provision's text up once, folded: many quotes cite the same provision, and a
// provision's text includes its descendants, which the database assembles per request.
class CachedTexts final : public TextSource {
public:
    explicit CachedTexts(const TextSource& texts) : texts_(texts) {}
    std::optional<std::string> provision_text(std::string_view instrument, std::string_view eid,
                                              std::string_view lang) const override {
        const std::string* text = folded_text(instrument, eid, lang);
        return text ? std::optional<std::string>(*text) : std::nullopt;
    }
    // The provision's text with its white space folded, kept (nullptr when there is none).
    const std::string* folded_text(std::string_view instrument, std::string_view eid, std::string_view lang) const {
        std::string key = std::string(instrument) + '\x1f' + std::string(eid) + '\x1f' + std::string(lang);
        auto found = texts_by_key_.find(key);
        if (found == texts_by_key_.end()) {
            std::optional<std::string> text = texts_.provision_text(instrument, eid, lang);
            if (text) text = fold_whitespace(*text);
            found = texts_by_key_.emplace(std::move(key), std::move(text)).first;
        }
        return found->second ? &*found->second : nullptr;
    }
    bool has_expression(std::string_view instrument, std::string_view lang) const override {
        std::string key = std::string(instrument) + '\x1f' + std::string(lang);
        auto found = expressions_.find(key);
        if (found == expressions_.end())
            found = expressions_.emplace(std::move(key), texts_.has_expression(instrument, lang)).first;
        return found->second;
    }
    std::optional<std::string> authentic_language(std::string_view instrument) const override {
        return texts_.authentic_language(instrument);
    }

private:
    const TextSource& texts_;
    mutable std::unordered_map<std::string, std::optional<std::string>> texts_by_key_;
    mutable std::unordered_map<std::string, bool> expressions_;
};

std::vector<EvidenceCheck> verify_evidence(const Program& program, const TextSource& uncached) {
    CachedTexts texts(uncached);
    std::vector<EvidenceCheck> results;
    for (const Evidence& evidence : program.evidence) {
        EvidenceCheck check{&evidence, EvidenceCheck::Status::verified, {}};
        if (!texts.has_expression(evidence.instrument, evidence.lang)) {
            check.status = EvidenceCheck::Status::unverified_expression;
            check.detail = "the database has no " + evidence.lang + " text of " + evidence.instrument;
        } else if (const std::string* text = texts.folded_text(evidence.instrument, evidence.eid, evidence.lang); !text) {
            check.status = EvidenceCheck::Status::provision_missing;
            check.detail = evidence.instrument + " (" + evidence.lang + ") has no provision " + evidence.eid;
            // A coarser translation: the authentic text has the eId, this one only an ancestor.
            std::optional<std::string> authentic = texts.authentic_language(evidence.instrument);
            if (authentic && *authentic != evidence.lang &&
                texts.folded_text(evidence.instrument, evidence.eid, *authentic)) {
                for (std::string up = enclosing_eid(evidence.eid); !up.empty(); up = enclosing_eid(up)) {
                    const std::string* enclosing = texts.folded_text(evidence.instrument, up, evidence.lang);
                    if (!enclosing) continue;
                    if (contains_quote(*enclosing, evidence.quote)) {
                        check.status = EvidenceCheck::Status::verified_in_ancestor;
                        check.detail = evidence.provision + " (" + evidence.lang + "), found in " + up +
                                       ": the " + evidence.lang + " text is not divided below it";
                    } else {
                        check.status = EvidenceCheck::Status::not_found;
                        check.detail = "the quote is not in the " + evidence.lang + " text of " +
                                       evidence.instrument + "#" + up + " (which holds " + evidence.eid +
                                       " in that language)";
                    }
                    break;
                }
            }
        } else if (!contains_quote(*text, evidence.quote)) {
            check.status = EvidenceCheck::Status::not_found;
            check.detail = "the quote is not in the " + evidence.lang + " text of " + evidence.provision;
        } else {
            check.detail = evidence.provision + " (" + evidence.lang + ")";
        }
        results.push_back(std::move(check));
    }
    return results;
}

}  // namespace treatykb::engine
