#include "kb/akn.hpp"

#include <pugixml.hpp>

#include <map>
#include <set>
#include <sstream>

#include "kb/error.hpp"
#include "kb/text_parser.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {

constexpr const char* akn_namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
constexpr const char* treatykb_namespace = "https://treatykb.invalid/ns/akn-extension/1";

bool has_native_element(const std::string& kind) {
    static const char* native[] = {"preamble",   "conclusions", "part",   "section",
                                   "subsection", "chapter",     "title",  "article",
                                   "paragraph",  "point",       "indent", "wrapUp"};
    for (const char* name : native)
        if (kind == name)
            return true;
    return false;
}

std::string iso3(const std::string& language) {
    static const std::map<std::string, std::string> codes{
        {"ru", "rus"}, {"en", "eng"}, {"es", "spa"}, {"fr", "fra"}, {"kk", "kaz"}, {"be", "bel"}};
    auto found = codes.find(language);
    return found == codes.end() ? language : found->second;
}

std::string iso2(const std::string& language) {
    static const std::map<std::string, std::string> codes{
        {"rus", "ru"}, {"eng", "en"}, {"spa", "es"}, {"fra", "fr"}, {"kaz", "kk"}, {"bel", "be"}};
    auto found = codes.find(language);
    return found == codes.end() ? language : found->second;
}

void add_paragraphs(pugi::xml_node parent, const std::string& text) {
    std::size_t position = 0;
    while (position <= text.size() && !text.empty()) {
        std::size_t end = text.find('\n', position);
        if (end == std::string::npos)
            end = text.size();
        parent.append_child("p").text().set(text.substr(position, end - position).c_str());
        position = end + 1;
        if (end == text.size())
            break;
    }
}

void add_value(pugi::xml_node parent, const char* element, const char* attribute,
               const std::string& value, const char* name = nullptr) {
    if (value.empty())
        return;
    pugi::xml_node node = parent.append_child(element);
    node.append_attribute(attribute) = value.c_str();
    if (name)
        node.append_attribute("name") = name;
}

// Real acts nest a dozen levels at most (annex > section > chapter > article > paragraph > point >
// sub-point ...); a deeper file is damaged or hostile, and reading it must not exhaust the stack.
constexpr int max_unit_depth = 64;

class Writer {
  public:
    explicit Writer(const Expression& expression) : expression_(expression) {
        for (std::size_t i = 0; i < expression.provisions.size(); ++i)
            children_[expression.provisions[i].parent_eid].push_back(i);
    }

    void write_unit(pugi::xml_node parent, std::size_t index, int depth = 0) {
        const Provision& provision = expression_.provisions[index];
        // A provision that is its own ancestor (parent eId = eId) would recurse for ever.
        if (depth >= max_unit_depth)
            throw Error("provisions nested more than " + std::to_string(max_unit_depth) +
                            " levels deep (a cycle of parent eIds?)",
                        {expression_.source, 0, 0}, "ingest the text again", provision.eid);
        bool native = has_native_element(provision.kind);
        pugi::xml_node node = parent.append_child(native ? provision.kind.c_str() : "hcontainer");
        if (!native)
            node.append_attribute("name") = provision.kind.c_str();
        node.append_attribute("eId") = provision.eid.c_str();
        if (provision.source_line > 0)
            node.append_attribute("tk:line") = provision.source_line;
        if (!provision.number.empty())
            node.append_child("num").text().set(provision.number.c_str());
        if (!provision.heading.empty())
            node.append_child("heading").text().set(provision.heading.c_str());
        auto found = children_.find(provision.eid);
        bool has_children = found != children_.end();
        if (!provision.text.empty()) {
            bool bare = provision.kind == "preamble" || provision.kind == "conclusions" ||
                        provision.kind == "wrapUp";
            add_paragraphs(bare ? node : node.append_child(has_children ? "intro" : "content"),
                           provision.text);
        }
        if (has_children)
            for (std::size_t child : found->second)
                write_unit(node, child, depth + 1);
    }

    const std::vector<std::size_t>& top_level() { return children_[""]; }

  private:
    const Expression& expression_;
    std::map<std::string, std::vector<std::size_t>> children_;
};

std::string own_text(pugi::xml_node node) {
    std::string text;
    auto add = [&](pugi::xml_node p) {
        if (!text.empty())
            text += '\n';
        text += p.text().get();
    };
    for (pugi::xml_node child : node.children()) {
        std::string name = child.name();
        if (name == "p")
            add(child);
        if (name == "intro" || name == "content")
            for (pugi::xml_node p : child.children("p"))
                add(p);
    }
    return text;
}

class UnitReader {
  public:
    UnitReader(std::string_view xml, const std::string& file, Expression& expression)
        : xml_(xml), file_(file), expression_(expression) {}

    void read(pugi::xml_node node, const std::string& parent, int depth) {
        for (pugi::xml_node child : node.children()) {
            if (!child.attribute("eId")) {
                std::string name = child.name();
                if (name == "body" || name == "attachments")
                    read(child, parent, depth);
                continue;
            }
            Provision provision;
            provision.eid = child.attribute("eId").value();
            if (depth >= max_unit_depth)
                throw Error("provisions nested more than " + std::to_string(max_unit_depth) +
                                " levels deep",
                            location(child), "is the file damaged? Export it again",
                            provision.eid);
            if (provision.eid.empty())
                throw Error("empty eId", location(child), "give every provision an eId");
            if (!eids_.insert(provision.eid).second)
                throw Error("duplicate eId \"" + provision.eid + "\"", location(child),
                            "every provision of an expression needs its own eId", provision.eid);
            provision.parent_eid = parent;
            provision.kind = std::string(child.name()) == "hcontainer"
                                 ? child.attribute("name").value()
                                 : child.name();
            provision.number = child.child_value("num");
            provision.heading = child.child_value("heading");
            provision.text = own_text(child);
            provision.order = static_cast<int>(expression_.provisions.size());
            provision.source_line = child.attribute("tk:line").as_int();
            expression_.provisions.push_back(provision);
            read(child, provision.eid, depth + 1);
        }
    }

  private:
    SourceLocation location(pugi::xml_node node) const {
        return {file_, line_of_offset(xml_, static_cast<std::size_t>(node.offset_debug())), 0};
    }

    std::string_view xml_;
    const std::string& file_;
    Expression& expression_;
    std::set<std::string> eids_;
};

} // namespace

std::string write_akn(const Instrument& instrument, const Expression& expression) {
    pugi::xml_document document;
    auto declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = document.append_child("akomaNtoso");
    root.append_attribute("xmlns") = akn_namespace;
    root.append_attribute("xmlns:tk") = treatykb_namespace;
    pugi::xml_node act = root.append_child("act");
    act.append_attribute("name") = "treaty";

    pugi::xml_node meta = act.append_child("meta");
    pugi::xml_node identification = meta.append_child("identification");
    identification.append_attribute("source") = "#treatykb";
    pugi::xml_node work = identification.append_child("FRBRWork");
    add_value(work, "FRBRthis", "value", instrument.work_uri);
    std::string work_base = instrument.work_uri;
    if (auto cut = work_base.find("/!"); cut != std::string::npos)
        work_base.resize(cut);
    add_value(work, "FRBRuri", "value", work_base);
    add_value(work, "FRBRalias", "value", instrument.alias, "treatykb");
    for (const auto& other : instrument.other_aliases)
        add_value(work, "FRBRalias", "value", other, "other");
    add_value(work, "FRBRalias", "value", instrument.short_title, "short");
    add_value(work, "FRBRalias", "value", instrument.title, "title");
    add_value(work, "FRBRdate", "date", instrument.date_signed, "signature");
    add_value(work, "FRBRdate", "date", instrument.date_in_force, "entryIntoForce");
    add_value(work, "FRBRcountry", "value", instrument.parties);
    add_value(work, "FRBRsubtype", "value", instrument.type);
    pugi::xml_node expression_node = identification.append_child("FRBRExpression");
    add_value(expression_node, "FRBRthis", "value", expression.uri);
    add_value(expression_node, "FRBRdate", "date", expression.date, "version");
    add_value(expression_node, "FRBRlanguage", "language", iso3(expression.language));
    add_value(expression_node, "FRBRauthoritative", "value",
              std::string(expression.authentic ? "true" : "false"));
    pugi::xml_node manifestation = identification.append_child("FRBRManifestation");
    add_value(manifestation, "FRBRthis", "value", expression.uri + "/!main.xml");
    add_value(manifestation, "FRBRformat", "value", std::string("application/akn+xml"));
    pugi::xml_node proprietary = meta.append_child("proprietary");
    proprietary.append_attribute("source") = "#treatykb";
    if (!expression.source.empty())
        proprietary.append_child("tk:source").text().set(expression.source.c_str());
    for (const auto& amendment : expression.amendments) {
        pugi::xml_node node = proprietary.append_child("tk:amendment");
        node.append_attribute("eId") = amendment.eid.c_str();
        node.append_attribute("date") = amendment.date.c_str();
        node.append_attribute("act") = amendment.amending_act.c_str();
        node.append_attribute("kind") = amendment.kind.c_str();
        node.append_attribute("ratification") = amendment.ratification_act.c_str();
        node.append_attribute("ratificationDate") = amendment.ratification_date.c_str();
        node.text().set(amendment.note.c_str());
    }

    Writer writer(expression);
    pugi::xml_node body, attachments;
    for (std::size_t index : writer.top_level()) {
        const std::string& kind = expression.provisions[index].kind;
        if (kind == "preamble" || kind == "conclusions") {
            writer.write_unit(act, index);
        } else if (kind == "annex") {
            if (!attachments)
                attachments = act.append_child("attachments");
            writer.write_unit(attachments, index);
        } else {
            if (!body)
                body = act.append_child("body");
            writer.write_unit(body, index);
        }
    }
    std::ostringstream out;
    document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

Instrument read_akn(std::string_view xml, const std::string& file) {
    require_readable_text(xml, file);
    require_valid_character_references(xml, file);
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_buffer(
        xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!parsed)
        throw Error(std::string("not well-formed XML: ") + parsed.description(),
                    {file, line_of_offset(xml, static_cast<std::size_t>(parsed.offset)), 0},
                    "regenerate the file with `treatykb export INSTRUMENT --akn`");
    pugi::xml_node act = document.child("akomaNtoso").child("act");
    pugi::xml_node identification = act.child("meta").child("identification");
    if (!act || !identification)
        throw Error("not an Akoma Ntoso act (no akomaNtoso/act/meta/identification)", {file, 1, 0},
                    "treatykb reads the AKN files that `treatykb export --akn` writes");
    Instrument instrument;
    pugi::xml_node work = identification.child("FRBRWork");
    instrument.work_uri = work.child("FRBRthis").attribute("value").value();
    for (pugi::xml_node alias : work.children("FRBRalias")) {
        std::string name = alias.attribute("name").value();
        std::string value = alias.attribute("value").value();
        if (name == "treatykb")
            instrument.alias = value;
        else if (name == "other")
            instrument.other_aliases.push_back(value);
        else if (name == "short")
            instrument.short_title = value;
        else if (name == "title")
            instrument.title = value;
    }
    for (pugi::xml_node date : work.children("FRBRdate")) {
        std::string name = date.attribute("name").value();
        if (name == "signature")
            instrument.date_signed = date.attribute("date").value();
        if (name == "entryIntoForce")
            instrument.date_in_force = date.attribute("date").value();
    }
    instrument.parties = work.child("FRBRcountry").attribute("value").value();
    instrument.type = work.child("FRBRsubtype").attribute("value").value();
    if (instrument.alias.empty())
        throw Error("the AKN file names no treatykb alias (FRBRalias name=\"treatykb\")",
                    {file, 0, 0}, "add <FRBRalias value=\"ALIAS\" name=\"treatykb\"/> to FRBRWork");

    Expression expression;
    pugi::xml_node expression_node = identification.child("FRBRExpression");
    expression.uri = expression_node.child("FRBRthis").attribute("value").value();
    expression.date = expression_node.child("FRBRdate").attribute("date").value();
    expression.language = iso2(expression_node.child("FRBRlanguage").attribute("language").value());
    expression.authentic =
        std::string(expression_node.child("FRBRauthoritative").attribute("value").value()) ==
        "true";
    pugi::xml_node proprietary = act.child("meta").child("proprietary");
    expression.source = proprietary.child_value("tk:source");
    for (pugi::xml_node node : proprietary.children("tk:amendment")) {
        expression.amendments.push_back(
            {node.attribute("eId").value(), node.attribute("date").value(),
             node.attribute("act").value(), node.attribute("kind").value(), node.text().get(),
             node.attribute("ratification").value(), node.attribute("ratificationDate").value()});
    }
    UnitReader(xml, file, expression).read(act, "", 0);
    if (expression.provisions.empty())
        throw Error("the AKN act has no provisions", {file, 0, 0}, "is the <body> empty?");
    instrument.expressions.push_back(std::move(expression));
    return instrument;
}

} // namespace treatykb
