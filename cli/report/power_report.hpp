// treatykb/cli/power_report.hpp — the report of `treatykb power`: one section per body with its
// rule, Coleman's power to act, a table of exact indices per member and a bar chart.
// Usable for any list of bodies (e.g. every body of a treaty in the knowledge base).
#pragma once

#include <vector>

#include "cli/report/report.hpp"
#include "engine/analysis/power.hpp"

namespace treatykb::cli {

// `metadata` goes first in the document's metadata (e.g. the command line, the data source).
report::Document power_report(const std::vector<power::BodyPower>& bodies,
                              std::vector<report::KeyValue> metadata);

// A rule as a sentence: "weight reaches at least 2/3 of the total (134 of 200 after scaling)".
std::string describe_rule(const power::VotingRule& rule);

} // namespace treatykb::cli
