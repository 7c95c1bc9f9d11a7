#include "kb/citation.hpp"

#include <boost/regex/icu.hpp>

#include "kb/eid.hpp"
#include "kb/error.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

std::string format_citation(std::string_view short_title, const std::vector<CitationStep>& steps) {
    std::string out(short_title);
    std::string previous; // kind of the step before
    auto add = [&](const std::string& piece) {
        if (!out.empty())
            out += ", ";
        out += piece;
    };
    for (const auto& step : steps) {
        const std::string& kind = step.kind;
        const std::string& number = step.number;
        bool numbered_inside = previous == "paragraph" || previous == "point" ||
                               previous == "subpoint" || previous == "item";
        if (kind == "article") {
            add("Art. " + number);
        } else if (kind == "paragraph") {
            out += "(" + number + ")";
        } else if (kind == "point" || kind == "subpoint" || kind == "item") {
            // "Art. 47(1)(a)" below a paragraph; "Art. 46, point 1" or "Annex 7, point 50" when
            // the point hangs directly from the article or annex.
            if (numbered_inside)
                out += "(" + number + ")";
            else
                add("point " + number);
        } else if (kind == "indent") {
            add("indent " + number);
        } else if (kind == "wrapUp") {
            add("closing words");
        } else if (kind == "preamble") {
            add("Preamble");
        } else if (kind == "conclusions") {
            add("final formula");
        } else if (kind == "annex") {
            add("Annex " + number);
        } else if (kind == "appendix") {
            add("Appendix " + number);
        } else if (kind == "section") {
            add("Section " + number);
        } else if (kind == "subsection") {
            add("subsection " + number);
        } else if (kind == "part") {
            add("Part " + number);
        } else if (kind == "chapter") {
            add("Chapter " + number);
        } else if (kind == "title") {
            add("Title " + number);
        } else {
            add(kind + " " + number);
        }
        previous = kind;
    }
    return out;
}

CitationStep step_from_eid(std::string_view eid) {
    std::size_t last = eid.rfind("__");
    std::string_view component = last == std::string_view::npos ? eid : eid.substr(last + 2);
    std::size_t underscore = component.find('_');
    std::string prefix(component.substr(0, underscore));
    std::string number =
        underscore == std::string_view::npos ? "" : std::string(component.substr(underscore + 1));
    static const std::pair<const char*, const char*> kinds[] = {
        {"art", "article"},       {"para", "paragraph"},
        {"point", "point"},       {"subpoint", "subpoint"},
        {"item", "item"},         {"indent", "indent"},
        {"wrap", "wrapUp"},       {"sec", "section"},
        {"subsec", "subsection"}, {"part", "part"},
        {"annex", "annex"},       {"app", "appendix"},
        {"chp", "chapter"},       {"title", "title"},
        {"preamble", "preamble"}, {"conclusions", "conclusions"}};
    std::string kind = prefix;
    for (const auto& [short_name, full_name] : kinds)
        if (prefix == short_name)
            kind = full_name;
    if (kind == "article") {
        // "99-1" is Art. 99¹.
        static const char* superscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
        if (auto dash = number.find('-');
            dash != std::string::npos &&
            number.find_first_not_of("0123456789-") == std::string::npos) {
            std::string written = number.substr(0, dash);
            std::string raised = number.substr(dash + 1);
            // Only "N-D..." with digits after one dash ("art_--" was an index out of bounds,
            // found by fuzz_citation).
            if (!raised.empty() && raised.find('-') == std::string::npos) {
                for (char c : raised)
                    written += superscripts[c - '0'];
                number = written;
            }
        }
    }
    if (kind == "section" && !number.empty() && number.size() <= 4 &&
        number.find_first_not_of("0123456789") == std::string::npos)
        number = int_to_roman(std::stoi(number));
    return {kind, number};
}

std::vector<std::string> eid_prefixes(std::string_view eid) {
    std::vector<std::string> out;
    std::size_t position = 0;
    while (true) {
        std::size_t next = eid.find("__", position);
        if (next == std::string_view::npos)
            break;
        out.emplace_back(eid.substr(0, next));
        position = next + 2;
    }
    out.emplace_back(eid);
    return out;
}

namespace {
using Match = boost::match_results<std::string::const_iterator>;

const boost::u32regex& compiled(const char* pattern) {
    // Each call site passes one literal; compiled once per literal. The parenthesised parts are
    // `\([^()]+\)` (split_parts trims them): `\(\s*[^()]+\s*\)` could split the white space
    // between its three pieces in many ways, and a long unclosed list backtracked for seconds
    // (found by fuzz_citation).
    static const auto flags = boost::regex::perl | boost::regex::icase;
    static const boost::u32regex article = boost::make_u32regex(
        R"(^(?:art(?:icle)?\.?|статья|ст\.)?\s*(\d+(?:[¹²³⁴⁵⁶⁷⁸⁹]+|[-.]\d+)?)\s*((?:\([^()]+\))*)\s*$)",
        flags);
    static const boost::u32regex annex = boost::make_u32regex(
        R"(^(?:annex|приложение)\s*(?:№\s*)?(\d+)(?:\s*,?\s*(?:point|пункт|p\.)\s*(\d+[¹²³⁴⁵⁶⁷⁸⁹]*))?\s*((?:\([^()]+\))*)\s*$)",
        flags);
    static const boost::u32regex section =
        boost::make_u32regex(R"(^(?:section|раздел|sec\.)\s*([IVXLC]+|\d+)\s*$)", flags);
    std::string_view which(pattern);
    return which == "article" ? article : which == "annex" ? annex : section;
}

std::vector<std::string> split_parts(const std::string& parts) {
    std::vector<std::string> out;
    std::size_t position = 0;
    while ((position = parts.find('(', position)) != std::string::npos) {
        std::size_t close = parts.find(')', position);
        out.emplace_back(trim(std::string_view(parts).substr(position + 1, close - position - 1)));
        position = close;
    }
    return out;
}
} // namespace

ParsedReference parse_reference(std::string_view reference) {
    // The regular expressions decode UTF-8 and throw a bare std::out_of_range on invalid bytes
    // (found by fuzz_citation): refuse such a reference with a message instead.
    if (first_invalid_utf8(reference))
        throw Error("the provision reference is not UTF-8 text", {},
                    "type the reference again, e.g. \"Art. 47(1)\" or \"Статья 47\"");
    std::string text(trim(reference));
    Match found;
    if (boost::u32regex_match(text, found, compiled("article")))
        return {"art_" + number_component(found[1].str()), split_parts(found[2].str())};
    if (boost::u32regex_match(text, found, compiled("annex"))) {
        std::string root = "annex_" + found[1].str();
        if (found[2].matched)
            root += "__point_" + number_component(found[2].str()); // 13¹ -> 13-1 (Annex 19)
        return {root, split_parts(found[3].str())};
    }
    if (boost::u32regex_match(text, found, compiled("section")))
        return {"sec_" + number_component(found[1].str()), {}};
    return {text, {}};
}

} // namespace treatykb
