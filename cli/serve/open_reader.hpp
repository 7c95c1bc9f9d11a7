// Opening the web reader for `treatykb serve` and `treatykb site`: the database read-only (a
// missing file is an error, never a new empty database), the knowledge verified against it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/knowledge.hpp"
#include "cli/serve/reader.hpp"

namespace treatykb::cli::serve {

// Throws treatykb::Error (one line) when the database is missing or unreadable. A rejected
// knowledge base is reported on stderr (each quote) and leaves the reader without analysis.
// `knowledge` chooses the annotations as `analyze --knowledge hand|coded|both` does; a missing or
// empty coded folder is an Error ("no coded knowledge in kb/coded; ...").
std::unique_ptr<Reader> open_reader(const Options& options, const std::vector<std::string>& rules,
                                    const KnowledgeChoice& knowledge = {});

} // namespace treatykb::cli::serve
