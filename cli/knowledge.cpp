#include "cli/knowledge.hpp"

#include <ctime>
#include <iostream>

#include "cli/rule_files.hpp"

namespace treatykb::cli {

namespace {

// Prints the rejected quotes and a closing line; returns their number.
std::size_t print_rejected(const std::vector<Error>& rejected) {
    for (const Error& error : rejected) std::cerr << error.render() << "\n";
    if (!rejected.empty())
        std::cerr << rejected.size() << (rejected.size() == 1 ? " quote" : " quotes")
                  << " not found in the cited provisions: the knowledge base is rejected\n";
    return rejected.size();
}

}  // namespace

std::size_t verify_quotes(const Store& store, const engine::Program& program, KnowledgeSummary& summary) {
    return print_rejected(engine::verify_quotes(store, program, summary));
}

std::optional<VerifiedKnowledge> load_verified_knowledge(const Store& store,
                                                         const std::vector<std::string>& rules,
                                                         const std::vector<std::string>& scenarios) {
    try {
        VerifiedKnowledge knowledge = engine::load_knowledge(store, rule_files_or_default(rules), scenarios);
        if (print_rejected(knowledge.rejected) > 0) return std::nullopt;
        return knowledge;
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return std::nullopt;
    }
}

std::optional<engine::Program> apply_scenarios(const Store& store, const engine::Program& base,
                                               const std::vector<std::string>& scenarios) {
    try {
        VerifiedKnowledge changed = engine::apply_scenarios(store, base, scenarios);
        if (print_rejected(changed.rejected) > 0) {
            std::cerr << "the scenario is rejected: its annotations must quote the cited provisions "
                         "verbatim, as `treatykb check` requires of the knowledge base\n";
            return std::nullopt;
        }
        return std::move(changed.program);
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return std::nullopt;
    }
}

engine::Program at_date(engine::Program program, const std::string& date) {
    return engine::at_date(std::move(program), date, "--as-of");
}

std::string today_utc() {
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[11];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
}

CitationLabel store_citations(const Store& store) {
    return [&store](const std::string& provision) {
        std::size_t hash = provision.find('#');
        if (hash == std::string::npos) return provision;
        std::string instrument = provision.substr(0, hash);
        if (!store.resolve_alias(instrument)) return provision;
        return store.citation(instrument, provision.substr(hash + 1));
    };
}

}  // namespace treatykb::cli
