// Reading a table of members and their weights (populations for double-majority rules, seats for a
// chamber whose seats are allocated outside the treaty) from a small CSV file.
#include <fstream>

#include "engine/analysis/power.hpp"
#include "kb/error.hpp"

namespace treatykb::power {

std::vector<Member> read_member_table(const std::string& path, const std::string& column) {
    const std::string what = "the " + column + " table";
    const std::string header = "code,name," + column;
    std::ifstream in(path);
    if (!in)
        throw Error("cannot open " + what, {path}, "give a CSV file " + header);
    std::vector<Member> members;
    std::string line;
    int line_number = 0;
    bool header_seen = false;
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line.front() == '#')
            continue;
        if (!header_seen) {
            if (line != header)
                throw Error("expected the header '" + header + "'", {path, line_number, 1});
            header_seen = true;
            continue;
        }
        const auto first = line.find(',');
        const auto last = line.rfind(',');
        if (first == std::string::npos || first == last)
            throw Error("expected " + header, {path, line_number, 1});
        try {
            members.push_back({line.substr(0, first), parse_decimal(line.substr(last + 1))});
        } catch (const Error& bad) {
            throw Error(bad.message(), {path, line_number, static_cast<int>(last) + 2}, bad.hint());
        }
    }
    if (members.empty())
        throw Error(what + " lists no member", {path});
    return members;
}

std::vector<Member> read_population_table(const std::string& path) {
    return read_member_table(path, "population");
}

} // namespace treatykb::power
