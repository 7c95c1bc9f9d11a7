// treatykb/engine/store_text_source.hpp — the kb Store as the engine's TextSource, so that
// annotations' quotes are verified against the stored treaty texts (evidence.hpp).
//
// Verifying a knowledge base asks for the text of a thousand provisions; asking the database for
// each subtree costs a recursive query apiece. This source reads each expression once, in
// document order, and assembles a provision's text (own and descendants') in memory when it is
// first asked for: a corpus of 400 expressions is verified by a few provisions of each.
#pragma once

#include <map>
#include <unordered_map>
#include <vector>

#include "engine/datalog/evidence.hpp"
#include "kb/store.hpp"

namespace treatykb::engine {

class StoreTextSource final : public TextSource {
public:
    explicit StoreTextSource(const Store& store) : store_(store) {}
    std::optional<std::string> provision_text(std::string_view instrument, std::string_view eid,
                                              std::string_view lang) const override;
    bool has_expression(std::string_view instrument, std::string_view lang) const override;
    std::optional<std::string> authentic_language(std::string_view instrument) const override;

private:
    // One expression's units in document order; a subtree's text (own and descendants' text,
    // joined by "\n" in document order) is assembled on first use and kept.
    struct ExpressionTexts {
        std::vector<std::string> own;                    // by position in document order
        std::vector<std::size_t> subtree_end;            // one past the unit's last descendant
        std::unordered_map<std::string, std::size_t> at; // eId -> position
        std::unordered_map<std::size_t, std::string> assembled;
    };
    ExpressionTexts* expression(std::string_view instrument, std::string_view lang) const;

    const Store& store_;
    mutable std::map<std::pair<std::string, std::string>, std::optional<ExpressionTexts>> expressions_;
};

}  // namespace treatykb::engine
