#include "cli/knowledge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <map>

#include "cli/reference_facts.hpp"
#include "cli/rule_files.hpp"
#include "engine/evidence.hpp"
#include "engine/loader.hpp"
#include "engine/store_text_source.hpp"

namespace treatykb::cli {

std::size_t verify_quotes(const Store& store, const engine::Program& program,
                          KnowledgeSummary& summary) {
    engine::StoreTextSource texts(store);
    std::size_t rejected = 0;
    std::map<std::string, std::size_t> unverified;  // "teu (en)" -> quotes
    for (const engine::EvidenceCheck& check : engine::verify_evidence(program, texts)) {
        const engine::Evidence& evidence = *check.evidence;
        switch (check.status) {
            case engine::EvidenceCheck::Status::verified: ++summary.quotes_verified; break;
            case engine::EvidenceCheck::Status::verified_in_ancestor:
                ++summary.quotes_verified;
                ++summary.quotes_in_enclosing;
                break;
            case engine::EvidenceCheck::Status::unverified_expression:
                ++unverified[evidence.instrument + " (" + evidence.lang + ")"];
                break;
            case engine::EvidenceCheck::Status::not_found:
            case engine::EvidenceCheck::Status::provision_missing:
                ++rejected;
                std::cerr << Error(fmt::format("annotation {}: {}", evidence.annotation_id, check.detail),
                                   evidence.where,
                                   "copy the quote verbatim from `treatykb show " + evidence.instrument +
                                       " " + evidence.eid + " --lang " + evidence.lang +
                                       "`, or cite the provision that holds it",
                                   evidence.provision)
                                 .render()
                          << "\n";
                break;
        }
    }
    if (rejected)
        std::cerr << rejected << (rejected == 1 ? " quote" : " quotes")
                  << " not found in the cited provisions: the knowledge base is rejected\n";
    for (const auto& [name, count] : unverified)
        summary.unverified.push_back(
            fmt::format("{}: {} quotes not verified, that expression is not in the database "
                        "(ingest it: treatykb ingest --corpus --tota DIR)",
                        name, count));
    return rejected;
}

std::optional<VerifiedKnowledge> load_verified_knowledge(const Store& store,
                                                         const std::vector<std::string>& rules,
                                                         const std::vector<std::string>& scenarios) {
    std::optional<engine::Program> program = load_rules(rules, scenarios, &store);
    if (!program) return std::nullopt;
    VerifiedKnowledge knowledge{std::move(*program), {}};
    KnowledgeSummary& summary = knowledge.summary;
    summary.files = knowledge.program.files.size();
    summary.annotations = knowledge.program.annotations.size();
    // Facts written in the knowledge files; the references read from the texts are not counted.
    summary.facts = static_cast<std::size_t>(std::count_if(
        knowledge.program.facts.begin(), knowledge.program.facts.end(),
        [](const engine::Fact& fact) { return fact.where.file != reference_origin; }));
    summary.rules = knowledge.program.rules.size();
    if (verify_quotes(store, knowledge.program, summary) > 0) return std::nullopt;
    return knowledge;
}

std::optional<engine::Program> apply_scenarios(const Store& store, const engine::Program& base,
                                               const std::vector<std::string>& scenarios) {
    std::optional<engine::Program> changed;
    try {
        changed = engine::apply_scenario(base, scenarios);
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return std::nullopt;
    }
    // The whole result is verified (the baseline's quotes again, a few milliseconds), so that
    // no finding of the scenario rests on a quote that is not in the treaty.
    KnowledgeSummary summary;
    if (verify_quotes(store, *changed, summary) > 0) {
        std::cerr << "the scenario is rejected: its annotations must quote the cited provisions "
                     "verbatim, as `treatykb check` requires of the knowledge base\n";
        return std::nullopt;
    }
    return changed;
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
