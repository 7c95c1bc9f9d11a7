// Helpers shared by the command files: where the database and the project's texts are, and how
// a provision is printed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "engine/datalog/model.hpp"
#include "kb/model.hpp"
#include "kb/store.hpp"

namespace treatykb::cli {

// --db, else $TREATYKB_DB, else $XDG_DATA_HOME/treatykb/treatykb.sqlite, else
// ~/.local/share/treatykb/treatykb.sqlite. The program is the only reader of the environment.
std::string database_path(const Options& options);

// The ToTA xml folder: $TREATYKB_TOTA, else <project root>/../shared/treaty_texts/tota, when it
// exists; nullopt otherwise.
std::optional<std::string> find_tota_dir();

// The alias of an instrument in the database (Store::require_instrument); an unknown one is an
// error that suggests the closest alias ("did you mean `caspian-cu`?").
std::string require_instrument(const Store& store, const std::string& name);

// The project root holding treaty_texts/ and kb/: $TREATYKB_ROOT, else $TREATYKB_SOURCE (the
// name the test suite sets), else the source directory compiled in.
std::string project_root();

// A provision's marker as printed: "Статья 47", "1.", "1)", "а)", "–".
std::string display_marker(const Provision& provision);

// The provision and its descendants as indented text, one unit per line.
std::string render_tree(const std::vector<Provision>& units);

bool stderr_is_terminal();

// --format text|json|csv, for the commands that print data rather than a report.
void add_data_format_option(CLI::App& command, std::string& format);
// The evaluation bounds the user chose (--max-facts, --max-memory).
engine::EvaluationLimits evaluation_limits(const Options& options);
// The memory budget of exact power counting: --max-memory, else the engine's default.
std::size_t power_memory_budget(const Options& options);

} // namespace treatykb::cli
