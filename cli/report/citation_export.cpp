#include "cli/report/citation_export.hpp"
#include "cli/report/render_util.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

#include "kb/error.hpp"

namespace treatykb::cli {

namespace {

std::string language_name(const std::string& code) {
    if (code == "ru") return "Russian";
    if (code == "en") return "English";
    if (code == "es") return "Spanish";
    if (code == "fr") return "French";
    if (code == "de") return "German";
    if (code == "kk") return "Kazakh";
    if (code == "be") return "Belarusian";
    return code;
}

// BibTeX's language field takes babel names.
std::string babel_language(const std::string& code) {
    std::string name = language_name(code);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text + " ") {
        if (c == ' ') {
            if (!word.empty()) out.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    return out;
}

using report::detail::join;

// "Treaty on the Eurasian Economic Union (Astana, 29 May 2014)" -> title and place.
void split_title(const std::string& full, std::string& title, std::string& place) {
    title = full;
    if (full.empty() || full.back() != ')') return;
    std::size_t open = full.rfind(" (");
    if (open == std::string::npos) return;
    std::string inside = full.substr(open + 2, full.size() - open - 3);
    std::size_t comma = inside.find(", ");
    // Only "(Place, date)": the part after the comma holds a year.
    if (comma == std::string::npos || inside.find_first_of("0123456789", comma) == std::string::npos)
        return;
    place = inside.substr(0, comma);
    title = full.substr(0, open);
}

std::string expression_text(const ProvisionCitation& citation) {
    std::string out = language_name(citation.language) +
                      (citation.authentic ? " (authentic text)" : " (translation, not authentic)");
    if (!citation.expression_date.empty()) {
        if (citation.expression_date == citation.date_signed)
            out += ", as signed";
        else
            out += ", consolidated as of " + citation.expression_date;
    }
    return out;
}

std::string signature_text(const ProvisionCitation& citation) {
    std::string out;
    if (!citation.place.empty()) out += "signed at " + citation.place;
    if (!citation.date_signed.empty()) out += (out.empty() ? "signed " : " ") + std::string("on ") + citation.date_signed;
    if (!citation.date_in_force.empty()) out += (out.empty() ? "" : "; ") + std::string("in force ") + citation.date_in_force;
    return out;
}

std::string note_text(const ProvisionCitation& citation) {
    std::string out = citation.label + ".";
    if (!citation.parties.empty()) out += " Parties: " + join(citation.parties, ", ") + ".";
    out += " Text: " + expression_text(citation) + ".";
    out += " URI: " + citation.uri + ".";
    return out;
}

std::string bibtex_key(const ProvisionCitation& citation) {
    std::string key = citation.instrument + ":" + citation.eid;
    for (char& c : key)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '_' && c != '-') c = '_';
    return key;
}

// Braces keep BibTeX from changing the case of the title; {, }, \ and the LaTeX specials are
// escaped so that any title parses.
std::string bibtex_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '{': out += "\\{"; break;
            case '}': out += "\\}"; break;
            case '\\': out += "\\textbackslash{}"; break;
            case '&': out += "\\&"; break;
            case '%': out += "\\%"; break;
            case '$': out += "\\$"; break;
            case '#': out += "\\#"; break;
            case '_': out += "\\_"; break;
            default: out += c;
        }
    }
    return out;
}

std::string bibtex(const std::vector<ProvisionCitation>& citations) {
    std::string out;
    for (const ProvisionCitation& citation : citations) {
        out += "@misc{" + bibtex_key(citation) + ",\n";
        auto field = [&](const std::string& name, const std::string& value) {
            if (!value.empty()) out += "  " + name + " = {" + value + "},\n";
        };
        field("title", "{" + bibtex_text(citation.title) + "}, " + bibtex_text(citation.label));
        field("shorttitle", bibtex_text(citation.short_title));
        field("type", "Treaty");
        field("date", citation.date_signed);
        field("year", citation.date_signed.substr(0, 4));
        field("address", bibtex_text(citation.place));
        field("language", babel_language(citation.language));
        field("note", bibtex_text(note_text(citation)));
        field("howpublished", bibtex_text("Akoma Ntoso URI " + citation.uri));
        out += "}\n";
    }
    return out;
}

nlohmann::json date_parts(const std::string& iso) {
    nlohmann::json parts = nlohmann::json::array();
    if (iso.size() >= 4) parts.push_back(std::stoi(iso.substr(0, 4)));
    if (iso.size() >= 7) parts.push_back(std::stoi(iso.substr(5, 2)));
    if (iso.size() >= 10) parts.push_back(std::stoi(iso.substr(8, 2)));
    return {{"date-parts", nlohmann::json::array({parts})}};
}

std::string csl_json(const std::vector<ProvisionCitation>& citations) {
    nlohmann::json items = nlohmann::json::array();
    for (const ProvisionCitation& citation : citations) {
        nlohmann::json item{{"id", bibtex_key(citation)},
                            {"type", "treaty"},
                            {"title", citation.title},
                            {"title-short", citation.short_title},
                            {"section", citation.label},
                            {"language", citation.language},
                            {"note", note_text(citation)},
                            {"number", citation.uri}};
        if (!citation.date_signed.empty()) item["issued"] = date_parts(citation.date_signed);
        if (!citation.place.empty()) item["publisher-place"] = citation.place;
        if (!citation.expression_date.empty()) item["available-date"] = date_parts(citation.expression_date);
        items.push_back(std::move(item));
    }
    return items.dump(2) + "\n";
}

std::string ris(const std::vector<ProvisionCitation>& citations) {
    std::string out;
    for (const ProvisionCitation& citation : citations) {
        auto tag = [&](const std::string& name, const std::string& value) {
            if (!value.empty()) out += name + "  - " + value + "\r\n";
        };
        tag("TY", "LEGAL");
        tag("TI", citation.title);
        tag("ST", citation.short_title);
        tag("SE", citation.label);
        if (!citation.date_signed.empty()) {
            std::string date = citation.date_signed;
            for (char& c : date) if (c == '-') c = '/';
            tag("DA", date + "/");
            tag("PY", citation.date_signed.substr(0, 4));
        }
        tag("CY", citation.place);
        tag("LA", citation.language);
        for (const std::string& party : citation.parties) tag("KW", party);
        tag("N1", note_text(citation));
        tag("M1", citation.uri);
        out += "ER  - \r\n";
    }
    return out;
}

std::string text(const std::vector<ProvisionCitation>& citations) {
    std::string out;
    for (const ProvisionCitation& citation : citations) {
        out += citation.title + ", " + citation.label + ".";
        std::string signature = signature_text(citation);
        if (!signature.empty()) out += " " + std::string(1, static_cast<char>(std::toupper(signature[0]))) + signature.substr(1) + ".";
        if (!citation.parties.empty()) out += " Parties: " + join(citation.parties, ", ") + ".";
        out += " Text: " + expression_text(citation) + ". " + citation.uri + "\n";
    }
    return out;
}

} // namespace

std::vector<std::string> citation_formats() {
    return {"text", "bibtex", "csl-json", "ris"};
}

ProvisionCitation cite_provision(const Store& store, const std::string& alias,
                                 const std::string& eid, const std::string& lang) {
    ProvisionCitation citation;
    citation.instrument = alias;
    citation.eid = eid;
    citation.language = lang;
    citation.citation = store.citation(alias, eid);
    std::string work_uri;
    std::string expression_uri;
    for (const InstrumentSummary& instrument : store.list()) {
        if (instrument.alias != alias) continue;
        split_title(instrument.title, citation.title, citation.place);
        citation.short_title = instrument.short_title;
        citation.parties = words(instrument.parties);
        citation.date_signed = instrument.date_signed;
        citation.date_in_force = instrument.date_in_force;
        work_uri = instrument.work_uri;
        for (const ExpressionSummary& expression : instrument.expressions)
            if (expression.language == lang) {
                citation.authentic = expression.authentic;
                citation.expression_date = expression.date;
                expression_uri = expression.uri;
            }
    }
    // "EAEU Treaty, Art. 47" -> "Art. 47".
    std::string prefix = citation.short_title + ", ";
    citation.label = citation.citation.rfind(prefix, 0) == 0 ? citation.citation.substr(prefix.size())
                                                             : citation.citation;
    citation.uri = work_uri + "~" + eid;
    if (!expression_uri.empty())
        citation.expression_uri = expression_uri + citation.expression_date + "/!main~" + eid;
    return citation;
}

std::string render_citations(const std::vector<ProvisionCitation>& citations,
                             const std::string& format) {
    if (format == "text") return text(citations);
    if (format == "bibtex") return bibtex(citations);
    if (format == "csl-json") return csl_json(citations);
    if (format == "ris") return ris(citations);
    throw Error("no citation format \"" + format + "\"", {}, "give text, bibtex, csl-json or ris");
}

} // namespace treatykb::cli
