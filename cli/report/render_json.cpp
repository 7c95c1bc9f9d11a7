// JSON rendering (nlohmann::ordered_json, keys in a stable order). Rationals keep their exact
// form next to their value: {"exact": "3/8", "value": 0.375}.
#include <nlohmann/json.hpp>

#include "cli/report/report.hpp"

namespace treatykb::cli::report {

namespace {

using Json = nlohmann::ordered_json;

Json citation_json(const Citation& citation) {
    return Json{
        {"provision", citation.provision}, {"label", citation.label}, {"quote", citation.quote}};
}

Json cell_json(const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::text:
        return cell.text;
    case Cell::Kind::number:
        return cell.number;
    case Cell::Kind::rational:
        return Json{{"exact", cell.text}, {"value", cell.number}};
    case Cell::Kind::citation:
        return citation_json(cell.citation);
    }
    return nullptr;
}

Json proof_json(const ProofStep& step) {
    Json premises = Json::array();
    for (const auto& premise : step.premises)
        premises.push_back(proof_json(premise));
    return Json{{"statement", step.statement}, {"premises", premises}};
}

Json block_json(const Block& block) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block))
        return Json{{"type", "paragraph"}, {"text", paragraph->text}};
    if (const auto* list = std::get_if<KeyValueList>(&block)) {
        Json items = Json::array();
        for (const auto& item : list->items)
            items.push_back(Json{{"key", item.key}, {"value", cell_json(item.value)}});
        return Json{{"type", "key_values"}, {"items", items}};
    }
    if (const auto* table = std::get_if<Table>(&block)) {
        Json rows = Json::array();
        for (const auto& row : table->rows) {
            Json cells = Json::array();
            for (const auto& cell : row)
                cells.push_back(cell_json(cell));
            rows.push_back(cells);
        }
        return Json{{"type", "table"},
                    {"id", table->id},
                    {"caption", table->caption},
                    {"columns", table->columns},
                    {"rows", rows}};
    }
    if (const auto* finding = std::get_if<Finding>(&block)) {
        Json quotes = Json::array();
        for (const auto& quote : finding->quotes)
            quotes.push_back(citation_json(quote));
        return Json{{"type", "finding"},
                    {"id", finding->id},
                    {"title", finding->title},
                    {"severity", finding->severity},
                    {"legal_reading", finding->legal_reading},
                    {"rule", finding->rule},
                    {"quotes", quotes},
                    {"proof", proof_json(finding->proof)}};
    }
    const auto& chart = std::get<BarChart>(block);
    Json series = Json::array();
    for (const auto& one : chart.series)
        series.push_back(Json{{"name", one.name}, {"values", one.values}});
    return Json{{"type", "bar_chart"},
                {"title", chart.title},
                {"value_label", chart.value_label},
                {"categories", chart.categories},
                {"series", series}};
}

} // namespace

std::string render_json(const Document& document) {
    Json metadata = Json::object();
    for (const auto& item : document.metadata)
        metadata[item.key] = cell_json(item.value);
    Json sections = Json::array();
    for (const auto& section : document.sections) {
        Json blocks = Json::array();
        for (const auto& block : section.blocks)
            blocks.push_back(block_json(block));
        sections.push_back(Json{{"heading", section.heading}, {"blocks", blocks}});
    }
    const Json root{{"title", document.title}, {"metadata", metadata}, {"sections", sections}};
    return root.dump(2);
}

} // namespace treatykb::cli::report
