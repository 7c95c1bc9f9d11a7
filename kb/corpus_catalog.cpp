#include "kb/corpus_catalog.hpp"

#include <pugixml.hpp>

#include <array>
#include <filesystem>

#include "kb/error.hpp"
#include "kb/ingest.hpp"
#include "kb/point_in_time.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

const CatalogInstrument* Catalog::find_alias(const std::string& alias) const {
    for (const auto& instrument : instruments)
        if (instrument.alias == alias)
            return &instrument;
    return nullptr;
}

std::optional<std::pair<const CatalogInstrument*, const CatalogExpression*>>
Catalog::find_tota(const std::string& tota_id) const {
    for (const auto& instrument : instruments)
        for (const auto& expression : instrument.expressions)
            if (!tota_id.empty() && expression.tota_id == tota_id)
                return std::make_pair(&instrument, &expression);
    return std::nullopt;
}

std::optional<std::pair<const CatalogInstrument*, const CatalogExpression*>>
Catalog::find_file(const std::string& file_name) const {
    for (const auto& instrument : instruments)
        for (const auto& expression : instrument.expressions)
            for (const auto& file : expression.files)
                if (file.name == file_name)
                    return std::make_pair(&instrument, &expression);
    return std::nullopt;
}

const CatalogAmendingAct* CatalogInstrument::find_amending_act(const std::string& ratification) const {
    for (const auto& act : amending_acts)
        if (act.ratification == ratification)
            return &act;
    return nullptr;
}

namespace {

// "2019-10-01" as a Russian text writes it: "1 октября 2019 года".
std::string russian_date(const std::string& iso) {
    static const std::array<const char*, 12> months = {
        "января", "февраля", "марта",    "апреля",  "мая",    "июня",
        "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
    int month = std::stoi(iso.substr(5, 2)), day = std::stoi(iso.substr(8, 2));
    return std::to_string(day) + " " + months[static_cast<std::size_t>(month - 1)] + " " +
           iso.substr(0, 4) + " года";
}

CatalogAmendingAct read_amending_act(pugi::xml_node node, const SourceLocation& at) {
    CatalogAmendingAct act;
    act.ratification = node.attribute("ratification").value();
    act.date = node.attribute("date").value();
    act.place = node.attribute("place").value();
    act.source = node.attribute("source").value();
    act.title = fold_whitespace(node.child_value("title"));
    act.quote = fold_whitespace(node.child_value("quote"));
    act.note = fold_whitespace(node.child_value("note"));
    if (act.ratification.empty() || act.title.empty() || act.quote.empty() || act.source.empty())
        throw Error("an <amending-act> needs ratification=\"...\", source=\"...\", a <title> and a <quote>",
                    at, "name the ratifying law as the amendment notes do, and quote the law's sentence");
    if (!is_iso_date(act.date))
        throw Error("amending act of " + act.ratification + ": date=\"" + act.date +
                        "\" is not a calendar date YYYY-MM-DD",
                    at, "give the date the act was signed");
    // The evidence: the law's sentence must name the act and its date of signature.
    if (act.quote.find(act.title) == std::string::npos)
        throw Error("amending act of " + act.ratification + ": the <quote> does not contain the <title>",
                    at, "copy the title as the law's sentence writes it");
    if (act.quote.find(russian_date(act.date)) == std::string::npos)
        throw Error("amending act of " + act.ratification + ": the <quote> does not give the date " +
                        russian_date(act.date),
                    at, "check date=\"...\" against the law's sentence");
    return act;
}

} // namespace

Catalog load_catalog(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw Error("corpus catalogue not found", {path, 0, 0},
                    "run from a treatykb checkout, or pass --root to the project directory");
    std::string xml = read_file(path);
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    if (!parsed)
        throw Error(std::string("corpus catalogue is not well-formed XML: ") + parsed.description(),
                    {path, 0, 0}, "fix treaty_texts/corpus.xml");
    Catalog catalog;
    for (pugi::xml_node node : document.child("corpus").children("instrument")) {
        CatalogInstrument instrument;
        instrument.alias = node.attribute("alias").value();
        instrument.short_title = node.attribute("short").value();
        instrument.date_signed = node.attribute("date").value();
        instrument.date_in_force = node.attribute("in-force").value();
        instrument.work_uri = node.attribute("uri").value();
        instrument.parties = node.attribute("parties").value();
        instrument.type = node.attribute("type").as_string("treaty");
        instrument.title = node.child_value("title");
        if (instrument.alias.empty() || instrument.work_uri.empty())
            throw Error("instrument without alias or uri", {path, 0, 0},
                        "every <instrument> needs alias=\"...\" and uri=\"...\"");
        for (pugi::xml_node expression_node : node.children("expression")) {
            CatalogExpression expression;
            expression.language = expression_node.attribute("lang").value();
            expression.authentic = expression_node.attribute("authentic").as_bool();
            expression.uri = expression_node.attribute("uri").value();
            expression.date = expression_node.attribute("date").value();
            for (pugi::xml_node file : expression_node.children("file"))
                expression.files.push_back({file.child_value(), file.attribute("annex").value()});
            expression.tota_id = expression_node.child("tota").attribute("id").value();
            instrument.expressions.push_back(std::move(expression));
        }
        for (pugi::xml_node act_node : node.children("amending-act")) {
            SourceLocation at{path, line_of_offset(xml, static_cast<std::size_t>(act_node.offset_debug())), 0};
            CatalogAmendingAct act = read_amending_act(act_node, at);
            if (instrument.find_amending_act(act.ratification))
                throw Error("two <amending-act>s of " + instrument.alias + " name " + act.ratification, at,
                            "one entry per ratifying law");
            instrument.amending_acts.push_back(std::move(act));
        }
        catalog.instruments.push_back(std::move(instrument));
    }
    return catalog;
}

} // namespace treatykb
