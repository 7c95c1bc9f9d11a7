// Shared by the tests of the command-line conventions and the tidy outputs (tests/cli/
// conventions_test.cpp, tidy_data_test.cpp): a run of the built program with no --db put in front
// (their database is test_support's bundled_corpus_database()).
#pragma once

#include <string>

#include "../test_support.hpp"

namespace treatykb::testing {

// Runs the program with exactly `arguments` (shell-quoted), in `directory` when given.
inline RunResult run_bare(const std::string& arguments, const std::string& directory = "") {
    TemporaryDirectory scratch;
    std::string out_path = scratch.path() + "/out", err_path = scratch.path() + "/err";
    std::string command = (directory.empty() ? "" : "cd '" + directory + "' && ") +
                          std::string(TREATYKB_BINARY) + " " + arguments + " >'" + out_path +
                          "' 2>'" + err_path + "'";
    int status = std::system(command.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text(out_path);
    result.err = read_text(err_path);
    return result;
}

} // namespace treatykb::testing
