#include "kb/front_matter.hpp"

#include <cctype>
#include <regex>

#include "kb/error.hpp"

namespace treatykb {

namespace {

std::string trim(const std::string& text) {
    std::size_t begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos)
        return {};
    std::size_t end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

std::string lower(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void require(bool ok, const std::string& message, const SourceLocation& where,
             const std::string& hint) {
    if (!ok)
        throw Error(message, where, hint);
}

void set_field(FrontMatter& front, const std::string& key, const std::string& value,
               const SourceLocation& where) {
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    if (key == "title") {
        front.title = value;
    } else if (key == "short title" || key == "short name" || key == "short_title") {
        front.short_title = value;
    } else if (key == "alias") {
        static const std::regex alias(R"([a-z0-9][a-z0-9_-]*)");
        require(std::regex_match(value, alias), "alias \"" + value + "\" is not a valid alias",
                where, "use lower-case letters, digits, '-' and '_', e.g. caspian-cu");
        front.alias = value;
    } else if (key == "parties") {
        std::string code;
        static const std::regex iso3(R"([A-Z]{3})");
        for (std::size_t i = 0; i <= value.size(); ++i) {
            char c = i < value.size() ? value[i] : ' ';
            if (c == ',' || c == ' ' || c == ';') {
                if (!code.empty()) {
                    require(std::regex_match(code, iso3),
                            "party \"" + code + "\" is not an ISO 3166-1 alpha-3 code", where,
                            "write the parties as three-letter codes: RUS, KAZ, BLR");
                    front.parties.push_back(code);
                }
                code.clear();
            } else {
                code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
        }
    } else if (key == "signed" || key == "date signed") {
        require(std::regex_match(value, date), "date signed \"" + value + "\" is not a date",
                where, "write it as yyyy-mm-dd, e.g. 2014-05-29");
        front.date_signed = value;
    } else if (key == "in force" || key == "date in force") {
        require(std::regex_match(value, date), "date in force \"" + value + "\" is not a date",
                where, "write it as yyyy-mm-dd, e.g. 2015-01-01");
        front.date_in_force = value;
    } else if (key == "language") {
        static const std::regex language(R"([a-z]{2})");
        require(std::regex_match(value, language),
                "language \"" + value + "\" is not a two-letter code", where,
                "write an ISO 639-1 code: ru, en, es, fr");
        front.language = value;
    } else if (key == "type") {
        front.type = value;
    } else {
        throw Error("unknown front-matter key \"" + key + "\"", where,
                    "the keys are title, short title, alias, parties, signed, in force, language "
                    "and type (docs/corpus.md)");
    }
}

} // namespace

std::optional<FrontMatter> take_front_matter(std::string& text, const std::string& file) {
    std::size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0; // a byte-order mark
    std::size_t first_end = text.find('\n', start);
    if (trim(text.substr(start, first_end == std::string::npos ? std::string::npos
                                                               : first_end - start)) != "---")
        return std::nullopt;
    FrontMatter front;
    std::size_t position = first_end == std::string::npos ? text.size() : first_end + 1;
    int line = 2;
    while (true) {
        if (position >= text.size())
            throw Error("the front matter opened on line 1 is never closed", {file, line, 0},
                        "end it with a line \"---\" before the text of the treaty");
        std::size_t end = text.find('\n', position);
        if (end == std::string::npos)
            end = text.size();
        std::string content = trim(text.substr(position, end - position));
        position = end + 1;
        if (content == "---")
            break;
        if (!content.empty() && content[0] != '#') {
            std::size_t colon = content.find(':');
            require(colon != std::string::npos, "front-matter line without \"key: value\"",
                    {file, line, 1}, "write e.g. \"signed: 2014-05-29\"");
            std::string key = lower(trim(content.substr(0, colon)));
            std::string value = trim(content.substr(colon + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            set_field(front, key, value,
                      {file, line, static_cast<int>(content.size() - value.size() + 1)});
        }
        ++line;
    }
    // Keep the line count: the block becomes empty lines.
    std::string blank(static_cast<std::size_t>(line), '\n');
    text = blank + (position < text.size() ? text.substr(position) : std::string());
    return front;
}

} // namespace treatykb
