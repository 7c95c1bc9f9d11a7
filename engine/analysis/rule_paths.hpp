// Folders wherever rule or knowledge files are accepted (`check kb`, `--rules kb/knowledge`):
// each folder stands for the .xml files under it, walked recursively in a stable order.
#pragma once

#include <string>
#include <vector>

namespace treatykb::engine {

struct RulePaths {
    std::vector<std::string> files;     // the files named, and those found in folders, in order
    std::vector<std::string> scenarios; // scenario files found in folders, left out
    std::vector<std::string> coding;    // coding-rule files (kb/coding) found in folders, left out
};

// Files are kept as given (a missing file is reported by the loader, with its name). A folder
// brings its *.xml files, recursively, sorted by path; scenario files in it (root element
// <scenario>, applied with --scenario, not rule files) are left out and listed in `scenarios`, and
// so are the coder's pattern rules (root element <coding>, read by `treatykb code`), in `coding`.
RulePaths expand_rule_paths(const std::vector<std::string>& given);

} // namespace treatykb::engine
