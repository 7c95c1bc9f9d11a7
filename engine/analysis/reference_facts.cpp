#include "engine/analysis/reference_facts.hpp"

#include <set>

#include "engine/datalog/loader.hpp"

namespace treatykb::engine {

std::vector<FactRow> reference_facts(const Store& store, const Program& program) {
    std::vector<FactRow> rows;
    if (!program.relation("refers_to")) return rows;
    bool manner = program.relation("reference_manner") != nullptr;
    std::set<std::string> instruments;
    for (const Annotation& annotation : program.annotations)
        instruments.insert(annotation.provision.substr(0, annotation.provision.find('#')));
    for (const std::string& instrument : instruments) {
        auto alias = store.resolve_alias(instrument);
        if (!alias || *alias != instrument) continue;
        auto languages = store.languages(instrument);
        if (languages.empty()) continue;
        std::string lang = store.authentic_language(instrument).value_or(languages.front());
        for (const StoredReference& r : store.resolved_references(instrument, lang)) {
            std::string from = instrument + "#" + r.from_eid, to = instrument + "#" + r.to_eid;
            rows.push_back({"refers_to", {from, to}});
            if (manner) rows.push_back({"reference_manner", {from, to, r.manner}});
        }
    }
    return rows;
}

void add_reference_facts(const Store& store, Program& program) {
    add_facts(program, reference_facts(store, program), reference_origin);
}

}  // namespace treatykb::engine
