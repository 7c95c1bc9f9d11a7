// treatykb/engine/program.hpp — a loaded rule program: declarations, facts, annotations with their
// evidence, rules, priorities. This is the output of the loader (loader.hpp) and the input of
// evaluation (model.hpp). Every element keeps where it was written.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/datalog/value.hpp"
#include "kb/error.hpp"

namespace treatykb::engine {

struct ArgumentDecl {
    std::string name;
    Type type = Type::symbol;
};

struct RelationDecl {
    std::string name;
    std::vector<ArgumentDecl> arguments;
    std::string doc;
    SourceLocation where;
};

struct Term {
    enum class Kind : std::uint8_t { variable, constant };
    Kind kind = Kind::constant;
    std::string variable;  // without '?'; "_" is anonymous
    Value value = 0;       // for constants
    Type syntax = Type::symbol;  // the constant's type as written (an integer may fill a decimal)
    SourceLocation where;
    bool is_anonymous() const { return kind == Kind::variable && variable == "_"; }
};

struct Atom {
    std::string relation;
    bool complement = false;  // ~relation(...): the strong negation, concluded defeasibly only
    std::vector<Term> arguments;
    SourceLocation where;
};

enum class Comparison : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };

struct Literal {
    enum class Kind : std::uint8_t { positive, negated, comparison, builtin };
    Kind kind = Kind::positive;
    Atom atom;  // positive, negated, builtin (instrument_of, article_of)
    Comparison comparison = Comparison::equal;
    Term left, right;  // comparison
    SourceLocation where;
};

enum class Strength : std::uint8_t { strict, defeasible, defeater };
std::string_view strength_name(Strength strength);

struct Rule {
    std::string id;
    Strength strength = Strength::strict;
    Atom head;
    std::vector<Literal> body;
    std::string source_variable;  // source="?p": the provision the instance rests on
    std::string domain_variable;  // domain="?d": the domain it rules on (lex specialis)
    std::string doc;
    SourceLocation where;
};

// A ground fact. Facts from a <facts file="..."> table share one table entry (see FactTable).
struct Fact {
    std::string relation;
    bool complement = false;
    std::vector<Value> values;
    SourceLocation where;
    std::vector<SourceLocation> argument_where;  // one per value (type errors point at it)
    int annotation = -1;  // index into Program::annotations, or -1
};

// Tab-separated facts of one relation (benchmarks, bulk data): values row-major.
struct FactTable {
    std::string relation;
    std::size_t arity = 0;
    std::vector<Value> values;
    SourceLocation where;  // the <facts> element; rows are cited as file:row of the .tsv
    std::string data_file;
};

// One <quote> of an annotation: what a verifier checks against the stored treaty text.
struct Evidence {
    std::string annotation_id;
    std::string provision;   // alias#eId
    std::string instrument;  // alias
    std::string eid;
    std::string lang;
    std::string quote;
    SourceLocation where;
};

struct Annotation {
    std::string id;
    std::string provision;
    std::vector<std::size_t> evidence;  // indices into Program::evidence
    std::string note;
    SourceLocation where;
};

struct Override {
    std::string superior;
    std::string inferior;
    SourceLocation where;
};

enum class Criterion : std::uint8_t { explicit_override, lex_superior, lex_specialis, lex_posterior };
std::string_view criterion_name(Criterion criterion);
// Every criterion, in declaration order; with criterion_name the one place their names are kept.
inline constexpr Criterion all_criteria[] = {Criterion::explicit_override, Criterion::lex_superior,
                                             Criterion::lex_specialis, Criterion::lex_posterior};
std::optional<Criterion> criterion_from_name(std::string_view name);

// What a scenario file removes from the program it is applied to (see scenario.hpp).
struct Retraction {
    enum class Kind : std::uint8_t { fact, annotation, rule };
    Kind kind = Kind::fact;
    std::string target;  // annotation or rule id
    Fact fact;           // for Kind::fact
    SourceLocation where;
};

struct Program {
    std::shared_ptr<ConstantPool> constants = std::make_shared<ConstantPool>();
    std::vector<RelationDecl> relations;
    std::vector<Fact> facts;
    std::vector<FactTable> tables;
    std::vector<Annotation> annotations;
    std::vector<Evidence> evidence;
    std::vector<Rule> rules;
    std::vector<Override> overrides;
    std::vector<Criterion> priority_order = {Criterion::explicit_override};
    std::vector<Retraction> retractions;  // only in scenario programs
    std::vector<std::string> files;       // every file read, includes too, in load order

    const RelationDecl* relation(std::string_view name) const;
    const Rule* rule(std::string_view id) const;
    // Renders an atom or fact in the rule language: competence(customs_tariff, single, eaeu#art_25).
    std::string render(const Fact& fact) const;
};

}  // namespace treatykb::engine
