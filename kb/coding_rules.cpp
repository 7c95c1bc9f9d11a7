#include "kb/coding_rules.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kb/detail/coding_regex.hpp"
#include "kb/regex_prefilter.hpp"
#include "kb/text_parser.hpp"
#include "kb/unicode_text.hpp"

namespace fs = std::filesystem;

namespace treatykb::coding {

namespace {

constexpr const char* kNamespace = "urn:treatykb:coding:1";

// Maps byte offsets of one file to line and column (columns count UTF-8 characters).
class FileText {
public:
    FileText(std::string name, std::string bytes) : name_(std::move(name)), bytes_(std::move(bytes)) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < bytes_.size(); ++i)
            if (bytes_[i] == '\n') starts_.push_back(i + 1);
    }
    const std::string& bytes() const { return bytes_; }
    SourceLocation at(std::size_t offset) const {
        offset = std::min(offset, bytes_.size());
        auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin();
        std::size_t start = starts_[static_cast<std::size_t>(line - 1)];
        int column = 1;
        for (std::size_t i = start; i < offset; ++i)
            if ((static_cast<unsigned char>(bytes_[i]) & 0xC0) != 0x80) ++column;
        return {name_, static_cast<int>(line), column};
    }
    // The raw offset of the `decoded`-th byte of an element's text that starts at raw offset
    // `raw`: entity references (&lt; &amp; &#39; ...) count as one decoded character.
    std::size_t raw_offset(std::size_t raw, std::size_t decoded, const std::string& text) const {
        std::size_t d = 0;
        while (d < decoded && raw < bytes_.size()) {
            if (bytes_[raw] == '&') {
                std::size_t end = bytes_.find(';', raw);
                raw = end == std::string::npos ? raw + 1 : end + 1;
                // one decoded character (possibly several bytes)
                std::size_t width = 1;
                unsigned char lead = d < text.size() ? static_cast<unsigned char>(text[d]) : 0;
                if (lead >= 0xF0) width = 4;
                else if (lead >= 0xE0) width = 3;
                else if (lead >= 0xC0) width = 2;
                d += width;
            } else {
                ++raw;
                ++d;
            }
        }
        return raw;
    }

private:
    std::string name_;
    std::string bytes_;
    std::vector<std::size_t> starts_;
};

// The raw offset where a text-bearing element's content starts (after "<![CDATA[" for CDATA).
std::size_t content_offset(pugi::xml_node element) {
    pugi::xml_node text = element.first_child();
    if (!text) return static_cast<std::size_t>(element.offset_debug());
    return static_cast<std::size_t>(text.offset_debug());
}

std::string trim(std::string_view text) {
    std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    std::size_t end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

// Byte offset of the `code_points`-th code point of a UTF-8 string.
std::size_t byte_of_code_point(const std::string& text, std::size_t code_points) {
    std::size_t i = 0, seen = 0;
    while (i < text.size() && seen < code_points) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
        ++seen;
    }
    return i;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Named captures of a Perl-syntax expression and their group numbers: (?<n>..), (?'n'..),
// (?P<n>..) are named; ( is numbered; (?...) otherwise is not a group.
std::map<std::string, int> named_captures(const std::string& pattern) {
    std::map<std::string, int> names;
    int group = 0;
    bool in_class = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (c == '\\') {
            ++i;
            continue;
        }
        if (in_class) {
            if (c == ']') in_class = false;
            continue;
        }
        if (c == '[') {
            in_class = true;
            if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
            if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;
            continue;
        }
        if (c != '(') continue;
        if (i + 1 >= pattern.size() || pattern[i + 1] != '?') {
            ++group;
            continue;
        }
        std::size_t start = i + 2;
        if (start < pattern.size() && pattern[start] == 'P') ++start;
        if (start >= pattern.size()) continue;
        char open = pattern[start];
        if ((open == '<' || open == '\'') && start + 1 < pattern.size() && is_name_char(pattern[start + 1])) {
            char close = open == '<' ? '>' : '\'';
            std::size_t end = pattern.find(close, start + 1);
            if (end == std::string::npos) continue;
            ++group;
            names[pattern.substr(start + 1, end - start - 1)] = group;
        }
    }
    return names;
}

// The conversions that name no lexicon: they read the captured words themselves (or, for
// `instrument`, nothing).
bool is_builtin_conversion(const std::string& conversion) {
    static const std::set<std::string> builtin{"ratio.num", "ratio.den", "decimal", "integer", "string",
                                                "instrument", "instrument_named", "parts"};
    return builtin.count(conversion) > 0;
}

class Reader {
public:
    Reader(CodingRuleSet& set, const RelationArity& relations) : set_(set), relations_(relations) {}

    void read_file(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error("cannot read the coding file " + path, {path, 0, 0}, "check the path");
        std::ostringstream bytes;
        bytes << in.rdbuf();
        file_ = std::make_unique<FileText>(path, bytes.str());
        // Boost converts each expression from UTF-8 as it compiles it, and throws a bare
        // std::out_of_range at an invalid sequence (found by tests/fuzz/fuzz_coding_rules.cpp):
        // the bytes, and the characters their references name, are checked first.
        if (auto bad = first_invalid_utf8(file_->bytes()))
            throw Error("not UTF-8 text (invalid byte at offset " + std::to_string(*bad) + ")", file_->at(*bad),
                        "save the coding file as UTF-8");
        require_valid_character_references(file_->bytes(), path);
        pugi::xml_document document;
        pugi::xml_parse_result parsed = document.load_buffer(file_->bytes().data(), file_->bytes().size(),
                                                             pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            throw Error(std::string("malformed XML: ") + parsed.description(),
                        file_->at(static_cast<std::size_t>(parsed.offset)), "fix the XML syntax");
        pugi::xml_node root = document.document_element();
        if (std::string_view(root.name()) != "coding" || std::string_view(root.attribute("xmlns").value()) != kNamespace)
            throw Error("a coding file's root is <coding xmlns=\"" + std::string(kNamespace) + "\">", at(root),
                        "see docs/coding.md");
        for (pugi::xml_node node : root.children()) {
            if (node.type() != pugi::node_element) continue;
            std::string_view name = node.name();
            if (name == "lexicon") read_lexicon(node);
            else if (name == "term") read_term(node);
            else if (name == "guard") read_guard(node);
            else if (name == "rule") read_rule(node);
            else if (name == "definition") read_definition(node);
            else
                throw Error("unknown element <" + std::string(name) + "> in a coding file", at(node),
                            "a coding file holds <lexicon>, <term>, <definition>, <guard> and <rule>");
        }
    }

    // Lexicon references are checked once every file is read (a lexicon may be declared later).
    void check_lexicons() const {
        for (const CodingRule& rule : set_.rules)
            for (const FactTemplate& fact : rule.facts)
                for (const Placeholder& placeholder : fact.placeholders) {
                    std::string conversion = placeholder.conversion;
                    if (conversion == "parts") {
                        // The organs of a list that are parts of a whole: two captures, the list then the whole.
                        if (placeholder.captures.size() != 2 || placeholder.context)
                            throw Error("{...|parts} reads two captures, the list of parts and the whole", fact.where,
                                        "write {list,whole|parts*}");
                        if (!set_.prefixed_lexicons.count("organ"))
                            throw Error("{...|parts} reads the organ lexicon, which is not declared", fact.where,
                                        "declare <lexicon name=\"organ\" prefix=\"instrument\"/>");
                        continue;
                    }
                    if (is_builtin_conversion(conversion)) continue;
                    std::string lexicon = conversion.substr(0, conversion.find('.'));
                    if (!set_.prefixed_lexicons.count(lexicon))
                        throw Error("{...|" + conversion + "} names no lexicon or conversion",
                                    fact.where,
                                    "declare <lexicon name=\"" + lexicon +
                                        "\"/> or use ratio.num, ratio.den, decimal, integer, string, instrument, "
                                        "instrument_named");
                    if (placeholder.filter_attribute.empty()) continue;
                    bool some = std::any_of(set_.terms.begin(), set_.terms.end(), [&](const Term& term) {
                        auto value = term.attributes.find(placeholder.filter_attribute);
                        return term.lexicon == lexicon && value != term.attributes.end() &&
                               value->second == placeholder.filter_value;
                    });
                    if (!some)
                        throw Error("{...|" + conversion + "[" + placeholder.filter_attribute + "=" +
                                        placeholder.filter_value + "]} keeps no term: no term of the " + lexicon +
                                        " lexicon has " + placeholder.filter_attribute + "=\"" +
                                        placeholder.filter_value + "\"",
                                    fact.where, "name an attribute value the lexicon's terms carry");
                }
        for (const Definition& definition : set_.definitions)
            if (!set_.prefixed_lexicons.count(definition.lexicon))
                throw Error("a definition names the undeclared lexicon " + definition.lexicon, definition.where,
                            "declare <lexicon name=\"" + definition.lexicon + "\"/>");
        for (const Term& term : set_.terms) {
            if (!set_.prefixed_lexicons.count(term.lexicon))
                throw Error("term " + term.symbol + " belongs to the undeclared lexicon " + term.lexicon, term.where,
                            "declare <lexicon name=\"" + term.lexicon + "\"/>");
            // part_of="whole" and short="S": the whole, and the term whose words are the short
            // name, are other terms of the same lexicon.
            // short= may name several terms, separated by spaces.
            for (const char* attribute : {"part_of", "short"}) {
                auto value = term.attributes.find(attribute);
                if (value == term.attributes.end()) continue;
                bool is_short = attribute == std::string("short");
                std::vector<std::string> symbols;
                std::istringstream words(value->second);
                for (std::string word; words >> word;) symbols.push_back(word);
                if (!is_short || symbols.empty()) symbols = {value->second};
                for (const std::string& symbol : symbols) {
                    bool known = std::any_of(set_.terms.begin(), set_.terms.end(), [&](const Term& other) {
                        return other.lexicon == term.lexicon && other.symbol == symbol && &other != &term;
                    });
                    if (!known)
                        throw Error("term " + term.symbol + " has " + attribute + "=\"" + value->second + "\": \"" + symbol +
                                        "\" is no other term of the " + term.lexicon + " lexicon",
                                    term.where,
                                    std::string(is_short ? "name the symbols of the terms whose words are the short names"
                                                         : "name the symbol of the whole") +
                                        " (a <term lexicon=\"" + term.lexicon + "\">)");
                    if (is_short)
                        set_.longer_forms[term.lexicon + '\x1f' + symbol].push_back(static_cast<std::size_t>(&term - set_.terms.data()));
                }
            }
        }
    }

private:
    SourceLocation at(pugi::xml_node node) const { return file_->at(static_cast<std::size_t>(node.offset_debug())); }

    std::string required(pugi::xml_node node, const char* attribute) const {
        pugi::xml_attribute found = node.attribute(attribute);
        if (!found || !*found.value())
            throw Error("<" + std::string(node.name()) + "> needs the attribute " + attribute, at(node),
                        std::string("add ") + attribute + "=\"...\"");
        return found.value();
    }

    // The location of the decoded byte `offset` of an element's text.
    SourceLocation text_at(pugi::xml_node element, std::size_t offset) const {
        std::size_t raw = content_offset(element);
        pugi::xml_node text = element.first_child();
        if (text && text.type() == pugi::node_cdata && file_->bytes().compare(raw, 9, "<![CDATA[") == 0) raw += 9;
        std::string value = element.child_value();
        // leading whitespace was trimmed from what we compile: count it back
        return file_->at(file_->raw_offset(raw, offset, value));
    }

    Pattern compile(pugi::xml_node element) const {
        std::string raw = element.child_value();
        std::size_t lead = raw.find_first_not_of(" \t\r\n");
        std::string source = trim(raw);
        if (source.empty())
            throw Error("<" + std::string(element.name()) + "> holds no regular expression", at(element),
                        "write a Perl-syntax expression (docs/coding.md)");
        // A control character is no XML 1.0 character, but the parser passes it through; in an
        // expression it is a literal that no treaty text contains, so the rule would match nothing.
        // The usual cause is an escape a script or editor turned into the character ("\b" -> U+0008).
        auto control = std::find_if(source.begin(), source.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
        });
        if (control != source.end()) {
            unsigned code = static_cast<unsigned char>(*control);
            char hex[8];
            std::snprintf(hex, sizeof hex, "%04X", code);
            throw Error(std::string("control character U+") + hex + " in a regular expression",
                        text_at(element, lead + static_cast<std::size_t>(control - source.begin())),
                        code == 0x08 ? "write the word boundary as the two characters \\b"
                                     : std::string("remove it, or write it as an escape (\\x{") + hex + "})");
        }
        Pattern pattern;
        pattern.source = source;
        pattern.where = text_at(element, lead == std::string::npos ? 0 : lead);
        auto compiled = std::make_shared<CompiledRegex>();
        try {
            compiled->regex = boost::make_u32regex(source, boost::regex_constants::perl | boost::regex_constants::icase);
        } catch (const boost::regex_error& error) {
            std::size_t position = error.position() < 0 ? 0 : static_cast<std::size_t>(error.position());
            std::size_t byte = byte_of_code_point(source, position);
            throw Error(std::string("bad regular expression: ") + error.what(), text_at(element, lead + byte),
                        "fix the expression (Perl syntax, Boost.Regex with ICU)");
        }
        pattern.regex = std::move(compiled);
        pattern.captures = named_captures(source);
        pattern.prefilter = derive_prefilter(source);
        return pattern;
    }

    void read_lexicon(pugi::xml_node node) {
        std::string name = required(node, "name");
        std::string prefix = node.attribute("prefix").value();
        if (!prefix.empty() && prefix != "instrument")
            throw Error("prefix=\"" + prefix + "\" is not a prefix", at(node),
                        "write prefix=\"instrument\" or leave it out");
        set_.prefixed_lexicons[name] = prefix == "instrument";
        std::string lead_in = node.attribute("lead_in").value();
        if (!lead_in.empty() && lead_in != "yes" && lead_in != "no")
            throw Error("lead_in=\"" + lead_in + "\" is neither yes nor no", at(node),
                        "write lead_in=\"yes\" (an item of a list is said of what its lead-in names) or leave it out");
        if (lead_in == "yes") set_.lead_in_lexicons.insert(name);
    }

    void read_definition(pugi::xml_node node) {
        Definition definition;
        definition.lexicon = required(node, "lexicon");
        definition.where = at(node);
        bool has_pattern = false;
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            if (std::string_view(child.name()) != "pattern" || has_pattern)
                throw Error("unexpected element <" + std::string(child.name()) + "> in <definition>", at(child),
                            "a definition holds one <pattern>");
            definition.pattern = compile(child);
            has_pattern = true;
        }
        if (!has_pattern)
            throw Error("<definition> holds no <pattern>", at(node), "add <pattern> with the captures (?'short'...) and (?'full'...)");
        for (const char* capture : {"short", "full"})
            if (!definition.pattern.captures.count(capture))
                throw Error(std::string("a definition's pattern has no capture (?'") + capture + "'...)",
                            definition.pattern.where,
                            "capture the defined words as (?'short'...) and the words that define them as (?'full'...)");
        set_.definitions.push_back(std::move(definition));
    }

    void read_term(pugi::xml_node node) {
        Term term;
        term.lexicon = required(node, "lexicon");
        term.symbol = required(node, "symbol");
        term.where = at(node);
        for (pugi::xml_attribute attribute : node.attributes()) {
            std::string_view name = attribute.name();
            if (name == "priority") term.priority = attribute.as_int();
            else if (name != "lexicon" && name != "symbol") term.attributes[std::string(name)] = attribute.value();
        }
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            if (std::string_view(child.name()) != "name")
                throw Error("unknown element <" + std::string(child.name()) + "> in <term>", at(child),
                            "a term holds <name> expressions");
            term.names.push_back(compile(child));
        }
        if (term.names.empty())
            throw Error("term " + term.symbol + " has no <name>", term.where, "add <name>an expression</name>");
        set_.terms.push_back(std::move(term));
    }

    Placeholder parse_placeholder(const std::string& inside, const CodingRule& rule, SourceLocation where) const {
        std::size_t bar = inside.find('|');
        if (bar == std::string::npos)
            throw Error("{" + inside + "} needs a conversion", where,
                        "write {capture|lexicon}, {capture|ratio.num}, {capture|decimal} ...");
        Placeholder placeholder;
        placeholder.conversion = inside.substr(bar + 1);
        if (!placeholder.conversion.empty() &&
            (placeholder.conversion.back() == '*' || placeholder.conversion.back() == '$')) {
            placeholder.pick = placeholder.conversion.back();
            placeholder.conversion.pop_back();
        }
        if (std::size_t open = placeholder.conversion.find('['); open != std::string::npos) {
            // organ[kind=judicial]: only the terms whose attribute has that value.
            std::string filter = placeholder.conversion.substr(open);
            std::size_t equals = filter.find('=');
            if (filter.back() != ']' || equals == std::string::npos || equals == 1 || equals + 2 >= filter.size())
                throw Error("{" + inside + "}: a filter is written [attribute=value]", where,
                            "write e.g. {article|organ[kind=judicial]}");
            placeholder.filter_attribute = filter.substr(1, equals - 1);
            placeholder.filter_value = filter.substr(equals + 1, filter.size() - equals - 2);
            placeholder.conversion.resize(open);
            if (is_builtin_conversion(placeholder.conversion) || placeholder.conversion == "instrument" ||
                placeholder.conversion.find('.') != std::string::npos)
                throw Error("{" + inside + "}: only a lexicon's terms are filtered", where,
                            "write {capture|lexicon[attribute=value]}");
        }
        std::istringstream names(inside.substr(0, bar));
        for (std::string name; std::getline(names, name, ',');) {
            name = trim(name);
            if (name.empty()) continue;
            if (name == "context") {
                placeholder.context = true;
                continue;
            }
            // the sentence up to the match; the provision before a sentence whose subject is a
            // pronoun; the enclosing article
            if (name == "before" || name == "pronoun" || name == "article") {
                placeholder.captures.push_back(name);
                continue;
            }
            if (!rule.pattern.captures.count(name)) {
                std::string known;
                for (const auto& [capture, group] : rule.pattern.captures) known += (known.empty() ? "" : ", ") + capture;
                throw Error("{" + inside + "} names the capture '" + name + "', which the pattern of rule " + rule.id +
                                " does not have",
                            where, known.empty() ? "add (?'" + name + "'...) to the pattern"
                                                 : "the pattern's named captures are: " + known);
            }
            placeholder.captures.push_back(name);
        }
        if (placeholder.conversion == "instrument") {
            // The symbol of the instrument being coded (member_state({|instrument}, ...)): read
            // from no text, so it names no capture and picks no term.
            if (!placeholder.captures.empty() || placeholder.context || placeholder.pick)
                throw Error("{" + inside + "} reads no text: the instrument is the one being coded", where,
                            "write {|instrument}");
            return placeholder;
        }
        if (placeholder.captures.empty()) placeholder.context = true;
        // ("instrument", the other conversion that names no lexicon, returned above.)
        if (is_builtin_conversion(placeholder.conversion) && placeholder.captures.empty())
            throw Error("{" + inside + "} names no capture to convert", where, "write {capture|" + placeholder.conversion + "}");
        return placeholder;
    }

    FactTemplate parse_fact(pugi::xml_node node, const CodingRule& rule) const {
        FactTemplate fact;
        fact.optional = std::string_view(node.attribute("optional").value()) == "yes";
        fact.distinct = std::string_view(node.attribute("distinct").value()) == "yes";
        std::string raw = node.child_value();
        std::size_t lead = raw.find_first_not_of(" \t\r\n");
        fact.text = trim(raw);
        fact.where = text_at(node, lead == std::string::npos ? 0 : lead);
        std::size_t open = fact.text.find('(');
        if (open == std::string::npos || fact.text.back() != ')')
            throw Error("a fact is written relation(arg, ...): " + fact.text, fact.where,
                        "write e.g. decision_rule({body|organ}, consensus, 1, 1, members, @)");
        fact.relation = trim(fact.text.substr(0, open));
        auto relation = relations_.find(fact.relation);
        if (relation == relations_.end())
            throw Error("unknown relation " + fact.relation, fact.where,
                        "use a relation of kb/knowledge/schema.xml");
        int arguments = 1, depth = 0;
        std::string literal;
        for (std::size_t i = 0; i < fact.text.size(); ++i) {
            char c = fact.text[i];
            if (c == '{') {
                std::size_t close = fact.text.find('}', i);
                if (close == std::string::npos)
                    throw Error("unclosed {", text_at(node, lead + i), "close the placeholder with }");
                fact.literals.push_back(literal);
                literal.clear();
                fact.placeholders.push_back(
                    parse_placeholder(fact.text.substr(i + 1, close - i - 1), rule, text_at(node, lead + i)));
                i = close;
                continue;
            }
            if (c == '(') ++depth;
            if (c == ')') --depth;
            if (c == ',' && depth == 1) ++arguments;
            literal += c;
        }
        fact.literals.push_back(literal);
        if (arguments != relation->second)
            throw Error(fact.relation + " takes " + std::to_string(relation->second) + " arguments, not " +
                            std::to_string(arguments),
                        fact.where, "see the relation in kb/knowledge/schema.xml");
        return fact;
    }

    // <require> or <unless>, with its optional scope, compiled into `require` or `unless`.
    void read_condition(pugi::xml_node child, std::vector<Pattern>& require, std::vector<Pattern>& unless,
                        bool& parent_scope) const {
        std::string_view scope = child.attribute("scope").value();
        if (!scope.empty() && scope != "provision" && scope != "parent")
            throw Error("scope=\"" + std::string(scope) + "\" names no part of the provision", at(child),
                        "write scope=\"provision\" (the default) or scope=\"parent\"");
        if (scope == "parent") parent_scope = true;
        (std::string_view(child.name()) == "require" ? require : unless).push_back(compile(child));
    }

    // <guard name="..."> holds <require> and <unless> conditions that rules below it share by
    // <guard ref="..."/>: the same conditions as if each rule wrote them.
    void read_guard(pugi::xml_node node) {
        std::string name = required(node, "name");
        if (guards_.count(name))
            throw Error("guard " + name + " is defined twice", at(node), "give every guard its own name");
        Guard guard;
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view element = child.name();
            if (element == "require" || element == "unless")
                read_condition(child, guard.require, guard.unless, guard.parent_scope);
            else if (element != "note")
                throw Error("unknown element <" + std::string(element) + "> in <guard>", at(child),
                            "a guard holds <require>, <unless> and <note>");
        }
        if (guard.require.empty() && guard.unless.empty())
            throw Error("guard " + name + " holds no condition", at(node), "add <unless>...</unless> or <require>...</require>");
        guards_.emplace(std::move(name), std::move(guard));
    }

    void read_rule(pugi::xml_node node) {
        CodingRule rule;
        rule.id = required(node, "id");
        rule.where = at(node);
        if (!ids_.insert(rule.id).second)
            throw Error("rule id " + rule.id + " is used twice", rule.where, "give every rule its own id");
        rule.klass = required(node, "class");
        const auto& classes = coding_classes();
        if (std::find(classes.begin(), classes.end(), rule.klass) == classes.end()) {
            std::string known;
            for (const std::string& klass : classes) known += (known.empty() ? "" : ", ") + klass;
            throw Error("unknown class " + rule.klass, at(node), "the classes are: " + known);
        }
        std::istringstream languages(required(node, "lang"));
        for (std::string language; languages >> language;) rule.languages.push_back(language);
        std::string confidence = node.attribute("confidence").value();
        if (!confidence.empty()) {
            try {
                std::size_t used = 0;
                rule.confidence = std::stod(confidence, &used);
                if (used != confidence.size()) throw std::invalid_argument(confidence);
            } catch (const std::exception&) {
                rule.confidence = -1;
            }
            if (rule.confidence < 0 || rule.confidence > 1)
                throw Error("confidence=\"" + confidence + "\" is not a number from 0 to 1", at(node),
                            "write e.g. confidence=\"0.8\"");
        }
        pugi::xml_node pattern = node.child("pattern");
        if (!pattern) throw Error("rule " + rule.id + " has no <pattern>", at(node), "add <pattern>...</pattern>");
        rule.pattern = compile(pattern);
        rule.quote = node.attribute("quote").value();
        if (rule.quote.empty()) rule.quote = "sentence";
        if (rule.quote != "sentence" && rule.quote != "match" && !rule.pattern.captures.count(rule.quote))
            throw Error("quote=\"" + rule.quote + "\" names no part of the provision: neither sentence, match nor a capture of the pattern",
                        at(node), "write quote=\"sentence\", quote=\"match\" or the name of a capture");
        for (pugi::xml_node child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            std::string_view name = child.name();
            if (name == "fact") rule.facts.push_back(parse_fact(child, rule));
            else if (name == "require" || name == "unless") read_condition(child, rule.require, rule.unless, rule.parent_scope);
            else if (name == "guard") {
                std::string ref = required(child, "ref");
                auto guard = guards_.find(ref);
                if (guard == guards_.end()) {
                    std::string known;
                    for (const auto& [defined, conditions] : guards_) known += (known.empty() ? "" : ", ") + defined;
                    throw Error("<guard ref=\"" + ref + "\"/> names no guard defined before it", at(child),
                                known.empty() ? "define <guard name=\"" + ref + "\"> above the rules that use it"
                                              : "the guards defined so far are: " + known);
                }
                if (*child.child_value() || child.first_child())
                    throw Error("<guard ref=\"" + ref + "\"/> in a rule holds nothing", at(child),
                                "write the conditions in <guard name=\"" + ref + "\">, and here <guard ref=\"" + ref + "\"/>");
                const Guard& conditions = guard->second;
                rule.require.insert(rule.require.end(), conditions.require.begin(), conditions.require.end());
                rule.unless.insert(rule.unless.end(), conditions.unless.begin(), conditions.unless.end());
                rule.parent_scope = rule.parent_scope || conditions.parent_scope;
            }
            else if (name != "pattern" && name != "note")
                throw Error("unknown element <" + std::string(name) + "> in <rule>", at(child),
                            "a rule holds <pattern>, <require>, <unless>, <guard ref>, <fact> and <note>");
        }
        if (rule.facts.empty())
            throw Error("rule " + rule.id + " proposes no <fact>", at(node), "add <fact>relation(...)</fact>");
        set_.rules.push_back(std::move(rule));
    }

    struct Guard {
        std::vector<Pattern> require, unless;
        bool parent_scope = false;
    };

    CodingRuleSet& set_;
    const RelationArity& relations_;
    std::unique_ptr<FileText> file_;
    std::set<std::string> ids_;
    std::map<std::string, Guard> guards_;  // by name, for the files read so far
};

}  // namespace

const std::vector<std::string>& coding_classes() {
    static const std::vector<std::string> classes{"bodies",   "decision_rules", "dispute_settlement", "competence",
                                                  "autonomy", "authority",      "parties"};
    return classes;
}

CodingRuleSet load_coding_rules(const std::vector<std::string>& files, const RelationArity& relations) {
    CodingRuleSet set;
    Reader reader(set, relations);
    for (const std::string& file : files) reader.read_file(file);
    reader.check_lexicons();
    return set;
}

std::vector<std::string> default_coding_files(const std::string& source_dir) {
    std::vector<std::string> files;
    fs::path root = fs::path(source_dir) / "kb" / "coding";
    std::error_code missing;
    if (!fs::is_directory(root, missing)) return files;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace treatykb::coding
