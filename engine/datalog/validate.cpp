// Validation of a loaded program: names, arities, types, safety, overrides, stratification, and
// reading the tab-separated fact tables. Every error is collected (never the first only), each
// with the position to fix and a hint.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>

#include "engine/datalog/detail/loader_detail.hpp"
#include "engine/datalog/detail/stratify.hpp"
#include "engine/datalog/detail/term_parser.hpp"

namespace treatykb::engine::detail {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

const std::vector<ArgumentDecl>& builtin_signature(std::string_view relation) {
    static const std::vector<ArgumentDecl> instrument_of{{"provision", Type::provision}, {"instrument", Type::symbol}};
    static const std::vector<ArgumentDecl> article_of{{"provision", Type::provision}, {"article", Type::provision}};
    return relation == "instrument_of" ? instrument_of : article_of;
}

class Validator {
public:
    explicit Validator(LoadState& state) : state_(state), program_(*state.program) {}

    void run() {
        declarations();
        priority_metadata();
        for (Fact& fact : program_.facts) check_fact(fact);
        for (const PendingTable& table : state_.tables) read_table(table);
        state_.tables.clear();
        std::set<std::string> rule_ids;
        for (Rule& rule : program_.rules) {
            if (!rule.id.empty() && !rule_ids.insert(rule.id).second)
                error(rule.where, "rule id '" + rule.id + "' is used twice", "give each rule its own id");
            check_rule(rule);
        }
        for (const Override& override : program_.overrides)
            for (const std::string* id : {&override.superior, &override.inferior})
                if (!id->empty() && !rule_ids.count(*id))
                    error(override.where, "override names an unknown rule '" + *id + "'",
                          suggestion(*id, rule_ids, "rule"));
        references();
        std::set<std::string> annotation_ids;
        for (const Annotation& annotation : program_.annotations)
            if (!annotation.id.empty() && !annotation_ids.insert(annotation.id).second)
                error(annotation.where, "annotation id '" + annotation.id + "' is used twice",
                      "give each annotation its own id");
        if (state_.diagnostics.empty()) strata();
    }

private:
    // Instruments are written two ways: as provision prefixes (cis-fta-2011#art_1) and as
    // symbols (member_state(cis_fta_2011, RUS)); both name the same instrument.
    static std::string instrument_key(std::string name) {
        std::replace(name.begin(), name.end(), '_', '-');
        return name;
    }

    // Names that must refer to something the knowledge base declares: the instrument of every
    // annotation (declared by instrument/3 or member_state/2 facts), the bearers of bearer_state
    // (members of the provision's instrument) and both sides of applies_to. Only checked in a
    // program that declares instruments at all (not in small rule programs without the schema).
    void references() {
        const ConstantPool& constants = *program_.constants;
        std::set<std::string> instruments;
        std::map<std::string, std::set<std::string>> members;  // instrument key -> states
        for (const Fact& fact : program_.facts) {
            if (fact.values.empty()) continue;
            if (fact.relation == "instrument" || fact.relation == "member_state")
                instruments.insert(instrument_key(constants.render(fact.values[0])));
            if (fact.relation == "member_state" && fact.values.size() == 2)
                members[instrument_key(constants.render(fact.values[0]))].insert(
                    constants.render(fact.values[1]));
        }
        if (instruments.empty()) return;
        auto known = [&](const std::string& name) { return instruments.count(instrument_key(name)) > 0; };
        std::string list;
        for (const std::string& name : instruments) list += (list.empty() ? "" : ", ") + name;
        for (const Annotation& annotation : program_.annotations) {
            std::string instrument = annotation.provision.substr(0, annotation.provision.find('#'));
            if (!known(instrument))
                error(annotation.where, "annotation " + annotation.id + " names an unknown instrument '" +
                          instrument + "'",
                      "use an instrument the knowledge base declares (" + list +
                          "), or declare it with instrument(alias, kind, date)");
        }
        for (const Fact& fact : program_.facts) {
            auto at = [&](std::size_t i) {
                return i < fact.argument_where.size() ? fact.argument_where[i] : fact.where;
            };
            if (fact.relation == "applies_to" && fact.values.size() == 3) {
                for (std::size_t i : {0u, 1u})
                    if (!known(constants.render(fact.values[i])))
                        error(at(i), "applies_to names an unknown instrument '" +
                                         constants.render(fact.values[i]) + "'",
                              "use an instrument the knowledge base declares (" + list + ")");
                std::string reach = constants.render(fact.values[2]);
                if (reach != "general" && reach != "one_off")
                    error(at(2), "applies_to reach is '" + reach + "'", "write general or one_off");
            }
            if (fact.relation == "seat_range" && fact.values.size() == 5) {
                // 0 <= minimum <= maximum <= total: a seat table is checked against this range.
                auto number = [&](std::size_t i) { return std::stol(constants.render(fact.values[i])); };
                const long minimum = number(1), maximum = number(2), total = number(3);
                if (minimum < 0 || minimum > maximum)
                    error(at(1), "seat_range minimum " + std::to_string(minimum) + " is not between 0 and the maximum " +
                                     std::to_string(maximum),
                          "write seat_range(body, minimum, maximum, total, provision) with 0 <= minimum <= maximum");
                else if (maximum > total)
                    error(at(2), "seat_range maximum " + std::to_string(maximum) + " is above the total " +
                                     std::to_string(total),
                          "a state cannot hold more seats than the body has: check maximum and total");
            }
            if (fact.relation == "bearer_state" && fact.values.size() == 2) {
                std::string provision = constants.render(fact.values[0]);
                std::string instrument = instrument_key(provision.substr(0, provision.find('#')));
                std::string state = constants.render(fact.values[1]);
                const std::set<std::string>& states = members[instrument];
                if (!states.count(state)) {
                    std::string names;
                    for (const std::string& name : states) names += (names.empty() ? "" : ", ") + name;
                    error(at(1), "unknown bearer '" + state + "': not a member state of " + instrument,
                          names.empty() ? "declare the instrument's members with member_state facts"
                                        : "name one of its member states (" + names + ")");
                }
            }
        }
    }

    void error(const SourceLocation& where, std::string message, std::string hint) {
        state_.diagnostics.push_back(Diagnostic{where, std::move(message), std::move(hint)});
    }

    template <typename Names>
    std::string suggestion(const std::string& name, const Names& known, const std::string& what) {
        std::string best;
        std::size_t best_distance = 3;
        for (const auto& candidate : known) {
            std::size_t distance = edit_distance(name, candidate);
            if (distance < best_distance) best = candidate, best_distance = distance;
        }
        return best.empty() ? "declare the " + what + " first, or fix the name"
                            : "did you mean '" + best + "'?";
    }

    void declarations() {
        for (const RelationDecl& decl : program_.relations) {
            if (decl.name.empty()) continue;
            if (is_builtin(decl.name)) {
                error(decl.where, "'" + decl.name + "' is a built-in and cannot be declared", "choose another name");
                continue;
            }
            if (decl.arguments.size() > 16)
                error(decl.where, "relation '" + decl.name + "' has " + std::to_string(decl.arguments.size()) +
                                      " arguments; at most 16 are supported",
                      "split it into two relations sharing a key");
            auto [it, added] = declared_.emplace(decl.name, &decl);
            if (!added)
                error(decl.where, "relation '" + decl.name + "' is declared twice (first at " +
                                      it->second->where.file + ":" + std::to_string(it->second->where.line) + ")",
                      "keep one declaration");
        }
    }

    // The meta-rules read these relations by position (defeasible.cpp): their declarations must
    // have the shape docs/rule-language.md gives them.
    void priority_metadata() {
        bool used = std::any_of(program_.rules.begin(), program_.rules.end(), [](const Rule& rule) {
            return !rule.source_variable.empty() || !rule.domain_variable.empty();
        });
        if (!used) return;  // programs without meta-rule instances may use these names freely
        const std::pair<const char*, std::vector<Type>> expected[] = {
            {"provision_rank", {Type::provision, Type::integer}},
            {"provision_date", {Type::provision, Type::date}},
            {"exception_to", {Type::provision, Type::provision}},
            {"within", {Type::symbol, Type::symbol}}};
        for (const auto& [name, types] : expected) {
            auto it = declared_.find(name);
            if (it == declared_.end()) continue;
            std::vector<Type> actual;
            for (const ArgumentDecl& argument : it->second->arguments) actual.push_back(argument.type);
            if (actual == types) continue;
            std::string shape;
            for (Type type : types) shape += (shape.empty() ? "" : ", ") + std::string(type_name(type));
            error(it->second->where, std::string("'") + name + "' is read by the priority meta-rules and must be declared (" + shape + ")",
                  "declare it with these argument types, or rename the relation");
        }
    }

    const RelationDecl* lookup(const std::string& name, const SourceLocation& where) {
        auto it = declared_.find(name);
        if (it != declared_.end()) return it->second;
        std::vector<std::string> names;
        for (const auto& [known, decl] : declared_) names.push_back(known);
        error(where, "unknown relation '" + name + "'", suggestion(name, names, "relation"));
        return nullptr;
    }

    // Checks (and for integers in decimal columns, converts) one constant.
    bool check_value(Value& value, Type expected, const SourceLocation& where, const RelationDecl& decl,
                     std::size_t position) {
        Type actual = program_.constants->type(value);
        if (actual == expected) return true;
        if (actual == Type::integer && expected == Type::decimal) {
            value = program_.constants->decimal(program_.constants->text(value));
            return true;
        }
        error(where, "argument " + std::to_string(position + 1) + " of " + decl.name + " (" +
                         decl.arguments[position].name + ") must be " + a_type(expected) +
                         ", not the " + std::string(type_name(actual)) + " " + program_.constants->render(value),
              "see the declaration at " + decl.where.file + ":" + std::to_string(decl.where.line));
        return false;
    }

    bool check_arity(std::size_t given, const RelationDecl& decl, const SourceLocation& where) {
        if (given == decl.arguments.size()) return true;
        std::string signature;
        for (const ArgumentDecl& argument : decl.arguments)
            signature += (signature.empty() ? "" : ", ") + argument.name + ": " + std::string(type_name(argument.type));
        error(where, decl.name + " takes " + std::to_string(decl.arguments.size()) + " arguments, not " +
                         std::to_string(given),
              "write " + decl.name + "(" + signature + ")");
        return false;
    }

    void check_fact(Fact& fact) {
        const RelationDecl* decl = lookup(fact.relation, fact.where);
        if (!decl) return;
        if (fact.complement)
            error(fact.where, "a fact cannot be a strong negation ~" + fact.relation,
                  "conclude ~" + fact.relation + " with a defeasible rule");
        if (!check_arity(fact.values.size(), *decl, fact.where)) return;
        for (std::size_t i = 0; i < fact.values.size(); ++i)
            check_value(fact.values[i], decl->arguments[i].type,
                        i < fact.argument_where.size() ? fact.argument_where[i] : fact.where, *decl, i);
    }

    void read_table(const PendingTable& table) {
        const RelationDecl* decl = lookup(table.relation, table.where);
        if (!decl) return;
        std::ifstream in(table.path, std::ios::binary);
        if (!in) {
            error(table.where, "cannot read the fact table " + table.path, "the path is relative to this file");
            return;
        }
        std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        FactTable result{table.relation, decl->arguments.size(), {}, table.where, table.path};
        ConstantPool& constants = *program_.constants;
        std::size_t line = 1;
        for (std::size_t position = 0; position < contents.size(); ++line) {
            std::size_t end = contents.find('\n', position);
            if (end == std::string::npos) end = contents.size();
            std::string_view row(contents.data() + position, end - position);
            position = end + 1;
            if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
            if (row.empty()) continue;
            std::size_t column = 0;
            for (std::size_t i = 0; i < decl->arguments.size(); ++i) {
                std::size_t tab = row.find('\t');
                std::string_view field = row.substr(0, tab);
                Value value = 0;
                Type type = decl->arguments[i].type;
                bool ok = true;
                if (type == Type::integer) {
                    std::int64_t number = 0;
                    auto parsed = std::from_chars(field.data(), field.data() + field.size(), number);
                    ok = parsed.ec == std::errc() && parsed.ptr == field.data() + field.size();
                    value = constants.integer(number);
                } else if (type == Type::decimal) {
                    try { value = constants.decimal(field); } catch (const std::invalid_argument&) { ok = false; }
                } else if (type == Type::string) value = constants.string(field);
                else if (type == Type::date) {
                    ok = valid_date(field);
                    value = constants.date(field);
                }
                else if (type == Type::provision) value = constants.provision(field);
                else value = constants.symbol(field);
                if (!ok || (tab == std::string_view::npos) != (i + 1 == decl->arguments.size())) {
                    error(SourceLocation{table.path, static_cast<int>(line), static_cast<int>(column + 1)},
                          "row does not match " + decl->name + " (" + std::to_string(decl->arguments.size()) +
                              " tab-separated fields, field " + std::to_string(i + 1) + " " +
                              a_type(type) + ")",
                          "fix the row");
                    result.values.resize(result.values.size() - i);
                    break;
                }
                result.values.push_back(value);
                column += field.size() + 1;
                row = tab == std::string_view::npos ? std::string_view() : row.substr(tab + 1);
            }
        }
        program_.tables.push_back(std::move(result));
    }

    // Checks one atom's relation, arity and argument types; records variable types.
    void check_atom(Atom& atom, const std::vector<ArgumentDecl>* signature, const RelationDecl* decl,
                    std::map<std::string, std::pair<Type, SourceLocation>>& variables) {
        if (!signature) return;
        RelationDecl builtin_decl{atom.relation, *signature, {}, {}};
        if (!decl) decl = &builtin_decl;
        if (!check_arity(atom.arguments.size(), *decl, atom.where)) return;
        for (std::size_t i = 0; i < atom.arguments.size(); ++i) {
            Term& term = atom.arguments[i];
            Type expected = (*signature)[i].type;
            if (term.kind == Term::Kind::constant) {
                check_value(term.value, expected, term.where, *decl, i);
                continue;
            }
            if (term.is_anonymous()) continue;
            auto [it, added] = variables.emplace(term.variable, std::make_pair(expected, term.where));
            if (!added && it->second.first != expected)
                error(term.where, "?" + term.variable + " is " + a_type(expected) + " here (" +
                                      decl->name + " argument " + std::to_string(i + 1) + ") but " +
                                      a_type(it->second.first) + " at line " +
                                      std::to_string(it->second.second.line) + ", column " +
                                      std::to_string(it->second.second.column),
                      "use two different variables, or fix the relation");
        }
    }

    void check_rule(Rule& rule) {
        std::map<std::string, std::pair<Type, SourceLocation>> variables;
        std::set<std::string> bound;  // variables of positive atoms (and of built-in outputs)
        auto signature_of = [&](Atom& atom) -> std::pair<const std::vector<ArgumentDecl>*, const RelationDecl*> {
            if (is_builtin(atom.relation)) return {&builtin_signature(atom.relation), nullptr};
            const RelationDecl* decl = lookup(atom.relation, atom.where);
            return {decl ? &decl->arguments : nullptr, decl};
        };
        for (Literal& literal : rule.body) {
            if (literal.kind == Literal::Kind::positive) {
                auto [signature, decl] = signature_of(literal.atom);
                check_atom(literal.atom, signature, decl, variables);
                for (const Term& term : literal.atom.arguments)
                    if (term.kind == Term::Kind::variable && !term.is_anonymous()) bound.insert(term.variable);
            }
        }
        // Built-ins bind their output once their input is bound; iterate to a fixpoint.
        for (bool changed = true; changed;) {
            changed = false;
            for (Literal& literal : rule.body) {
                if (literal.kind != Literal::Kind::builtin || literal.atom.arguments.size() != 2) continue;
                const Term& input = literal.atom.arguments[0];
                const Term& output = literal.atom.arguments[1];
                bool input_bound = input.kind == Term::Kind::constant || bound.count(input.variable);
                if (input_bound && output.kind == Term::Kind::variable && !output.is_anonymous() &&
                    bound.insert(output.variable).second)
                    changed = true;
            }
        }
        auto require_bound = [&](const Term& term, const std::string& where_used) {
            if (term.kind != Term::Kind::variable || bound.count(term.variable)) return;
            if (term.is_anonymous()) {
                if (where_used == "head" || where_used == "comparison")
                    error(term.where, "'_' cannot appear in a " + where_used, "use a variable bound in the body");
                return;
            }
            error(term.where,
                  "unsafe variable ?" + term.variable + " in the " + where_used + " of rule " + rule.id,
                  "?" + term.variable + " must also occur in a positive atom of the body");
        };
        for (Literal& literal : rule.body) {
            if (literal.kind == Literal::Kind::negated) {
                auto [signature, decl] = signature_of(literal.atom);
                check_atom(literal.atom, signature, decl, variables);
                for (const Term& term : literal.atom.arguments) require_bound(term, "negated literal");
            } else if (literal.kind == Literal::Kind::builtin) {
                auto [signature, decl] = signature_of(literal.atom);
                check_atom(literal.atom, signature, decl, variables);
                if (!literal.atom.arguments.empty()) require_bound(literal.atom.arguments[0], "built-in");
            } else if (literal.kind == Literal::Kind::comparison) {
                require_bound(literal.left, "comparison");
                require_bound(literal.right, "comparison");
                auto type_of = [&](const Term& term) -> std::optional<Type> {
                    if (term.kind == Term::Kind::constant) return program_.constants->type(term.value);
                    auto it = variables.find(term.variable);
                    if (it == variables.end()) return std::nullopt;
                    return it->second.first;
                };
                auto left = type_of(literal.left), right = type_of(literal.right);
                auto numeric = [](Type t) { return t == Type::integer || t == Type::decimal; };
                if (left && right && *left != *right && !(numeric(*left) && numeric(*right)))
                    error(literal.where, "cannot compare " + a_type(*left) + " with " + a_type(*right),
                          "compare values of one type (integers and decimals compare with each other)");
            }
        }
        auto [head_signature, head_decl] = signature_of(rule.head);
        if (is_builtin(rule.head.relation))
            error(rule.head.where, "the built-in " + rule.head.relation + " cannot be a rule head",
                  "conclude a declared relation");
        check_atom(rule.head, head_signature, head_decl, variables);
        for (const Term& term : rule.head.arguments) require_bound(term, "head");
        if (rule.head.complement && rule.strength == Strength::strict)
            error(rule.head.where, "a strict rule cannot conclude the strong negation ~" + rule.head.relation,
                  "make the rule strength=\"defeasible\" (or a defeater)");
        for (const std::string* variable : {&rule.source_variable, &rule.domain_variable}) {
            if (variable->empty()) continue;
            if (!bound.count(*variable))
                error(rule.where, "?" + *variable + " (source/domain of rule " + rule.id +
                                      ") does not occur in a positive atom of the body",
                      "name a variable of the body");
            // (a variable bound only in atoms of undeclared relations has no type: that is
            // reported there; `at` threw here, found by fuzz_rules)
            else if (auto typed = variables.find(*variable); variable == &rule.source_variable &&
                                                              typed != variables.end() &&
                                                              typed->second.first != Type::provision)
                error(rule.where, "source=\"?" + *variable + "\" must be a provision", "name a provision variable");
        }
        if (rule.strength == Strength::strict && (!rule.source_variable.empty() || !rule.domain_variable.empty()))
            error(rule.where, "source/domain only matter for defeasible rules and defeaters",
                  "remove them, or make the rule defeasible");
    }

    void strata() {
        Stratification stratification = stratify(program_);
        for (const StratumViolation& violation : stratification.violations) {
            const Rule& rule = program_.rules[violation.rule];
            std::string cycle;
            for (const std::string& name : violation.cycle) cycle += (cycle.empty() ? "" : " -> ") + name;
            if (violation.literal >= 0 && rule.body[static_cast<std::size_t>(violation.literal)].kind ==
                                              Literal::Kind::negated)
                error(rule.body[static_cast<std::size_t>(violation.literal)].where,
                      "negation through recursion in rule " + rule.id + ": " + cycle,
                      "a relation may not depend on its own negation; break the cycle");
            else
                error(violation.literal >= 0 ? rule.body[static_cast<std::size_t>(violation.literal)].where
                                             : rule.where,
                      "the " + std::string(strength_name(rule.strength)) + " rule " + rule.id +
                          " concludes " + rule.head.relation + " from a relation that depends on it: " + cycle,
                      "defeasible conclusions are settled against complete premises: compute the premises "
                      "with strict rules that do not depend on " + rule.head.relation);
        }
    }

    LoadState& state_;
    Program& program_;
    std::map<std::string, const RelationDecl*> declared_;
};

}  // namespace

void validate(LoadState& state) { Validator(state).run(); }

}  // namespace treatykb::engine::detail
