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

// Keeps the first of equal facts (same relation and values) among `added`, in order, and drops
// those the program already has. Only the relations being added are compared, by sorting
// positions rather than building a set of copies (a database's cross-references are 10^5 facts).
void drop_duplicates(const std::vector<Fact>& present, std::vector<Fact>& added) {
    std::set<std::string> relations;
    for (const Fact& fact : added) relations.insert(fact.relation);
    std::vector<const Fact*> all;  // the program's facts of those relations first, then the added
    for (const Fact& fact : present)
        if (relations.count(fact.relation)) all.push_back(&fact);
    const std::size_t old_count = all.size();
    for (const Fact& fact : added) all.push_back(&fact);
    std::vector<std::size_t> order(all.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto less = [&](std::size_t a, std::size_t b) {
        if (all[a]->relation != all[b]->relation) return all[a]->relation < all[b]->relation;
        return all[a]->values < all[b]->values;
    };
    std::stable_sort(order.begin(), order.end(), less);
    std::vector<bool> keep(added.size(), true);
    for (std::size_t i = 1; i < order.size(); ++i)
        if (!less(order[i - 1], order[i]) && order[i] >= old_count) keep[order[i] - old_count] = false;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < added.size(); ++i)
        if (keep[i]) {
            if (kept != i) added[kept] = std::move(added[i]);
            ++kept;
        }
    added.resize(kept);
}

}  // namespace

void add_facts(Program& program, const std::vector<FactRow>& rows, const std::string& origin) {
    std::vector<Diagnostic> diagnostics;
    std::vector<Fact> added;
    added.reserve(rows.size());
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
        // No argument_where: every argument is at `at`, where a reader falls back on fact.where.
        if (ok) added.push_back(std::move(fact));
    }
    if (!diagnostics.empty()) throw ProgramErrors(std::move(diagnostics));
    drop_duplicates(program.facts, added);
    program.facts.reserve(program.facts.size() + added.size());
    for (Fact& fact : added) program.facts.push_back(std::move(fact));
}

}  // namespace treatykb::engine
