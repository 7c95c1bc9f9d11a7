#include "cli/commands.hpp"

namespace treatykb::cli {

// One line per command file (cmd_*.cpp).
void register_all(CLI::App& app, Options& options) {
    register_check(app, options);
    register_query(app, options);
    register_explain(app, options);
    register_power(app, options);
}

}  // namespace treatykb::cli
