#include "cli/reference_facts.hpp"

#include <set>

#include "cli/rule_files.hpp"
#include "engine/loader.hpp"

namespace treatykb::cli {

std::vector<engine::FactRow> reference_facts(const Store& store, const engine::Program& program) {
    std::vector<engine::FactRow> rows;
    if (!program.relation("refers_to")) return rows;
    bool manner = program.relation("reference_manner") != nullptr;
    std::set<std::string> instruments;
    for (const engine::Annotation& annotation : program.annotations)
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

bool add_reference_facts(const Store& store, engine::Program& program) {
    try {
        engine::add_facts(program, reference_facts(store, program), reference_origin);
        return true;
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return false;
    }
}

}  // namespace treatykb::cli
