#include "cli/commands.hpp"

#include "cli/conventions.hpp"

namespace treatykb::cli {

// One line per command file (cmd_*.cpp).
void register_all(CLI::App& app, Options& options) {
    register_ingest(app, options);
    register_list(app, options);
    register_toc(app, options);
    register_show(app, options);
    register_refs(app, options);
    register_search(app, options);
    register_cite(app, options);
    register_export(app, options);
    register_report(app, options);
    register_bench(app, options);
    register_check(app, options);
    register_query(app, options);
    register_explain(app, options);
    register_power(app, options);
    register_analyze(app, options);
    register_compare(app, options);
    register_code(app, options);
    register_serve(app, options);
    register_site(app, options);
    register_completion(app, options);
    register_help(app);
}

}  // namespace treatykb::cli
