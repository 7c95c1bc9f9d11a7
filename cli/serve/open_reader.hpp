// Opening the web reader for `treatykb serve` and `treatykb site`: the database read-only (a
// missing file is an error, never a new empty database), the knowledge verified against it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/serve/reader.hpp"

namespace treatykb::cli::serve {

// Throws treatykb::Error (one line) when the database is missing or unreadable. A rejected
// knowledge base is reported on stderr (each quote) and leaves the reader without analysis.
std::unique_ptr<Reader> open_reader(const Options& options, const std::vector<std::string>& rules);

} // namespace treatykb::cli::serve
