// treatykb serve [--port N] [--bind 127.0.0.1] — the read-only local web reader: instruments,
// tables of contents, provisions side by side, search, the analysis report with its proofs, power
// and comparison, each page with a JSON twin under /api/ (docs/serve.md).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/knowledge.hpp"
#include "cli/serve/open_reader.hpp"
#include "cli/serve/server.hpp"

namespace treatykb::cli {

void register_serve(CLI::App& app, Options& options) {
    struct Settings {
        serve::ServerOptions server;
        std::vector<std::string> rules;
        KnowledgeChoice knowledge;
    };
    auto settings = std::make_shared<Settings>();
    CLI::App* command = app.add_subcommand("serve", "Read-only local web reader (docs/serve.md)");
    command->add_option("--port", settings->server.port, "TCP port (0: any free port)")
        ->check(CLI::Range(0, 65535));
    command->add_option("--bind", settings->server.bind, "Address to listen on (default: loopback)");
    command->add_option("--threads", settings->server.threads, "Worker threads (open connections)")
        ->check(CLI::Range(2, 512));
    command->add_option("--work-slots", settings->server.work_slots,
                        "Requests computed at once; text pages and searches go first (default: the number of cores)")
        ->check(CLI::Range(1, 512));
    command->add_option("--page-cache-mb", settings->server.page_cache_mb,
                        "Memory for rendered text pages, kept until an ingest changes the texts (0: off; default 64)")
        ->check(CLI::Range(0, 4096));
    command->add_option("--rules", settings->rules, "Rule files (default: kb/knowledge and kb/rules)");
    add_knowledge_options(*command, settings->knowledge);
    command->callback([settings, &options] {
        std::unique_ptr<serve::Reader> reader = serve::open_reader(options, settings->rules, settings->knowledge);
        serve::PageContext context;
        context.analysed = reader->analysed_instruments();
        const std::string& bind = settings->server.bind;
        if (bind != "127.0.0.1" && bind != "::1" && bind != "localhost")
            std::cerr << "treatykb serve: warning: listening on " << bind
                      << ", not loopback; anyone who can reach it can read the database\n";
        bool served = serve::run_server(*reader, context, settings->server, [&](int port) {
            std::cout << "treatykb serve: http://" << (bind.find(':') != std::string::npos ? "[" + bind + "]" : bind)
                      << ":" << port << "/ (read-only; Ctrl-C stops)" << std::endl;
        });
        if (!served) {
            std::cerr << "error: cannot listen on " << bind << ":" << settings->server.port
                      << " (in use? try --port 0)\n";
            options.exit_code = 1;
        }
    });
}

}  // namespace treatykb::cli
