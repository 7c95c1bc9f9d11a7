#include "engine/analysis/store_text_source.hpp"

namespace treatykb::engine {

const StoreTextSource::ExpressionTexts* StoreTextSource::expression(std::string_view instrument,
                                                                     std::string_view lang) const {
    auto key = std::make_pair(std::string(instrument), std::string(lang));
    auto found = expressions_.find(key);
    if (found == expressions_.end()) {
        std::optional<ExpressionTexts> texts;
        if (store_.has_expression(instrument, lang)) {
            texts.emplace();
            std::vector<Provision> units = store_.provisions(instrument, lang);
            std::unordered_map<std::string, std::string> parent;
            for (const Provision& unit : units) parent[unit.eid] = unit.parent_eid;
            // Document order puts a provision before its descendants: appending each unit's own
            // text to itself and to every ancestor yields each subtree's text in order.
            for (const Provision& unit : units) {
                (*texts)[unit.eid];
                if (unit.text.empty()) continue;
                for (std::string at = unit.eid; !at.empty();) {
                    std::string& text = (*texts)[at];
                    if (!text.empty()) text += '\n';
                    text += unit.text;
                    auto up = parent.find(at);
                    at = up == parent.end() ? std::string() : up->second;
                }
            }
        }
        found = expressions_.emplace(std::move(key), std::move(texts)).first;
    }
    return found->second ? &*found->second : nullptr;
}

std::optional<std::string> StoreTextSource::provision_text(std::string_view instrument,
                                                           std::string_view eid,
                                                           std::string_view lang) const {
    const ExpressionTexts* texts = expression(instrument, lang);
    if (!texts) return std::nullopt;
    auto found = texts->find(std::string(eid));
    if (found == texts->end()) return std::nullopt;
    return found->second;
}

bool StoreTextSource::has_expression(std::string_view instrument, std::string_view lang) const {
    return expression(instrument, lang) != nullptr;
}

std::optional<std::string> StoreTextSource::authentic_language(std::string_view instrument) const {
    return store_.authentic_language(instrument);
}

}  // namespace treatykb::engine
