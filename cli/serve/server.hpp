// treatykb/cli/serve/server.hpp — the HTTP front of the web reader (cpp-httplib): its own routes
// only (no file serving), GET and HEAD only, bounded request sizes, 404 and 400 as pages or JSON,
// never a stack trace. See docs/serve.md.
#pragma once

#include <functional>
#include <string>

#include "cli/serve/pages.hpp"
#include "cli/serve/reader.hpp"

namespace treatykb::cli::serve {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;  // 0: any free port
    int threads = 64; // worker threads: one per open connection (keep-alive)
    int work_slots = 0; // handlers computing at once (work_gate.hpp); 0: the number of cores
    int page_cache_mb = 64; // rendered text pages kept per generation (page_cache.hpp); 0: none
};

// Serves until the process is stopped. `ready` is called with the port once the socket listens
// (useful with port 0). Returns false when the address cannot be bound.
bool run_server(Reader& reader, const PageContext& context, const ServerOptions& options,
                const std::function<void(int port)>& ready);

} // namespace treatykb::cli::serve
