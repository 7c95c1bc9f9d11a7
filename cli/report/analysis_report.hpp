// Lays out an engine::Analysis (and comparisons and scenario deltas) as a report::Document.
// Presentation only: every number and every finding comes from the engine.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/report/report.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/knowledge.hpp"

namespace treatykb::cli {

// Turns a provision reference (eaeu#art_47) into a label for readers ("EAEU Treaty, Art. 47").
using CitationLabel = std::function<std::string(const std::string& provision)>;

using engine::KnowledgeSummary;  // what was loaded (engine/analysis/knowledge.hpp)

// Which annotations the knowledge rests on: "3120 hand, 2410 coded (85 coded dropped: hand speaks;
// 140 coded facts left out) — --knowledge both". Shown by analyze and compare unless --knowledge hand.
std::string annotation_sources(const KnowledgeSummary& knowledge);

report::Document analysis_document(const engine::Analysis& analysis, const engine::Model& model,
                                   const KnowledgeSummary& knowledge, const CitationLabel& cite,
                                   const std::string& command);

// Side by side: one column block per instrument (depth per domain, decision rules, indices).
report::Document comparison_document(const std::vector<engine::Analysis>& analyses,
                                     const std::string& command);

// What a scenario changes against the baseline.
report::Document scenario_document(const engine::Analysis& baseline,
                                   const engine::Analysis& scenario,
                                   const std::vector<std::string>& scenario_files,
                                   const CitationLabel& cite, const std::string& command);

// Bodies' power as tables and a chart (used by analyze and by `treatykb power INSTRUMENT`).
void add_power_section(report::Document& document, const std::vector<engine::BodyPowerResult>& power,
                       const CitationLabel& cite);

}  // namespace treatykb::cli
