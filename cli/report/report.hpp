// treatykb/cli/report.hpp — the document every analysis command fills, and its renderers.
//
// A command builds a report::Document (title, metadata, sections of blocks) from what the engine
// returns; render() turns it into text for a terminal, Markdown, JSON, CSV (tables only) or one
// self-contained HTML page. The model knows nothing about any particular analysis, and the
// renderers know nothing about treaties: they only lay out and escape.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace treatykb::cli::report {

// A quoted provision: the reference in knowledge syntax ("eaeu#art_47__para_1"), a label for
// humans ("EAEU Treaty, Art. 47(1)") and the quoted text.
struct Citation {
    std::string provision;
    std::string label;
    std::string quote;
};

// A table cell. Numbers carry a display precision; rationals keep their exact form ("3/8") and
// the value as a double; citations link to the quoted provision.
struct Cell {
    enum class Kind { text, number, rational, citation };
    Kind kind = Kind::text;
    std::string text;  // text; exact form of a rational
    double number = 0; // number; value of a rational
    int decimals = 4;
    Citation citation;

    static Cell of_text(std::string text);
    static Cell of_number(double value, int decimals = 4);
    static Cell of_rational(std::string exact, double value, int decimals = 4);
    static Cell of_citation(Citation citation);
};

struct Paragraph {
    std::string text;
};

struct KeyValue {
    std::string key;
    Cell value;
};

struct KeyValueList {
    std::vector<KeyValue> items;
};

struct Table {
    std::string id; // short name, used for CSV output and HTML anchors; e.g. "indices"
    std::string caption;
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

// A step of a proof: the fact derived and the steps it rests on.
struct ProofStep {
    std::string statement;
    std::vector<ProofStep> premises;
};

struct Finding {
    std::string id; // "F-EAEU-47"
    std::string title;
    std::string severity; // "high", "medium", "low", "info"
    std::string legal_reading;
    std::vector<Citation> quotes;
    std::string rule; // the rule that fired
    ProofStep proof;
};

// Grouped bars: one group per category, one bar per series (e.g. nominal vs effective depth by
// domain; Shapley–Shubik vs Banzhaf by member).
struct BarSeries {
    std::string name;
    std::vector<double> values; // one per category
};

struct BarChart {
    std::string title;
    std::string value_label; // axis label, e.g. "share of power"
    std::vector<std::string> categories;
    std::vector<BarSeries> series;
};

using Block = std::variant<Paragraph, KeyValueList, Table, Finding, BarChart>;

struct Section {
    std::string heading;
    std::vector<Block> blocks;
};

struct Document {
    std::string title;
    std::vector<KeyValue> metadata; // e.g. command, rule, data source
    std::vector<Section> sections;
};

enum class Format { text, markdown, json, csv, html };

// "text", "md", "markdown", "json", "csv", "html"; throws treatykb::Error otherwise.
Format parse_format(std::string_view name);
// The names parse_format accepts, for --help.
std::vector<std::string> format_names();

std::string render(const Document& document, Format format);
std::string render_text(const Document& document);
std::string render_markdown(const Document& document);
std::string render_json(const Document& document);
std::string render_csv(const Document& document);
std::string render_html(const Document& document);

// How a cell reads in plain text: text as is, numbers with their decimals, a rational as
// "0.3750 (3/8)", a citation as its label.
std::string cell_text(const Cell& cell);
// The anchor of a quoted provision in the HTML page: "prov-eaeu-art_47__para_1".
std::string provision_anchor(std::string_view provision);

} // namespace treatykb::cli::report
