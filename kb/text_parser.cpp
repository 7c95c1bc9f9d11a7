// The official-layout parser. One pass over the lines: headings are recognised by their words
// (not by Markdown levels — the mirror writes "### ЧАСТЬ ВТОРАЯ" and "#### Статья 33"), body text
// goes to StructureBuilder, which splits paragraphs and points.
#include "kb/text_parser.hpp"

#include <boost/regex/icu.hpp>

#include <map>
#include <optional>
#include <vector>

#include "kb/eid.hpp"
#include "kb/error.hpp"
#include "kb/structure_builder.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {

enum class Layout { markdown, plain };

using Match = boost::match_results<std::string::const_iterator>;

constexpr const char* ratification_line = R"(^О ратификации.*$)";
constexpr const char* title_line =
    R"(^(ДОГОВОР|СОГЛАШЕНИЕ|ПРОТОКОЛ|КОНВЕНЦИЯ|TREATY|AGREEMENT|PROTOCOL|CONVENTION)\b.*$)";
constexpr const char* editorial_note =
    R"(^(\(?Бюллетень|Вступил в силу|Примечание\.|\(Бюллетень).*$)";
constexpr const char* part_heading = R"(^(?:ЧАСТЬ|PART)\s+(\S+?)\.?(?:\s+(.*))?$)";
constexpr const char* section_heading = R"(^(?:РАЗДЕЛ|SECTION)\s+([IVXLC]+|\d+)\.?(?:\s+(.*))?$)";
// Chapters of an annex ("### ГЛАВА IV. Компетенция Суда", Annex 2, the Statute of the Court).
constexpr const char* chapter_heading = R"(^(?:ГЛАВА|CHAPTER)\s+([IVXLC]+|\d+)\.?(?:\s+(.*))?$)";
constexpr const char* article_heading =
    R"(^(?:СТАТЬЯ|ARTICLE)\s+(\d+[¹²³⁴⁵⁶⁷⁸⁹]*)\.?(?:\s+(.*))?$)";
constexpr const char* annex_heading =
    R"(^(?:ПРИЛОЖЕНИЕ|ANNEX)(?:\s*№\s*|\s+)(\d+|[IVXLC]+)\.?(?:\s+(.*))?$)";
constexpr const char* appendix_heading = R"(^(?:ПРИЛОЖЕНИЕ|APPENDIX)\s*$)";
constexpr const char* numbered_title = R"(^(\d{1,2})\.\s+(.+)$)";
constexpr const char* roman_title = R"(^([IVXLC]+)\.\s+(.+)$)";
constexpr const char* closing_formula =
    R"(^(Совершено|Done|DONE|IN WITNESS|In witness|Executed)\b.*$)";
constexpr const char* footnote_line = R"(^Сноска\.\s*(.*)$)";
// "Сноска. Статья 85 в редакции Закона РК от 15.02.2021 № 6-VII." / "Сноска. Пункт 2 с
// изменениями, внесенными законами РК от 24.12.2014 № 265-V; от 02.08.2015 № 346-V; ..." /
// "Сноска. Протокол дополнен пунктом 131 в соответствии с Законом РК ...".
constexpr const char* amendment_kind =
    R"(^.*?(в редакции|дополнен\S*\s+(статьей|пунктом)\s+(\S+)|с изменени\S*|изменени\S*).*$)";
// "законами РКот 15.09.2021" (no space) occurs in Annex 21.
constexpr const char* ratifying_laws = R"(^.*?\bЗакон\S*\s+(?:РК\s*)?(от\s.*)$)";
constexpr const char* law_date_number = R"(от\s+(\d\d)\.(\d\d)\.(\d{4})(?:\s*№\s*(\d+-[IVXLC]+))?)";

constexpr const char* block_start = R"(^(\d{1,3}[.)]|\(?[a-zа-я]\)|\([ivx]+\)|[-–—•]\s).*$)";
constexpr const char* article_footnote = R"(^Сноска\.\s*Статья\s+(\d+)\b.*$)";
constexpr const char* point_footnote = R"(^Сноска\.\s*Пункт\s+(\d+)\b.*$)";
constexpr const char* appendix_footnote = R"(^Сноска\.\s*Приложение\b.*$)";

// Compiled once; keyed by the addresses of the pattern constants above.
const boost::u32regex& pattern(const char* text) {
    static const std::map<const char*, boost::u32regex> compiled = [] {
        std::map<const char*, boost::u32regex> out;
        for (const char* each :
             {ratification_line, title_line,       editorial_note,  part_heading,
              section_heading,   chapter_heading,  article_heading, annex_heading,
              appendix_heading,  numbered_title,   roman_title,     closing_formula,
              footnote_line,     amendment_kind,   ratifying_laws,  law_date_number,
              block_start,       article_footnote, point_footnote,  appendix_footnote})
            out.emplace(each, boost::make_u32regex(each, boost::regex::perl | boost::regex::icase));
        return out;
    }();
    return compiled.at(text);
}

bool matches(const std::string& text, const char* regex, Match& found) {
    return boost::u32regex_match(text, found, pattern(regex));
}

struct Line {
    std::string text; // without Markdown marks and indentation
    int number = 0;
    bool heading = false; // a Markdown "#" line
    bool blank = false;
};

std::vector<Line> split_lines(std::string_view text, Layout layout) {
    std::vector<Line> lines;
    int number = 0;
    std::size_t position = 0;
    while (position <= text.size()) {
        std::size_t end = text.find('\n', position);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view raw = text.substr(position, end - position);
        position = end + 1;
        ++number;
        Line line;
        line.number = number;
        std::string_view content = trim(raw);
        if (layout == Layout::markdown && content.starts_with('#')) {
            while (content.starts_with('#'))
                content.remove_prefix(1);
            content = trim(content);
            line.heading = true;
        }
        line.text = std::string(content);
        line.blank = line.text.empty();
        lines.push_back(std::move(line));
        if (end == text.size())
            break;
    }
    return lines;
}

// A line that starts a new block even without a blank line before it.
bool starts_block(const std::string& text) {
    Match found;
    return matches(text, block_start, found) || matches(text, article_heading, found) ||
           matches(text, section_heading, found) || matches(text, part_heading, found) ||
           matches(text, annex_heading, found);
}

// A short line without closing punctuation: a title rather than a sentence.
bool looks_like_title(const std::string& text, bool may_start_with_marker = false) {
    if (text.empty() || text.size() > 300)
        return false;
    char last = text.back();
    return last != '.' && last != ';' && last != ':' && last != ',' &&
           (may_start_with_marker || !starts_block(text));
}

struct ArticleNumber {
    int base = 0;
    int superscript = 0; // 99¹ -> 99, 1
    std::string written() const {
        static const char* digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
        std::string out = std::to_string(base);
        if (superscript > 0)
            for (char c : std::to_string(superscript))
                out += digits[c - '0'];
        return out;
    }
    auto operator<=>(const ArticleNumber&) const = default;
};

class Parser {
  public:
    Parser(std::string_view text, std::string file, Layout layout, std::string annex = {})
        : file_(std::move(file)), layout_(layout), lines_(split_lines(text, layout)),
          builder_(file_, result_.expression, result_.warnings), expected_annex_(std::move(annex)) {
    }

    ParsedText run();

  private:
    void fail(const std::string& message, int line, const std::string& hint,
              const std::string& provision = {}) const {
        throw Error(message, {file_, line, 0}, hint, provision);
    }
    std::size_t skip_front_matter();
    bool handle_heading(const std::string& text, int line, bool is_markdown_heading);
    void handle_footnote(const std::string& text, int line);
    ArticleNumber read_article_number(const std::string& digits, int line);
    void resolve_amendment_targets();

    std::string file_;
    Layout layout_;
    std::vector<Line> lines_;
    ParsedText result_;
    StructureBuilder builder_;
    std::optional<ArticleNumber> last_article_;
    int last_subsection_ = 0;
    bool heading_pending_ = false; // plain text: the unit's title may be on the next line
    bool seen_article_ = false;
    bool in_conclusions_ = false;
    int appendices_ = 0;
    bool annex_chapter_open_ = false; // a "ГЛАВА" of the open annex (its "Раздел"s nest in it)
    struct PendingAmendment {
        AmendmentRecord record;
        std::string target_prefix; // "art_" or "annex_19__point_"
        std::string target_number; // as written: "991", "131"
        int line;
    };
    std::vector<PendingAmendment> pending_amendments_;
    std::string expected_annex_; // the catalogue's annex number for this file, or empty
};

std::size_t Parser::skip_front_matter() {
    std::size_t i = 0;
    while (i < lines_.size() && lines_[i].blank)
        ++i;
    Match found;
    if (i < lines_.size() && matches(lines_[i].text, ratification_line, found)) {
        // The Kazakh ratification law's header is not treaty text: skip to the treaty's title
        // (in Markdown, to the next heading, whatever it says).
        for (++i; i < lines_.size(); ++i) {
            if (layout_ == Layout::markdown && lines_[i].heading)
                break;
            if (matches(lines_[i].text, title_line, found))
                break;
        }
    }
    while (i < lines_.size() && lines_[i].blank)
        ++i;
    if (i < lines_.size() && matches(lines_[i].text, title_line, found)) {
        result_.title = fold_whitespace(lines_[i].text);
        ++i;
    }
    // Editorial notes of the database (entry into force, publication) are not treaty text.
    while (i < lines_.size()) {
        if (lines_[i].blank || matches(lines_[i].text, editorial_note, found)) {
            ++i;
            continue;
        }
        break;
    }
    return i;
}

ArticleNumber Parser::read_article_number(const std::string& digits, int line) {
    ArticleNumber number;
    std::size_t superscript_at = digits.find_first_not_of("0123456789");
    number.base = std::atoi(digits.substr(0, superscript_at).c_str());
    if (superscript_at != std::string::npos) {
        // A real superscript ("99¹").
        std::string rest = digits.substr(superscript_at);
        static const char* marks[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
        for (std::size_t i = 0; i < rest.size();) {
            for (int d = 0; d < 10; ++d)
                if (rest.compare(i, std::string(marks[d]).size(), marks[d]) == 0) {
                    number.superscript = number.superscript * 10 + d;
                    i += std::string(marks[d]).size() - 1;
                    break;
                }
            ++i;
        }
        return number;
    }
    if (last_article_) {
        // The mirror lost superscripts: "Статья 991" after Art. 99 is Art. 99¹.
        std::string previous = std::to_string(last_article_->base);
        if (number.base > last_article_->base + 1 && digits.size() > previous.size() &&
            digits.starts_with(previous) && digits[previous.size()] != '0') {
            int superscript = std::atoi(digits.substr(previous.size()).c_str());
            if (superscript == last_article_->superscript + 1) {
                result_.warnings.push_back(
                    {file_, "art_" + previous + "-" + std::to_string(superscript),
                     "line " + std::to_string(line) + ": \"Статья " + digits +
                         "\" read as Article " + previous + "^" + std::to_string(superscript)});
                return {last_article_->base, superscript};
            }
        }
    }
    return number;
}

bool Parser::handle_heading(const std::string& text, int line, bool is_markdown_heading) {
    Match found;
    if (matches(text, part_heading, found)) {
        std::string word = found[1].str();
        std::optional<int> value = russian_ordinal(word);
        if (!value)
            value = roman_to_int(word);
        if (!value && !word.empty() && std::isdigit(static_cast<unsigned char>(word[0])))
            value = std::atoi(word.c_str());
        if (!value)
            value = english_number_words(word);
        if (value) {
            builder_.open_group(0, "part", "part", std::to_string(*value),
                                fold_whitespace(found[2].str()), line);
            heading_pending_ = found[2].str().empty();
            in_conclusions_ = false;
            return true;
        }
    }
    if (builder_.in_annex() && matches(text, chapter_heading, found)) {
        builder_.open_group(1, "chapter", "chp", found[1].str(), fold_whitespace(found[2].str()),
                            line, true);
        annex_chapter_open_ = true;
        return true;
    }
    if (builder_.in_annex() && annex_chapter_open_ && matches(text, section_heading, found)) {
        // "Раздел 1" inside "ГЛАВА V" of an annex: annex_2__chp_5__sec_1.
        builder_.open_group(2, "section", "sec", found[1].str(), fold_whitespace(found[2].str()),
                            line, true);
        return true;
    }
    if (matches(text, section_heading, found)) {
        builder_.open_group(1, "section", "sec", found[1].str(), fold_whitespace(found[2].str()),
                            line);
        last_subsection_ = 0;
        heading_pending_ = found[2].str().empty();
        in_conclusions_ = false;
        return true;
    }
    if (matches(text, article_heading, found)) {
        ArticleNumber number = read_article_number(found[1].str(), line);
        std::string eid = "art_" + number_component(number.written());
        if (last_article_ && number <= *last_article_) {
            bool duplicate = number == *last_article_;
            fail(std::string(duplicate ? "duplicate" : "out-of-order") +
                     " article number: Article " + number.written() + " follows Article " +
                     last_article_->written(),
                 line,
                 "each article number must appear once, in increasing order; check the source",
                 eid);
        }
        last_article_ = number;
        seen_article_ = true;
        in_conclusions_ = false;
        builder_.open_article(number.written(), fold_whitespace(found[2].str()), line);
        heading_pending_ = found[2].str().empty();
        return true;
    }
    if (matches(text, annex_heading, found)) {
        if (!expected_annex_.empty() && builder_.in_annex()) {
            // A file that holds one annex of the Treaty (treaty_texts/corpus.xml) has opened it
            // already: "ПРИЛОЖЕНИЕ № 1 / к Протоколу по финансовым услугам" (Annex 17) or
            // "Приложение № 2 к Порядку …" (Annex 24) is an appendix of that annex, numbered in
            // document order (the written numbers restart within one annex), its label kept.
            builder_.open_group(0, "appendix", "app", std::to_string(++appendices_),
                                fold_whitespace(text), line, true);
            return true;
        }
        std::string number = std::to_string(
            roman_to_int(found[1].str()).value_or(std::atoi(found[1].str().c_str())));
        builder_.open_top("annex", "annex_" + number, number, fold_whitespace(found[2].str()),
                          line);
        heading_pending_ = false;
        in_conclusions_ = false;
        appendices_ = 0;
        annex_chapter_open_ = false;
        return true;
    }
    if (builder_.in_annex() && matches(text, appendix_heading, found)) {
        builder_.open_group(0, "appendix", "app", std::to_string(++appendices_), "", line, true);
        return true;
    }
    if (builder_.in_annex() && (is_markdown_heading || looks_like_title(text, true)) &&
        matches(text, roman_title, found)) {
        builder_.open_group(1, "section", "sec", found[1].str(), fold_whitespace(found[2].str()),
                            line, true);
        return true;
    }
    if (!builder_.in_annex() && matches(text, numbered_title, found) &&
        looks_like_title(text, true)) {
        int number = std::atoi(found[1].str().c_str());
        bool expected = number == last_subsection_ + 1;
        // Sub-sections ("### 1. Общие положения о внешнеторговой политике", Section IX) are
        // headings in Markdown; in plain text only a short untitled line in sequence counts.
        if (expected &&
            (is_markdown_heading || (!builder_.has_open_article() && last_subsection_ == 0) ||
             (last_subsection_ > 0 && layout_ == Layout::plain))) {
            builder_.open_group(2, "subsection", "subsec", found[1].str(),
                                fold_whitespace(found[2].str()), line, true);
            last_subsection_ = number;
            return true;
        }
    }
    return false;
}

void Parser::handle_footnote(const std::string& text, int line) {
    Match found;
    AmendmentRecord record;
    record.note = text;
    std::string prefix, target;
    record.kind = "amended";
    if (matches(text, amendment_kind, found)) {
        std::string kind = to_lower(found[1].str());
        record.kind = kind.starts_with("в редакции") ? "replaced"
                      : kind.starts_with("дополнен") ? "inserted"
                                                     : "amended";
        // "дополнен статьей 991" names an article; "Протокол дополнен пунктом 131" a point of
        // the open annex (elsewhere a point insertion is recorded on its article, below).
        bool article = to_lower(found[2].str()) == "статьей";
        if (record.kind == "inserted" && (article || builder_.in_annex())) {
            target = found[3].str();
            prefix = article ? "art_" : builder_.annex_root() + "__point_";
        }
    }
    if (target.empty()) {
        if (matches(text, article_footnote, found))
            prefix = "art_", target = found[1].str();
        else if (builder_.in_annex() && matches(text, point_footnote, found))
            prefix = builder_.annex_root() + "__point_", target = found[1].str();
    }
    if (target.empty()) {
        if (builder_.in_annex() && matches(text, appendix_footnote, found))
            record.eid = builder_.annex_root();
        else if (builder_.current())
            record.eid = builder_.current()->eid;
    }
    // The note names the Kazakh law(s) that ratified the amending protocol; the protocol itself
    // is not named, so amending_act and date stay empty (docs/corpus.md, point in time).
    std::vector<std::pair<std::string, std::string>> laws; // (act, ISO date)
    if (matches(text, ratifying_laws, found)) {
        std::string rest = found[1].str();
        boost::u32regex_iterator<std::string::const_iterator> it(rest.begin(), rest.end(),
                                                                 pattern(law_date_number)),
            end;
        for (; it != end; ++it) {
            const auto& law = *it;
            std::string act =
                "Закон РК от " + law[1].str() + "." + law[2].str() + "." + law[3].str();
            if (law[4].matched)
                act += " № " + law[4].str();
            laws.emplace_back(act, law[3].str() + "-" + law[2].str() + "-" + law[1].str());
        }
    }
    if (laws.empty()) {
        result_.warnings.push_back({file_, record.eid,
                                    "line " + std::to_string(line) +
                                        ": amendment note not understood, kept as a "
                                        "record without date: " +
                                        text});
        pending_amendments_.push_back({std::move(record), prefix, target, line});
        return;
    }
    // One record per law: "законами РК от 24.12.2014 № 265-V; от 02.08.2015 № 346-V" are two
    // amendments of the same provision.
    for (const auto& [act, date] : laws) {
        AmendmentRecord each = record;
        each.ratification_act = act;
        each.ratification_date = date;
        pending_amendments_.push_back({std::move(each), prefix, target, line});
    }
}

void Parser::resolve_amendment_targets() {
    const auto& provisions = result_.expression.provisions;
    auto exists = [&](const std::string& eid) {
        for (const auto& provision : provisions)
            if (provision.eid == eid)
                return true;
        return false;
    };
    for (auto& pending : pending_amendments_) {
        if (!pending.target_number.empty()) {
            const std::string& prefix = pending.target_prefix;
            std::string eid = prefix + pending.target_number;
            // "статьей 991", "пунктом 131": the superscript was lost, as in the heading.
            for (std::size_t split = 1; !exists(eid) && split < pending.target_number.size();
                 ++split)
                eid = prefix + pending.target_number.substr(0, split) + "-" +
                      pending.target_number.substr(split);
            if (!exists(eid)) {
                if (prefix == "art_")
                    fail("amendment note names Article " + pending.target_number +
                             ", which the text does not contain",
                         pending.line,
                         "check the \"Сноска.\" line against the articles of the text");
                // An annex point the numbering did not yield: keep the record, say so.
                result_.warnings.push_back(
                    {file_, prefix + pending.target_number,
                     "line " + std::to_string(pending.line) + ": amendment note names point " +
                         pending.target_number + ", which the annex does not contain"});
                eid = prefix + pending.target_number;
            }
            pending.record.eid = eid;
        }
        result_.expression.amendments.push_back(std::move(pending.record));
    }
}

ParsedText Parser::run() {
    std::size_t i = skip_front_matter();
    if (!expected_annex_.empty() && i < lines_.size()) {
        Match found;
        if (!matches(lines_[i].text, annex_heading, found)) {
            // The catalogue names the annex; the file's heading does not. Keep every line.
            builder_.open_top("annex", "annex_" + expected_annex_, expected_annex_, "",
                              lines_[i].number);
            result_.warnings.push_back(
                {file_, "annex_" + expected_annex_,
                 "line " + std::to_string(lines_[i].number) + ": annex heading not recognised (\"" +
                     lines_[i].text.substr(0, std::min<std::size_t>(lines_[i].text.size(), 60)) +
                     "\"); read as Annex " + expected_annex_ +
                     ", as treaty_texts/corpus.xml says; expected \"ПРИЛОЖЕНИЕ № " +
                     expected_annex_ + "\""});
        }
    }
    std::string block;
    int block_line = 0;
    auto flush = [&] {
        if (block.empty())
            return;
        Match found;
        if (heading_pending_ && looks_like_title(block)) {
            // Plain text puts a unit's title on the line after "Статья 25" / "РАЗДЕЛ I".
            heading_pending_ = false;
            auto* current = builder_.current();
            if (current && current->heading.empty() && current->text.empty()) {
                builder_.extend_heading(block);
                block.clear();
                return;
            }
        }
        heading_pending_ = false;
        if (!in_conclusions_ && seen_article_ && matches(block, closing_formula, found)) {
            builder_.open_top("conclusions", "conclusions", "", "", block_line);
            in_conclusions_ = true;
        }
        builder_.add_block(block, block_line);
        block.clear();
    };
    for (; i < lines_.size(); ++i) {
        const Line& line = lines_[i];
        if (line.blank) {
            flush();
            continue;
        }
        Match found;
        if (matches(line.text, footnote_line, found)) {
            flush();
            handle_footnote(line.text, line.number);
            continue;
        }
        bool structural = line.heading || block.empty() || starts_block(line.text);
        if (structural) {
            flush();
            if (handle_heading(line.text, line.number, line.heading))
                continue;
            const Provision* open = builder_.current();
            if (line.heading && open && open->heading.empty() &&
                (open->kind == "annex" || open->kind == "appendix" || open->text.empty()) &&
                open->kind != "article") {
                // "## ПОЛОЖЕНИЕ о Евразийской экономической комиссии": the annex's title.
                builder_.extend_heading(line.text);
                continue;
            }
        }
        if (block.empty())
            block_line = line.number;
        else
            block += ' ';
        block += line.text;
        if (line.heading)
            flush();
    }
    flush();
    if (result_.expression.provisions.empty())
        fail("no treaty text found", 1, "the file holds only a header; is it the right file?");
    if (!seen_article_ && !builder_.in_annex())
        fail("no article found", 1,
             "a treaty text needs headings like \"Статья 1\" or \"Article 1\" (or \"ПРИЛОЖЕНИЕ № "
             "N\" "
             "for an annex)");
    resolve_amendment_targets();
    return std::move(result_);
}

std::string detect_language(std::string_view text) {
    std::size_t cyrillic = 0, latin = 0;
    for (std::size_t i = 0; i + 1 < text.size() && i < 200000; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0xD0 || c == 0xD1)
            ++cyrillic;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            ++latin;
    }
    return cyrillic * 2 > latin ? "ru" : "en";
}

ParsedText parse(std::string_view text, const std::string& file, Layout layout,
                 const std::string& annex = {}) {
    require_readable_text(text, file);
    Parser parser(text, file, layout, annex);
    ParsedText result = parser.run();
    result.expression.language = detect_language(text);
    result.expression.source = file;
    return result;
}

} // namespace

void require_readable_text(std::string_view text, const std::string& file) {
    if (auto bad = first_invalid_utf8(text)) {
        throw Error("not UTF-8 text (invalid byte at offset " + std::to_string(*bad) + ")",
                    {file, line_of_offset(text, *bad), 0},
                    "convert the file to UTF-8, e.g. iconv -f WINDOWS-1251 -t UTF-8");
    }
    if (auto nul = text.find('\0'); nul != std::string_view::npos)
        throw Error("NUL byte (U+0000) in the text at offset " + std::to_string(nul),
                    {file, line_of_offset(text, nul), 0},
                    "the file is binary or damaged; remove the NUL bytes (e.g. tr -d '\\000')");
    if (trim(text).empty())
        throw Error("empty text", {file, 0, 0}, "the file has no treaty text; check the path");
}

void require_valid_character_references(std::string_view xml, const std::string& file) {
    if (auto bad = first_invalid_character_reference(xml)) {
        std::size_t end = xml.find(';', *bad);
        throw Error("character reference " + std::string(xml.substr(*bad, end - *bad + 1)) +
                        " names no Unicode character (a NUL, a lone UTF-16 surrogate or a "
                        "value above U+10FFFF)",
                    {file, line_of_offset(xml, *bad), 0},
                    "replace it with the character meant, or delete it");
    }
}

ParsedText parse_markdown_treaty(std::string_view text, const std::string& file,
                                 const std::string& annex) {
    return parse(text, file, Layout::markdown, annex);
}

ParsedText parse_plain_text_treaty(std::string_view text, const std::string& file) {
    return parse(text, file, Layout::plain);
}

} // namespace treatykb
