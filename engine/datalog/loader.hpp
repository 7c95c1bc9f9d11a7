// treatykb/engine/loader.hpp — reading rule programs: XML files (with their includes) are parsed,
// validated (every error of every file collected, each with file:line:column and what to change),
// and returned as a Program ready for evaluate() (model.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/datalog/program.hpp"
#include "kb/error.hpp"

namespace treatykb::engine {

struct Diagnostic {
    SourceLocation where;
    std::string message;
    std::string hint;
    std::string render() const;  // "file:line:column: error: message" and a hint line
};

// Thrown when a program has errors; what() renders the first, diagnostics() lists them all.
class ProgramErrors : public Error {
public:
    explicit ProgramErrors(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

// Loads and validates; throws ProgramErrors (all errors) or Error (a file cannot be read).
Program load_program(const std::vector<std::string>& files);
// The files, then program texts held in memory (name, XML), loaded and validated as one program:
// a caller's declarations that the files' annotations need.
Program load_program(const std::vector<std::string>& files,
                     const std::vector<std::pair<std::string, std::string>>& texts);
// Loads program text held in memory; `name` is the file name errors cite.
Program load_program_text(std::string_view xml, const std::string& name);
// Validation only: every error found, none thrown (unreadable files are diagnostics too).
std::vector<Diagnostic> check_program(const std::vector<std::string>& files);

// What-if scenarios: the scenario files are read on top of `base` (they may use its relations),
// their <retract> elements remove base facts, annotations or rules, their facts and rules are
// added, and the whole is validated again. `base` is not changed.
Program apply_scenario(const Program& base, const std::vector<std::string>& scenario_files);
Program apply_scenario_text(const Program& base, std::string_view xml, const std::string& name);

}  // namespace treatykb::engine
