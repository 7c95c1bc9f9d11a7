#include "engine/analysis/knowledge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/analysis/reference_facts.hpp"
#include "engine/analysis/rule_paths.hpp"
#include "engine/analysis/store_text_source.hpp"
#include "engine/datalog/evidence.hpp"
#include "engine/datalog/loader.hpp"

namespace treatykb::engine {

Program load_rules(const std::vector<std::string>& rule_paths, const std::vector<std::string>& scenarios,
                   const Store* store) {
    Program program = load_program(expand_rule_paths(rule_paths).files);
    // Facts read from the texts go in before the scenarios, which may retract them.
    if (store) add_reference_facts(*store, program);
    if (!scenarios.empty()) program = apply_scenario(program, scenarios);
    return program;
}

std::vector<Error> verify_quotes(const Store& store, const Program& program, KnowledgeSummary& summary) {
    StoreTextSource texts(store);
    std::vector<Error> rejected;
    std::map<std::string, std::size_t> unverified;  // "teu (en)" -> quotes
    for (const EvidenceCheck& check : verify_evidence(program, texts)) {
        const Evidence& evidence = *check.evidence;
        switch (check.status) {
            case EvidenceCheck::Status::verified: ++summary.quotes_verified; break;
            case EvidenceCheck::Status::verified_in_ancestor:
                ++summary.quotes_verified;
                ++summary.quotes_in_enclosing;
                break;
            case EvidenceCheck::Status::unverified_expression:
                ++unverified[evidence.instrument + " (" + evidence.lang + ")"];
                break;
            case EvidenceCheck::Status::not_found:
            case EvidenceCheck::Status::provision_missing:
                rejected.emplace_back(fmt::format("annotation {}: {}", evidence.annotation_id, check.detail),
                                      evidence.where,
                                      "copy the quote verbatim from `treatykb show " + evidence.instrument + " " +
                                          evidence.eid + " --lang " + evidence.lang +
                                          "`, or cite the provision that holds it",
                                      evidence.provision);
                break;
        }
    }
    for (const auto& [name, count] : unverified)
        summary.unverified.push_back(
            fmt::format("{}: {} quotes not verified, that expression is not in the database "
                        "(ingest it: treatykb ingest --corpus --tota DIR)",
                        name, count));
    return rejected;
}

VerifiedKnowledge load_knowledge(const Store& store, const std::vector<std::string>& rule_paths,
                                 const std::vector<std::string>& scenarios) {
    VerifiedKnowledge knowledge{load_rules(rule_paths, scenarios, &store), {}, {}};
    KnowledgeSummary& summary = knowledge.summary;
    summary.files = knowledge.program.files.size();
    summary.annotations = knowledge.program.annotations.size();
    // Facts written in the knowledge files; the references read from the texts are not counted.
    summary.facts = static_cast<std::size_t>(
        std::count_if(knowledge.program.facts.begin(), knowledge.program.facts.end(),
                      [](const Fact& fact) { return fact.where.file != reference_origin; }));
    summary.rules = knowledge.program.rules.size();
    knowledge.rejected = verify_quotes(store, knowledge.program, summary);
    return knowledge;
}

VerifiedKnowledge apply_scenarios(const Store& store, const Program& base, const std::vector<std::string>& scenarios) {
    VerifiedKnowledge changed{apply_scenario(base, scenarios), {}, {}};
    // The whole result is verified (the baseline's quotes again, a few milliseconds), so that
    // no finding of the scenario rests on a quote that is not in the treaty.
    changed.rejected = verify_quotes(store, changed.program, changed.summary);
    return changed;
}

}  // namespace treatykb::engine
