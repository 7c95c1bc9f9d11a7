// treatykb/engine/term_parser.hpp — the text syntax inside <fact>, <head>, <body> (detail of the
// loader). Grammar (docs/rule-language.md, "Terms"):
//   body    := literal ("," literal)*
//   literal := "not" atom | atom | term op term        op := = != < <= > >=
//   atom    := ["~"] name "(" [term ("," term)*] ")"
//   term    := ?var | _ | symbol | alias#eId | "string" | integer | decimal | YYYY-MM-DD | @
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/datalog/program.hpp"
#include "engine/datalog/detail/source_text.hpp"

namespace treatykb::engine::detail {

struct SyntaxError {
    std::size_t offset;  // in the decoded element text
    std::string message;
    std::string hint;
};

bool is_builtin(std::string_view relation);

class TermParser {
public:
    // this_provision: the value of '@' (inside an <annotation>), if any.
    TermParser(std::string_view text, const TextLocator& locator, ConstantPool& constants,
               std::optional<Value> this_provision);

    Atom atom_only();                  // a whole text that is one atom; throws SyntaxError
    std::vector<Literal> body();       // a whole body; throws SyntaxError
    Term term_only();                  // a whole text that is one term; throws SyntaxError

private:
    Atom parse_atom();
    Literal parse_literal();
    Term parse_term();
    std::string_view identifier();
    void skip_space();
    bool at_end();
    void expect(char c, std::string_view what);
    SourceLocation here() const { return locator_.at(position_); }
    [[noreturn]] void fail(std::string message, std::string hint = {}) const;

    std::string_view text_;
    std::size_t position_ = 0;
    TextLocator locator_;
    ConstantPool& constants_;
    std::optional<Value> this_provision_;
};

}  // namespace treatykb::engine::detail
