// treatykb/engine/store_text_source.hpp — the kb Store as the engine's TextSource, so that
// annotations' quotes are verified against the stored treaty texts (evidence.hpp).
//
// Verifying a knowledge base asks for the text of a thousand provisions; asking the database for
// each subtree costs a recursive query apiece. This source reads each expression once, in
// document order, and assembles every provision's text (own and descendants') in memory.
#pragma once

#include <map>
#include <unordered_map>

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
    // eId -> own and descendants' text, joined by "\n" in document order.
    using ExpressionTexts = std::unordered_map<std::string, std::string>;
    const ExpressionTexts* expression(std::string_view instrument, std::string_view lang) const;

    const Store& store_;
    mutable std::map<std::pair<std::string, std::string>, std::optional<ExpressionTexts>> expressions_;
};

}  // namespace treatykb::engine
