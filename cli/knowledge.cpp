#include "cli/knowledge.hpp"

#include <ctime>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <unordered_map>

#include "cli/common.hpp"
#include "cli/rule_files.hpp"
#include "engine/analysis/rule_paths.hpp"

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

void add_knowledge_options(CLI::App& command, KnowledgeChoice& choice) {
    command.add_option("--knowledge", choice.source,
                       "Annotations to analyse: hand (kb/knowledge, default), coded (written by "
                       "`treatykb code`, with the schema, domains and rules) or both (hand-made win "
                       "where both speak; docs/coding.md)")
        ->check(CLI::IsMember({"hand", "coded", "both"}));
    command.add_option("--coded-folder", choice.coded_folder,
                       "Folder of coded knowledge for --knowledge coded|both (default: kb/coded)");
}

namespace {

// The annotations --knowledge names, and the coded folder to read for coded|both (an Error when it
// is missing or holds no knowledge file).
std::pair<engine::KnowledgeSource, std::vector<std::string>> knowledge_source(const KnowledgeChoice& choice) {
    if (choice.source == "hand") return {engine::KnowledgeSource::hand, {}};
    engine::KnowledgeSource source =
        choice.source == "coded" ? engine::KnowledgeSource::coded : engine::KnowledgeSource::both;
    std::string folder = choice.coded_folder.empty() ? project_root() + "/kb/coded" : choice.coded_folder;
    std::string label = choice.coded_folder.empty() ? "kb/coded" : choice.coded_folder;
    std::error_code ignored;
    if (!std::filesystem::exists(folder, ignored) || engine::expand_rule_paths({folder}).files.empty())
        throw Error("no coded knowledge in " + label + "; run `treatykb code --all` first", {},
                    choice.coded_folder.empty() ? "or name another folder with --coded-folder DIR"
                                                : "or write it there: treatykb code --all -o " + label);
    return {source, {folder}};
}

}  // namespace

std::optional<VerifiedKnowledge> load_verified_knowledge(const Store& store,
                                                         const std::vector<std::string>& rules,
                                                         const std::vector<std::string>& scenarios,
                                                         const KnowledgeChoice& choice) {
    if (choice.source == "hand") return load_verified_knowledge(store, rules, scenarios);
    auto [source, coded] = knowledge_source(choice);
    try {
        VerifiedKnowledge knowledge =
            engine::load_knowledge(store, rule_files_or_default(rules), source, coded, scenarios);
        if (print_rejected(knowledge.rejected) > 0) return std::nullopt;
        return knowledge;
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return std::nullopt;
    }
}

std::optional<VerifiedKnowledge> load_unverified_knowledge(const Store& store,
                                                           const std::vector<std::string>& rules,
                                                           const KnowledgeChoice& choice) {
    auto [source, coded] = knowledge_source(choice);
    try {
        return engine::load_unverified_knowledge(store, rule_files_or_default(rules), source, coded);
    } catch (const engine::ProgramErrors& errors) {
        print_program_errors(errors);
        return std::nullopt;
    }
}

QuotesVerifiedAside::QuotesVerifiedAside(const Store& store, const std::string& database,
                                         const engine::Program& program)
    : store_(store) {
    evidence_.evidence = program.evidence;
    const long long generation = store.generation();
    aside_ = std::async(std::launch::async, [this, database, generation]() -> std::optional<Checked> {
        if (generation == 0) return std::nullopt;  // no counter to tell two states apart
        try {
            Store reader(database, StoreAccess::read_only);
            ReadSnapshot snapshot(reader);
            if (reader.generation() != generation) return std::nullopt;  // an ingest came between
            Checked checked;
            checked.rejected = engine::verify_quotes(reader, evidence_, checked.counts);
            return checked;
        } catch (...) {
            return std::nullopt;  // verified on the caller's connection instead, which reports any error
        }
    });
}

QuotesVerifiedAside::~QuotesVerifiedAside() {
    if (aside_.valid()) aside_.wait();  // the thread reads evidence_: it ends before it goes
}

bool QuotesVerifiedAside::finish(KnowledgeSummary& summary) {
    std::optional<Checked> checked = aside_.get();
    if (!checked) {
        checked.emplace();
        checked->rejected = engine::verify_quotes(store_, evidence_, checked->counts);
    }
    summary.quotes_verified += checked->counts.quotes_verified;
    summary.quotes_in_enclosing += checked->counts.quotes_in_enclosing;
    summary.unverified.insert(summary.unverified.end(), checked->counts.unverified.begin(),
                              checked->counts.unverified.end());
    return print_rejected(checked->rejected) == 0;
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

std::map<std::string, InstrumentDates> instrument_dates(const Store& store) {
    std::map<std::string, InstrumentDates> dates;
    for (const Instrument& instrument : store.instruments()) dates[instrument.alias].signed_date = instrument.date_signed;
    for (auto& [alias, date] : store.text_dates()) dates[alias].text_date = date;
    return dates;
}

TidyContext tidy_context(const KnowledgeSummary& knowledge, const InstrumentDates& dates) {
    return {knowledge.source, knowledge.coded_files, dates.signed_date, dates.text_date};
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
    // A report cites the same provisions many times (every measure lists its sources): each is
    // looked up once. The label and its copies share the cache; a command runs on one thread.
    auto cache = std::make_shared<std::unordered_map<std::string, std::string>>();
    return [&store, cache](const std::string& provision) {
        if (auto known = cache->find(provision); known != cache->end()) return known->second;
        std::string label = provision;
        if (std::size_t hash = provision.find('#'); hash != std::string::npos) {
            std::string instrument = provision.substr(0, hash);
            if (store.resolve_alias(instrument)) label = store.citation(instrument, provision.substr(hash + 1));
        }
        cache->emplace(provision, label);
        return label;
    };
}

}  // namespace treatykb::cli
