#include "kb/reference_finder.hpp"

#include <boost/regex/icu.hpp>

#include "kb/detail/lowered_stem.hpp"
#include "kb/detail/matches_at_words.hpp"
#include "kb/unicode_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

namespace treatykb {

namespace {

// ---- Russian -------------------------------------------------------------------------------
// A unit: its word (any case ending) and one or more numbers ("№ 7", "29–31", "2 и 3", "VII",
// letters in quotes or with a bracket) or, for "абзац", an ordinal word.
#define RU_KIND "(?:подпункт|пункт|стат(?=ь|ей)|приложени|подраздел|раздел|абзац|глав)[а-яё]*"
#define RU_NUM "(?:\\d+(?:\\.\\d+)*(?:-?(?:bis|ter)\\b)?(?![\\d.]*\\s*(?:процент|%|год|дн|календарн|месяц|рабоч|лет))" \
               "|(?-i:[IVXLC]+)\\b|«[а-яё]»|\"[а-яё]\"|[а-яё]\\))"
#define RU_ORD "(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят|последн)[а-яё]*"
#define RU_SEP "(?:\\s*,\\s*(?:а\\s+также\\s+|и\\s+)?|\\s+(?:и|или|либо)\\s+|\\s*[-–—]\\s*)"
#define RU_LIST "(?:№\\s*)?" RU_NUM "(?:" RU_SEP "(?:№\\s*)?" RU_NUM ")*"
#define RU_ORDS RU_ORD "(?:" RU_SEP RU_ORD ")*"
#define RU_UNIT "\\b" RU_KIND "\\s+(?:" RU_LIST "|" RU_ORDS ")"
// A document annexed without a number: "приложение к настоящему Протоколу", "перечня к
// приложению № 28", "приложения к Порядку ..." (the noun, then "к" and what it is annexed to).
#define RU_DOC_WORD "(?:приложени|перечн)[а-яё]*"
#define RU_DOC_AFTER "(?=\\s+к\\s+(?:настоящ|приложени|(?-i:Протокол|Порядк|Правил|Положени|Методологи)))"
#define RU_DOC "\\b" RU_DOC_WORD RU_DOC_AFTER
#define RU_ANY "(?:" RU_UNIT "|" RU_DOC ")"
#define RU_QUAL "(?:настоящ|предыдущ|данн)[а-яё]*\\s+" \
                "(?:подпункт|пункт|стать|подраздел|раздел|приложени|протокол|договор|положени" \
                "|правил|статут|порядк|методологи|перечн|абзац|глав)[а-яё]*"
#define RU_JOIN "\\s+(?:к\\s+)?"
#define RU_CHAIN RU_ANY "(?:" RU_JOIN RU_ANY ")*(?:" RU_JOIN RU_QUAL ")?"
// Relative forms standing alone: "настоящей статьи", "предыдущего пункта" (not "настоящего
// Договора", which every other sentence says of the whole instrument).
#define RU_ALONE "\\b(?:настоящ|предыдущ|данн)[а-яё]*\\s+(?:подпункт|пункт|стать|раздел)[а-яё]*"

// ---- English -------------------------------------------------------------------------------
#define EN_KIND "(?:sub-?paragraph|paragraph|sub-?point|point|article|annex|appendix|section" \
                "|chapter|part)s?"
#define EN_NUM "(?:\\d+(?:\\.\\d+)*(?:\\s?\\((?:[a-z]|\\d{1,2}|[ivx]{1,4})\\))*" \
               "|(?-i:[IVXLC]+)(?:\\.\\d+)*(?:\\s+bis)?\\b|\\((?:[a-z]|\\d{1,2}|[ivx]{1,4})\\)"   \
               "|(?-i:[a-z])\\))"
#define EN_SEP "(?:\\s*,\\s*(?:and\\s+)?|\\s+(?:and|or)\\s+|\\s*[-–—]\\s*|\\s+(?:to|through)\\s+)"
#define EN_LIST "(?:No\\.?\\s*)?" EN_NUM "(?:" EN_SEP "(?:No\\.?\\s*)?" EN_NUM ")*"
#define EN_UNIT "\\b" EN_KIND "\\s+" EN_LIST
#define EN_QUAL "(?:this|the\\s+present|the\\s+preceding|the\\s+previous)\\s+" \
                "(?:sub-?paragraph|paragraph|article|section|chapter|part|annex|protocol|treaty" \
                "|agreement|convention)\\b"
#define EN_JOIN "\\s*,?\\s+(?:of|to|in|under)\\s+(?:the\\s+)?"
#define EN_CHAIN EN_UNIT "(?:" EN_JOIN EN_UNIT ")*(?:\\s+(?:of|to|in|under)\\s+" EN_QUAL ")?"
#define EN_ALONE "\\b(?:this|the\\s+preceding|the\\s+previous)\\s+(?:sub-?paragraph|paragraph|article)\\b"

// The words every unit (Patterns::unit) begins with, lower case: those of RU_KIND and
// RU_DOC_WORD, of EN_KIND ("sub" for "sub-?paragraph" and "sub-?point"). Keep them in step.
constexpr std::u32string_view russian_unit_stems[] = {
    U"подпункт", U"пункт", U"стат", U"приложени", U"подраздел", U"раздел", U"абзац", U"глав",
    U"перечн"};
constexpr std::u32string_view english_unit_stems[] = {
    U"sub", U"paragraph", U"point", U"article", U"annex", U"appendix", U"section", U"chapter",
    U"part"};

// The words every match of Patterns::antecedent begins with (it is tried only where they occur).
// Keep them in step with it.
constexpr std::string_view antecedent_words[] = {
    "Договор", "Соглашени", "Протокол", "Конвенци", "Кодекс", "Федеральн", "Закон", "Устав",
    "Положени", "Правил", "Порядк"};

struct Patterns {
    boost::u32regex chain, unit, number, qualifier, other, self_instrument;
    // "указанного Договора" after the units, and the instrument names it may point back to.
    boost::u32regex anaphora, antecedent;
    // Another instrument named as a whole, without units: a code ("Таможенным кодексом ..."),
    // a treaty with its date ("Договора о зоне свободной торговли от 18 октября 2011 года").
    boost::u32regex mention;
};

constexpr auto flags = boost::regex::perl | boost::regex::icase;

const Patterns& russian() {
    static const Patterns patterns{
        boost::make_u32regex(RU_CHAIN "|" RU_ALONE, flags),
        boost::make_u32regex("(" RU_KIND ")\\s+(" RU_LIST "|" RU_ORDS ")|\\b(" RU_DOC_WORD ")" RU_DOC_AFTER,
                             flags),
        boost::make_u32regex(RU_NUM "|" RU_ORD, flags),
        boost::make_u32regex("(настоящ|предыдущ|данн)[а-яё]*\\s+([а-яё]+)", flags),
        // Another instrument named after the units (or the document they are annexed to, "к
        // Порядку ..."): a code, agreement, protocol, charter, a convention named by an
        // adjective ("Парижской конвенции")... On the same line: the next line is another
        // paragraph or table cell ("пункты 23 и 26 / Земельный кодекс ..."). A word in brackets
        // may be part of the title ("(согласованной)"); "(приложение № 24 ...)" is not.
        boost::make_u32regex(
            "^[ \\t\\x{A0}]*(?:к[ \\t\\x{A0}]+)?((?:Договор|Соглашени|Протокол|Устав|Конвенци"
            "|Таможенн|Генеральн|Марракешск|Положени|Правил|Порядк|Методологи|Регламент|Решени|решени|Закон|закон"
            "|Федеральн|Кодекс|ГАТТ|ГАТС|ВТО|Венск|[Мм]еждународн|Статут"
            "|[А-ЯЁ][а-яё]+(?:ой|ого|ая|ий|ый|ым|ом|ых)\\s+(?:[Кк]онвенци|[Кк]одекс|[Сс]оглашени))"
            "(?:[^,;:.()\\n]|\\((?!приложени)[^()\\n]{1,40}\\)){0,120})",
            boost::regex::perl),
        // In an annex the Treaty is "Договор" or "Договор о Евразийском экономическом союзе".
        boost::make_u32regex("^Договор[а-яё]*(?![а-яё])(?:\\s+о\\s+Евразийском\\s+экономическом\\s+союзе)?"
                             "(?!\\s+о\\s)",
                             boost::regex::perl),
        // "статьей 8 указанного Договора": the instrument named before in the same provision.
        boost::make_u32regex("^\\s+(?:указанн|названн|упомянут)[а-яё]*\\s+([А-ЯЁа-яё]+)",
                             boost::regex::perl),
        boost::make_u32regex(
            "(?:Договор|Соглашени|Протокол|Конвенци|Кодекс|Федеральн[а-яё]*\\s+закон|Закон"
            "|Устав|Положени|Правил|Порядк)[а-яё]*"
            "(?:[^,;:.()\\n]|\\((?!приложени)[^()\\n]{1,40}\\)){0,120}",
            boost::regex::perl),
        boost::make_u32regex(
            "(?<![А-ЯЁа-яё])(?:[А-ЯЁ][а-яё]+(?:ый|ым|ого|ом|ому|ой)\\s+[Кк]одекс[а-яё]*(?![а-яё])"
            "[^,;:.()\\n]{0,120}"
            "|(?:Договор|Соглашени|Конвенци)[а-яё]*\\s+(?:о|об|между)\\s+[^,;:.()\\n]{1,120}?"
            "\\s+от\\s+\\d{1,2}\\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября"
            "|октября|ноября|декабря)\\s+\\d{4}\\s+(?:года|г\\.))",
            boost::regex::perl),
    };
    return patterns;
}

const Patterns& english() {
    static const Patterns patterns{
        boost::make_u32regex(EN_CHAIN "|" EN_ALONE, flags),
        boost::make_u32regex("(" EN_KIND ")\\s+(" EN_LIST ")", flags),
        boost::make_u32regex(EN_NUM, flags),
        boost::make_u32regex("(this|the\\s+present|the\\s+preceding|the\\s+previous)\\s+([a-z-]+)",
                             flags),
        boost::make_u32regex("^\\s*,?\\s+(?:of|to|in|under)\\s+((?:the\\s+)?(?:[A-Z][\\w-]*|GATT"
                             "|WTO)[^,;:.()\\n]{0,120})",
                             boost::regex::perl),
        boost::make_u32regex("^(?:the\\s+)?(?:Treaty|Agreement)\\b"
                             "(?!\\s+(?:on|of|between|establishing|for|to))",
                             boost::regex::perl),
        // ("the said Agreement" and instruments named as a whole are not read in English: no
        // English sample checks them.)
        boost::u32regex{}, boost::u32regex{}, boost::u32regex{},
    };
    return patterns;
}

std::string lower_ascii_prefix(std::string word) {
    for (char& c : word)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return word;
}

bool starts_with_any(std::string_view word, std::initializer_list<std::string_view> stems) {
    for (auto stem : stems)
        if (word.starts_with(stem))
            return true;
    return false;
}

// The unit a word names; a Russian word may open a sentence, so both cases are listed.
std::string unit_kind(std::string_view word, bool russian_text) {
    if (russian_text) {
        if (starts_with_any(word, {"подпункт", "Подпункт"}))
            return "subpoint";
        if (starts_with_any(word, {"пункт", "Пункт"}))
            return "paragraph";
        if (starts_with_any(word, {"стат", "Стат"}))
            return "article";
        if (starts_with_any(word, {"приложени", "Приложени"}))
            return "annex";
        if (starts_with_any(word, {"подраздел", "Подраздел"}))
            return "subsection";
        if (starts_with_any(word, {"раздел", "Раздел"}))
            return "section";
        if (starts_with_any(word, {"абзац", "Абзац"}))
            return "indent";
        return "chapter";
    }
    std::string w = lower_ascii_prefix(std::string(word));
    if (w.starts_with("sub"))
        return "subpoint";
    if (w.starts_with("paragraph"))
        return "paragraph";
    if (w.starts_with("point"))
        return "subpoint";
    if (w.starts_with("article"))
        return "article";
    if (w.starts_with("annex"))
        return "annex";
    if (w.starts_with("appendix"))
        return "appendix";
    if (w.starts_with("section"))
        return "section";
    if (w.starts_with("part"))
        return "part";
    return "chapter";
}

ReferenceScope qualifier_scope(std::string_view first, std::string_view noun, bool russian_text) {
    std::string f = lower_ascii_prefix(std::string(first));
    std::string n = lower_ascii_prefix(std::string(noun));
    bool previous = f.starts_with("предыдущ") || f.find("preceding") != std::string::npos ||
                    f.find("previous") != std::string::npos;
    if (russian_text) {
        // Case-insensitive on the stem: the noun may be capitalised ("Договора", "Протокола").
        auto is = [&](std::initializer_list<std::string_view> stems) {
            return starts_with_any(noun, stems);
        };
        if (is({"стать"}))
            return previous ? ReferenceScope::previous_article : ReferenceScope::this_article;
        if (is({"подпункт"}))
            return ReferenceScope::this_subpoint;
        if (is({"пункт"}))
            return previous ? ReferenceScope::previous_paragraph : ReferenceScope::this_paragraph;
        if (is({"раздел", "подраздел", "глав"}))
            return ReferenceScope::this_section;
        if (is({"договор", "Договор"}))
            return ReferenceScope::this_instrument;
        if (is({"протокол", "Протокол", "приложени", "Приложени", "положени", "Положени",
                "правил", "Правил", "статут", "Статут", "порядк", "Порядк", "методологи",
                "Методологи", "перечн", "Перечн"}))
            return ReferenceScope::this_annex;
        return ReferenceScope::unspecified;
    }
    if (n.starts_with("article"))
        return previous ? ReferenceScope::previous_article : ReferenceScope::this_article;
    if (n.starts_with("sub"))
        return ReferenceScope::this_subpoint;
    if (n.starts_with("paragraph"))
        return previous ? ReferenceScope::previous_paragraph : ReferenceScope::this_paragraph;
    if (n.starts_with("section") || n.starts_with("chapter") || n.starts_with("part"))
        return ReferenceScope::this_section;
    if (n.starts_with("annex") || n.starts_with("protocol"))
        return ReferenceScope::this_annex;
    return ReferenceScope::this_instrument; // treaty, agreement, convention
}

// The numbers of one unit's list, with the separators that join them.
void read_numbers(const std::string& list, const Patterns& p, ReferenceUnit& unit) {
    auto begin = list.begin();
    boost::match_results<std::string::const_iterator> m;
    std::string::const_iterator previous_end = list.begin();
    bool first = true;
    while (boost::u32regex_search(begin, list.end(), m, p.number)) {
        std::string number = m.str();
        if (!first) {
            std::string between(previous_end, m[0].first);
            bool dash = between.find('-') != std::string::npos ||
                        between.find("–") != std::string::npos ||
                        between.find("—") != std::string::npos ||
                        between.find(" to ") != std::string::npos ||
                        between.find("through") != std::string::npos;
            unit.through.push_back(dash);
        }
        // "70(1)(a)": the parenthesised parts go below the number.
        std::size_t paren = number.find('(');
        if (paren != std::string::npos && paren > 0) {
            std::string rest = number.substr(paren);
            number = number.substr(0, paren);
            while (!number.empty() && number.back() == ' ')
                number.pop_back();
            std::string part;
            for (char c : rest) {
                if (c == '(')
                    part.clear();
                else if (c == ')')
                    unit.parts.push_back(part);
                else if (c != ' ')
                    part += c;
            }
        }
        // Strip decoration: «а», "а", а), (a).
        std::string clean;
        for (std::size_t i = 0; i < number.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(number[i]);
            if (c == '(' || c == ')' || c == '"')
                continue;
            if (number.compare(i, 2, "«") == 0 || number.compare(i, 2, "»") == 0) {
                ++i;
                continue;
            }
            clean += number[i];
        }
        unit.numbers.push_back(clean);
        previous_end = m[0].second;
        begin = m[0].second;
        first = false;
    }
    if (!unit.through.empty())
        unit.through.push_back(false);
    else
        unit.through.assign(unit.numbers.size(), false);
}

// Where a reference may start: a word that begins like a unit or a relative form. The regular
// expression is tried only there (anchored), not over the whole text: searching every provision
// of the ToTA corpus with it cost as much again as parsing the corpus.
bool letter_before(const std::string& text, std::size_t at) {
    if (at == 0)
        return false;
    auto c = static_cast<unsigned char>(text[at - 1]);
    if (c < 0x80)
        return std::isalnum(c) || c == '-' || c == '_';
    // The last byte of a two-byte letter: Cyrillic (lead 0xD0/0xD1) or Latin-1 (0xC3).
    if ((c & 0xC0) == 0x80 && at >= 2) {
        auto lead = static_cast<unsigned char>(text[at - 2]);
        return lead == 0xD0 || lead == 0xD1 || lead == 0xC3;
    }
    return false;
}

// The bytes after `at` past the rest of the word and the spaces (and "№", "No.") that follow it.
std::size_t next_word(std::string_view text, std::size_t at) {
    while (at < text.size() && !(text[at] == ' ' || text[at] == '\n' || text[at] == '\t' ||
                                 text.substr(at, 2) == "\u00a0"))
        ++at;
    for (;;) {
        if (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t'))
            ++at;
        else if (text.substr(at, 2) == "\u00a0")
            at += 2;
        else if (text.substr(at, 3) == "№") // three bytes in UTF-8
            at += 3;
        else if (text.substr(at, 3) == "No." || text.substr(at, 3) == "No ")
            at += 3;
        else
            return at;
    }
}

// Cheap checks before the regular expression: a unit word must be followed by a number (digits,
// a roman numeral, "(a)", "«а»", or an ordinal for "абзац"); a relative form ("настоящей",
// "this", "the preceding") by a unit word.
bool plausible(std::string_view text, std::size_t at, std::string_view stem, bool russian_text) {
    std::size_t next = next_word(text, at + stem.size() - (stem.back() == ' ' ? 1 : 0));
    if (next >= text.size())
        return false;
    std::string_view rest = text.substr(next, 24);
    auto c = static_cast<unsigned char>(rest[0]);
    bool relative = stem.starts_with("настоящ") || stem.starts_with("Настоящ") ||
                    stem.starts_with("предыдущ") || stem.starts_with("Предыдущ") ||
                    stem.starts_with("данн") || stem.starts_with("Данн") ||
                    stem.starts_with("this") || stem.starts_with("This") ||
                    stem.starts_with("the") || stem.starts_with("The");
    if (relative) {
        static constexpr std::array<std::string_view, 14> units = {
            "стат", "Стат", "пункт", "Пункт", "подпункт", "раздел", "article", "Article",
            "paragraph", "Paragraph", "subparagraph", "sub-paragraph", "ARTICLE", "PARAGRAPH"};
        for (auto unit : units)
            if (rest.starts_with(unit))
                return true;
        return false;
    }
    if (std::isdigit(c) || c == '(' || c == '"' || rest.starts_with("«"))
        return true;
    // "приложение к настоящему Протоколу", "перечня к приложению № 28"
    if (russian_text && rest.starts_with("к ") &&
        (stem.starts_with("приложени") || stem.starts_with("Приложени") ||
         stem.starts_with("перечн") || stem.starts_with("Перечн")))
        return true;
    if (c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C')
        return true;
    if (russian_text && (stem.starts_with("абзац") || stem.starts_with("Абзац")))
        return true;
    // a letter point "а)", "a)"
    return rest.size() > 2 && (rest[1] == ')' || (c >= 0xD0 && rest.size() > 2 && rest[2] == ')'));
}

std::vector<std::size_t> candidate_starts(const std::string& text, bool russian_text) {
    static const std::vector<std::string_view> ru = {
        "подпункт", "Подпункт", "пункт", "Пункт", "стат", "Стат", "приложени", "Приложени",
        "подраздел", "Подраздел", "раздел", "Раздел", "абзац", "Абзац", "глав", "Глав",
        "перечн", "Перечн",
        "настоящ", "Настоящ", "предыдущ", "Предыдущ", "данн", "Данн"};
    static const std::vector<std::string_view> en = {
        "article", "Article", "ARTICLE", "paragraph", "Paragraph", "PARAGRAPH", "subparagraph",
        "Subparagraph", "sub-paragraph", "Sub-paragraph", "point", "Point", "subpoint",
        "sub-point", "annex", "Annex", "ANNEX", "appendix", "Appendix", "section", "Section",
        "SECTION", "chapter", "Chapter", "CHAPTER", "part", "Part", "PART", "this ", "This ",
        "the preceding", "The preceding", "the previous", "The previous"};
    // Index the stems by their first two bytes (every stem is two bytes or longer), each pair
    // with its stems in list order. By the first byte alone, every Cyrillic letter of a Russian
    // text (they share two lead bytes) was compared with a dozen stems.
    struct Index {
        std::array<std::uint8_t, 65536> bucket{}; // pair -> its stems in `stems`; 0: none
        std::vector<std::vector<std::string_view>> stems{{}};
    };
    static const auto by_pair = [] {
        std::array<Index, 2> index;
        for (std::size_t language = 0; language < 2; ++language)
            for (auto stem : language ? ru : en) {
                Index& i = index[language];
                auto pair = static_cast<std::size_t>(static_cast<unsigned char>(stem[0])) << 8 |
                            static_cast<unsigned char>(stem[1]);
                if (i.bucket[pair] == 0) {
                    i.bucket[pair] = static_cast<std::uint8_t>(i.stems.size());
                    i.stems.emplace_back();
                }
                i.stems[i.bucket[pair]].push_back(stem);
            }
        return index;
    }();
    const Index& index = by_pair[russian_text ? 1 : 0];
    std::vector<std::size_t> out;
    std::string_view view(text);
    const std::size_t size = text.size();
    for (std::size_t at = 0; at + 1 < size;) {
        std::uint8_t bucket =
            index.bucket[static_cast<std::size_t>(static_cast<unsigned char>(text[at])) << 8 |
                         static_cast<unsigned char>(text[at + 1])];
        if (bucket != 0 && !letter_before(text, at))
            for (auto stem : index.stems[bucket])
                if (view.substr(at, stem.size()) == stem) {
                    if (plausible(view, at, stem, russian_text))
                        out.push_back(at);
                    break;
                }
        // On to the next byte that may start a stem: over this character and, as long as it is
        // a letter (letter_before's), over the next, for no stem starts after a letter; and over
        // the bytes that continue a two-byte letter, for no stem starts with such a byte.
        for (;;) {
            auto c = static_cast<unsigned char>(text[at]);
            if (c < 0x80) {
                ++at;
                if (!(std::isalnum(c) || c == '-' || c == '_'))
                    break;
            } else if ((c == 0xD0 || c == 0xD1 || c == 0xC3) && at + 1 < size &&
                       (static_cast<unsigned char>(text[at + 1]) & 0xC0) == 0x80) {
                at += 2;
            } else {
                ++at;
                break;
            }
            if (at + 1 >= size)
                break;
        }
    }
    return out;
}

// The last `count` words of `words` (fewer if there are not so many).
std::vector<std::string> last_words(const std::string& words, std::size_t count) {
    std::vector<std::string> out;
    std::size_t end = words.size();
    while (out.size() < count && end > 0) {
        while (end > 0 && (words[end - 1] == ' ' || words[end - 1] == ','))
            --end;
        std::size_t begin = words.rfind(' ', end == 0 ? 0 : end - 1);
        begin = begin == std::string::npos ? 0 : begin + 1;
        if (begin >= end)
            break;
        out.insert(out.begin(), words.substr(begin, end - begin));
        end = begin;
    }
    return out;
}

bool starts(const std::string& word, std::initializer_list<std::string_view> stems) {
    for (auto stem : stems)
        if (word.starts_with(stem))
            return true;
    return false;
}

// How the provision relies on the reference, from the words just before it: "в порядке,
// предусмотренном" / "in the manner prescribed in" (procedure), "в соответствии с", "согласно",
// "предусмотренных" / "in accordance with", "referred to in" (accordance), else a mention.
std::string manner_before(const std::string& text, std::size_t begin, bool russian_text) {
    std::size_t from = begin > 120 ? begin - 120 : 0;
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
        --from; // not inside a UTF-8 sequence
    std::string before = lower_folded(std::string_view(text).substr(from, begin - from));
    std::vector<std::string> w = last_words(before, 6);
    auto at = [&](std::size_t from_end) -> std::string {
        return from_end <= w.size() ? w[w.size() - from_end] : std::string();
    };
    if (russian_text) {
        if ((at(2) == "в" && at(1) == "порядке") ||
            (at(3) == "в" && at(2) == "порядке" &&
             starts(at(1), {"предусмотр", "установлен", "определ", "устанавлива", "согласно"})))
            return "procedure";
        if (at(1) == "согласно" || (at(3) == "в" && at(2) == "соответствии") ||
            (at(2) == "на" && at(1) == "основании") ||
            starts(at(1), {"предусмотренн", "установленн", "указанн", "определенн"}))
            return "accordance";
        return "mention";
    }
    // "in the manner prescribed in", "in the procedure provided for by", "in the order set out in"
    if (at(1) == "in" || at(1) == "by" || at(1) == "under") {
        for (std::size_t k = 2; k <= 5; ++k)
            if (at(k) == "manner" || at(k) == "procedure" || at(k) == "order")
                return at(k + 1) == "in" || (at(k + 1) == "the" && at(k + 2) == "in")
                           ? "procedure"
                           : "accordance";
    }
    if ((at(3) == "in" && at(2) == "accordance" && at(1) == "with") ||
        (at(2) == "pursuant" && at(1) == "to") || (at(2) == "according" && at(1) == "to") ||
        at(1) == "under" ||
        ((at(1) == "in" || at(1) == "by") &&
         (at(2) == "for" || at(2) == "to" || at(2) == "out" || at(2) == "specified" ||
          at(2) == "provided" || at(2) == "established" || at(2) == "prescribed")))
        return "accordance";
    return "mention";
}

// "указанного Договора": the last instrument with that noun named before in the same text
// ("... стороной Договора о зоне свободной торговли от 18 октября 2011 года ... статьей 8
// указанного Договора"); empty when the text names none.
// `before` is where the reference begins in `text`.
std::string antecedent(const std::string& text, std::size_t before, const std::string& noun,
                       const Patterns& p) {
    std::string found;
    for (const auto& match :
         detail::matches_at_words(text, before, p.antecedent, antecedent_words)) {
        std::string name = match[0].str();
        std::size_t space = name.find(' ');
        if (same_noun(name.substr(0, space), noun))
            found = name;
    }
    return found;
}

// Up to eight words: enough to name the instrument, not the rest of the clause.
std::string instrument_name(std::string name) {
    std::size_t words = 0;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == ' ' && ++words == 8) {
            name.resize(i);
            break;
        }
    while (!name.empty() && (name.back() == ' ' || name.back() == '\n'))
        name.pop_back();
    return name;
}

// The first unit (p.unit) that starts at or after `at` and before `before`, the expression
// read up to `end` with `flags`: what u32regex_search from `at` to `end` finds when its match
// starts before `before`. The expression is tried, anchored, only at the code points where one of
// the unit words begins (the same code points in the same order, so the same first match):
// searched code point by code point up to 256 bytes past each reference, it was three quarters
// of the time spent finding references in the Russian corpus.
bool next_unit(const std::string& text, std::string::const_iterator at,
               std::string::const_iterator before, std::string::const_iterator end,
               const Patterns& p, bool russian_text, boost::match_flag_type flags,
               boost::match_results<std::string::const_iterator>& u) {
    std::string_view view(text);
    for (auto i = at; i < before;) {
        auto offset = static_cast<std::size_t>(i - text.cbegin());
        bool stem = detail::starts_with_any_lowered(
            view, offset,
            russian_text ? std::span(russian_unit_stems) : std::span(english_unit_stems));
        // match_prev_avail only where a character precedes: at offset 0, Boost would read
        // before the text for \b.
        auto previous = i > text.cbegin() ? boost::match_prev_avail : boost::match_default;
        if (stem && boost::u32regex_search(i, end, u, p.unit,
                                           flags | previous | boost::match_continuous))
            return true;
        ++i;
        while (i < before && (static_cast<unsigned char>(*i) & 0xC0) == 0x80)
            ++i; // the next code point
    }
    return false;
}

// `expression` matched at byte `start` of `text` and nowhere else (what precedes is seen, for \b
// and look-behinds).
bool match_at(const std::string& text, std::size_t start, const boost::u32regex& expression,
              boost::match_results<std::string::const_iterator>& m) {
    auto flags = boost::match_continuous | (start > 0 ? boost::match_prev_avail : boost::match_default);
    return boost::u32regex_search(text.cbegin() + static_cast<long>(start), text.cend(), m, expression,
                                  flags);
}

// Where a mention can start (p.mention): at "Договор", "Соглашени" or "Конвенци", or at a
// capital (А-Я, Ё) up to 400 bytes before "одекс", the adjective of "Таможенным кодексом". A
// superset of the starts, in order: the expression, anchored at each, decides. Tried over every
// character of a long provision the expression cost a sixth of an ingest of the Russian corpus.
std::vector<std::size_t> mention_starts(const std::string& text) {
    std::vector<std::size_t> starts;
    for (std::string_view word : {"Договор", "Соглашени", "Конвенци"})
        for (auto at = detail::find_bytes(text, word); at != std::string::npos;
             at = detail::find_bytes(text, word, at + 1))
            starts.push_back(at);
    auto capital = [&text](std::size_t i) {
        auto lead = static_cast<unsigned char>(text[i]);
        auto next = static_cast<unsigned char>(text[i + 1]);
        return lead == 0xD0 && ((next >= 0x90 && next <= 0xAF) || next == 0x81);
    };
    std::size_t scanned = 0; // capitals before this were collected already
    for (auto at = detail::find_bytes(text, "одекс"); at != std::string::npos;
         at = detail::find_bytes(text, "одекс", at + 1)) {
        for (std::size_t i = std::max(scanned, at > 400 ? at - 400 : 0); i + 1 < at; ++i)
            if (capital(i))
                starts.push_back(i);
        scanned = std::max(scanned, at);
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    return starts;
}

// Other instruments named as a whole, outside the references already read (which name them
// after their units), in document order with them. The Treaty under its own name is not one.
void find_mentions(const std::string& text, const Patterns& p,
                   const std::vector<std::pair<std::size_t, std::size_t>>& covered,
                   std::vector<FoundReference>& out) {
    bool added = false;
    std::size_t done = 0; // the end of the last mention: the next starts after it
    boost::match_results<std::string::const_iterator> m;
    for (std::size_t start : mention_starts(text)) {
        if (start < done || !match_at(text, start, p.mention, m))
            continue;
        auto begin = static_cast<std::size_t>(m[0].first - text.begin());
        auto stop = static_cast<std::size_t>(m[0].second - text.begin());
        done = stop;
        bool overlaps = std::any_of(covered.begin(), covered.end(), [&](const auto& range) {
            return begin < range.second && range.first < stop;
        });
        std::string name = instrument_name(m.str());
        boost::match_results<std::string::const_iterator> s;
        if (overlaps || boost::u32regex_search(name, s, p.self_instrument, boost::match_continuous))
            continue;
        FoundReference found;
        found.begin = begin;
        found.end = begin + name.size();
        found.text = name;
        found.scope = ReferenceScope::other_instrument;
        found.other_instrument = name;
        found.manner = manner_before(text, begin, true);
        out.push_back(std::move(found));
        added = true;
    }
    if (added)
        std::stable_sort(out.begin(), out.end(),
                         [](const FoundReference& a, const FoundReference& b) {
                             return a.begin < b.begin;
                         });
}

// Whether "(" may stand just before byte `at` of `text`, nothing but white space between: what
// the expression of cited_document requires ("\\(\\s*\\z"). Read backwards over ASCII white
// space and over code points that may be white space to ICU (any outside ASCII and Cyrillic);
// false at the first code point that is neither "(" nor that. Before most references stands a
// word, and the expression, searched over 300 bytes, cost a twentieth of finding them.
bool bracket_opens_before(std::string_view text, std::size_t at) {
    while (at > 0) {
        std::size_t start = at - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            --start; // the code point's first byte
        auto lead = static_cast<unsigned char>(text[start]);
        if (lead == '(')
            return true;
        bool ascii = lead < 0x80;
        bool cyrillic = lead == 0xD0 || lead == 0xD1 || lead == 0xD2 || lead == 0xD3;
        if ((ascii && lead > ' ') || cyrillic)
            return false;
        at = start; // white space, or may be
    }
    return true; // the start of the text: let the expression decide
}

// "№ ЗР-245-Н (статья 52)", "от 9 апреля 2007 г. (статьи 3 и 28)": a reference in brackets
// straight after the number or the date of a document (line breaks between them allowed, as in a
// table cell) cites an article of that document, not of the text it stands in. Returns the
// document's name: the last instrument named before it (p.antecedent), else its number; empty
// when the reference does not stand so.
// `at` is where the reference begins in `text`; only the 300 bytes before it are read.
std::string cited_document(const std::string& text, std::size_t at, const Patterns& p) {
    static const boost::u32regex numbered = boost::make_u32regex(
        "(№\\s*[0-9A-Za-zА-ЯЁа-яё][-0-9A-Za-zА-ЯЁа-яё/.]*|\\d{4}\\s*(?:г\\.|года))\\s*\\(\\s*\\z",
        boost::regex::perl);
    if (!bracket_opens_before(text, at))
        return "";
    std::size_t from = at > 300 ? at - 300 : 0;
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
        --from; // not inside a UTF-8 sequence
    std::string tail = text.substr(from, at - from);
    boost::match_results<std::string::const_iterator> m;
    if (!boost::u32regex_search(tail, m, numbered))
        return "";
    std::string name;
    for (const auto& match :
         detail::matches_at_words(tail, tail.size(), p.antecedent, antecedent_words))
        name = match[0].str();
    return name.empty() ? m.str(1) : name;
}

// The reference's instrument, named as `name` (shortened by instrument_name): the Treaty itself
// under its own name, else another instrument.
void name_instrument(FoundReference& found, const std::string& name, const Patterns& p) {
    std::string shortened = instrument_name(name);
    boost::match_results<std::string::const_iterator> s;
    if (boost::u32regex_search(shortened, s, p.self_instrument, boost::match_continuous)) {
        found.scope = ReferenceScope::this_instrument;
    } else {
        found.scope = ReferenceScope::other_instrument;
        found.other_instrument = shortened;
    }
}

} // namespace

std::vector<FoundReference> find_references(std::string_view view, std::string_view language) {
    std::vector<FoundReference> out;
    bool russian_text = language == "ru";
    if (!russian_text && language != "en")
        return out;
    const Patterns& p = russian_text ? russian() : english();
    std::string text(view);
    boost::match_results<std::string::const_iterator> m;
    std::vector<std::pair<std::size_t, std::size_t>> covered; // read as references
    std::size_t done = 0; // the end of the last reference
    for (std::size_t start : candidate_starts(text, russian_text)) {
        if (start < done || !match_at(text, start, p.chain, m))
            continue;
        FoundReference found;
        found.begin = static_cast<std::size_t>(m[0].first - text.cbegin());
        found.end = static_cast<std::size_t>(m[0].second - text.cbegin());
        found.text = m.str();
        done = found.end;
        // The units, innermost first, as written (searched in the text, not the match alone:
        // an unnumbered "приложение" is known by the "к" that follows it).
        const auto chain_end = m[0].second;
        boost::match_results<std::string::const_iterator> u;
        auto at = m[0].first;
        auto last_unit_end = m[0].first;
        // Only a unit that starts inside the chain is read, so the search stops a little past it
        // (room for the words a unit is known by, such as that "к"), not at the end of the text:
        // over a long provision with many references that made finding them quadratic. The cut
        // is no end of text or of a word to the expression (match_not_eob, match_not_eow).
        std::size_t bound = std::min(text.size(), found.end + 256);
        while (bound < text.size() && (static_cast<unsigned char>(text[bound]) & 0xC0) == 0x80)
            ++bound; // not inside a UTF-8 sequence
        const auto unit_end = text.cbegin() + static_cast<long>(bound);
        const auto cut = bound < text.size() ? boost::match_not_eob | boost::match_not_eow
                                             : boost::match_default;
        while (next_unit(text, at, chain_end, unit_end, p, russian_text, cut, u)) {
            // (A qualifier such as "настоящей статьи" has no number, so it is not a unit.)
            ReferenceUnit unit;
            if (u[1].matched) {
                unit.kind = unit_kind(u.str(1), russian_text);
                read_numbers(u.str(2), p, unit);
            } else {
                unit.kind = "annex";
                unit.noun = u.str(3);
            }
            found.units.push_back(std::move(unit));
            last_unit_end = u[0].second;
            at = u[0].second;
        }
        // A unit may end past the chain (its regex reads on): then nothing of the chain is left.
        std::string rest(last_unit_end < chain_end ? last_unit_end : chain_end, chain_end);
        boost::match_results<std::string::const_iterator> q;
        if (boost::u32regex_search(rest, q, p.qualifier)) {
            found.scope = qualifier_scope(q.str(1), q.str(2), russian_text);
            found.qualifier = q.str(2);
        }
        // After the units: the name of another instrument, or the Treaty under its name.
        if (found.scope == ReferenceScope::unspecified && !found.units.empty()) {
            std::size_t length = std::min<std::size_t>(400, text.size() - found.end);
            while (found.end + length < text.size() &&
                   (static_cast<unsigned char>(text[found.end + length]) & 0xC0) == 0x80)
                --length; // not inside a UTF-8 sequence
            std::string after = text.substr(found.end, length);
            boost::match_results<std::string::const_iterator> o;
            std::string name;
            if (boost::u32regex_search(after, o, p.other, boost::match_continuous)) {
                name = o.str(1);
                // The name is read with the reference: not found again as a mention.
                covered.emplace_back(found.begin, found.end + static_cast<std::size_t>(
                                                                  o[0].second - after.cbegin()));
            } else if (russian_text &&
                     boost::u32regex_search(after, o, p.anaphora, boost::match_continuous)) {
                name = antecedent(text, found.begin, o.str(1), p);
            }
            if (!name.empty())
                name_instrument(found, name, p);
        }
        if (found.scope == ReferenceScope::unspecified && russian_text) {
            std::string document = cited_document(text, found.begin, p);
            if (!document.empty())
                name_instrument(found, document, p);
        }
        found.manner = manner_before(text, found.begin, russian_text);
        covered.emplace_back(found.begin, found.end);
        out.push_back(std::move(found));
    }
    // (Only where a code or a date is written: the expression is costly over every provision.)
    if (russian_text && (detail::find_bytes(text, "одекс") != std::string::npos ||
                         detail::find_bytes(text, " от ") != std::string::npos))
        find_mentions(text, p, covered, out);
    return out;
}

} // namespace treatykb
