// The report model's constructors, format names and the shared cell formatting.
#include "cli/report/report.hpp"

#include <fmt/format.h>

#include "kb/error.hpp"

namespace treatykb::cli::report {

Cell Cell::of_text(std::string text) {
    Cell cell;
    cell.text = std::move(text);
    return cell;
}

Cell Cell::of_number(double value, int decimals) {
    Cell cell;
    cell.kind = Kind::number;
    cell.number = value;
    cell.decimals = decimals;
    return cell;
}

Cell Cell::of_rational(std::string exact, double value, int decimals) {
    Cell cell;
    cell.kind = Kind::rational;
    cell.text = std::move(exact);
    cell.number = value;
    cell.decimals = decimals;
    return cell;
}

Cell Cell::of_citation(Citation citation) {
    Cell cell;
    cell.kind = Kind::citation;
    cell.text = citation.label;
    cell.citation = std::move(citation);
    return cell;
}

Format parse_format(std::string_view name) {
    if (name == "text")
        return Format::text;
    if (name == "md" || name == "markdown")
        return Format::markdown;
    if (name == "json")
        return Format::json;
    if (name == "csv")
        return Format::csv;
    if (name == "html")
        return Format::html;
    throw Error("unknown report format '" + std::string(name) + "'", {},
                "use one of text, md, json, csv, html");
}

std::vector<std::string> format_names() {
    return {"text", "md", "json", "csv", "html"};
}

std::string render(const Document& document, Format format) {
    switch (format) {
    case Format::text:
        return render_text(document);
    case Format::markdown:
        return render_markdown(document);
    case Format::json:
        return render_json(document);
    case Format::csv:
        return render_csv(document);
    case Format::html:
        return render_html(document);
    }
    return {};
}

std::string cell_text(const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::text:
        return cell.text;
    case Cell::Kind::number:
        return fmt::format("{:.{}f}", cell.number, cell.decimals);
    case Cell::Kind::rational:
        // An integer-valued rational ("1") reads as itself; others show value and exact form.
        if (cell.text.find('/') == std::string::npos)
            return cell.text;
        return fmt::format("{:.{}f} ({})", cell.number, cell.decimals, cell.text);
    case Cell::Kind::citation:
        return cell.citation.label;
    }
    return {};
}

std::string provision_anchor(std::string_view provision) {
    std::string anchor = "prov-";
    for (char c : provision) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '-';
        anchor += plain ? c : '-';
    }
    return anchor;
}

} // namespace treatykb::cli::report
