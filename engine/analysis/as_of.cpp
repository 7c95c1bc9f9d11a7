// The evaluation date: a program evaluated at a date carries the one fact as_of(DATE)
// (kb/knowledge/schema.xml), from which the rules decide which regimes have ended and who is a
// member. Adding one fact of a declared relation needs no new validation of the whole program.
#include "engine/analysis/knowledge.hpp"
#include "engine/datalog/loader.hpp"
#include "engine/datalog/value.hpp"

namespace treatykb::engine {

Program at_date(Program program, std::string_view date, const std::string& option) {
    SourceLocation where{option, 0, 0};
    const RelationDecl* decl = program.relation("as_of");
    if (!decl || decl->arguments.size() != 1 || decl->arguments[0].type != Type::date)
        throw ProgramErrors({Diagnostic{where, "the rules do not declare as_of(date)",
                                        "load kb/knowledge/schema.xml with the rules"}});
    if (!valid_date(date))
        throw ProgramErrors({Diagnostic{where, "not a valid date: " + std::string(date),
                                        "dates are YYYY-MM-DD, with a day that exists in that "
                                        "month (2014-02-28, not 2014-02-31)"}});
    Fact fact;
    fact.relation = "as_of";
    fact.values.push_back(program.constants->date(date));
    fact.where = where;
    fact.argument_where.push_back(where);
    program.facts.push_back(std::move(fact));
    return program;
}

}  // namespace treatykb::engine
