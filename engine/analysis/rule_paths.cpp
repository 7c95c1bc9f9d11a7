#include "engine/analysis/rule_paths.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace treatykb::engine {

namespace {

namespace fs = std::filesystem;

// The name of the document element: the first tag after the XML declaration, comments and a
// doctype. Enough to tell a scenario from a rule file without parsing the file twice.
std::string root_element(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    std::size_t at = 0;
    while ((at = head.find('<', at)) != std::string::npos) {
        if (head.compare(at, 4, "<!--") == 0) {
            std::size_t end = head.find("-->", at);
            if (end == std::string::npos)
                return {};
            at = end + 3;
        } else if (head.compare(at, 2, "<?") == 0 || head.compare(at, 2, "<!") == 0) {
            at = head.find('>', at);
            if (at == std::string::npos)
                return {};
        } else {
            std::size_t end = head.find_first_of(" \t\r\n/>", at + 1);
            return head.substr(at + 1, end == std::string::npos ? end : end - at - 1);
        }
    }
    return {};
}

} // namespace

RulePaths expand_rule_paths(const std::vector<std::string>& given) {
    RulePaths paths;
    for (const std::string& path : given) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            paths.files.push_back(path);
            continue;
        }
        std::vector<fs::path> found;
        for (const auto& entry : fs::recursive_directory_iterator(path))
            if (entry.is_regular_file() && entry.path().extension() == ".xml")
                found.push_back(entry.path());
        std::sort(found.begin(), found.end());
        for (const fs::path& file : found) {
            std::string root = root_element(file);
            if (root == "scenario")
                paths.scenarios.push_back(file.string());
            else if (root == "coding")
                paths.coding.push_back(file.string());
            else
                paths.files.push_back(file.string());
        }
    }
    return paths;
}

} // namespace treatykb::engine
