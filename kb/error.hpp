// treatykb/kb/error.hpp — the one error type of treatykb.
//
// Every piece of bad input (a treaty file, a rule file, an annotation, a query) is reported as an
// Error raised at the boundary where the input is read, carrying where it happened (file, line,
// column, and the provision when there is one), what is wrong, and how to fix it. Library code
// never prints and never exits; the CLI renders an Error once, on stderr, and exits non-zero.
#pragma once

#include <stdexcept>
#include <string>

namespace treatykb {

struct SourceLocation {
    std::string file;  // empty when the input is not a file (a command-line query)
    int line = 0;      // 1-based; 0 when unknown
    int column = 0;    // 1-based, in characters; 0 when unknown
};

class Error : public std::runtime_error {
public:
    explicit Error(std::string message, SourceLocation where = {}, std::string hint = {},
                   std::string provision = {});

    const std::string& message() const { return message_; }
    const SourceLocation& where() const { return where_; }
    const std::string& hint() const { return hint_; }
    const std::string& provision() const { return provision_; }

    // "file:line:column: error: message [provision]" and, on a second line, "  hint: ...".
    std::string render() const;

private:
    std::string message_;
    SourceLocation where_;
    std::string hint_;
    std::string provision_;
};

}  // namespace treatykb
