#include "cli/serve/pages.hpp"

#include "cli/report/render_util.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace treatykb::cli::serve {

// ---- links and escaping -------------------------------------------------------------------------

std::string escape(std::string_view text) { return report::detail::html_escape(text); }

std::string encode_component(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string Links::home() const { return base + "/"; }
std::string Links::instrument(std::string_view alias) const {
    return base + "/i/" + encode_component(alias) + "/";
}
std::string Links::provision(std::string_view alias, std::string_view eid) const {
    return base + "/i/" + encode_component(alias) + "/p/" + encode_component(eid) + "/";
}
std::string Links::search() const { return base + "/search/"; }
std::string Links::report(std::string_view alias) const {
    return base + "/report/" + encode_component(alias) + "/";
}
std::string Links::power(std::string_view alias) const {
    return base + "/power/" + encode_component(alias) + "/";
}
std::string Links::compare() const { return base + "/compare/"; }
std::string Links::asset(std::string_view name) const { return base + "/assets/" + std::string(name); }

namespace {

std::string str(const Json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

std::string href(const std::string& url) { return " href=\"" + escape(url) + "\""; }

// Treaty text keeps its line breaks.
std::string text_block(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (start > 0) out += "<br>";
        out += escape(std::string_view(text).substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// A search snippet: the store marks matched words with [brackets]; escape first, then mark.
std::string highlighted(const std::string& snippet) {
    std::string out;
    for (char c : escape(snippet)) {
        if (c == '[') out += "<mark>";
        else if (c == ']') out += "</mark>";
        else out += c;
    }
    return out;
}

std::string page(const std::string& title, const std::string& body_class, const std::string& main,
                 const PageContext& context) {
    const Links& links = context.links;
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                      "<link rel=\"icon\" href=\"data:,\">"
                      "<title>" + escape(title) + " · treatykb</title>"
                      "<link rel=\"stylesheet\"" + href(links.asset("style.css")) + "></head>\n";
    out += "<body class=\"" + body_class + "\" data-base=\"" + escape(links.base) + "\"" +
           (context.static_site ? " data-static=\"1\"" : "") + ">\n<header><a class=\"brand\"" +
           href(links.home()) + ">treatykb</a><nav><a" + href(links.home()) + ">Instruments</a><a" +
           href(links.search()) + ">Search</a>";
    for (const std::string& alias : context.analysed)
        out += "<a class=\"nav-report\"" + href(links.report(alias)) + ">Report: " + escape(alias) + "</a>";
    if (!context.analysed.empty()) out += "<a" + href(links.compare()) + ">Compare</a>";
    out += "</nav><form class=\"quick-search\" method=\"get\" action=\"" + escape(links.search()) +
           "\" role=\"search\"><input type=\"search\" name=\"q\" maxlength=\"" +
           std::to_string(max_query_length) + "\" placeholder=\"Search the treaties\" "
           "aria-label=\"Search\"><button type=\"submit\">Search</button></form></header>\n";
    out += main;
    out += "\n<footer>treatykb · read-only reader · <a" + href(links.home() + "api/instruments.json") +
           ">JSON API</a></footer>\n<script src=\"" + escape(links.asset("app.js")) +
           "\"></script></body></html>\n";
    return out;
}

std::string number_text(double value) {
    if (std::floor(value) == value && std::fabs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{:.4f}", value);
}

std::string cell_html(const Json& cell, const Links& links) {
    if (cell.is_string()) return escape(cell.get<std::string>());
    if (cell.is_number()) return number_text(cell.get<double>());
    if (cell.is_object() && cell.contains("exact"))
        return number_text(cell["value"].get<double>()) + " <span class=\"exact\">(" +
               escape(str(cell["exact"])) + ")</span>";
    if (cell.is_object() && cell.contains("provision")) {
        std::string provision = str(cell["provision"]);
        std::size_t hash = provision.find('#');
        std::string label = escape(str(cell["label"]));
        if (hash == std::string::npos) return label;
        return "<a" + href(links.provision(provision.substr(0, hash), provision.substr(hash + 1))) + ">" +
               label + "</a>";
    }
    return "";
}

// One block of a report document (render_json's shape): paragraph, key_values, table, bar_chart.
std::string block_html(const Json& block, const Links& links) {
    std::string type = str(block["type"]);
    std::string out;
    if (type == "paragraph") return "<p>" + escape(str(block["text"])) + "</p>\n";
    if (type == "key_values") {
        out = "<dl class=\"key-values\">";
        for (const Json& item : block["items"])
            out += "<dt>" + escape(str(item["key"])) + "</dt><dd>" + cell_html(item["value"], links) + "</dd>";
        return out + "</dl>\n";
    }
    if (type == "table") {
        out = "<div class=\"table-wrap\"><table id=\"table-" + escape(str(block["id"])) + "\"><caption>" +
              escape(str(block["caption"])) + "</caption><thead><tr>";
        for (const Json& column : block["columns"]) out += "<th>" + escape(str(column)) + "</th>";
        out += "</tr></thead><tbody>";
        for (const Json& row : block["rows"]) {
            out += "<tr>";
            for (const Json& cell : row) out += "<td>" + cell_html(cell, links) + "</td>";
            out += "</tr>";
        }
        return out + "</tbody></table></div>\n";
    }
    if (type == "bar_chart") {
        double top = 0;
        for (const Json& series : block["series"])
            for (const Json& value : series["values"]) top = std::max(top, value.get<double>());
        out = "<figure class=\"chart\"><figcaption>" + escape(str(block["title"])) + " (" +
              escape(str(block["value_label"])) + ")</figcaption><table>";
        for (std::size_t i = 0; i < block["categories"].size(); ++i) {
            out += "<tr><th>" + escape(str(block["categories"][i])) + "</th><td>";
            std::size_t s = 0;
            for (const Json& series : block["series"]) {
                double value = i < series["values"].size() ? series["values"][i].get<double>() : 0;
                int width = top > 0 ? static_cast<int>(std::lround(100 * value / top)) : 0;
                out += fmt::format("<div class=\"bar s{}\" style=\"width:{}%\" title=\"{}: {}\">{}</div>", s++ % 4,
                                   width, escape(str(series["name"])), number_text(value),
                                   number_text(value));
            }
            out += "</td></tr>";
        }
        out += "</table><p class=\"legend\">";
        std::size_t s = 0;
        for (const Json& series : block["series"])
            out += fmt::format("<span class=\"bar s{}\">{}</span> ", s++ % 4, escape(str(series["name"])));
        return out + "</p></figure>\n";
    }
    return out;
}

std::string document_sections(const Json& document, const Links& links) {
    std::string out;
    for (const Json& section : document["sections"]) {
        out += "<section><h2>" + escape(str(section["heading"])) + "</h2>\n";
        for (const Json& block : section["blocks"]) out += block_html(block, links);
        out += "</section>\n";
    }
    return out;
}

std::string metadata_list(const Json& document, const Links& links) {
    std::string out = "<dl class=\"metadata\">";
    for (const auto& [key, value] : document["metadata"].items())
        out += "<dt>" + escape(key) + "</dt><dd>" + cell_html(value, links) + "</dd>";
    return out + "</dl>\n";
}

std::string provision_link(const Json& reference, const Links& links) {
    std::string instrument = str(reference["instrument"]), eid = str(reference["eid"]);
    std::string label = escape(str(reference["label"]));
    if (eid.empty()) return label;
    return "<a class=\"provision-link\"" + href(links.provision(instrument, eid)) + ">" + label + "</a>";
}

std::string quote_html(const std::string& lang, const std::string& text) {
    return "<blockquote lang=\"" + escape(lang) + "\"><span class=\"lang\">" + escape(lang) + "</span> " +
           escape(text) + "</blockquote>";
}

// A proof node: derived facts open onto their premises; a base fact shows its annotation and the
// quotes it rests on, each linking to the provision page.
std::string proof_html(const Json& node, const Links& links) {
    std::string head = "<code>" + escape(str(node["fact"])) + "</code>";
    if (node.contains("rule")) head += " <span class=\"rule\">rule " + escape(str(node["rule"])) + "</span>";
    std::string body;
    if (node.contains("annotation")) {
        body += "<div class=\"annotation\">annotation <code>" + escape(str(node["annotation"])) + "</code>";
        if (node.contains("where")) body += " <span class=\"where\">" + escape(str(node["where"])) + "</span>";
        if (node.contains("provision")) body += " on " + provision_link(node["provision"], links);
        for (const Json& quote : node["quotes"]) {
            body += quote_html(str(quote["lang"]), str(quote["text"]));
            if (node.contains("provision")) body += "<p class=\"quote-source\">— " + provision_link(node["provision"], links) + "</p>";
        }
        body += "</div>";
    } else if (node.contains("where") && node["premises"].empty()) {
        body += "<div class=\"where\">" + escape(str(node["where"])) + "</div>";
    }
    for (const Json& defeated : node["defeated"])
        body += "<div class=\"defeated\">beats " + escape(str(defeated)) + "</div>";
    if (node["premises"].empty() && body.empty()) return "<li class=\"leaf\">" + head + "</li>";
    std::string premises;
    for (const Json& premise : node["premises"]) premises += proof_html(premise, links);
    if (!premises.empty()) premises = "<ul>" + premises + "</ul>";
    return "<li><details><summary>" + head + "</summary>" + body + premises + "</details></li>";
}

std::string severity_class(const std::string& severity) {
    return severity == "high" || severity == "medium" || severity == "low" ? severity : "info";
}

} // namespace

// ---- pages --------------------------------------------------------------------------------------

std::string instruments_page(const Json& data, const PageContext& context) {
    const Links& links = context.links;
    std::string rows;
    std::map<std::string, bool> types;
    for (const Json& instrument : data["instruments"]) {
        std::string alias = str(instrument["alias"]);
        std::string type = str(instrument["type"]);
        types[type] = true;
        std::string languages;
        for (const Json& expression : instrument["expressions"])
            languages += (languages.empty() ? "" : ", ") + escape(str(expression["language"])) +
                         (expression["authentic"].get<bool>() ? "*" : "");
        std::string analysis;
        if (std::find(context.analysed.begin(), context.analysed.end(), alias) != context.analysed.end())
            analysis = "<a" + href(links.report(alias)) + ">report</a> · <a" + href(links.power(alias)) + ">power</a>";
        rows += "<tr data-parties=\"" + escape(str(instrument["parties"])) + "\" data-year=\"" +
                escape(str(instrument["date_signed"]).substr(0, 4)) + "\" data-type=\"" + escape(type) +
                "\"><td><a" + href(links.instrument(alias)) + ">" + escape(alias) + "</a></td><td>" +
                escape(str(instrument["title"])) + "</td><td>" + escape(type) + "</td><td>" +
                escape(str(instrument["date_signed"])) + "</td><td>" + escape(str(instrument["parties"])) +
                "</td><td>" + languages + "</td><td>" + analysis + "</td></tr>\n";
    }
    const Json& filter = data["filter"];
    std::string type_options = "<option value=\"\">any</option>";
    for (const auto& [type, unused] : types)
        type_options += "<option" + std::string(str(filter["type"]) == type ? " selected" : "") + ">" +
                        escape(type) + "</option>";
    std::string main =
        "<main class=\"instruments\"><h1>Instruments</h1>\n<form class=\"filter\" method=\"get\" action=\"" +
        escape(links.home()) + "\"><label>Party <input name=\"party\" size=\"5\" maxlength=\"3\" value=\"" +
        escape(str(filter["party"])) + "\" placeholder=\"RUS\"></label> <label>Year <input name=\"year\" "
        "size=\"5\" maxlength=\"4\" value=\"" + escape(str(filter["year"])) + "\" placeholder=\"2014\"></label> "
        "<label>Type <select name=\"type\">" + type_options + "</select></label> <button type=\"submit\">Filter</button>"
        "</form>\n<table class=\"list\"><thead><tr><th>Alias</th><th>Title</th><th>Type</th><th>Signed</th>"
        "<th>Parties</th><th>Languages (* authentic)</th><th>Analysis</th></tr></thead><tbody>\n" + rows +
        "</tbody></table><p class=\"count\"><span id=\"shown\">" + std::to_string(data["instruments"].size()) +
        "</span> instruments</p></main>";
    return page("Instruments", "page-instruments", main, context);
}

std::string toc_page(const Json& data, const PageContext& context) {
    const Links& links = context.links;
    const Json& instrument = data["instrument"];
    std::string alias = str(instrument["alias"]);
    std::string main = "<main class=\"toc\"><h1>" + escape(str(instrument["title"])) + "</h1>\n<p class=\"facts\">" +
                       escape(alias) + " · " + escape(str(instrument["type"])) + " · signed " +
                       escape(str(instrument["date_signed"])) + " · parties " + escape(str(instrument["parties"]));
    if (std::find(context.analysed.begin(), context.analysed.end(), alias) != context.analysed.end())
        main += " · <a" + href(links.report(alias)) + ">analysis report</a> · <a" + href(links.power(alias)) +
                ">decision power</a>";
    main += "</p>\n<h2>Contents (" + escape(str(data["language"])) + ")</h2><ul class=\"contents\">\n";
    for (const Json& unit : data["units"]) {
        std::string label = str(unit["marker"]);
        std::string heading = str(unit["heading"]);
        if (!heading.empty()) label += (label.empty() ? "" : " ") + heading;
        main += fmt::format("<li style=\"margin-left:{}em\"><a", unit["depth"].get<int>() * 1.2) +
                href(links.provision(alias, str(unit["eid"]))) + ">" + escape(label.empty() ? str(unit["eid"]) : label) +
                "</a></li>\n";
    }
    main += "</ul></main>";
    return page(str(instrument["short_title"]), "page-toc", main, context);
}

std::string provision_page(const Json& data, const PageContext& context) {
    const Links& links = context.links;
    const Json& instrument = data["instrument"];
    std::string alias = str(instrument["alias"]);
    std::string authentic = str(data["authentic"]);
    std::string main = "<main class=\"provision\" data-view=\"single\" data-lang=\"" + escape(authentic) + "\">";
    main += "<nav class=\"breadcrumb\"><a" + href(links.instrument(alias)) + ">" +
            escape(str(instrument["short_title"]).empty() ? alias : str(instrument["short_title"])) + "</a>";
    for (const Json& up : data["breadcrumb"])
        main += " › <a" + href(links.provision(alias, str(up["eid"]))) + ">" + escape(str(up["label"])) + "</a>";
    main += "</nav>\n<h1>" + escape(str(data["citation"])) + "</h1>\n<div class=\"views\" role=\"group\">";
    for (const Json& lang : data["languages"])
        main += "<button type=\"button\" data-view=\"single\" data-lang=\"" + escape(str(lang)) + "\" aria-pressed=\"" +
                (str(lang) == authentic ? "true" : "false") + "\">" + escape(str(lang)) +
                (str(lang) == authentic ? " (authentic)" : "") + "</button>";
    if (data["languages"].size() > 1)
        main += "<button type=\"button\" id=\"side-by-side\" data-view=\"side\" aria-pressed=\"false\">Side by side</button>";
    main += "</div>\n<table class=\"aligned\"><thead><tr>";
    for (const Json& lang : data["languages"])
        main += "<th class=\"col col-" + escape(str(lang)) + "\">" + escape(str(lang)) + "</th>";
    main += "</tr></thead><tbody>\n";
    for (const Json& row : data["rows"]) {
        main += "<tr id=\"" + escape(str(row["eid"])) + "\">";
        for (const Json& lang : data["languages"]) {
            std::string code = str(lang);
            main += fmt::format("<td class=\"col col-{}\" lang=\"{}\" style=\"padding-left:{}em\">", escape(code),
                                escape(code), 0.4 + row["depth"].get<int>() * 1.2);
            if (row["texts"].contains(code)) {
                const Json& text = row["texts"][code];
                main += "<span class=\"marker\">" + escape(str(row["marker"])) + "</span> ";
                if (!str(text["heading"]).empty()) main += "<strong>" + escape(str(text["heading"])) + "</strong><br>";
                main += text_block(str(text["text"]));
            } else {
                main += "<span class=\"missing\">—</span>";
            }
            main += "</td>";
        }
        main += "</tr>\n";
    }
    main += "</tbody></table>\n";

    main += "<section id=\"findings\"><h2>Findings citing this provision</h2>";
    if (data["findings"].empty()) main += "<p class=\"none\">None.</p>";
    else {
        main += "<ul>";
        for (const Json& finding : data["findings"])
            main += "<li class=\"" + severity_class(str(finding["severity"])) + "\"><a" +
                    href(links.report(str(finding["instrument"])) + "#finding-" + str(finding["id"])) + ">" +
                    escape(str(finding["id"])) + " " + escape(str(finding["title"])) + "</a> (" +
                    escape(str(finding["role"])) + ")</li>";
        main += "</ul>";
    }
    main += "</section>\n<section id=\"annotations\"><h2>Annotations</h2>";
    if (data["annotations"].empty()) main += "<p class=\"none\">None.</p>";
    for (const Json& annotation : data["annotations"]) {
        main += "<article class=\"annotation\" id=\"annotation-" + escape(str(annotation["id"])) + "\"><h3><code>" +
                escape(str(annotation["id"])) + "</code> <span class=\"where\">" + escape(str(annotation["where"])) +
                "</span></h3>";
        for (const Json& quote : annotation["quotes"]) main += quote_html(str(quote["lang"]), str(quote["text"]));
        if (!str(annotation["note"]).empty()) main += "<p class=\"note\">" + escape(str(annotation["note"])) + "</p>";
        main += "</article>";
    }
    main += "</section>\n<section id=\"amendments\"><h2>Amendments</h2>";
    if (data["amendments"].empty()) main += "<p class=\"none\">None recorded.</p>";
    else {
        main += "<ul>";
        for (const Json& record : data["amendments"]) {
            // The amending act and its date of signature where the catalogue names them, and the
            // ratifying law the source's note names (docs/corpus.md, "Point in time").
            std::string act = str(record["amending_act"]).empty()
                                  ? std::string("an amending act the source does not name")
                                  : escape(str(record["amending_act"])) +
                                        (str(record["date"]).empty() ? "" : " (signed " + escape(str(record["date"])) + ")");
            std::string ratified = str(record["ratification_act"]).empty()
                                       ? ""
                                       : " · ratified by Kazakhstan on " + escape(str(record["ratification_date"])) +
                                             " (" + escape(str(record["ratification_act"])) + ")";
            main += "<li>" + escape(str(record["eid"])) + " · " + escape(str(record["kind"])) + " by " + act +
                    ratified + " <span class=\"lang\">" + escape(str(record["language"])) + "</span></li>";
        }
        main += "</ul>";
    }
    main += "</section>\n";
    // Cross-references (kb/reference_resolver, stored at ingest): what this provision cites, and
    // what cites it, each row with its language; resolved targets link to their page.
    auto more = [](const Json& rows, const Json& total) {
        std::size_t all = total.is_number() ? total.get<std::size_t>() : rows.size();
        return all > rows.size() ? fmt::format("<p class=\"none\">The first {} of {}.</p>", rows.size(), all)
                                 : std::string();
    };
    main += "<section id=\"references\"><h2>References</h2>";
    if (data["references"].empty()) main += "<p class=\"none\">This provision cites no other provision.</p>";
    else {
        main += "<ul class=\"references\">";
        for (const Json& r : data["references"]) {
            std::string status = str(r["status"]);
            main += "<li class=\"reference " + escape(status) + "\"><span class=\"lang\">" + escape(str(r["language"])) +
                    "</span> <a" + href(links.provision(alias, str(r["from_eid"]))) + "><code>" +
                    escape(str(r["from_eid"])) + "</code></a> «" + escape(str(r["text"])) + "» → ";
            if (status == "resolved")
                main += "<a class=\"target\"" + href(links.provision(alias, str(r["to_eid"]))) + ">" +
                        escape(str(r["to_citation"])) + "</a>";
            else if (status == "external")
                main += "<span class=\"external\">another instrument: " + escape(str(r["reason"])) + "</span>";
            else
                main += "<span class=\"unresolved\">unresolved (" + escape(str(r["reason"])) + ")</span>";
            main += "</li>";
        }
        main += "</ul>" + more(data["references"], data["references_total"]);
    }
    main += "</section>\n<section id=\"cited-by\"><h2>Cited by</h2>";
    if (data["cited_by"].empty()) main += "<p class=\"none\">No provision of this instrument cites it.</p>";
    else {
        main += "<ul class=\"cited-by\">";
        for (const Json& r : data["cited_by"])
            main += "<li><span class=\"lang\">" + escape(str(r["language"])) + "</span> <a class=\"source\"" +
                    href(links.provision(alias, str(r["from_eid"]))) + ">" + escape(str(r["from_citation"])) +
                    "</a> «" + escape(str(r["text"])) + "»" +
                    // A reference to a part of this provision names the part.
                    (str(r["to_eid"]) == str(data["eid"])
                         ? std::string()
                         : " → <a" + href(links.provision(alias, str(r["to_eid"]))) + "><code>" +
                               escape(str(r["to_eid"])) + "</code></a>") +
                    "</li>";
        main += "</ul>" + more(data["cited_by"], data["cited_by_total"]);
    }
    main += "</section>\n";
    main += "</main>";
    return page(str(data["citation"]), "page-provision", main, context);
}

std::string search_page(const Json& data, std::string_view query, const PageContext& context) {
    const Links& links = context.links;
    std::string main = "<main class=\"search\"><h1>Search</h1>\n<form method=\"get\" action=\"" +
                       escape(links.search()) + "\" role=\"search\"><input type=\"search\" id=\"q\" name=\"q\" "
                       "maxlength=\"" + std::to_string(max_query_length) + "\" value=\"" + escape(query) +
                       "\" aria-label=\"Search query\"> <select name=\"lang\" aria-label=\"Language\">"
                       "<option value=\"\">all languages</option><option value=\"ru\">ru</option>"
                       "<option value=\"en\">en</option></select> <button type=\"submit\">Search</button></form>\n";
    main += "<ol id=\"search-results\"" + std::string(context.static_site ? " data-static=\"1\"" : "") + ">";
    if (!data.is_null())
        for (const Json& hit : data["hits"]) {
            main += "<li class=\"hit\"><a" + href(links.provision(str(hit["instrument"]), str(hit["eid"]))) + ">" +
                    escape(str(hit["citation"])) + "</a> <span class=\"lang\">" + escape(str(hit["language"])) + "</span>";
            if (!str(hit["heading"]).empty()) main += " <strong>" + escape(str(hit["heading"])) + "</strong>";
            main += "<p class=\"snippet\">" + highlighted(str(hit["snippet"])) + "</p></li>\n";
        }
    main += "</ol>";
    if (!data.is_null() && data["hits"].empty()) main += "<p class=\"none\">No provision matches.</p>";
    main += "</main>";
    return page(query.empty() ? "Search" : "Search: " + std::string(query), "page-search", main, context);
}

std::string report_page(const Json& data, const PageContext& context) {
    const Links& links = context.links;
    const Json& document = data["document"];
    std::string main = "<main class=\"report\"><h1>" + escape(str(document["title"])) + "</h1>\n" +
                       metadata_list(document, links);
    // Summary first, then the findings by domain, then depth, stages and power.
    Json sections = document["sections"];
    if (!sections.empty()) {
        Json first{{"sections", Json::array({sections[0]})}};
        main += document_sections(first, links);
        sections.erase(sections.begin());
    }
    main += "<section id=\"findings\"><h2>Findings by domain</h2>\n";
    std::vector<std::string> domains;
    for (const Json& finding : data["findings"])
        if (std::find(domains.begin(), domains.end(), str(finding["domain"])) == domains.end())
            domains.push_back(str(finding["domain"]));
    for (const std::string& domain : domains) {
        bool heading = false;
        for (const Json& finding : data["findings"]) {
            if (str(finding["domain"]) != domain) continue;
            if (!heading) {
                main += "<h3 class=\"domain\" id=\"domain-" + escape(domain) + "\">" + escape(str(finding["domain_label"])) +
                        " <code>" + escape(domain) + "</code></h3>\n";
                heading = true;
            }
            std::string id = str(finding["id"]);
            main += "<article class=\"finding " + severity_class(str(finding["severity"])) + "\" id=\"finding-" +
                    escape(id) + "\" data-provisions=\"";
            for (const Json& p : finding["primary"]) main += escape(str(p["provision"])) + " ";
            main += "\"><h4>" + escape(id) + " · " + escape(str(finding["title"])) + " <span class=\"severity\">" +
                    escape(str(finding["severity"])) + "</span></h4>\n<p>" + escape(str(finding["legal_reading"])) + "</p>\n";
            main += "<div class=\"quotes\">";
            for (const Json& quote : finding["quotes"]) {
                if (str(quote["text"]).empty()) continue;
                main += "<figure>" + quote_html("", str(quote["text"])) + "<figcaption>" + provision_link(quote, links) +
                        "</figcaption></figure>";
            }
            main += "</div>\n<details class=\"proof\"><summary>Proof (" + std::to_string(finding["instances"].size()) +
                    (finding["instances"].size() == 1 ? " instance" : " instances") +
                    ")</summary><button type=\"button\" class=\"expand-all\">Expand all</button><ul class=\"proof-tree\">";
            for (const Json& instance : finding["instances"])
                main += "<li><details class=\"instance\"><summary>" + provision_link(instance["primary"], links) +
                        " against " + provision_link(instance["secondary"], links) + " — " +
                        escape(str(instance["reading"])) + " <span class=\"rule\">rule " + escape(str(instance["rule"])) +
                        "</span></summary><ul>" + proof_html(instance["proof"], links) + "</ul></details></li>";
            main += "</ul></details></article>\n";
        }
    }
    if (domains.empty()) main += "<p class=\"none\">No findings.</p>";
    main += "</section>\n";
    main += document_sections(Json{{"sections", sections}}, links);
    main += "</main>";
    return page(str(document["title"]), "page-report", main, context);
}

std::string power_page(const Json& data, const PageContext& context) {
    const Json& document = data["document"];
    std::string main = "<main class=\"power\"><h1>" + escape(str(document["title"])) + "</h1>\n" +
                       document_sections(document, context.links) + "</main>";
    return page(str(document["title"]), "page-power", main, context);
}

std::string compare_page(const Json& data, const PageContext& context) {
    const Json& document = data["document"];
    std::string main = "<main class=\"compare\"><h1>" + escape(str(document["title"])) + "</h1>\n<form method=\"get\" action=\"" +
                       escape(context.links.compare()) + "\">";
    for (const std::string& alias : context.analysed) {
        bool checked = std::find(data["instruments"].begin(), data["instruments"].end(), alias) != data["instruments"].end();
        main += "<label><input type=\"checkbox\" name=\"i\" value=\"" + escape(alias) + "\"" + (checked ? " checked" : "") +
                "> " + escape(alias) + "</label> ";
    }
    if (!context.static_site) main += "<button type=\"submit\">Compare</button>";
    main += "</form>\n" + document_sections(document, context.links) + "</main>";
    return page(str(document["title"]), "page-compare", main, context);
}

std::string error_page(int status, std::string_view message, const PageContext& context) {
    std::string main = "<main class=\"error\"><h1>" + std::to_string(status) + (status == 404 ? " Not found" : status == 400 ? " Bad request" : status == 405 ? " Method not allowed" : " Error") +
                       "</h1><p class=\"message\">" + escape(message) + "</p><p><a" + href(context.links.home()) +
                       ">All instruments</a></p></main>";
    return page(std::to_string(status), "page-error", main, context);
}

} // namespace treatykb::cli::serve
