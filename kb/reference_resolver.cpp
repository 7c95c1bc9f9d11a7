#include "kb/reference_resolver.hpp"

#include <boost/regex/icu.hpp>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "kb/detail/matches_at_words.hpp"
#include "kb/eid.hpp"
#include "kb/reference_finder.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {

bool is_annex_eid(std::string_view eid) {
    // annex_7 or annex_7__app_1 (an appendix), not a point inside them
    if (!eid.starts_with("annex_"))
        return false;
    std::size_t sep = eid.find("__");
    if (sep == std::string_view::npos)
        return true;
    std::string_view rest = eid.substr(sep + 2);
    return rest.starts_with("app_") && rest.find("__") == std::string_view::npos;
}

// Lower-cased words without punctuation, after the instrument noun ("протокол о мерах ..." ->
// "о мерах ..."), for comparing a named protocol with an annex's title.
std::string title_key(const std::string& text) {
    std::size_t length = std::min<std::size_t>(text.size(), 600);
    while (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80)
        --length; // not inside a UTF-8 sequence
    std::string lower = to_lower(text.substr(0, length));
    if (lower.starts_with("the "))
        lower.erase(0, 4);
    std::string out;
    for (char c : lower)
        out += (c == ',' || c == '(' || c == ')' || c == '\n' || c == '"') ? ' ' : c;
    out = fold_whitespace(out);
    std::size_t space = out.find(' ');
    return space == std::string::npos ? std::string() : out.substr(space + 1);
}

// "Договора о наличии ..." — "Договор" (in the annexes, the EAEU Treaty) followed by "о" and a
// lower-case word may be the Treaty with the clause going on, or another treaty's title.
bool ambiguous_treaty(const std::string& name) {
    static const std::string prefix = "Договор";
    if (!name.starts_with(prefix))
        return false;
    // A title with its date ("Договора о зоне свободной торговли от 18 октября 2011 года") is
    // another treaty's.
    static const boost::u32regex dated =
        boost::make_u32regex("\\sот\\s+\\d{1,2}\\s+(?:января|февраля|марта|апреля|мая|июня"
                             "|июля|августа|сентября|октября|ноября|декабря)",
                             boost::regex::perl);
    if (boost::u32regex_search(name, dated))
        return false;
    static const std::string about = " о ";
    std::size_t o = name.find(about);
    if (o == std::string::npos || name.find(' ') < o)
        return false;
    std::string next = name.substr(o + about.size(), 2); // one Cyrillic letter
    return next.size() == 2 && to_lower(next) == next;
}

// The first `count` words of `words` (single spaces between them, as title_key writes them).
std::vector<std::string> leading_words(const std::string& words, std::size_t count) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < words.size() && out.size() < count;) {
        std::size_t end = std::min(words.find(' ', at), words.size());
        out.push_back(words.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

std::string first_word(std::string_view text) {
    text = trim(text);
    std::size_t end = text.find_first_of(" \n");
    return std::string(text.substr(0, end));
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos)
            end = text.size();
        out.emplace_back(trim(std::string_view(text).substr(at, end - at)));
        at = end + 1;
    }
    return out;
}

// An upper-case first letter (Cyrillic or Latin), as a title line begins.
bool starts_upper(const std::string& line) {
    if (line.empty())
        return false;
    std::string first = line.substr(0, (static_cast<unsigned char>(line[0]) & 0x80) ? 2 : 1);
    return to_lower(first) != first;
}

std::string last_component(std::string_view eid) {
    std::size_t sep = eid.rfind("__");
    return std::string(sep == std::string_view::npos ? eid : eid.substr(sep + 2));
}

bool component_is(std::string_view eid, std::string_view prefix) {
    return last_component(eid).starts_with(prefix);
}

// "29" .. "31" -> 29, 30, 31; roman numerals alike; anything else is kept as the two ends.
std::vector<std::string> expand(const ReferenceUnit& unit) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < unit.numbers.size(); ++i) {
        out.push_back(unit.numbers[i]);
        if (i + 1 >= unit.numbers.size() || i >= unit.through.size() || !unit.through[i])
            continue;
        auto as_int = [](const std::string& n) -> std::optional<int> {
            if (!n.empty() && n.find_first_not_of("0123456789") == std::string::npos &&
                n.size() < 6)
                return std::stoi(n);
            return roman_to_int(n);
        };
        auto from = as_int(unit.numbers[i]);
        auto to = as_int(unit.numbers[i + 1]);
        if (!from || !to || *to <= *from || *to - *from > 200)
            continue;
        bool roman = !std::isdigit(static_cast<unsigned char>(unit.numbers[i][0]));
        for (int n = *from + 1; n < *to; ++n)
            out.push_back(roman ? int_to_roman(n) : std::to_string(n));
    }
    return out;
}

// A point's letter ("а", "c") or a lower-case roman item ("ii"), as opposed to a number ("29")
// or an upper-case roman numeral of a section ("VII").
bool is_letter(const std::string& number) {
    if (number.empty() || std::isdigit(static_cast<unsigned char>(number[0])))
        return false;
    return !(std::isupper(static_cast<unsigned char>(number[0])) && roman_to_int(number));
}

std::string letter_or_item(const std::string& letters) {
    // One letter (one UTF-8 character): its place in the alphabet; several: a roman item as is.
    std::size_t length = (static_cast<unsigned char>(letters[0]) & 0x80) ? 2 : 1;
    return letters.size() <= length ? letter_component(letters) : letters;
}

class Resolver {
  public:
    explicit Resolver(const Expression& expression) : expression_(expression) {
        for (const auto& p : expression.provisions) {
            by_eid_.emplace(p.eid, &p);
            if (p.eid.starts_with("part_"))
                part_eids_.push_back(&p.eid);
            if (is_annex_eid(p.eid) && p.eid.find("__") == std::string::npos)
                annex_titles_.emplace_back(p.eid, title_key(p.heading + " " + p.text));
            if (is_annex_eid(p.eid))
                documents_.push_back(read_document(p));
        }
        find_parents();
        // The Treaty names each protocol with its annex at least once: "Протокола о мерах
        // государственной поддержки сельского хозяйства (приложение № 29 к настоящему Договору)".
        static const boost::u32regex named = boost::make_u32regex(
            "(?:Протокол|Положени|Порядк|Правил)[а-яё]*\\s+((?:о|об|по)\\s+[^()]{5,300}?)\\s*"
            "\\(приложени[а-яё]*\\s+№\\s*(\\d+)\\s+к\\s+настоящему\\s+Договору\\)",
            boost::regex::perl);
        static const boost::u32regex named_en = boost::make_u32regex(
            "(?:Protocol|Regulations?|Procedure|Statute|Rules)\\s+((?:on|of|for)\\s+[^()]{5,300}?)"
            "\\s*\\(Annex\\s+(?:No\\.?\\s*)?(\\d+)\\s+(?:to|of)\\s+(?:this|the\\s+present)"
            "\\s+Treaty\\)",
            boost::regex::perl);
        for (const auto& p : expression.provisions) {
            bool russian = p.text.find("(приложени") != std::string::npos;
            if (!russian && p.text.find("(Annex") == std::string::npos)
                continue;
            // Tried only where their first words occur (kb/detail/matches_at_words.hpp).
            static constexpr std::string_view words[] = {"Протокол", "Положени", "Порядк",
                                                         "Правил"};
            static constexpr std::string_view words_en[] = {"Protocol", "Regulation",
                                                            "Procedure", "Statute", "Rules"};
            for (const auto& match :
                 detail::matches_at_words(p.text, p.text.size(), russian ? named : named_en,
                                          russian ? std::span<const std::string_view>(words)
                                                  : std::span<const std::string_view>(words_en)))
                annex_titles_.emplace_back("annex_" + match[2].str(),
                                           title_key("x " + match[1].str()));
        }
    }

    std::vector<ResolvedReference> run() {
        std::vector<ResolvedReference> out;
        for (const auto& p : expression_.provisions) {
            if (p.text.empty())
                continue;
            for (const FoundReference& found : find_references(p.text, expression_.language))
                resolve(p, found, out);
        }
        return out;
    }

  private:
    // An annex or one of the documents annexed to it (an appendix, stored as annex_N__app_K in
    // document order, whatever its own number): "Приложение № 1 / к Порядку регулирования
    // доступа ... / Правила доступа ..." is appendix No. 1 of the Procedure, itself appendix
    // No. 2 of the Protocol.
    struct Document {
        std::string eid;
        std::string annex;       // annex_part(eid): the annex it is or belongs to
        std::string parent;      // the document it is annexed to ("" for an annex of the Treaty)
        std::string parent_name; // "Порядку регулирования доступа ..." as written after "к"
        std::string number;      // its own number ("1" of "Приложение № 1"), "" if none
        std::string noun;        // the first word of its title: "Правила", "ПРОТОКОЛ"
        std::string key;         // title_key of its title
        // The annex whose points its bare point numbers name, as its header declares: a table
        // column "Основания ... (пункты приложения № 16 к Договору)".
        std::string points_of;
    };

    const Expression& expression_;
    std::unordered_map<std::string, const Provision*> by_eid_;
    std::vector<std::pair<std::string, std::string>> annex_titles_; // eid, folded title words
    std::vector<Document> documents_;
    std::vector<const std::string*> part_eids_; // the eIds under a part, in document order

    static std::string annex_part(const std::string& eid) { return eid.substr(0, eid.find("__")); }

    static Document read_document(const Provision& p) {
        Document d;
        d.eid = p.eid;
        d.annex = annex_part(p.eid);
        std::string title = std::string(trim(p.heading));
        if (p.eid.find("__") != std::string::npos) {
            static const boost::u32regex numbered = boost::make_u32regex(
                "^приложение(?:\\s*№\\s*(\\S+))?\\s*$", boost::regex::perl | boost::regex::icase);
            boost::match_results<std::string::const_iterator> m;
            std::string heading = title;
            bool is_numbered = boost::u32regex_search(heading, m, numbered);
            if (is_numbered && m[1].matched)
                d.number = m.str(1);
            // The text opens with "к <the document it is annexed to>" over several lines, then
            // (under a heading "Приложение № N") the document's own title.
            std::vector<std::string> lines = split_lines(p.text);
            std::size_t i = 0;
            if (!lines.empty() && lines[0].starts_with("к "))
                for (; i < lines.size() && !starts_upper(lines[i]); ++i)
                    d.parent_name += (d.parent_name.empty() ? "" : " ") + lines[i];
            if (d.parent_name.starts_with("к "))
                d.parent_name.erase(0, 2);
            if (is_numbered)
                title = i < lines.size() ? lines[i] : std::string();
        }
        d.noun = first_word(title);
        d.key = title_key(title);
        static const boost::u32regex declared = boost::make_u32regex(
            "\\(пункт[а-яё]*\\s+приложени[а-яё]*\\s+№\\s*(\\d+)\\s+к\\s+"
            "(?:настоящему\\s+)?Договору\\)",
            boost::regex::perl);
        boost::match_results<std::string::const_iterator> m;
        if (d.eid.find("__") != std::string::npos && boost::u32regex_search(p.text, m, declared))
            d.points_of = "annex_" + m.str(1);
        return d;
    }

    // The document named by `name` ("Порядку регулирования доступа к услугам ...") among those
    // of `annex`: the same noun, and the title agrees for its first five words (or all).
    std::optional<std::string> document_in(const std::string& annex, const std::string& name,
                                           const std::string& except) const {
        std::vector<std::string> key_words = leading_words(title_key(name), 5);
        if (key_words.empty())
            return std::nullopt;
        std::string key;
        for (const auto& w : key_words)
            key += (key.empty() ? "" : " ") + w;
        // (The cheap tests first: same_noun lower-cases both words with ICU.)
        const std::string noun = first_word(name);
        std::optional<std::string> found;
        for (const auto& d : documents_) {
            if (d.annex != annex || d.eid == except || !d.key.starts_with(key) ||
                !same_noun(d.noun, noun))
                continue;
            if (found)
                return std::nullopt;
            found = d.eid;
        }
        return found;
    }

    void find_parents() {
        for (auto& d : documents_) {
            if (d.eid.find("__") == std::string::npos)
                continue;
            d.parent = annex_part(d.eid);
            if (!d.parent_name.empty())
                if (auto parent = document_in(annex_part(d.eid), d.parent_name, d.eid))
                    d.parent = *parent;
        }
    }

    const Document* document(const std::string& eid) const {
        for (const auto& d : documents_)
            if (d.eid == eid)
                return &d;
        return nullptr;
    }

    // "настоящего Порядка", "настоящих Правил": the enclosing document with that noun (from
    // the nearest outwards).
    std::optional<std::string> document_named(const Provision& from,
                                              const std::string& noun) const {
        auto at = annex_of(from, true);
        while (at) {
            const Document* d = document(*at);
            if (!d)
                return std::nullopt;
            if (same_noun(d->noun, noun))
                return d->eid;
            if (d->parent.empty())
                return std::nullopt;
            at = d->parent;
        }
        return std::nullopt;
    }

    // The document annexed to `container` under `number` ("приложение № 2 к Порядку"), or, with
    // no number, the sole one annexed to it ("приложение к настоящему Протоколу") or the one whose
    // title begins with `noun` ("перечня к приложению № 28").
    std::optional<std::string> appendix_of(const std::string& container, const std::string& number,
                                           const std::string& noun) const {
        std::vector<const Document*> children;
        for (const auto& d : documents_)
            if (d.parent == container && d.eid != container)
                children.push_back(&d);
        std::optional<std::string> found;
        int count = 0;
        for (const auto* d : children) {
            bool fits = !number.empty() ? d->number == number
                                        : (same_noun(noun, "приложение") ||
                                           same_noun(d->noun, noun));
            if (fits) {
                found = d->eid;
                ++count;
            }
        }
        if (count == 1)
            return found;
        if (count == 0 && !number.empty() && container.find("__") == std::string::npos) {
            // Appendices without their own numbers in the text: numbered in document order.
            std::string eid = container + "__app_" + number_component(number);
            if (exists(eid))
                return eid;
        }
        return std::nullopt;
    }

    // The annex a document's header says its bare point numbers belong to (Document::points_of).
    std::optional<std::string> declared_points(const Provision& from) const {
        auto at = annex_of(from, true);
        const Document* d = at ? document(*at) : nullptr;
        if (!d || d->points_of.empty() || !exists(d->points_of))
            return std::nullopt;
        return d->points_of;
    }

    // A numbered heading stored as a point whose items are numbered under it ("6. Требования ...
    // / 6.1. ..."): a section of the document, as the document calls it ("разделом 6").
    bool section_as_point(const std::string& eid, const std::string& number) const {
        auto at = by_eid_.find(eid);
        if (at == by_eid_.end())
            return false;
        std::vector<std::string> lines = split_lines(at->second->text);
        if (lines.size() < 2 || lines[0].empty())
            return false;
        char last = lines[0].back();
        return last != '.' && last != ';' && last != ':' && lines[1].starts_with(number + ".");
    }

    // "настоящего подпункта": the enclosing point; in a paragraph that continues a sub-point
    // (stored after it as the point's `wrap`), that sub-point.
    std::optional<std::string> enclosing_subpoint(const Provision& from) const {
        if (last_component(from.eid).starts_with("wrap")) {
            const Provision* best = nullptr;
            for (const auto& p : expression_.provisions) {
                if (p.order >= from.order)
                    break;
                if (p.parent_eid == from.parent_eid &&
                    (component_is(p.eid, "subpoint_") || component_is(p.eid, "point_")))
                    best = &p;
            }
            if (best)
                return best->eid;
        }
        return ancestor(from, {"point_", "subpoint_"});
    }

    bool exists(const std::string& eid) const { return by_eid_.contains(eid); }

    // The nearest ancestor (or the provision itself) whose last eId component starts with one of
    // the prefixes.
    std::optional<std::string> ancestor(const Provision& from,
                                        std::initializer_list<std::string_view> prefixes) const {
        const Provision* at = &from;
        while (at) {
            for (auto prefix : prefixes)
                if (component_is(at->eid, prefix) &&
                    !(prefix == "annex_" && !is_annex_eid(at->eid)))
                    return at->eid;
            auto parent = by_eid_.find(at->parent_eid);
            at = parent == by_eid_.end() ? nullptr : parent->second;
        }
        return std::nullopt;
    }
    // "настоящего пункта": the numbered paragraph of an article, else the point (of an annex).
    std::optional<std::string> enclosing_paragraph(const Provision& from) const {
        if (auto paragraph = ancestor(from, {"para_"}))
            return paragraph;
        return ancestor(from, {"point_"});
    }
    std::optional<std::string> annex_of(const Provision& from, bool nearest) const {
        std::string eid = from.eid;
        if (!eid.starts_with("annex_"))
            return std::nullopt;
        std::size_t sep = eid.find("__");
        std::string annex = eid.substr(0, sep);
        if (nearest && sep != std::string::npos) {
            std::string rest = eid.substr(sep + 2);
            if (rest.starts_with("app_"))
                return annex + "__" + rest.substr(0, rest.find("__"));
        }
        return annex;
    }
    std::optional<std::string> previous_sibling(const std::string& eid) const {
        auto at = by_eid_.find(eid);
        if (at == by_eid_.end())
            return std::nullopt;
        const Provision* best = nullptr;
        std::string prefix = last_component(eid);
        prefix = prefix.substr(0, prefix.find('_') + 1);
        for (const auto& p : expression_.provisions) {
            if (p.order >= at->second->order)
                break;
            if (p.parent_eid == at->second->parent_eid && component_is(p.eid, prefix))
                best = &p;
        }
        if (!best)
            return std::nullopt;
        return best->eid;
    }
    // An annex named by its title: "Протокола о мерах нетарифного регулирования ..." against
    // "ПРОТОКОЛ о мерах нетарифного регулирования ...". The words after the instrument noun
    // must agree for at least five words (or all of them).
    std::optional<std::string> annex_by_title(const std::string& name,
                                              const Provision& from) const {
        if (auto full = annex_by_full_title(name))
            return full;
        // A document annexed to an annex, by the beginning of its own title.
        std::optional<std::string> appendix;
        // document_in's answer for each annex, asked once (not once per document of it).
        std::unordered_map<std::string, std::optional<std::string>> in_annex;
        for (const auto& d : documents_)
            if (d.eid.find("__") != std::string::npos) {
                auto known = in_annex.find(d.annex);
                if (known == in_annex.end())
                    known = in_annex.emplace(d.annex, document_in(d.annex, name, {})).first;
                if (const auto& found = known->second; found && found == d.eid) {
                    if (appendix)
                        return std::nullopt; // two documents agree: do not choose
                    appendix = found;
                }
            }
        if (appendix)
            return appendix;
        return by_short_title(name, from);
    }

    // A document of the same annex named by the noun and the first words of its title ("Правил
    // доступа" for "Правила доступа к услугам инфраструктуры ..."): the longest run of words that
    // begins exactly one title; the first word must be a content word (not "о", "по").
    std::optional<std::string> by_short_title(const std::string& name,
                                              const Provision& from) const {
        if (!from.eid.starts_with("annex_"))
            return std::nullopt;
        std::vector<std::string> list = leading_words(title_key(name), 4);
        if (list.empty() || code_points(list[0]) < 4)
            return std::nullopt;
        std::string annex = annex_part(from.eid);
        const std::string noun = first_word(name);
        for (std::size_t k = list.size(); k >= 1; --k) {
            std::string key;
            for (std::size_t i = 0; i < k; ++i)
                key += (i ? " " : "") + list[i];
            std::optional<std::string> found;
            int count = 0;
            for (const auto& d : documents_)
                if (d.annex == annex && (d.key == key || d.key.starts_with(key + " ")) &&
                    same_noun(d.noun, noun)) {
                    found = d.eid;
                    ++count;
                }
            if (count == 1)
                return found;
            if (count > 1)
                return std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<std::string> annex_by_full_title(const std::string& name) const {
        std::string words = title_key(name);
        std::size_t cut = 0;
        int count = 0;
        for (std::size_t i = 0; i <= words.size() && count < 5; ++i)
            if (i == words.size() || words[i] == ' ') {
                ++count;
                cut = i;
            }
        if (count < 3)
            return std::nullopt;
        std::string key = words.substr(0, cut);
        std::optional<std::string> found;
        for (const auto& [eid, title] : annex_titles_) {
            if (!title.starts_with(key) && title.find(" " + key) == std::string::npos)
                continue;
            if (found && *found != eid)
                return std::nullopt; // two annexes agree: do not choose
            found = eid;
        }
        return found;
    }

    // The eId of `kind number` inside `container` ("" is the top of the expression).
    std::optional<std::string> child(const std::string& container, const std::string& kind,
                                     const std::string& number, bool* superscript = nullptr,
                                     const std::string& noun = {}) const {
        std::string component = number.empty()    ? std::string()
                                : is_letter(number) ? letter_or_item(number)
                                                    : number_component(number);
        std::vector<std::string> candidates;
        if (kind == "article") {
            candidates.push_back("art_" + component);
        } else if (kind == "annex" || kind == "appendix") {
            if (container.empty())
                candidates.push_back("annex_" + component);
            else if (auto appendix = appendix_of(container, number, noun))
                candidates.push_back(*appendix);
        } else if (kind == "subsection") {
            candidates.push_back(join_eid(container, "subsec", component));
        } else if (kind == "section") {
            candidates.push_back(join_eid(container, "sec", component));
            if (container.empty()) {
                const std::string ending = "__sec_" + component;
                for (const std::string* eid : part_eids_)
                    if (eid->ends_with(ending))
                        candidates.push_back(*eid);
            }
        } else if (kind == "chapter") {
            candidates.push_back(join_eid(container, "chp", component));
        } else if (kind == "part") {
            candidates.push_back(join_eid(container, "part", component));
        } else if (kind == "paragraph") {
            if (component_is(container, "art_"))
                candidates.push_back(container + "__para_" + component);
            candidates.push_back(join_eid(container, "point", component));
        } else if (kind == "subpoint") {
            candidates.push_back(join_eid(container, "point", component));
            candidates.push_back(join_eid(container, "subpoint", component));
            candidates.push_back(join_eid(container, "item", component));
        }
        for (const auto& c : candidates)
            if (exists(c))
                return c;
        if (container.starts_with("annex_") && !component.empty()) {
            // Points are numbered through an annex's document: "пункт 5 раздела II" of a list
            // whose sections do not hold its points is the document's point 5.
            std::size_t sec = container.rfind("__sec_");
            if (kind == "paragraph" && sec != std::string::npos) {
                std::string document = container.substr(0, sec);
                if (auto point = child(document, kind, number, superscript)) {
                    // ... if the point stands in that section, or the sections hold no points
                    const std::string& parent = by_eid_.at(*point)->parent_eid;
                    if (parent == container || parent == document)
                        return point;
                }
            }
            // "разделом 6" of a document whose sections are stored as numbered points.
            if (kind == "section" && is_annex_eid(container)) {
                std::string point = join_eid(container, "point", component);
                if (section_as_point(point, number))
                    return point;
            }
        }
        // The mirror lost superscripts: "пункт 132" is point 13² when there is no point 132
        // and there is a 13² (the parser reads "Статья 991" as Art. 99¹ alike). The row says so.
        if (component.size() >= 2 && component.find_first_not_of("0123456789") == std::string::npos &&
            (kind == "paragraph" || kind == "article")) {
            std::string inserted = component.substr(0, component.size() - 1) + "-" + component.back();
            for (auto c : candidates) {
                c.replace(c.size() - component.size(), component.size(), inserted);
                if (exists(c)) {
                    if (superscript)
                        *superscript = true;
                    return c;
                }
            }
        }
        return std::nullopt;
    }

    void add(std::vector<ResolvedReference>& out, const Provision& from, const FoundReference& f,
             std::string kind, std::string status, std::string to, std::string reason) const {
        ResolvedReference r;
        r.from_eid = from.eid;
        r.to_eid = std::move(to);
        r.text = f.text;
        r.kind = std::move(kind);
        r.status = std::move(status);
        r.reason = std::move(reason);
        r.manner = f.manner;
        r.offset = f.begin;
        out.push_back(std::move(r));
    }

    void resolve(const Provision& from, const FoundReference& f,
                 std::vector<ResolvedReference>& out) const {
        std::string kind = f.units.empty() ? "" : f.units.front().kind;
        std::optional<std::string> base; // the container of the outermost unit
        bool top = false;                // the outermost unit is looked up at the top
        auto unresolved = [&](const std::string& reason) {
            add(out, from, f, kind, "unresolved", "", reason);
        };
        if (f.units.empty()) {
            // A relative form standing alone: the enclosing (or preceding) unit itself.
            std::optional<std::string> target;
            switch (f.scope) {
            case ReferenceScope::this_article: target = ancestor(from, {"art_"}); kind = "article"; break;
            case ReferenceScope::this_paragraph:
                target = enclosing_paragraph(from);
                kind = "paragraph";
                break;
            case ReferenceScope::this_subpoint:
                target = enclosing_subpoint(from);
                kind = "subpoint";
                break;
            case ReferenceScope::this_section:
                target = ancestor(from, {"sec_", "subsec_", "chp_"});
                kind = "section";
                break;
            case ReferenceScope::previous_article:
                if (auto a = ancestor(from, {"art_"}))
                    target = previous_sibling(*a);
                kind = "article";
                break;
            case ReferenceScope::previous_paragraph:
                if (auto a = ancestor(from, {"para_", "point_"}))
                    target = previous_sibling(*a);
                kind = "paragraph";
                break;
            case ReferenceScope::other_instrument:
                // Another instrument named as a whole.
                add(out, from, f, "instrument", "external", "", f.other_instrument);
                return;
            default: return;
            }
            if (target)
                add(out, from, f, kind, "resolved", *target, "");
            else
                unresolved("no_enclosing_unit");
            return;
        }
        const ReferenceUnit& outer = f.units.back();
        if (f.scope == ReferenceScope::other_instrument) {
            // A protocol of the Treaty named by its title is one of its annexes.
            if (auto annex = annex_by_title(f.other_instrument, from)) {
                base = *annex;
            } else if (ambiguous_treaty(f.other_instrument)) {
                // "со статьей 93 Договора о наличии серьезного ущемления интересов" (Annex 28):
                // the Treaty followed by words of the clause, or a treaty "о ..."? Not guessed.
                add(out, from, f, kind, "unresolved", "", "scope_unclear");
                return;
            } else {
                add(out, from, f, kind, "external", "", f.other_instrument);
                return;
            }
        }
        for (const auto& unit : f.units)
            if (unit.kind == "indent") {
                unresolved("unnumbered_text");
                return;
            }
        bool in_annex = from.eid.starts_with("annex_");
        if (!base) {
            switch (f.scope) {
            case ReferenceScope::this_article: base = ancestor(from, {"art_"}); break;
            case ReferenceScope::this_paragraph: base = enclosing_paragraph(from); break;
            case ReferenceScope::this_subpoint: base = enclosing_subpoint(from); break;
            case ReferenceScope::this_annex:
                // The document the qualifier names, from the nearest outwards: "настоящих
                // Правил" in an appendix of the Rules, "настоящего Протокола" the annex.
                // Otherwise "пунктом 10 настоящих Правил" in an appendix: its points;
                // "приложение № 1 к настоящему Протоколу": an appendix of the annex itself.
                base = document_named(from, f.qualifier);
                if (!base)
                    base = annex_of(from, outer.kind != "annex");
                break;
            case ReferenceScope::this_section:
                if (in_annex)
                    base = annex_of(from, true); // points are numbered through the annex
                else if (outer.kind == "article" || outer.kind == "section")
                    top = true;
                break;
            case ReferenceScope::this_instrument: top = true; break;
            case ReferenceScope::previous_article:
                if (auto a = ancestor(from, {"art_"}))
                    base = previous_sibling(*a);
                break;
            case ReferenceScope::previous_paragraph:
                if (auto a = ancestor(from, {"para_", "point_"}))
                    base = previous_sibling(*a);
                break;
            case ReferenceScope::unspecified:
                if (outer.kind == "annex" || outer.kind == "part" || outer.kind == "chapter" ||
                    (outer.kind == "article" && !in_annex))
                    top = true;
                else if (outer.kind == "section")
                    base = in_annex ? *annex_of(from, true) : std::string();
                else if (in_annex && outer.kind == "paragraph" && declared_points(from))
                    base = declared_points(from);
                else if (in_annex && (outer.kind == "paragraph" || outer.kind == "subpoint"))
                    base = outer.kind == "paragraph" ? annex_of(from, true)
                                                     : ancestor(from, {"point_"});
                // The drafting convention: a bare "paragraph 2" ("пункт 2") inside an article
                // is a paragraph of that article, a bare sub-point one of the same paragraph.
                else if (outer.kind == "paragraph")
                    base = ancestor(from, {"art_"});
                else if (outer.kind == "subpoint")
                    base = ancestor(from, {"para_"}) ? ancestor(from, {"para_"})
                                                     : ancestor(from, {"art_"});
                break;
            case ReferenceScope::other_instrument: break;
            }
        }
        if (top)
            base = std::string();
        // "подразделов 1 – 4 настоящего раздела": subsections of the enclosing section.
        if (outer.kind == "subsection" &&
            (f.scope == ReferenceScope::unspecified || f.scope == ReferenceScope::this_section))
            base = ancestor(from, {"sec_"});
        if (!base) {
            unresolved(f.scope == ReferenceScope::unspecified ? "scope_unclear"
                                                              : "no_enclosing_unit");
            return;
        }
        // Walk from the outermost unit inwards; every unit may name several numbers.
        std::vector<std::string> containers{*base};
        bool superscript = false; // a number read as one with a lost superscript
        for (auto unit = f.units.rbegin(); unit != f.units.rend(); ++unit) {
            // "приложение № 1 к приложению № 20": the inner annex is an appendix of the outer
            // (child() names an annex inside an annex `app_`).
            const std::string& unit_kind = unit->kind;
            std::vector<std::string> next;
            // An appendix without a number ("приложение к настоящему Протоколу") is looked up
            // by its noun.
            std::vector<std::string> numbers = expand(*unit);
            if (numbers.empty() && !unit->noun.empty())
                numbers.emplace_back();
            for (const auto& container : containers) {
                for (const auto& number : numbers) {
                    auto eid = child(container, unit_kind, number, &superscript, unit->noun);
                    if (!eid) {
                        unresolved("not_in_expression");
                        continue;
                    }
                    std::string at = *eid;
                    bool ok = true;
                    for (const auto& part : unit->parts) {
                        auto below = child(at, component_is(at, "art_") ? "paragraph" : "subpoint",
                                           part);
                        if (!below) {
                            ok = false;
                            break;
                        }
                        at = *below;
                    }
                    if (!ok) {
                        unresolved("not_in_expression");
                        continue;
                    }
                    next.push_back(at);
                }
            }
            containers = std::move(next);
        }
        for (const auto& target : containers)
            add(out, from, f, kind, "resolved", target, superscript ? "superscript_read" : "");
    }
};

} // namespace

std::vector<ResolvedReference> resolve_references(const Expression& expression) {
    return Resolver(expression).run();
}

} // namespace treatykb
