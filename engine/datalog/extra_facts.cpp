#include "engine/datalog/extra_facts.hpp"

#include <charconv>
#include <set>

#include "engine/datalog/loader.hpp"

namespace treatykb::engine {

namespace {

bool is_symbol(const std::string& text) {
    if (text.empty() || !(std::islower(static_cast<unsigned char>(text[0])) || text[0] == '_'))
        return false;
    for (char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

bool is_provision(const std::string& text) {
    std::size_t hash = text.find('#');
    return hash != std::string::npos && hash > 0 && hash + 1 < text.size() &&
           text.find_first_of(" \t\n,()") == std::string::npos;
}

bool is_date(const std::string& text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

}  // namespace

void add_facts(Program& program, const std::vector<FactRow>& rows, const std::string& origin) {
    std::vector<Diagnostic> diagnostics;
    std::vector<Fact> added;
    // Duplicates are looked for only among the facts of the relations being added.
    std::set<std::string> relations;
    for (const FactRow& row : rows) relations.insert(row.relation);
    std::set<std::pair<std::string, std::vector<Value>>> present;
    for (const Fact& fact : program.facts)
        if (relations.count(fact.relation)) present.emplace(fact.relation, fact.values);
    SourceLocation where{origin, 0, 0};
    for (std::size_t index = 0; index < rows.size(); ++index) {
        const FactRow& row = rows[index];
        SourceLocation at{origin, static_cast<int>(index + 1), 0};
        const RelationDecl* declared = program.relation(row.relation);
        if (!declared) {
            diagnostics.push_back({at, "relation '" + row.relation + "' is not declared",
                                   "declare it in kb/knowledge/schema.xml"});
            continue;
        }
        if (declared->arguments.size() != row.values.size()) {
            diagnostics.push_back({at,
                                   row.relation + " takes " + std::to_string(declared->arguments.size()) +
                                       " arguments, " + std::to_string(row.values.size()) + " given",
                                   "see its declaration in kb/knowledge/schema.xml"});
            continue;
        }
        Fact fact;
        fact.relation = row.relation;
        fact.where = at;
        bool ok = true;
        for (std::size_t i = 0; i < row.values.size() && ok; ++i) {
            const std::string& text = row.values[i];
            ConstantPool& pool = *program.constants;
            switch (declared->arguments[i].type) {
                case Type::provision:
                    ok = is_provision(text);
                    if (ok) fact.values.push_back(pool.provision(text));
                    break;
                case Type::symbol:
                    ok = is_symbol(text);
                    if (ok) fact.values.push_back(pool.symbol(text));
                    break;
                case Type::string: fact.values.push_back(pool.string(text)); break;
                case Type::integer: {
                    long long number = 0;
                    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
                    ok = error == std::errc() && end == text.data() + text.size();
                    if (ok) fact.values.push_back(pool.integer(number));
                    break;
                }
                case Type::date:
                    ok = is_date(text);
                    if (ok) fact.values.push_back(pool.date(text));
                    break;
                case Type::decimal:
                    try {
                        fact.values.push_back(pool.decimal(text));
                    } catch (const std::invalid_argument&) {
                        ok = false;
                    }
                    break;
            }
            if (!ok)
                diagnostics.push_back({at,
                                       "value '" + text + "' of " + row.relation + " is not a " +
                                           declared->arguments[i].name + " of its declared type",
                                       "see the declaration of " + row.relation});
        }
        fact.argument_where.assign(fact.values.size(), at);
        if (ok && present.emplace(fact.relation, fact.values).second) added.push_back(std::move(fact));
    }
    if (!diagnostics.empty()) throw ProgramErrors(std::move(diagnostics));
    program.facts.reserve(program.facts.size() + added.size());
    for (Fact& fact : added) program.facts.push_back(std::move(fact));
}

}  // namespace treatykb::engine
