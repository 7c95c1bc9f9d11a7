#include "engine/analysis/knowledge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "engine/analysis/reference_facts.hpp"
#include "engine/analysis/rule_paths.hpp"
#include "engine/analysis/store_text_source.hpp"
#include "engine/datalog/evidence.hpp"
#include "engine/datalog/loader.hpp"

namespace treatykb::engine {

namespace {

// Where the instrument declarations read from the store are said to come from.
constexpr const char* instrument_origin = "the database's instrument table";

// Facts read from the texts go in before the scenarios, which may retract them.
Program with_references_and_scenarios(Program program, const std::vector<std::string>& scenarios,
                                      const Store* store) {
    if (store) add_reference_facts(*store, program);
    if (!scenarios.empty()) program = apply_scenario(program, scenarios);
    return program;
}

void count_program(VerifiedKnowledge& knowledge) {
    KnowledgeSummary& summary = knowledge.summary;
    summary.files = knowledge.program.files.size();
    summary.annotations = knowledge.program.annotations.size();
    // Facts written in the knowledge files; the references read from the texts are not counted.
    summary.facts = static_cast<std::size_t>(
        std::count_if(knowledge.program.facts.begin(), knowledge.program.facts.end(), [](const Fact& fact) {
            return fact.where.file != reference_origin && fact.where.file != instrument_origin;
        }));
    summary.rules = knowledge.program.rules.size();
}

std::string instrument_part(const std::string& provision) {
    std::size_t hash = provision.find('#');
    return hash == std::string::npos ? std::string() : provision.substr(0, hash);
}

std::string eid_part(const std::string& provision) {
    std::size_t hash = provision.find('#');
    return hash == std::string::npos ? std::string() : provision.substr(hash + 1);
}

// `inner` lies within `outer`: art_29__para_1 within art_29 (not art_290).
bool within_eid(const std::string& outer, const std::string& inner) {
    return inner.size() > outer.size() + 2 && inner.compare(0, outer.size(), outer) == 0 &&
           inner.compare(outer.size(), 2, "__") == 0;
}

bool same_or_nested(const std::string& a, const std::string& b) {
    return a == b || within_eid(a, b) || within_eid(b, a);
}

// instrument(alias, kind, signed) for every instrument of the store, so that coded annotations
// of instruments the hand-made knowledge does not declare pass validation (no rule reads these
// facts; the validator asks that an annotation's instrument be declared).
std::string instrument_declarations(const Store& store) {
    auto symbol = [](std::string text) {
        for (char& c : text) {
            unsigned char u = static_cast<unsigned char>(c);
            c = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
        }
        return text.empty() || !std::isalpha(static_cast<unsigned char>(text.front())) ? "i_" + text : text;
    };
    auto is_date = [](const std::string& date) {
        return date.size() == 10 && date[4] == '-' && date[7] == '-' &&
               std::all_of(date.begin(), date.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; });
    };
    std::string xml = "<program xmlns=\"urn:treatykb:rules:1\">\n";
    for (const Instrument& instrument : store.instruments()) {
        if (!is_date(instrument.date_signed)) continue;
        std::string kind = instrument.type.empty() ? "treaty" : symbol(instrument.type);
        xml += "<fact>instrument(" + symbol(instrument.alias) + ", " + kind + ", " + instrument.date_signed +
               ")</fact>\n";
    }
    return xml + "</program>\n";
}

// Relations that describe one body by its first argument: the hand-made statement names it once.
bool body_relation(const std::string& relation) {
    return relation == "body" || relation == "body_composition" || relation == "seats_per_state";
}

}  // namespace

std::string_view knowledge_source_name(KnowledgeSource source) {
    switch (source) {
        case KnowledgeSource::hand: return "hand";
        case KnowledgeSource::coded: return "coded";
        case KnowledgeSource::both: return "both";
    }
    return "hand";
}

void select_annotations(Program& program, const std::set<std::string>& coded_files, KnowledgeSource source,
                        KnowledgeSummary& summary) {
    summary.source = std::string(knowledge_source_name(source));
    const std::size_t count = program.annotations.size();
    std::vector<bool> coded(count, false);
    for (std::size_t a = 0; a < count; ++a) coded[a] = coded_files.count(program.annotations[a].where.file) > 0;

    // What the hand annotations speak about: per instrument, each annotation's eId and relations;
    // the bodies the hand facts describe.
    struct Spoken {
        std::string eid;
        std::set<std::string> relations;
    };
    std::map<std::string, std::vector<Spoken>> hand_by_instrument;
    std::set<std::pair<std::string, Value>> hand_bodies;  // (relation, first argument)
    if (source == KnowledgeSource::both) {
        std::vector<Spoken> spoken(count);
        for (const Fact& fact : program.facts) {
            if (fact.annotation < 0 || coded[static_cast<std::size_t>(fact.annotation)]) continue;
            spoken[static_cast<std::size_t>(fact.annotation)].relations.insert(fact.relation);
            if (body_relation(fact.relation) && !fact.values.empty())
                hand_bodies.insert({fact.relation, fact.values.front()});
        }
        for (std::size_t a = 0; a < count; ++a) {
            if (coded[a]) continue;
            const std::string& provision = program.annotations[a].provision;
            std::string instrument = instrument_part(provision);
            if (instrument.empty()) continue;
            spoken[a].eid = eid_part(provision);
            hand_by_instrument[instrument].push_back(std::move(spoken[a]));
        }
    }
    auto hand_speaks = [&](const Annotation& annotation, const Fact& fact) {
        if (body_relation(fact.relation) && !fact.values.empty() &&
            hand_bodies.count({fact.relation, fact.values.front()}))
            return true;
        auto hand = hand_by_instrument.find(instrument_part(annotation.provision));
        if (hand == hand_by_instrument.end()) return false;
        const std::string eid = eid_part(annotation.provision);
        return std::any_of(hand->second.begin(), hand->second.end(), [&](const Spoken& spoken) {
            return spoken.relations.count(fact.relation) && same_or_nested(spoken.eid, eid);
        });
    };

    // Which facts stay; an annotation stays when its source is selected and, if coded, some of
    // its facts stay (or it had none).
    std::vector<bool> keep_fact(program.facts.size(), true);
    std::vector<std::size_t> facts_of(count, 0), kept_of(count, 0);
    for (std::size_t f = 0; f < program.facts.size(); ++f) {
        const Fact& fact = program.facts[f];
        if (fact.annotation < 0) continue;
        std::size_t a = static_cast<std::size_t>(fact.annotation);
        ++facts_of[a];
        bool selected = coded[a] ? source != KnowledgeSource::hand : source != KnowledgeSource::coded;
        if (selected && coded[a] && source == KnowledgeSource::both && hand_speaks(program.annotations[a], fact)) {
            selected = false;
            ++summary.coded_facts_dropped;
        }
        keep_fact[f] = selected;
        if (selected) ++kept_of[a];
    }
    std::vector<int> renumbered(count, -1);
    std::vector<Annotation> annotations;
    for (std::size_t a = 0; a < count; ++a) {
        bool selected = coded[a] ? source != KnowledgeSource::hand : source != KnowledgeSource::coded;
        if (selected && coded[a] && facts_of[a] > 0 && kept_of[a] == 0) {
            selected = false;
            ++summary.coded_dropped;
        }
        if (!selected) continue;
        ++(coded[a] ? summary.coded_annotations : summary.hand_annotations);
        renumbered[a] = static_cast<int>(annotations.size());
        annotations.push_back(std::move(program.annotations[a]));
    }
    // Facts renumbered, evidence of the annotations left out removed and the indices rebuilt.
    std::vector<Fact> facts;
    facts.reserve(program.facts.size());
    for (std::size_t f = 0; f < program.facts.size(); ++f) {
        if (!keep_fact[f]) continue;
        Fact& fact = program.facts[f];
        if (fact.annotation >= 0) {
            fact.annotation = renumbered[static_cast<std::size_t>(fact.annotation)];
            if (fact.annotation < 0) continue;
        }
        facts.push_back(std::move(fact));
    }
    std::set<std::string> kept_ids;
    for (const Annotation& annotation : annotations) kept_ids.insert(annotation.id);
    std::vector<Evidence> evidence;
    for (Evidence& quote : program.evidence)
        if (kept_ids.count(quote.annotation_id)) evidence.push_back(std::move(quote));
    std::map<std::string, std::size_t> by_id;
    for (std::size_t a = 0; a < annotations.size(); ++a) {
        annotations[a].evidence.clear();
        by_id[annotations[a].id] = a;
    }
    for (std::size_t e = 0; e < evidence.size(); ++e)
        if (auto owner = by_id.find(evidence[e].annotation_id); owner != by_id.end())
            annotations[owner->second].evidence.push_back(e);
    program.annotations = std::move(annotations);
    program.facts = std::move(facts);
    program.evidence = std::move(evidence);
}

Program load_rules(const std::vector<std::string>& rule_paths, const std::vector<std::string>& scenarios,
                   const Store* store) {
    return with_references_and_scenarios(load_program(expand_rule_paths(rule_paths).files), scenarios, store);
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
    return load_knowledge(store, rule_paths, KnowledgeSource::hand, {}, scenarios);
}

VerifiedKnowledge load_knowledge(const Store& store, const std::vector<std::string>& rule_paths,
                                 KnowledgeSource source, const std::vector<std::string>& coded_paths,
                                 const std::vector<std::string>& scenarios) {
    VerifiedKnowledge knowledge = load_unverified_knowledge(store, rule_paths, source, coded_paths, scenarios);
    knowledge.rejected = verify_quotes(store, knowledge.program, knowledge.summary);
    return knowledge;
}

VerifiedKnowledge load_unverified_knowledge(const Store& store, const std::vector<std::string>& rule_paths,
                                            KnowledgeSource source, const std::vector<std::string>& coded_paths,
                                            const std::vector<std::string>& scenarios) {
    if (source == KnowledgeSource::hand) {
        VerifiedKnowledge knowledge{load_rules(rule_paths, scenarios, &store), {}, {}};
        count_program(knowledge);
        knowledge.summary.hand_annotations = knowledge.summary.annotations;
        return knowledge;
    }
    std::vector<std::string> coded = expand_rule_paths(coded_paths).files;
    if (coded.empty()) {
        std::string named;
        for (const std::string& path : coded_paths) named += (named.empty() ? "" : ", ") + path;
        throw Error("no coded knowledge in " + (named.empty() ? std::string("the coded folder") : named), {},
                    "run `treatykb code --all` first");
    }
    std::vector<std::string> files = expand_rule_paths(rule_paths).files;
    files.insert(files.end(), coded.begin(), coded.end());
    Program program = load_program(files, {{instrument_origin, instrument_declarations(store)}});
    VerifiedKnowledge knowledge{{}, {}, {}};
    knowledge.summary.coded_files = std::set<std::string>(coded.begin(), coded.end());
    // The selection comes first: the cross-references read are those of the instruments the kept
    // annotations cite, and scenarios apply to what is analysed.
    select_annotations(program, knowledge.summary.coded_files, source, knowledge.summary);
    knowledge.program = with_references_and_scenarios(std::move(program), scenarios, &store);
    count_program(knowledge);
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
