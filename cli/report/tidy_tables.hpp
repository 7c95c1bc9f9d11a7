// The analysis as tidy data (docs/codebook.md): one table per kind of observation, one row per
// observation, one column per variable, every table opening with the instrument (and scenario)
// so that the tables of several treaties stack. Read from the engine's Analysis, never from the
// presentation document. `analyze`/`compare --format csv` write them one per file; `--format
// json` writes them under "tables", in the versioned schema docs/schema/analysis.schema.json.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cli/report/analysis_report.hpp"
#include "cli/report/data_table.hpp"
#include "engine/analysis/analysis.hpp"

namespace treatykb::cli {

// The version of the JSON schema and of the CSV columns (docs/codebook.md): the major number
// changes when a column is removed or changes meaning, the minor when one is added.
inline constexpr const char* tidy_schema_version = "2.2";

// finding_kind(kind, title, meaning) facts of kb/rules/findings.xml: kind -> (title, meaning).
using FindingKinds = std::map<std::string, std::pair<std::string, std::string>>;

FindingKinds finding_kinds(const engine::Model& model);

// The names of the tables, in the order they are written.
const std::vector<std::string>& tidy_table_names();

// What the tables say about the analysis beyond the Analysis itself: which annotations it rests on
// (KnowledgeSummary::source; quotes from `coded_files` are marked coded) and the instrument's date
// of signature and the date of the version its texts represent (from the store), for
// `instrument_measures`.
struct TidyContext {
    std::string knowledge = "hand";
    std::set<std::string> coded_files;
    std::string signed_date;  // YYYY-MM-DD, empty when unknown
    std::string text_date;    // YYYY-MM-DD, empty when unknown: the newest version of the texts read
};

// The tables of one analysis. `scenario` is empty for the treaty as written, else the scenario
// files applied (what-if). Proof trees are kept only in JSON (see tidy_json).
std::vector<DataTable> tidy_tables(const engine::Analysis& analysis, const FindingKinds& kinds,
                                   const CitationLabel& cite, const std::string& scenario = {},
                                   const TidyContext& context = {});

// Appends the rows of `more` to the tables of the same name in `into` (which must have the same
// columns): the tables of several instruments, stacked.
void stack_tables(std::vector<DataTable>& into, std::vector<DataTable> more);

struct TidyMetadata {
    std::string command;
    std::string generator;  // the program and its version
    KnowledgeSummary knowledge;
};

// The JSON document: schema version, command, knowledge summary, the tables as arrays of row
// objects, and (when the analyses carry them) the proof trees of the findings.
nlohmann::json tidy_json(const std::vector<DataTable>& tables, const TidyMetadata& metadata,
                         const std::vector<const engine::Analysis*>& analyses);

} // namespace treatykb::cli
