// Writing the tidy tables (cli/report/tidy_tables.hpp) where the user asked: one table, or a
// folder of them.
#pragma once

#include <string>
#include <vector>

#include "cli/report/data_table.hpp"

namespace treatykb::cli {

// The table named `name`; throws a UsageError naming the tables when there is none.
const DataTable& find_table(const std::vector<DataTable>& tables, const std::string& name);

// Writes CSV: `table` alone to `output` (standard output when empty or "-"), or, with no table,
// every table to the folder `output` as NAME.csv. Throws UsageError when neither is given.
void write_tidy_csv(const std::vector<DataTable>& tables, const std::string& table,
                    const std::string& output);

} // namespace treatykb::cli
