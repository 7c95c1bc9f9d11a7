// treatykb/kb/coding_rules.hpp — the coder's rules, read from kb/coding/*.xml (docs/coding.md).
//
// A coding file holds lexicon terms (organs, policy domains, states: a symbol and the regular
// expressions that name it) and rules (a Boost.Regex-with-ICU pattern over provision text, the
// languages it reads, its class, a confidence, and fact templates in the annotation vocabulary).
// Loading validates everything: a bad regex, an unknown class, relation or lexicon, a wrong number
// of arguments, or a placeholder naming a capture the pattern lacks is a treatykb::Error at the
// file:line:column of the offending character, with the regex engine's message.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "kb/error.hpp"

namespace treatykb::coding {

struct CompiledRegex;  // a boost::u32regex (kb/coding_rules.cpp)

struct Pattern {
    std::string source;
    std::shared_ptr<const CompiledRegex> regex;
    std::map<std::string, int> captures;  // named capture -> group number
    SourceLocation where;                 // the first character of the expression
    // Literals every match contains, derived from the expression (kb/regex_prefilter.hpp): for
    // each entry one of its strings, lower-cased code point by code point. Empty: no condition.
    std::vector<std::vector<std::u32string>> prefilter;
};

// One entry of a lexicon: <term lexicon="organ" symbol="supreme_council" kind="intergovernmental">
struct Term {
    std::string lexicon;
    std::string symbol;
    std::map<std::string, std::string> attributes;  // every other attribute (kind, ...)
    int priority = 0;  // priority="N": a more specific term named anywhere beats an earlier one
    std::vector<Pattern> names;
    SourceLocation where;
};

// {captures|conversion}: how a placeholder of a fact template is filled. The captures are tried in
// order; `before` is the sentence up to the match; `pronoun`, where that sentence's subject is a
// pronoun ("It shall take its decisions by majority"; it, they, il(s), elle(s)), is each sentence of
// the provision before it, nearest first; `article` is the text of the enclosing article
// (its own and its paragraphs' and points'); the name `context` (or an empty list, {|organ}) then
// lets a lexicon conversion read the lead-in of a list, the headings of the provision and its
// ancestors, then the provision's own text. A lexicon conversion may keep only the terms with an
// attribute's value: {article|organ[kind=judicial]}.
struct Placeholder {
    std::vector<std::string> captures;  // named captures of the rule's pattern
    bool context = false;               // fall back on the provision's headings and text
    std::string conversion;  // a lexicon ("organ", "organ.kind"), ratio.num, ratio.den, decimal, integer, string,
                             // instrument (the coded instrument's symbol, {|instrument}: no capture),
                             // instrument_named (a stored instrument the words name), parts ({list,whole|parts*}:
                             // the organs of the list whose term is part_of the whole's organ)
    char pick = 0;           // lexicons: 0 the earliest term named, '$' the last, '*' each (one fact per term)
    // lexicons: only the terms whose attribute has this value, {article|organ[kind=judicial]}
    std::string filter_attribute, filter_value;
};

// A fact template, "decision_rule({body|organ}, consensus, 1, 1, members, @)", as literal pieces
// and placeholders in order.
struct FactTemplate {
    std::string relation;
    std::string text;
    std::vector<std::string> literals;       // literals.size() == placeholders.size() + 1
    std::vector<Placeholder> placeholders;
    bool optional = false;  // optional="yes": left out, rather than dropping the proposal, when unresolved
    bool distinct = false;  // distinct="yes": lexicon placeholders take different terms (appeal(a, b))
    SourceLocation where;
};

struct CodingRule {
    std::string id;
    std::string klass;                   // one of coding_classes()
    std::vector<std::string> languages;  // ISO 639-1
    double confidence = 0.5;
    Pattern pattern;
    std::string quote;  // "sentence" (default), "match", or a named capture
    std::vector<FactTemplate> facts;
    std::vector<Pattern> require;  // each must match somewhere in the provision's own text
    std::vector<Pattern> unless;   // none may match there
    bool parent_scope = false;     // scope="parent" on <require>/<unless>: the parent's own text (list items)
    SourceLocation where;
};

// <definition lexicon="organ"><pattern>...(?'short'...)...(?'full'...)</pattern></definition>: a
// definition in a treaty's text ("Commission means the Free Trade Commission established under
// Article 19.1") that makes the words of one term (short) mean another term (full) across the
// instrument's text in that language.
struct Definition {
    std::string lexicon;
    Pattern pattern;
    SourceLocation where;
};

struct CodingRuleSet {
    std::vector<Term> terms;
    std::vector<CodingRule> rules;
    // lexicon name -> attribute "prefix" ("instrument": symbols get the instrument's prefix)
    std::map<std::string, bool> prefixed_lexicons;
    // lexicons whose context placeholders read a list's lead-in before the headings (lead_in="yes")
    std::set<std::string> lead_in_lexicons;
    // "lexicon\x1fS" -> the indexes of the terms with short="S": what the words of term S mean where
    // a text names one of those terms in full (the Free Trade Commission, then "the Commission")
    std::map<std::string, std::vector<std::size_t>> longer_forms;
    std::vector<Definition> definitions;
};

// The classes a rule may belong to: bodies, decision_rules, dispute_settlement, competence,
// autonomy, authority (the MIA decision areas, policy streams and dispute-settlement items that
// kb/rules/authority.xml reads), parties (member_state).
const std::vector<std::string>& coding_classes();

// relation name -> number of arguments (from the knowledge schema, supplied by the caller).
using RelationArity = std::map<std::string, int>;

// Reads and validates the files in order; throws treatykb::Error at the first problem.
CodingRuleSet load_coding_rules(const std::vector<std::string>& files, const RelationArity& relations);

// Every kb/coding/*.xml under a source tree, sorted.
std::vector<std::string> default_coding_files(const std::string& source_dir);

}  // namespace treatykb::coding
