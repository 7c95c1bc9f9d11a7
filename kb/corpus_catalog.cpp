#include "kb/corpus_catalog.hpp"

#include <pugixml.hpp>

#include <filesystem>

#include "kb/error.hpp"

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

Catalog load_catalog(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw Error("corpus catalogue not found", {path, 0, 0},
                    "run from a treatykb checkout, or pass --root to the project directory");
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_file(path.c_str());
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
        catalog.instruments.push_back(std::move(instrument));
    }
    return catalog;
}

} // namespace treatykb
