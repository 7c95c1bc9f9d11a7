#include "engine/analysis/store_text_source.hpp"

namespace treatykb::engine {

StoreTextSource::ExpressionTexts* StoreTextSource::expression(std::string_view instrument,
                                                               std::string_view lang) const {
    auto key = std::make_pair(std::string(instrument), std::string(lang));
    auto found = expressions_.find(key);
    if (found == expressions_.end()) {
        std::optional<ExpressionTexts> texts;
        if (store_.has_expression(instrument, lang)) {
            texts.emplace();
            std::vector<Provision> units = store_.provision_texts(instrument, lang);
            texts->subtree_end = subtree_ends(units);
            texts->own.reserve(units.size());
            for (std::size_t i = 0; i < units.size(); ++i) {
                texts->at.emplace(units[i].eid, i);
                texts->own.push_back(std::move(units[i].text));
            }
        }
        found = expressions_.emplace(std::move(key), std::move(texts)).first;
    }
    return found->second ? &*found->second : nullptr;
}

std::optional<std::string> StoreTextSource::provision_text(std::string_view instrument,
                                                           std::string_view eid,
                                                           std::string_view lang) const {
    ExpressionTexts* texts = expression(instrument, lang);
    if (!texts) return std::nullopt;
    auto position = texts->at.find(std::string(eid));
    if (position == texts->at.end()) return std::nullopt;
    const std::size_t first = position->second;
    auto done = texts->assembled.find(first);
    if (done == texts->assembled.end()) {
        std::string text;
        for (std::size_t i = first; i < texts->subtree_end[first]; ++i) {
            if (texts->own[i].empty()) continue;
            if (!text.empty()) text += '\n';
            text += texts->own[i];
        }
        done = texts->assembled.emplace(first, std::move(text)).first;
    }
    return done->second;
}

bool StoreTextSource::has_expression(std::string_view instrument, std::string_view lang) const {
    return expression(instrument, lang) != nullptr;
}

std::optional<std::string> StoreTextSource::authentic_language(std::string_view instrument) const {
    return store_.authentic_language(instrument);
}

}  // namespace treatykb::engine
