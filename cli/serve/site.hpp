// treatykb/cli/serve/site.hpp — `treatykb site -o DIR`: the web reader's pages written as a static
// website (the same pages and JSON documents the server answers with, in the same layout, plus a
// prebuilt search index for client-side search), for any static web host.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cli/serve/pages.hpp"
#include "cli/serve/reader.hpp"

namespace treatykb::cli::serve {

struct SiteSummary {
    std::size_t instruments = 0;
    std::size_t provisions = 0;
    std::size_t reports = 0;
    std::size_t files = 0;
    std::size_t skipped = 0; // provisions whose eId cannot be a folder name (listed nowhere else)
};

// Writes every page of `instruments` (all when empty) under `directory`, creating it. Throws
// treatykb::Error when a file cannot be written.
SiteSummary write_site(Reader& reader, const PageContext& context, const std::string& directory,
                       const std::vector<std::string>& instruments);

} // namespace treatykb::cli::serve
