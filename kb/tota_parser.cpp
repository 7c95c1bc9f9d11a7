#include "kb/tota_parser.hpp"

#include <boost/regex/icu.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <optional>

#include "kb/eid.hpp"
#include "kb/error.hpp"
#include "kb/instrument_names.hpp"
#include "kb/structure_builder.hpp"
#include "kb/text_parser.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {

using Match = boost::match_results<std::string::const_iterator>;

const boost::u32regex& article_label() {
    // "ARTICLE 25", "ARTICLE - 3", "ARTÍCULO 3.2", "ARTÍÍCULO 4-1", "ARTICTE 5" (OCR),
    // "ARTICLES 2.1".
    static const auto pattern = boost::make_u32regex(
        R"(^\s*(?:ART[IÍ]+C[UL]+OS?|ARTICTE|ARTICLES?|ART\.)?\s*[-–]?\s*(.*?)\s*\.?\s*$)",
        boost::regex::perl | boost::regex::icase);
    return pattern;
}

const boost::u32regex& chapter_label() {
    static const auto pattern = boost::make_u32regex(
        R"(^\s*(CHAPTER|CAP[IÍ]TULO|TITLE|T[IÍ]TULO|SECTION|SECCI[OÓ]N|PART|PARTE)?\s*[-–]?\s*(.*?)\s*\.?\s*$)",
        boost::regex::perl | boost::regex::icase);
    return pattern;
}

const boost::u32regex& tota_block_start() {
    static const auto pattern = boost::make_u32regex(
        R"(^(\d{1,3}\.(\s|$|[[:upper:]])|\(?\d{1,3}\)|\(?[a-z]\)|\([ivx]+\)|[-–—•]\s).*$)", boost::regex::perl);
    return pattern;
}

// The number part of a label as an article number: words and roman numerals become digits.
std::string label_number(const std::string& rest) {
    if (rest.empty())
        return {};
    if (auto words = english_number_words(rest))
        return std::to_string(*words);
    if (auto roman = roman_to_int(rest))
        return std::to_string(*roman);
    return rest;
}

struct Block {
    std::string text;
};

// OCR'd text: lines wrapped inside a paragraph, paragraphs separated by blank lines, and markers
// ("1.", "(a)", "1)", "-") sometimes at the start of a line without a blank line before.
std::vector<std::string> split_blocks(std::string_view text) {
    std::vector<std::string> blocks;
    std::string current;
    std::size_t position = 0;
    while (position <= text.size()) {
        std::size_t end = text.find('\n', position);
        if (end == std::string_view::npos)
            end = text.size();
        std::string line(trim(text.substr(position, end - position)));
        position = end + 1;
        if (line.empty()) {
            if (!current.empty())
                blocks.push_back(std::move(current));
            current.clear();
        } else {
            Match found;
            if (!current.empty() && boost::u32regex_match(line, found, tota_block_start())) {
                blocks.push_back(std::move(current));
                current.clear();
            }
            if (!current.empty())
                current += ' ';
            current += line;
        }
        if (end == text.size())
            break;
    }
    if (!current.empty())
        blocks.push_back(std::move(current));
    for (auto& block : blocks)
        block = fold_whitespace(block);
    return blocks;
}

bool is_heading_remnant(const std::vector<std::string>& blocks) {
    // "of the Permanent Bodies of the EAEU" (Art. 9 of pta_440): OCR moved the end of a long
    // heading into the text. A short first block without closing punctuation, followed by more.
    if (blocks.size() < 2)
        return false;
    const std::string& first = blocks.front();
    if (first.size() > 100)
        return false;
    char last = first.back();
    if (last == '.' || last == ':' || last == ';' || last == ',')
        return false;
    Match found;
    if (boost::u32regex_match(first, found, tota_block_start()))
        return false;
    bool starts_lower =
        std::islower(static_cast<unsigned char>(first.front())) || first.front() == '(';
    bool next_is_paragraph_one = blocks[1].starts_with("1.") || blocks[1].starts_with("1 ");
    return starts_lower || next_is_paragraph_one;
}

// "CONVENTION ESTABLISHING THE EUROPEAN FREE TRADE ASSOCIATION Consolidated version, last amended
// on 1 July 2013": a text that says at its head which version it is represents that version, not
// the signature the metadata dates (ISO date; empty when the head says nothing of the kind).
std::string stated_version_date(const pugi::xml_node& body) {
    constexpr std::size_t head_bytes = 1500;
    std::string head;
    for (pugi::xml_node chapter : body.children("chapter"))
        for (pugi::xml_node article : chapter.children("article"))
            if (head.size() < head_bytes) head.append(article.child_value()).push_back(' ');
    // Cut at a character's start: Boost throws on a broken UTF-8 sequence.
    std::size_t cut = std::min(head.size(), head_bytes);
    while (cut > 0 && cut < head.size() && (static_cast<unsigned char>(head[cut]) & 0xC0) == 0x80) --cut;
    head.resize(cut);
    static const auto pattern = boost::make_u32regex(
        R"(consolidated\s+version,?\s+(?:as\s+)?last\s+amended\s+on\s+(\d{1,2}\s+[[:alpha:]]+\s+\d{4}))",
        boost::regex::perl | boost::regex::icase);
    Match found;
    if (!boost::u32regex_search(head, found, pattern))
        return {};
    std::vector<std::string> dates = dates_in(found[1].str());
    return dates.empty() ? std::string() : dates.front();
}

std::string text_of(const pugi::xml_node& node, const char* name) {
    return std::string(trim(node.child(name).child_value()));
}

} // namespace

TotaDocument parse_tota_xml(std::string_view xml, const std::string& file) {
    require_readable_text(xml, file);
    require_valid_character_references(xml, file);
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    if (!parsed) {
        throw Error(std::string("not well-formed XML: ") + parsed.description(),
                    {file, line_of_offset(xml, static_cast<std::size_t>(parsed.offset)), 0},
                    "is this a ToTA file (pta_N.xml)? Re-download it from mappingtreaties/tota");
    }
    pugi::xml_node treaty = document.child("treaty");
    pugi::xml_node meta = treaty.child("meta");
    pugi::xml_node body = treaty.child("body");
    if (!treaty || !meta || !body) {
        throw Error("not a ToTA file: expected <treaty> with <meta> and <body>", {file, 1, 0},
                    "ToTA files are the pta_N.xml files of mappingtreaties/tota (folder xml/)");
    }
    TotaDocument out;
    out.treaty_identifier = text_of(meta, "treaty_identifier");
    // The identifier becomes the alias "pta_N" and part of the work URI: ToTA's are numbers; an
    // empty one or one with a path in it ("../../etc") would make a meaningless or unsafe name.
    bool identifier_ok = !out.treaty_identifier.empty() && out.treaty_identifier.size() <= 32 &&
                         std::all_of(out.treaty_identifier.begin(), out.treaty_identifier.end(),
                                     [](char c) {
                                         return std::isalnum(static_cast<unsigned char>(c)) ||
                                                c == '-' || c == '_';
                                     });
    if (!identifier_ok) {
        pugi::xml_node where = meta.child("treaty_identifier");
        throw Error("ToTA treaty identifier \"" + out.treaty_identifier +
                        "\" is not a treaty number (letters, digits, - and _ only, at most 32)",
                    {file, where ? line_of_offset(xml, static_cast<std::size_t>(where.offset_debug())) : 1, 0},
                    "ToTA files name their treaty with <treaty_identifier>N</treaty_identifier>, "
                    "e.g. 440");
    }
    out.name = text_of(meta, "name");
    out.type = text_of(meta, "type");
    out.date_signed = text_of(meta, "date_signed");
    out.date_in_force = text_of(meta, "date_into_force");
    for (pugi::xml_node party : meta.child("parties").children("partyisocode")) {
        if (!out.parties.empty())
            out.parties += ' ';
        out.parties += trim(party.child_value());
    }
    for (pugi::xml_node source : meta.children("source")) {
        if (!out.sources.empty())
            out.sources += ' ';
        out.sources += trim(source.child_value());
    }
    ParsedText& result = out.parsed;
    result.title = out.name;
    result.expression.language = text_of(meta, "language");
    result.expression.date = out.date_signed;
    if (std::string version = stated_version_date(body); !version.empty())
        result.expression.date = version;
    result.expression.source = "ToTA pta_" + out.treaty_identifier;

    // First pass: where numbered articles start and end, to place unnumbered ones.
    std::vector<pugi::xml_node> articles;
    for (pugi::xml_node chapter : body.children("chapter"))
        for (pugi::xml_node article : chapter.children("article"))
            articles.push_back(article);
    std::optional<std::size_t> first_numbered, last_numbered;
    for (std::size_t i = 0; i < articles.size(); ++i) {
        if (articles[i].attribute("number")) {
            if (!first_numbered)
                first_numbered = i;
            last_numbered = i;
        }
    }

    StructureBuilder builder(file, result.expression, result.warnings);
    std::size_t index = 0;
    std::string last_number;
    bool in_closing = false;
    for (pugi::xml_node chapter : body.children("chapter")) {
        std::string chapter_name = chapter.attribute("name").value();
        std::string chapter_number = chapter.attribute("number").value();
        bool preamble_chapter = to_lower(chapter_name) == "preamble";
        bool closing_chapter = to_lower(chapter_name) == "conclusion";
        if (!chapter_number.empty()) {
            Match found;
            boost::u32regex_match(chapter_number, found, chapter_label());
            std::string word = to_lower(found[1].str());
            std::string kind = "chapter", prefix = "chp";
            if (word == "title" || word.starts_with("t"))
                kind = prefix = "title";
            else if (word == "section" || word.starts_with("secci"))
                kind = "section", prefix = "sec";
            else if (word.starts_with("part"))
                kind = prefix = "part";
            std::string number = label_number(found[2].str());
            if (number.empty())
                number = std::to_string(index + 1);
            builder.open_group(1, kind, prefix, number, fold_whitespace(chapter_name), 0);
        }
        for (pugi::xml_node article : chapter.children("article")) {
            std::string label = article.attribute("number").value();
            std::string heading = fold_whitespace(article.attribute("name").value());
            std::string id = article.attribute("article_identifier").value();
            std::vector<std::string> blocks = split_blocks(article.child_value());
            bool before = !first_numbered || index < *first_numbered;
            bool after = last_numbered && index > *last_numbered;
            ++index;
            if (label.empty() && (preamble_chapter || (before && !closing_chapter))) {
                if (!builder.current() || builder.current()->kind != "preamble")
                    builder.open_top("preamble", "preamble", "", heading, 0);
                for (const auto& block : blocks)
                    builder.add_block(block, 0);
                continue;
            }
            if (label.empty() && (closing_chapter || after || in_closing)) {
                if (!in_closing)
                    builder.open_top("conclusions", "conclusions", "", heading, 0);
                in_closing = true;
                for (const auto& block : blocks)
                    builder.add_block(block, 0);
                continue;
            }
            std::string number;
            if (label.empty()) {
                // (at most 6 digits, so that the next number is a plain int)
                bool numeric = !last_number.empty() && last_number.size() <= 6 &&
                               last_number.find_first_not_of("0123456789") == std::string::npos;
                number = numeric ? std::to_string(std::stoi(last_number) + 1)
                                 : "unnumbered-" + std::to_string(index);
                result.warnings.push_back({file, "art_" + number,
                                           "article " + id + " has no number; numbered " + number +
                                               " from its position"});
            } else {
                Match found;
                boost::u32regex_match(label, found, article_label());
                number = label_number(found[1].str());
                if (number.empty()) {
                    number = "unnumbered-" + std::to_string(index);
                    result.warnings.push_back(
                        {file, "art_" + number, "article label \"" + label + "\" has no number"});
                }
            }
            last_number = number;
            builder.open_article(number, heading, 0);
            std::size_t first_block = 0;
            if (is_heading_remnant(blocks)) {
                builder.extend_heading(blocks.front());
                first_block = 1;
            }
            for (std::size_t b = first_block; b < blocks.size(); ++b)
                builder.add_block(blocks[b], 0);
            if (blocks.empty())
                result.warnings.push_back(
                    {file, "art_" + number_component(number), "article has no text"});
        }
    }
    if (result.expression.provisions.empty())
        throw Error("no articles in the ToTA body", {file, 0, 0}, "the file has an empty <body>");
    return out;
}

} // namespace treatykb
