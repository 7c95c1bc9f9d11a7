#include "cli/common.hpp"

#include "engine/analysis/power.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "cli/suggest.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace fs = std::filesystem;

std::string database_path(const Options& options) {
    if (!options.database.empty()) return options.database;
    if (const char* path = std::getenv("TREATYKB_DB"); path && *path) return path;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data)
        return (fs::path(data) / "treatykb" / "treatykb.sqlite").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : ".") / ".local" / "share" / "treatykb" / "treatykb.sqlite").string();
}

std::optional<std::string> find_tota_dir() {
    std::error_code error;
    if (const char* tota = std::getenv("TREATYKB_TOTA"); tota && *tota && fs::is_directory(tota, error))
        return fs::canonical(tota, error).string();
    fs::path beside = fs::path(project_root()) / ".." / "shared" / "treaty_texts" / "tota";
    if (fs::is_directory(beside, error)) return fs::canonical(beside, error).string();
    return std::nullopt;
}

std::string require_instrument(const Store& store, const std::string& name) {
    if (auto alias = store.resolve_alias(name))
        return *alias;
    std::vector<std::string> aliases;
    for (const auto& instrument : store.list()) {
        aliases.push_back(instrument.alias);
        for (const auto& other : instrument.other_aliases)
            aliases.push_back(other);
    }
    std::string hint = "`treatykb list` shows the instruments in the database";
    if (auto nearest = closest_name(name, aliases))
        hint = "did you mean `" + *nearest + "`? " + hint;
    else if (aliases.empty())
        hint = "the database is empty; `treatykb ingest --corpus` loads the bundled treaties";
    throw Error("unknown instrument \"" + name + "\"", {}, hint);
}

std::string project_root() {
    for (const char* name : {"TREATYKB_ROOT", "TREATYKB_SOURCE"})
        if (const char* root = std::getenv(name); root && *root) return root;
    return TREATYKB_SOURCE_DIR;
}

std::string display_marker(const Provision& provision) {
    const std::string& kind = provision.kind;
    const std::string& number = provision.number;
    if (kind == "article")
        return "Art. " + number;
    if (kind == "paragraph")
        return number + ".";
    if (kind == "point" && provision.parent_eid.find("annex_") == 0 &&
        provision.parent_eid.find("__point_") == std::string::npos)
        return number + "."; // annex points are numbered "50."
    if (kind == "point" || kind == "subpoint" || kind == "item")
        return number + ")";
    if (kind == "indent")
        return "–";
    if (kind == "section")
        return "Section " + number;
    if (kind == "subsection")
        return number + ".";
    if (kind == "part")
        return "Part " + number;
    if (kind == "annex")
        return "Annex " + number;
    if (kind == "appendix")
        return "Appendix " + number;
    if (kind == "chapter")
        return "Chapter " + number;
    if (kind == "title")
        return "Title " + number;
    if (kind == "preamble")
        return "Preamble";
    if (kind == "conclusions")
        return "Final formula";
    return number;
}

std::string render_tree(const std::vector<Provision>& units) {
    std::map<std::string, int> depth;
    std::string out;
    for (const auto& unit : units) {
        auto parent = depth.find(unit.parent_eid);
        int level = parent == depth.end() ? 0 : parent->second + 1;
        depth[unit.eid] = level;
        std::string indent(static_cast<std::size_t>(level) * 2, ' ');
        std::string marker = unit.kind == "wrapUp" ? "" : display_marker(unit);
        std::string line = indent + marker;
        if (!unit.heading.empty())
            line += (marker.empty() ? "" : " ") + unit.heading;
        bool heading_line = !unit.heading.empty() || unit.kind == "article" ||
                            unit.kind == "preamble" || unit.kind == "conclusions";
        if (heading_line) {
            out += line + "\n";
            line = indent + "  ";
            marker.clear();
        }
        std::size_t position = 0;
        const std::string& text = unit.text;
        bool first = true;
        while (position < text.size()) {
            std::size_t end = text.find('\n', position);
            if (end == std::string::npos)
                end = text.size();
            std::string piece = text.substr(position, end - position);
            if (first && !heading_line)
                out += line + (marker.empty() ? "" : " ") + piece + "\n";
            else
                out += indent + "  " + piece + "\n";
            first = false;
            position = end + 1;
        }
        if (text.empty() && !heading_line)
            out += line + "\n";
    }
    return out;
}

void add_data_format_option(CLI::App& command, std::string& format) {
    command.add_option("--format", format, "text (default), json or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
}

bool stderr_is_terminal() {
    return isatty(STDERR_FILENO) == 1;
}

engine::EvaluationLimits evaluation_limits(const Options& options) {
    engine::EvaluationLimits limits;
    limits.max_facts = options.max_facts;
    if (options.max_memory_mb >= 0)
        limits.max_memory_bytes = static_cast<std::size_t>(options.max_memory_mb) << 20;
    return limits;
}

std::size_t power_memory_budget(const Options& options) {
    return options.max_memory_mb >= 0 ? static_cast<std::size_t>(options.max_memory_mb) << 20
                                      : power::default_power_memory_budget;
}

} // namespace treatykb::cli
