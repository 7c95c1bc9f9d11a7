// HTML rendering: one self-contained page. No script, no external resource (a Content Security
// Policy forbids loading any), inline CSS, bar charts as inline SVG drawn here, every piece of
// text escaped. Findings link to the anchors of the provisions they quote, which are listed,
// with their text, in a closing section.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "cli/report/render_util.hpp"

namespace treatykb::cli::report {

namespace {

std::string escape(std::string_view text) { return detail::html_escape(text); }

// Text with a break opportunity after each underscore: identifiers such as
// eaeu_intergovernmental_council may wrap there, so that a table column or a printed column of
// findings narrows without breaking words or leaving ragged lines.
std::string breakable(std::string_view text) {
    std::string out;
    for (char c : escape(text)) {
        out += c;
        if (c == '_') out += "<wbr>";
    }
    return out;
}

constexpr const char* style = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1d2330;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #1d2330;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #c9ced8}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
dl.meta dt{font-weight:600}dl.meta dd{margin:0}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
caption{text-align:left;font-style:italic;padding-bottom:.3rem}
th,td{border-bottom:1px solid #dde1e8;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f1f3f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.num .exact{display:block;color:#5b6475;font-size:.78em}
.scroll{overflow-x:auto}
.finding{border-left:4px solid #8a94a6;padding:.2rem 1rem;margin:1rem 0;background:#fafbfc}
.finding.high{border-color:#b3261e}.finding.medium{border-color:#c77700}.finding.low{border-color:#2e7d32}
blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #c9ced8;background:#f6f7f9}
figure{margin:1rem 0}figcaption{font-style:italic;font-size:.9rem}
svg text{font-family:inherit}
details.proof summary{cursor:pointer}
nav.toc ol{columns:2;font-size:.92rem}nav.toc h2{border:0}
@media print{@page{size:A4;margin:9mm}body{max-width:none;margin:0;font-size:7pt;line-height:1.17}
h1{font-size:13pt;margin:0 0 .3rem}h2{font-size:10pt;margin:.5rem 0 .25rem;break-after:avoid}p{margin:.25rem 0}
dl.meta{font-size:6.8pt;gap:0 .6rem}
table{width:100%;font-size:6.4pt;margin:.15rem 0 .4rem}caption{padding-bottom:.1rem}th,td{padding:.05rem .25rem}
td{overflow-wrap:break-word}td.num .exact{display:inline;margin-left:.3em}.scroll{overflow:visible}
figure{margin:.3rem 0;break-inside:avoid}figcaption{font-size:7pt}figure svg{zoom:.7;max-width:100%;height:auto}
.finding{margin:.2rem 0;padding:.05rem .4rem}.finding h3{font-size:8.5pt;margin:.15rem 0;break-after:avoid}
.finding p{margin:.15rem 0}.finding ul{margin:.1rem 0;padding-left:.8rem;font-size:6.6pt}
blockquote{margin:.2rem 0;padding:.1rem .4rem}nav.toc ol{columns:3;font-size:7pt;margin:.2rem 0}
details.proof{display:none}#quoted-provisions{display:none}
section:has(>.finding){columns:2;column-gap:5mm}section:has(>.finding)>h2{column-span:all}}
)";

const std::vector<std::string> palette{"#2f5d8a", "#d08c2f", "#4f8f5a", "#8d4f8f", "#a33b3b"};

void write_cell(std::ostringstream& out, const Cell& cell) {
    switch (cell.kind) {
    case Cell::Kind::text:
        // A short cell (a stage such as customs_union) keeps its identifier whole; a longer
        // one (a condition, a list of bodies) may wrap its identifiers, so that its column can narrow.
        out << "<td>" << (cell.text.size() > 20 ? breakable(cell.text) : escape(cell.text)) << "</td>";
        break;
    case Cell::Kind::number:
        out << "<td class=\"num\">" << escape(cell_text(cell)) << "</td>";
        break;
    case Cell::Kind::rational:
        // An integer reads as itself; a fraction as its decimal with the exact form below it.
        if (cell.text.find('/') == std::string::npos)
            out << "<td class=\"num\">" << escape(cell.text) << "</td>";
        else
            out << "<td class=\"num\">" << fmt::format("{:.{}f}", cell.number, cell.decimals)
                << "<span class=\"exact\">" << escape(cell.text) << "</span></td>";
        break;
    case Cell::Kind::citation:
        out << "<td><a href=\"#" << escape(provision_anchor(cell.citation.provision)) << "\">"
            << escape(cell.citation.label) << "</a></td>";
        break;
    }
}

void write_table(std::ostringstream& out, const Table& table) {
    out << "<div class=\"scroll\"><table";
    if (!table.id.empty())
        out << " id=\"table-" << escape(table.id) << "\"";
    out << ">";
    if (!table.caption.empty())
        out << "<caption>" << escape(table.caption) << "</caption>";
    out << "<thead><tr>";
    for (const auto& column : table.columns)
        out << "<th scope=\"col\">" << escape(column) << "</th>";
    out << "</tr></thead><tbody>\n";
    for (const auto& row : table.rows) {
        out << "<tr>";
        for (const auto& cell : row)
            write_cell(out, cell);
        out << "</tr>\n";
    }
    out << "</tbody></table></div>\n";
}

void write_proof(std::ostringstream& out, const ProofStep& step) {
    out << "<li>" << escape(step.statement);
    if (!step.premises.empty()) {
        out << "<ul>";
        for (const auto& premise : step.premises)
            write_proof(out, premise);
        out << "</ul>";
    }
    out << "</li>";
}

void write_finding(std::ostringstream& out, const Finding& finding) {
    out << "<section class=\"finding " << escape(finding.severity) << "\" id=\"finding-"
        << escape(provision_anchor(finding.id).substr(5)) << "\">";
    out << "<h3>" << escape(finding.id) << ": " << escape(finding.title) << "</h3>";
    out << "<p><strong>Severity:</strong> " << escape(finding.severity) << "</p>";
    if (!finding.legal_reading.empty())
        out << "<p><strong>Legal reading:</strong> " << breakable(finding.legal_reading) << "</p>";
    if (!finding.rule.empty())
        out << "<p><strong>Rule:</strong> <code>" << escape(finding.rule) << "</code></p>";
    if (!finding.quotes.empty()) {
        out << "<p><strong>Quoted provisions:</strong></p><ul>";
        for (const auto& quote : finding.quotes)
            out << "<li><a href=\"#" << escape(provision_anchor(quote.provision)) << "\">"
                << escape(quote.label) << "</a>: <q>" << escape(quote.quote) << "</q></li>";
        out << "</ul>";
    }
    if (!finding.proof.statement.empty()) {
        // Folded: a reader opens the proof of the finding they doubt; print shows it closed.
        out << "<details class=\"proof\"><summary><strong>Proof</strong></summary><ul>";
        write_proof(out, finding.proof);
        out << "</ul></details>";
    }
    out << "</section>\n";
}

// Grouped vertical bars; the value axis starts at 0 and ends at the largest value rounded up to
// a "nice" number so that gridlines fall on round values.
void write_chart(std::ostringstream& out, const BarChart& chart) {
    double largest = 0;
    for (const auto& series : chart.series)
        for (double value : series.values)
            largest = std::max(largest, value);
    const double magnitude = largest > 0 ? std::pow(10.0, std::floor(std::log10(largest))) : 1;
    double top = magnitude;
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * magnitude >= largest) {
            top = step * magnitude;
            break;
        }
    const std::size_t groups = std::max<std::size_t>(chart.categories.size(), 1);
    const std::size_t bars = std::max<std::size_t>(chart.series.size(), 1);
    const double group_width = std::max(24.0, std::min(90.0, 760.0 / static_cast<double>(groups)));
    // Room for the labels, rotated 40 degrees, from the longest one: a character of an 11px
    // sans-serif font is at most about 7px wide, so a label of n characters reaches
    // 7n·sin 40° below the axis and 7n·cos 40° to the left of its group's centre. The first
    // label sets the left margin, the longest the space below.
    constexpr double char_width = 7.0, sine = 0.643, cosine = 0.766;
    std::size_t longest = 0;
    double left = 60;
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        const double length = static_cast<double>(detail::display_width(chart.categories[c]));
        longest = std::max(longest, detail::display_width(chart.categories[c]));
        const double centre = group_width * (static_cast<double>(c) + 0.5);
        left = std::max(left, char_width * length * cosine - centre + 10);
    }
    const double right = 20, upper = 40, plot_height = 240;
    const double label_space = 30 + char_width * static_cast<double>(longest) * sine;
    const double width = left + right + group_width * static_cast<double>(groups);
    const double height = upper + plot_height + label_space;
    const double bar_width = group_width * 0.8 / static_cast<double>(bars);

    out << "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" << width
        << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height << "\">";
    out << "<title>" << escape(chart.title) << "</title>";
    // Ticks on round values: a top of 5 gets 5 ticks of 1, not 4 of 1.25.
    int ticks = 4;
    for (int candidate : {5, 4, 2})
        if (std::fabs(std::round(top / candidate * 100) - top / candidate * 100) < 1e-9 &&
            std::fabs(top / candidate - std::round(top / candidate * 10) / 10) < 1e-9) {
            ticks = candidate;
            break;
        }
    for (int tick = 0; tick <= ticks; ++tick) {
        const double value = top * tick / ticks;
        const double y = upper + plot_height - plot_height * tick / ticks;
        out << fmt::format(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#dde1e8\"/>", left,
            width - right, y, y);
        out << fmt::format(
            "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{:.3g}</text>",
            left - 6, y + 4, value);
    }
    out << fmt::format(
        "<text x=\"14\" y=\"{:.1f}\" font-size=\"11\" transform=\"rotate(-90 14 {:.1f})\" "
        "text-anchor=\"middle\">{}</text>",
        upper + plot_height / 2, upper + plot_height / 2, escape(chart.value_label));
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        const double group_x = left + group_width * static_cast<double>(c) + group_width * 0.1;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const double value = c < chart.series[s].values.size() ? chart.series[s].values[c] : 0;
            const double bar_height = top > 0 ? plot_height * value / top : 0;
            out << fmt::format(
                "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">",
                group_x + bar_width * static_cast<double>(s), upper + plot_height - bar_height,
                bar_width, bar_height, palette[s % palette.size()]);
            out << "<title>" << escape(chart.categories[c]) << ", " << escape(chart.series[s].name)
                << ": " << fmt::format("{:.4f}", value) << "</title></rect>";
        }
        const double label_x = left + group_width * (static_cast<double>(c) + 0.5);
        const double label_y = upper + plot_height + 14;
        out << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\" "
                           "transform=\"rotate(-40 {:.1f} {:.1f})\">{}</text>",
                           label_x, label_y, label_x, label_y, escape(chart.categories[c]));
    }
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const double x = left + 160.0 * static_cast<double>(s);
        out << fmt::format("<rect x=\"{}\" y=\"12\" width=\"12\" height=\"12\" fill=\"{}\"/>", x,
                           palette[s % palette.size()]);
        out << fmt::format("<text x=\"{}\" y=\"22\" font-size=\"12\">{}</text>", x + 16,
                           escape(chart.series[s].name));
    }
    out << "</svg><figcaption>" << escape(chart.title) << "</figcaption></figure>\n";
}

} // namespace

std::string render_html(const Document& document) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        << "<title>" << escape(document.title) << "</title><style>" << style
        << "</style></head>\n<body>\n<h1>" << escape(document.title) << "</h1>\n";
    if (!document.metadata.empty()) {
        out << "<dl class=\"meta\">";
        for (const auto& item : document.metadata)
            out << "<dt>" << escape(item.key) << "</dt><dd>" << escape(cell_text(item.value))
                << "</dd>";
        out << "</dl>\n";
    }
    // A table of contents: every section, and the quoted provisions at the end.
    const auto citations = detail::quoted_provisions(document);
    out << "<nav class=\"toc\"><h2>Contents</h2><ol>";
    for (std::size_t i = 0; i < document.sections.size(); ++i)
        out << "<li><a href=\"#section-" << i + 1 << "\">"
            << escape(document.sections[i].heading) << "</a></li>";
    if (!citations.empty())
        out << "<li><a href=\"#quoted-provisions\">Quoted provisions</a></li>";
    out << "</ol></nav>\n";
    std::size_t number = 0;
    for (const auto& section : document.sections) {
        out << "<section id=\"section-" << ++number << "\"><h2>" << escape(section.heading)
            << "</h2>\n";
        for (const auto& block : section.blocks)
            std::visit(detail::overloaded{
                           [&](const Paragraph& paragraph) { out << "<p>" << escape(paragraph.text) << "</p>\n"; },
                           [&](const KeyValueList& list) {
                               out << "<dl class=\"meta\">";
                               for (const auto& item : list.items)
                                   out << "<dt>" << escape(item.key) << "</dt><dd>"
                                       << escape(cell_text(item.value)) << "</dd>";
                               out << "</dl>\n";
                           },
                           [&](const Table& table) { write_table(out, table); },
                           [&](const Finding& finding) { write_finding(out, finding); },
                           [&](const BarChart& chart) { write_chart(out, chart); }},
                       block);
        out << "</section>\n";
    }
    if (!citations.empty()) {
        out << "<section id=\"quoted-provisions\"><h2>Quoted provisions</h2>\n";
        for (const auto& citation : citations)
            out << "<blockquote id=\"" << escape(provision_anchor(citation.provision)) << "\"><p>"
                << escape(citation.quote) << "</p><footer>" << escape(citation.label) << " <code>"
                << escape(citation.provision) << "</code></footer></blockquote>\n";
        out << "</section>\n";
    }
    out << "</body></html>\n";
    return out.str();
}

} // namespace treatykb::cli::report
