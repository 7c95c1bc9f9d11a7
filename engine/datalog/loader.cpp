#include "engine/datalog/loader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/datalog/detail/loader_detail.hpp"
#include "engine/datalog/detail/term_parser.hpp"

namespace treatykb::engine {

namespace fs = std::filesystem;
using detail::LoadState;
using detail::SourceFile;
using detail::TextLocator;

std::string Diagnostic::render() const { return Error(message, where, hint).render(); }

ProgramErrors::ProgramErrors(std::vector<Diagnostic> diagnostics)
    : Error(diagnostics.empty() ? std::string("invalid program")
                                : diagnostics.front().message +
                                      (diagnostics.size() > 1
                                           ? " (and " + std::to_string(diagnostics.size() - 1) +
                                                 " more errors)"
                                           : ""),
            diagnostics.empty() ? SourceLocation{} : diagnostics.front().where,
            diagnostics.empty() ? std::string{} : diagnostics.front().hint),
      diagnostics_(std::move(diagnostics)) {}

namespace detail {
namespace {

constexpr std::string_view kNamespace = "urn:treatykb:rules:1";

class FileReader {
public:
    FileReader(LoadState& state, const SourceFile& file) : state_(state), file_(file) {}

    void read_root(const pugi::xml_document& document) {
        pugi::xml_node root = document.document_element();
        std::string_view name = root.name();
        if (name != "program" && name != "scenario") {
            error(root, "the root element must be <program> (or <scenario> for a what-if file)",
                  "wrap the file in <program xmlns=\"urn:treatykb:rules:1\">");
            return;
        }
        if (name == "program" && state_.applying_scenario && state_.include_depth == 0) {
            // A <program> given as a scenario would be added to the baseline without the
            // reader knowing it is a what-if (and the report would call it one).
            error(root, "a what-if scenario file must have the root element <scenario>",
                  "rename <program> to <scenario>; a scenario adds facts, rules and annotations "
                  "and may <retract> baseline ones");
            return;
        }
        if (name == "scenario") state_.scenario = true;
        if (root.attribute("xmlns").value() != kNamespace)
            error(root, "the root element must declare xmlns=\"urn:treatykb:rules:1\"",
                  "add xmlns=\"urn:treatykb:rules:1\" to <" + std::string(name) + ">");
        for (pugi::xml_node child : root.children()) {
            if (child.type() != pugi::node_element) continue;
            read_element(child, -1);
        }
    }

private:
    SourceLocation at(pugi::xml_node node) const {
        // offset_debug points at the element name; cite its '<'.
        auto offset = static_cast<std::size_t>(node.offset_debug());
        return file_.location(offset > 0 ? offset - 1 : 0);
    }
    void error(pugi::xml_node node, std::string message, std::string hint = {}) {
        state_.diagnostics.push_back(Diagnostic{at(node), std::move(message), std::move(hint)});
    }
    // The element's text and a locator for it (text nodes keep their own offsets).
    std::pair<std::string, TextLocator> text_of(pugi::xml_node node) {
        pugi::xml_node text = node.first_child();
        if (text.type() != pugi::node_pcdata && text.type() != pugi::node_cdata)
            return {std::string(), TextLocator(file_, static_cast<std::size_t>(node.offset_debug()))};
        auto offset = static_cast<std::size_t>(text.offset_debug());
        if (text.type() == pugi::node_cdata) offset += 9;  // "<![CDATA["
        return {node.child_value(), TextLocator(file_, offset)};
    }
    std::string required(pugi::xml_node node, const char* attribute) {
        pugi::xml_attribute found = node.attribute(attribute);
        if (!found || std::string_view(found.value()).empty()) {
            error(node, std::string("<") + node.name() + "> needs the attribute " + attribute,
                  std::string("add ") + attribute + "=\"...\"");
            return {};
        }
        return found.value();
    }
    void syntax_error(const TextLocator& locator, const SyntaxError& failure) {
        state_.diagnostics.push_back(Diagnostic{locator.at(failure.offset), failure.message, failure.hint});
    }
    std::optional<Value> this_provision(int annotation) const {
        if (annotation < 0) return std::nullopt;
        return state_.program->constants->provision(
            state_.program->annotations[static_cast<std::size_t>(annotation)].provision);
    }

    std::optional<Fact> parse_fact(pugi::xml_node node, int annotation) {
        auto [text, locator] = text_of(node);
        try {
            TermParser parser(text, locator, *state_.program->constants, this_provision(annotation));
            Atom atom = parser.atom_only();
            Fact fact{atom.relation, atom.complement, {}, atom.where, {}, annotation};
            for (const Term& term : atom.arguments) {
                if (term.kind == Term::Kind::variable) {
                    state_.diagnostics.push_back(Diagnostic{
                        term.where, "a fact must be ground, but ?" + term.variable + " is a variable",
                        "write a constant, or make this a <rule>"});
                    return std::nullopt;
                }
                fact.values.push_back(term.value);
                fact.argument_where.push_back(term.where);
            }
            return fact;
        } catch (const SyntaxError& failure) {
            syntax_error(locator, failure);
            return std::nullopt;
        }
    }

    void read_element(pugi::xml_node node, int annotation) {
        Program& program = *state_.program;
        std::string_view name = node.name();
        if (name == "relation" && annotation < 0) {
            RelationDecl decl{required(node, "name"), {}, node.attribute("doc").value(), at(node)};
            for (pugi::xml_node argument : node.children("arg")) {
                std::string type_text = required(argument, "type");
                auto type = type_from_name(type_text);
                if (!type && !type_text.empty())
                    error(argument, "unknown type '" + type_text + "'",
                          "use symbol, string, integer, decimal, date or provision");
                decl.arguments.push_back(ArgumentDecl{argument.attribute("name").value(),
                                                      type.value_or(Type::symbol)});
            }
            program.relations.push_back(std::move(decl));
        } else if (name == "fact") {
            if (auto fact = parse_fact(node, annotation)) program.facts.push_back(std::move(*fact));
        } else if (name == "facts" && annotation < 0) {
            std::string file = required(node, "file");
            std::string relation = required(node, "relation");
            if (!file.empty() && !relation.empty())
                state_.tables.push_back(PendingTable{
                    relation, (fs::path(file_.name()).parent_path() / file).lexically_normal().string(),
                    at(node)});
        } else if (name == "include" && annotation < 0) {
            std::string href = required(node, "href");
            if (!href.empty() && state_.include_depth >= max_include_depth) {
                error(node, "includes nested more than " + std::to_string(max_include_depth) + " levels deep",
                      "include the files from one place instead of in a chain");
            } else if (!href.empty()) {
                ++state_.include_depth;
                read_file(state_, (fs::path(file_.name()).parent_path() / href).lexically_normal().string(),
                          at(node));
                --state_.include_depth;
            }
        } else if (name == "annotation" && annotation < 0) {
            read_annotation(node);
        } else if (name == "rule" && annotation < 0) {
            read_rule(node);
        } else if (name == "override" && annotation < 0) {
            program.overrides.push_back(Override{required(node, "superior"), required(node, "inferior"), at(node)});
        } else if (name == "priorities" && annotation < 0) {
            program.priority_order.clear();
            std::istringstream words(required(node, "order"));
            std::string word;
            while (words >> word) {
                if (std::optional<Criterion> criterion = criterion_from_name(word)) {
                    program.priority_order.push_back(*criterion);
                } else {
                    std::string names;
                    for (Criterion each : all_criteria) names += (names.empty() ? "" : ", ") + std::string(criterion_name(each));
                    error(node, "unknown priority criterion '" + word + "'", "use " + names);
                }
            }
            // Explicit overrides always come first (docs/rule-language.md, "Priorities").
            auto explicit_at = std::find(program.priority_order.begin(), program.priority_order.end(),
                                         Criterion::explicit_override);
            if (explicit_at != program.priority_order.end()) program.priority_order.erase(explicit_at);
            program.priority_order.insert(program.priority_order.begin(), Criterion::explicit_override);
        } else if (name == "retract" && annotation < 0) {
            read_retraction(node);
        } else if ((name == "quote" || name == "note") && annotation >= 0) {
            // read by read_annotation
        } else if (name == "doc") {
            // documentation only
        } else {
            error(node, "unexpected element <" + std::string(name) + ">" +
                            (annotation >= 0 ? " inside <annotation>" : ""),
                  annotation >= 0 ? "an annotation holds <quote>, <fact> and <note>"
                                  : "see docs/rule-language.md for the elements of a program");
        }
    }

    void read_annotation(pugi::xml_node node) {
        Program& program = *state_.program;
        Annotation annotation{required(node, "id"), required(node, "provision"), {}, {}, at(node)};
        auto hash = annotation.provision.find('#');
        if (!annotation.provision.empty() &&
            (hash == std::string::npos || hash == 0 || hash + 1 == annotation.provision.size()))
            error(node, "provision=\"" + annotation.provision + "\" is not a provision reference",
                  "write alias#eId, e.g. eaeu#art_47__para_1");
        if (hash == std::string::npos) hash = annotation.provision.size();
        annotation.note = node.child("note").child_value();
        int index = static_cast<int>(program.annotations.size());
        for (pugi::xml_node quote : node.children("quote")) {
            Evidence evidence{annotation.id, annotation.provision, annotation.provision.substr(0, hash),
                              hash < annotation.provision.size() ? annotation.provision.substr(hash + 1) : "",
                              required(quote, "lang"), quote.child_value(), at(quote)};
            annotation.evidence.push_back(program.evidence.size());
            program.evidence.push_back(std::move(evidence));
        }
        program.annotations.push_back(std::move(annotation));
        for (pugi::xml_node child : node.children())
            if (child.type() == pugi::node_element) read_element(child, index);
    }

    void read_rule(pugi::xml_node node) {
        Rule rule;
        rule.id = required(node, "id");
        rule.where = at(node);
        std::string_view strength = node.attribute("strength").value();
        if (strength.empty() || strength == "strict") rule.strength = Strength::strict;
        else if (strength == "defeasible") rule.strength = Strength::defeasible;
        else if (strength == "defeater") rule.strength = Strength::defeater;
        else error(node, "unknown strength '" + std::string(strength) + "'", "use strict, defeasible or defeater");
        for (const char* attribute : {"source", "domain"}) {
            std::string value = node.attribute(attribute).value();
            if (value.empty()) continue;
            if (value.size() < 2 || value[0] != '?')
                error(node, std::string(attribute) + "=\"" + value + "\" must name a variable",
                      std::string("write ") + attribute + "=\"?p\" with a variable of the rule");
            else (attribute[0] == 's' ? rule.source_variable : rule.domain_variable) = value.substr(1);
        }
        rule.doc = node.child("doc").child_value();
        pugi::xml_node head = node.child("head");
        if (!head) {
            error(node, "rule " + rule.id + " has no <head>", "add <head>relation(?x, ...)</head>");
            return;
        }
        auto [head_text, head_locator] = text_of(head);
        try {
            rule.head = TermParser(head_text, head_locator, *state_.program->constants, std::nullopt).atom_only();
        } catch (const SyntaxError& failure) {
            syntax_error(head_locator, failure);
            return;
        }
        if (pugi::xml_node body = node.child("body")) {
            auto [body_text, body_locator] = text_of(body);
            try {
                rule.body = TermParser(body_text, body_locator, *state_.program->constants, std::nullopt).body();
            } catch (const SyntaxError& failure) {
                syntax_error(body_locator, failure);
                return;
            }
        }
        for (pugi::xml_node child : node.children())
            if (child.type() == pugi::node_element && std::string_view(child.name()) != "head" &&
                std::string_view(child.name()) != "body" && std::string_view(child.name()) != "doc")
                error(child, "unexpected element <" + std::string(child.name()) + "> inside <rule>",
                      "a rule holds <head>, <body> and <doc>");
        state_.program->rules.push_back(std::move(rule));
    }

    void read_retraction(pugi::xml_node node) {
        if (!state_.scenario) {
            error(node, "<retract> is only allowed in a scenario file",
                  "make the root element <scenario>, or delete the fact where it is written");
            return;
        }
        Retraction retraction;
        retraction.where = at(node);
        if (pugi::xml_attribute id = node.attribute("annotation")) {
            retraction.kind = Retraction::Kind::annotation;
            retraction.target = id.value();
        } else if (pugi::xml_attribute rule = node.attribute("rule")) {
            retraction.kind = Retraction::Kind::rule;
            retraction.target = rule.value();
        } else {
            auto fact = parse_fact(node, -1);
            if (!fact) return;
            retraction.fact = std::move(*fact);
        }
        state_.program->retractions.push_back(std::move(retraction));
    }

    LoadState& state_;
    const SourceFile& file_;
};

void read_source(LoadState& state, const SourceFile& file) {
    pugi::xml_document document;
    pugi::xml_parse_result parsed =
        document.load_buffer(file.contents().data(), file.contents().size(),
                             pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!parsed) {
        state.diagnostics.push_back(Diagnostic{file.location(static_cast<std::size_t>(parsed.offset)),
                                               std::string("malformed XML: ") + parsed.description(),
                                               "fix the XML syntax at this position"});
        return;
    }
    FileReader(state, file).read_root(document);
}

}  // namespace

void read_file(LoadState& state, const std::string& path, const SourceLocation& included_from) {
    std::error_code ignored;
    fs::path canonical = fs::weakly_canonical(path, ignored);
    if (!state.loaded_files.insert(canonical.string()).second) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        state.diagnostics.push_back(Diagnostic{
            included_from.file.empty() ? SourceLocation{path, 0, 0} : included_from,
            "cannot read " + path, "check the path (includes are relative to the including file)"});
        return;
    }
    std::ostringstream contents;
    contents << in.rdbuf();
    state.program->files.push_back(path);
    read_source(state, SourceFile(path, contents.str()));
}

void read_text(LoadState& state, std::string_view xml, const std::string& name) {
    state.program->files.push_back(name);
    state.loaded_files.insert(name);
    read_source(state, SourceFile(name, std::string(xml)));
}

}  // namespace detail

namespace {
Program finish(LoadState& state, Program& program) {
    detail::validate(state);
    if (!state.diagnostics.empty()) throw ProgramErrors(std::move(state.diagnostics));
    return std::move(program);
}
}  // namespace

Program load_program(const std::vector<std::string>& files) {
    Program program;
    LoadState state{&program, {}, {}, {}, false};
    for (const std::string& file : files) detail::read_file(state, file, {});
    if (state.scenario && !program.retractions.empty())
        state.diagnostics.push_back(Diagnostic{program.retractions.front().where,
                                               "a scenario file was given as a program",
                                               "apply it to a program with --scenario"});
    return finish(state, program);
}

Program load_program(const std::vector<std::string>& files,
                     const std::vector<std::pair<std::string, std::string>>& texts) {
    Program program;
    LoadState state{&program, {}, {}, {}, false};
    for (const std::string& file : files) detail::read_file(state, file, {});
    for (const auto& [name, xml] : texts) detail::read_text(state, xml, name);
    if (state.scenario && !program.retractions.empty())
        state.diagnostics.push_back(Diagnostic{program.retractions.front().where,
                                               "a scenario file was given as a program",
                                               "apply it to a program with --scenario"});
    return finish(state, program);
}

Program load_program_text(std::string_view xml, const std::string& name) {
    Program program;
    LoadState state{&program, {}, {}, {}, false};
    detail::read_text(state, xml, name);
    return finish(state, program);
}

std::vector<Diagnostic> check_program(const std::vector<std::string>& files) {
    Program program;
    LoadState state{&program, {}, {}, {}, false};
    for (const std::string& file : files) detail::read_file(state, file, {});
    detail::validate(state);
    return std::move(state.diagnostics);
}

namespace {
Program copy_of(const Program& base) {
    Program copy = base;
    copy.constants = std::make_shared<ConstantPool>(*base.constants);  // the base stays unchanged
    copy.retractions.clear();
    return copy;
}
}  // namespace

Program apply_scenario(const Program& base, const std::vector<std::string>& scenario_files) {
    Program program = copy_of(base);
    LoadState state{&program, {}, {}, {}, true};
    state.applying_scenario = true;
    for (const std::string& file : base.files) state.loaded_files.insert(fs::weakly_canonical(file).string());
    for (const std::string& file : scenario_files) detail::read_file(state, file, {});
    detail::apply_retractions(state);
    return finish(state, program);
}

Program apply_scenario_text(const Program& base, std::string_view xml, const std::string& name) {
    Program program = copy_of(base);
    LoadState state{&program, {}, {}, {}, true};
    state.applying_scenario = true;
    detail::read_text(state, xml, name);
    detail::apply_retractions(state);
    return finish(state, program);
}

}  // namespace treatykb::engine
