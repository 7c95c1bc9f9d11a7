// The analysis commands' side of the analysis service (engine/analysis/knowledge.hpp): the same
// calls, with every error printed on stderr as the program prints errors, and the rule paths
// defaulted to the project's kb/knowledge and kb/rules (cli/rule_files.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/report/analysis_report.hpp"
#include "cli/report/tidy_tables.hpp"
#include "engine/analysis/knowledge.hpp"
#include "kb/store.hpp"

namespace treatykb::cli {

using engine::VerifiedKnowledge;

// engine::load_knowledge; invalid rules and every rejected quote are printed (file:line:column,
// what, how to fix) and nullopt is returned. Quotes of instruments or languages not in the
// database are counted as unverified, by name, in the summary.
std::optional<VerifiedKnowledge> load_verified_knowledge(const Store& store,
                                                         const std::vector<std::string>& rules,
                                                         const std::vector<std::string>& scenarios);

// Which annotations an analysis command rests on: --knowledge hand|coded|both and the folder of
// coded knowledge (--coded-folder, default kb/coded, written by `treatykb code`).
struct KnowledgeChoice {
    std::string source = "hand";
    std::string coded_folder;
};

void add_knowledge_options(CLI::App& command, KnowledgeChoice& choice);

// As above, on the annotations `choice` names (engine::load_knowledge with a KnowledgeSource).
// A coded folder that is missing or holds no knowledge file is an Error: "no coded knowledge in
// kb/coded; run `treatykb code --all` first".
std::optional<VerifiedKnowledge> load_verified_knowledge(const Store& store,
                                                         const std::vector<std::string>& rules,
                                                         const std::vector<std::string>& scenarios,
                                                         const KnowledgeChoice& choice);

// As load_verified_knowledge, without verifying the quotes (engine::load_unverified_knowledge):
// the caller verifies them with QuotesVerifiedAside before it writes anything derived from them.
std::optional<VerifiedKnowledge> load_unverified_knowledge(const Store& store,
                                                           const std::vector<std::string>& rules,
                                                           const KnowledgeChoice& choice);

// The quotes of `program` verified on a thread of their own, side by side with what the caller
// does next (`compare` evaluates and analyses meanwhile), over a second read-only connection to
// `database`. That connection is used only when it sees the committed state `store` sees (the same
// Store::generation, not 0); otherwise, or when it cannot be opened, finish() verifies on `store`.
// The evidence is copied: the caller may go on with (and move) the program.
class QuotesVerifiedAside {
public:
    QuotesVerifiedAside(const Store& store, const std::string& database, const engine::Program& program);
    QuotesVerifiedAside(const QuotesVerifiedAside&) = delete;
    QuotesVerifiedAside& operator=(const QuotesVerifiedAside&) = delete;
    ~QuotesVerifiedAside();

    // Waits for the verification, adds its counts to `summary` and prints every rejected quote
    // (as load_verified_knowledge does); false when any quote was rejected. Call it once.
    bool finish(KnowledgeSummary& summary);

private:
    struct Checked {
        std::vector<Error> rejected;
        KnowledgeSummary counts;
    };
    const Store& store_;
    engine::Program evidence_;
    std::future<std::optional<Checked>> aside_;
};

// Two dates of an instrument (ISO, empty when unknown): its signature, and the version its stored
// texts represent (Store::text_dates: a consolidated text is later than the signature).
struct InstrumentDates {
    std::string signed_date;
    std::string text_date;
};
// The dates of every instrument in the store, by alias.
std::map<std::string, InstrumentDates> instrument_dates(const Store& store);

// The tidy tables' context (cli/report/tidy_tables.hpp) for one instrument.
TidyContext tidy_context(const KnowledgeSummary& knowledge, const InstrumentDates& dates);

// engine::verify_quotes, each rejected quote printed; returns their number.
std::size_t verify_quotes(const Store& store, const engine::Program& program,
                          KnowledgeSummary& summary);

// engine::apply_scenarios: a scenario annotation whose quote is not in its provision, or that
// cites a provision the stored expression lacks, rejects the scenario. Prints every error and
// returns nullopt when the scenario is invalid.
std::optional<engine::Program> apply_scenarios(const Store& store, const engine::Program& base,
                                               const std::vector<std::string>& scenarios);

// engine::at_date with the option named --as-of (a ProgramErrors naming it for a bad date).
engine::Program at_date(engine::Program program, const std::string& date);

// Today's date in UTC, YYYY-MM-DD: the default evaluation date.
std::string today_utc();

// "EAEU Treaty, Art. 47" from the store, or the reference itself when the store lacks it; each
// provision is looked up once (one thread: the label is not shared between threads).
CitationLabel store_citations(const Store& store);

}  // namespace treatykb::cli
