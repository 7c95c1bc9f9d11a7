#include "cli/tidy_output.hpp"

#include <filesystem>

#include "cli/commands.hpp"
#include "cli/conventions.hpp"

namespace treatykb::cli {

const DataTable& find_table(const std::vector<DataTable>& tables, const std::string& name) {
    for (const DataTable& table : tables)
        if (table.name == name)
            return table;
    std::string names;
    for (const DataTable& table : tables)
        names += (names.empty() ? "" : ", ") + table.name;
    throw UsageError("no table \"" + name + "\"", {}, "the tables are " + names);
}

void write_tidy_csv(const std::vector<DataTable>& tables, const std::string& table,
                    const std::string& output) {
    if (!table.empty()) {
        write_output(to_csv(find_table(tables, table)), output);
        return;
    }
    namespace fs = std::filesystem;
    std::error_code error;
    bool folder = !output.empty() && output != "-" &&
                  (output.back() == '/' || fs::is_directory(output, error));
    if (!folder)
        throw UsageError("CSV holds one table per file", {},
                         "give a folder (-o results/) for every table, or --table findings for "
                         "one on standard output; the tables: summary, findings, provisions, "
                         "quotes, domains, limitations, stages, bodies, power");
    fs::create_directories(output, error);
    if (error)
        throw Error("cannot create the folder " + output + ": " + error.message(), {output},
                    "check the path and its permissions");
    for (const DataTable& each : tables)
        write_output(to_csv(each), (fs::path(output) / (each.name + ".csv")).string());
}

} // namespace treatykb::cli
