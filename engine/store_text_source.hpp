// treatykb/engine/store_text_source.hpp — the kb Store as the engine's TextSource, so that
// annotations' quotes are verified against the stored treaty texts (evidence.hpp).
#pragma once

#include "engine/evidence.hpp"
#include "kb/store.hpp"

namespace treatykb::engine {

class StoreTextSource final : public TextSource {
public:
    explicit StoreTextSource(const Store& store) : store_(store) {}
    std::optional<std::string> provision_text(std::string_view instrument, std::string_view eid,
                                              std::string_view lang) const override {
        return store_.provision_text(instrument, eid, lang);
    }
    bool has_expression(std::string_view instrument, std::string_view lang) const override {
        return store_.has_expression(instrument, lang);
    }
    std::optional<std::string> authentic_language(std::string_view instrument) const override {
        return store_.authentic_language(instrument);
    }

private:
    const Store& store_;
};

}  // namespace treatykb::engine
