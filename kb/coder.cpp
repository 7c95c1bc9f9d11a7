#include "kb/coder.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <iterator>
#include <mutex>
#include <thread>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "kb/detail/coding_regex.hpp"
#include "kb/instrument_names.hpp"
#include "kb/point_in_time.hpp"
#include "kb/regex_prefilter.hpp"
#include "kb/unicode_text.hpp"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace treatykb::coding {

namespace {

// A provision's text as code points, for the matcher (no UTF-8 decoding while it backtracks),
// with the byte offset of each code point and a lower-cased copy for the literal prefilters.
struct CodePoints {
    const std::string* bytes = nullptr;
    std::vector<UChar32> points;
    std::vector<std::size_t> offsets;  // points.size() + 1 entries
    std::u32string folded;
    LiteralHits hits;  // LiteralIndex::scan of folded

    // Reads `text` (kept by address), reusing the buffers of the previous text.
    void assign(const std::string& text, const LiteralIndex& index) {
        bytes = &text;
        points.clear();
        offsets.clear();
        folded.clear();
        using Decoder = boost::u8_to_u32_iterator<std::string::const_iterator, UChar32>;
        for (Decoder it(text.begin(), text.begin(), text.end()), end(text.end(), text.begin(), text.end()); it != end;
             ++it) {
            offsets.push_back(static_cast<std::size_t>(it.base() - text.begin()));
            points.push_back(*it);
            folded.push_back(fold_case(static_cast<char32_t>(*it)));
        }
        offsets.push_back(text.size());
        index.scan(folded, hits);
    }
    std::string str(const UChar32* first, const UChar32* last) const {
        std::size_t begin = offsets[static_cast<std::size_t>(first - points.data())];
        std::size_t end = offsets[static_cast<std::size_t>(last - points.data())];
        return bytes->substr(begin, end - begin);
    }
};

using Match = boost::match_results<const UChar32*>;

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

// A match of a rule's pattern and the text it was found in: the provision's, the ranges of its
// sentences (sentences() below) and the one the match is in.
struct Found {
    const Match& match;
    const CodePoints& text;
    const Ranges& sentences;
    std::size_t sentence;
    std::string str(int group) const { return text.str(match[group].first, match[group].second); }
};

// Sentences and list items of a provision's own text, as [begin, end) ranges of code points: a
// line break ends one, so does . ; ! ? followed by white space and a capital, a quotation mark or
// a bracket.
Ranges sentences(const std::vector<UChar32>& text) {
    static const boost::u32regex boundary =
        boost::make_u32regex(R"((?:[.;!?](?=\s+(?:\p{Lu}|[«"“(]))|\n))", boost::regex_constants::perl);
    Ranges out;
    std::size_t start = 0;
    auto blank = [&](std::size_t i) { return text[i] == ' ' || text[i] == '\t' || text[i] == '\r'; };
    auto add = [&](std::size_t begin, std::size_t end) {
        while (begin < end && blank(begin)) ++begin;
        while (end > begin && blank(end - 1)) --end;
        if (end > begin) out.emplace_back(begin, end);
    };
    const UChar32* base = text.data();
    for (boost::u32regex_iterator<const UChar32*> it(base, base + text.size(), boundary), done; it != done; ++it) {
        const auto& found = (*it)[0];
        auto position = static_cast<std::size_t>(found.first - base);
        auto after = static_cast<std::size_t>(found.second - base);
        bool newline = text[position] == '\n';
        add(start, newline ? position : after);
        start = after;
    }
    add(start, text.size());
    return out;
}

struct Named {
    const Term* term;
    std::ptrdiff_t position, length;
};

// The terms of a lexicon named in a text, in order of position: at each place the longest name;
// a name inside a longer one is not counted. A term with a higher priority comes first. Each
// lexicon and text is read once (a provision's headings and text are read again for every match
// that falls back on its context), and a name is searched only where its prefilter holds.
class TermFinder {
public:
    explicit TermFinder(const CodingRuleSet& rules) : rules_(rules) {
        for (const Term& term : rules.terms) {
            std::vector<IndexedPrefilter> names;
            for (const Pattern& name : term.names) names.emplace_back(name.prefilter, index_);
            prefilters_.push_back(std::move(names));
        }
    }

    const std::vector<const Term*>& operator()(const std::string& lexicon, const std::string& text) {
        std::string key = lexicon + '\x1f' + text;
        auto known = found_.find(key);
        if (known == found_.end()) known = found_.emplace(std::move(key), find(lexicon, text)).first;
        return known->second;
    }

private:
    std::vector<const Term*> find(const std::string& lexicon, const std::string& text) {
        std::u32string folded = fold_case_utf8(text);
        index_.scan(folded, hits_);
        std::vector<Named> named;
        for (std::size_t t = 0; t < rules_.terms.size(); ++t) {
            const Term& term = rules_.terms[t];
            if (term.lexicon != lexicon) continue;
            for (std::size_t n = 0; n < term.names.size(); ++n) {
                if (!prefilters_[t][n].satisfied(index_, hits_, 0, folded.size())) continue;
                for (auto it = boost::make_u32regex_iterator(text, term.names[n].regex->regex);
                     it != boost::u32regex_iterator<std::string::const_iterator>(); ++it) {
                    const auto& found = (*it)[0];
                    if (found.length() > 0) named.push_back({&term, found.first - text.begin(), found.length()});
                }
            }
        }
        std::sort(named.begin(), named.end(), [](const Named& a, const Named& b) {
            return a.position != b.position ? a.position < b.position : a.length > b.length;
        });
        std::vector<const Term*> out;
        std::ptrdiff_t covered = 0;
        for (const Named& one : named) {
            if (one.position < covered) continue;
            covered = one.position + one.length;
            if (std::find(out.begin(), out.end(), one.term) == out.end()) out.push_back(one.term);
        }
        std::stable_sort(out.begin(), out.end(), [](const Term* a, const Term* b) { return a->priority > b->priority; });
        return out;
    }

    const CodingRuleSet& rules_;
    LiteralIndex index_;
    std::vector<std::vector<IndexedPrefilter>> prefilters_;  // per term, per name
    LiteralHits hits_;
    std::unordered_map<std::string, std::vector<const Term*>> found_;  // lexicon \x1f text -> terms
};

std::optional<int> small_number(const std::string& word) {
    static const std::map<std::string, int> words{
        {"one", 1},     {"a", 1},       {"two", 2},    {"three", 3}, {"four", 4},   {"five", 5},
        {"одна", 1},    {"один", 1},    {"две", 2},    {"два", 2},   {"три", 3},    {"четыре", 4},
        {"пять", 5},    {"un", 1},      {"une", 1},    {"deux", 2},  {"trois", 3},  {"quatre", 4},
        {"cinq", 5},    {"uno", 1},     {"una", 1},    {"dos", 2},   {"tres", 3},   {"cuatro", 4},
        {"cinco", 5},   {"одному", 1},  {"одного", 1}, {"двум", 2},  {"двух", 2},   {"трем", 3},
        {"трех", 3}};
    auto found = words.find(word);
    if (found != words.end()) return found->second;
    if (!word.empty() && word.size() < 9 && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::stoi(word);
    return std::nullopt;
}

std::optional<int> denominator_word(const std::string& word) {
    static const std::vector<std::pair<std::string, int>> stems{
        {"half", 2},  {"halves", 2}, {"third", 3},   {"quarter", 4}, {"fourth", 4}, {"fifth", 5},
        {"половин", 2}, {"трет", 3},  {"четверт", 4}, {"пят", 5},     {"moiti", 2},  {"demi", 2},
        {"tiers", 3}, {"quart", 4},  {"cinqui", 5},  {"mitad", 2},   {"terci", 3},  {"tercer", 3},
        {"cuart", 4}, {"quint", 5}};
    for (const auto& [stem, value] : stems)
        if (word.rfind(stem, 0) == 0) return value;
    return std::nullopt;
}

// "2/3", "2 / 3", "55 %", "55 per cent", "two-thirds", "две трети", "deux tiers", "dos tercios".
std::optional<std::pair<int, int>> parse_ratio(const std::string& raw) {
    std::string text = to_lower(raw);
    std::vector<std::string> words;
    std::string word;
    bool percent = text.find('%') != std::string::npos || text.find("per cent") != std::string::npos ||
                   text.find("percent") != std::string::npos || text.find("процент") != std::string::npos ||
                   text.find("pour cent") != std::string::npos || text.find("por ciento") != std::string::npos;
    for (char c : text + " ") {
        bool part = static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (part) {
            word += c;
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
        if (c == '/' && !words.empty()) words.push_back("/");
    }
    for (std::size_t i = 0; i + 2 < words.size(); ++i)
        if (words[i + 1] == "/")
            if (auto num = small_number(words[i]), den = small_number(words[i + 2]); num && den && *den > 0)
                return std::make_pair(*num, *den);
    if (percent)
        for (const std::string& w : words)
            if (auto value = small_number(w)) return std::make_pair(*value, 100);
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (auto num = small_number(words[i]))
            if (auto den = denominator_word(words[i + 1])) return std::make_pair(*num, *den);
    return std::nullopt;
}

std::optional<std::string> parse_decimal(const std::string& raw) {
    std::string out;
    for (char c : raw) {
        if (c >= '0' && c <= '9') out += c;
        else if ((c == ',' || c == '.') && !out.empty() && out.find('.') == std::string::npos) out += '.';
        else if (c != ' ') return std::nullopt;
    }
    if (out.empty() || out.back() == '.') return std::nullopt;
    if (out.find('.') == std::string::npos) out += ".0";
    return out;
}

// What a lexicon placeholder reads when none of its captures names a term: the headings of the
// provision and of its ancestors, then the provision's own text.
struct Context {
    const std::string* lead_in = nullptr;  // the parent's text when it introduces a list ("...:")
    std::function<const std::string*()> article;  // the enclosing article's text, read when asked for
    std::vector<const std::string*> headings;
    const std::string* provision = nullptr;
};

// A provision's text that introduces the list of its children: it ends with a colon.
bool introduces_list(std::string_view text) {
    std::string_view body = trim(text);
    return !body.empty() && body.back() == ':';
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// The stored instruments, read when a rule first names another instrument (instrument_named).
using Catalogue = std::function<std::vector<Instrument>()>;

class Runner {
public:
    Runner(const CodingRuleSet& rules, std::string prefix, const Catalogue& catalogue, std::string_view instrument)
        : rules_(rules), prefix_(std::move(prefix)), terms_(rules), catalogue_(catalogue), instrument_(instrument) {}

    // Every value the placeholder may take, best first (empty when it does not resolve).
    std::vector<std::string> fill(const Placeholder& placeholder, const CodingRule& rule, const Found& found,
                                  const Context& context) {
        if (placeholder.conversion == "instrument") return {prefix_};
        const Match& match = found.match;
        std::vector<std::string> captured;
        for (const std::string& name : placeholder.captures) {
            if (name == "before") {
                if (match.prefix().matched) captured.push_back(found.text.str(match.prefix().first, match.prefix().second));
                continue;
            }
            if (name == "pronoun") {
                // "The arbitration tribunal shall sit in Brussels. ... It shall take its decisions by
                // majority": a sentence whose subject is a pronoun speaks of the organ the provision
                // named before it, not of the organ of the headings.
                static const boost::u32regex subject =
                    boost::make_u32regex(R"(^\s*(?:it|they|il|elle|ils|elles)\b)", boost::regex_constants::perl | boost::regex_constants::icase);
                // The sentences before it are tried nearest first, so that the organ is the one of
                // the nearest sentence that names one. The prefix is the sentence's start only for
                // the first match in it (a later one starts after the match before): only then.
                const UChar32* start = found.text.points.data();
                const UChar32* prefix = match.prefix().first;
                if (prefix == start + found.sentences[found.sentence].first &&
                    boost::u32regex_search(found.text.str(prefix, match[0].first), subject))
                    for (std::size_t i = found.sentence; i-- > 0;)
                        captured.push_back(found.text.str(start + found.sentences[i].first, start + found.sentences[i].second));
                continue;
            }
            if (name == "article") {
                if (const std::string* text = context.article ? context.article() : nullptr) captured.push_back(*text);
                continue;
            }
            int group = rule.pattern.captures.at(name);
            if (static_cast<std::size_t>(group) < match.size() && match[group].matched)
                captured.push_back(found.str(group));
        }
        const std::string& conversion = placeholder.conversion;
        std::string first = captured.empty() ? std::string() : captured.front();
        if (conversion == "ratio.num" || conversion == "ratio.den") {
            auto ratio = parse_ratio(first);
            if (!ratio) return {};
            return {std::to_string(conversion == "ratio.num" ? ratio->first : ratio->second)};
        }
        if (conversion == "decimal") {
            auto value = parse_decimal(first);
            return value ? std::vector<std::string>{*value} : std::vector<std::string>{};
        }
        if (conversion == "integer") {
            auto value = small_number(to_lower(std::string(trim(first))));
            return value ? std::vector<std::string>{std::to_string(*value)} : std::vector<std::string>{};
        }
        if (conversion == "string") return captured.empty() ? std::vector<std::string>{} : std::vector<std::string>{quoted(first)};
        if (conversion == "instrument_named") {
            // Another stored instrument the words name (an accession clause's treaty).
            if (!names_) names_.emplace(catalogue_(), instrument_);
            auto named = names_->resolve(first);
            return named ? std::vector<std::string>{symbol_prefix(*named)} : std::vector<std::string>{};
        }
        if (conversion == "parts") return parts(captured);
        std::size_t dot = conversion.find('.');
        std::string lexicon = conversion.substr(0, dot);
        // The terms a text names, those without the filter's attribute value left out.
        auto named_in = [&](const std::string& text) {
            std::vector<const Term*> named = terms_(lexicon, text);
            if (!placeholder.filter_attribute.empty())
                std::erase_if(named, [&](const Term* term) {
                    auto value = term->attributes.find(placeholder.filter_attribute);
                    return value == term->attributes.end() || value->second != placeholder.filter_value;
                });
            return named;
        };
        std::vector<const Term*> terms;
        const std::string* source = nullptr;  // the text the terms were found in
        for (const std::string& text : captured)
            if (terms = named_in(text); !terms.empty()) {
                source = &text;
                break;
            }
        // A capture that names only generic words (priority below 0: "imports", "goods") yields to
        // a specific term the headings name: "restrictions on imports" under "Rules of Origin" is
        // about the rules of origin, not about trade at large. Not to the rest of the provision,
        // whose other words are often the grounds of the clause ("restrictions on imports ...
        // justified on grounds of ... the protection of industrial and commercial property").
        if (placeholder.context && !terms.empty() && terms.front()->priority < 0) {
            for (const std::string* text : context.headings) {
                std::vector<const Term*> specific = named_in(*text);
                if (!specific.empty() && specific.front()->priority >= 0) {
                    terms = std::move(specific);
                    source = text;
                    break;
                }
            }
        }
        // An item of a list is said by the actor its lead-in names ("... Апелляционная палата Суда
        // выносит одно из следующих решений:"), before the headings of the chapter or the act; a
        // lexicon says whether its words are read there (lead_in="yes": the organs, not the domains,
        // whose lead-ins are generic: "measures: (a) necessary to protect public morals").
        auto read = [&](const std::string* text) {
            terms = named_in(*text);
            source = text;
        };
        if (placeholder.context && terms.empty() && context.lead_in && rules_.lead_in_lexicons.count(lexicon)) read(context.lead_in);
        for (std::size_t i = 0; placeholder.context && terms.empty() && i < context.headings.size(); ++i)
            read(context.headings[i]);
        if (placeholder.context && terms.empty() && context.provision) read(context.provision);
        if (terms.empty()) return {};
        // A short name after the full one: "the Commission" in the article that establishes "the
        // Free Trade Commission", "Конкурсная комиссия" in the point that names "конкурсная комиссия
        // Суда". A term with short="S" is what the words of term S mean where the article (or,
        // outside articles, the provision) or a heading above names it in full ("Article 76 Mandate
        // of the Free Trade Commission").
        for (const Term*& term : terms) {
            const Term* word = term;
            if (!rules_.longer_forms.count(word->lexicon + '\x1f' + word->symbol)) continue;
            std::vector<const std::string*> scopes(context.headings.begin(), context.headings.end());
            if (const std::string* own = context.article ? context.article() : context.provision) scopes.insert(scopes.begin(), own);
            for (std::size_t i = 0; i < scopes.size() && term == word; ++i)
                for (const Term* named : terms_(lexicon, *scopes[i]))
                    if (is_longer_form(named, *word)) {
                        term = named;
                        break;
                    }
        }
        // A word the text defines as another term ("Commission means the Free Trade Commission"),
        // where the text the term was read in uses it bare ("the Commission"), not inside another
        // name ("an Agriculture Review Commission").
        for (const Term*& term : terms) {
            auto alias = aliases_.find(term->lexicon + '\x1f' + term->symbol);
            if (alias == aliases_.end() || !alias->second.full || alias->second.full == term || !source) continue;
            if (!boost::u32regex_search(*source, alias->second.bare)) continue;
            std::string note = "\"" + alias->second.words + "\" read as " + symbol_of(*alias->second.full) +
                               " by the definition at " + alias->second.eid;
            if (note_.find(note) == std::string::npos) note_ += (note_.empty() ? "" : "; ") + note;
            term = alias->second.full;
        }
        if (placeholder.pick == '$') std::reverse(terms.begin(), terms.end());
        std::vector<std::string> values;
        for (const Term* term : terms) {
            if (dot != std::string::npos) {
                auto attribute = term->attributes.find(conversion.substr(dot + 1));
                if (attribute == term->attributes.end()) continue;
                values.push_back(attribute->second);
            } else {
                values.push_back(symbol_of(*term));
            }
        }
        return values;
    }

    // The definitions of one expression's text: the words of a term that the text defines as
    // another term of the lexicon, and where. Two definitions giving one word different meanings
    // (chapters with definitions of their own) cancel each other: the word keeps its own term.
    void read_definitions(const std::vector<Provision>& provisions) {
        aliases_.clear();
        if (rules_.definitions.empty()) return;
        // A definition holds no full stop, semicolon or line break: each piece of a provision
        // between them is read alone, and only where the definitions' literals occur ("means",
        // "significa", ...): the expressions are slow on text without them.
        for (const Provision& provision : provisions)
            for (std::size_t begin = 0; begin < provision.text.size();) {
                std::size_t end = std::min(provision.text.find_first_of(".;\n", begin), provision.text.size());
                std::string piece = provision.text.substr(begin, end - begin);
                begin = end + 1;
                if (piece.size() >= 8) read_definitions(piece, provision.eid);
            }
    }

    // How the proposal's words were read (the definitions used), since the last call.
    std::string take_note() { return std::exchange(note_, std::string()); }

private:
    // Whether `full` is a term whose short names include `word`'s (short="..." in the lexicon).
    bool is_longer_form(const Term* full, const Term& word) const {
        auto longer = rules_.longer_forms.find(word.lexicon + '\x1f' + word.symbol);
        auto index = static_cast<std::size_t>(full - rules_.terms.data());
        return longer != rules_.longer_forms.end() &&
               std::find(longer->second.begin(), longer->second.end(), index) != longer->second.end();
    }

    void read_definitions(const std::string& text, const std::string& eid) {
        std::u32string folded = fold_case_utf8(text);
        for (const Definition& definition : rules_.definitions) {
            if (!satisfies(definition.pattern.prefilter, folded)) continue;
            int short_group = definition.pattern.captures.at("short");
            int full_group = definition.pattern.captures.at("full");
            for (auto it = boost::make_u32regex_iterator(text, definition.pattern.regex->regex);
                 it != boost::u32regex_iterator<std::string::const_iterator>(); ++it) {
                const auto& match = *it;
                if (!match[short_group].matched || !match[full_group].matched) continue;
                std::string captured(match[short_group].first, match[short_group].second);
                std::string words(trim(captured));
                std::vector<const Term*> defined = terms_(definition.lexicon, words);
                // The fewest last words that still name the term: "under Article 2001 Commission"
                // is "Commission", "FTA Joint Commission" is "Joint Commission".
                for (std::size_t space; defined.size() == 1 && (space = words.find(' ')) != std::string::npos;) {
                    std::string rest(trim(words.substr(space + 1)));
                    if (terms_(definition.lexicon, rest) != defined) break;
                    words = rest;
                }
                const std::vector<const Term*>& meaning =
                    terms_(definition.lexicon, std::string(match[full_group].first, match[full_group].second));
                // A definition of the words as their own term counts as a meaning too: it cancels
                // another chapter's definition of the same words as some other organ.
                if (defined.size() != 1 || meaning.empty()) continue;
                const Term* meant = meaning.front();
                // Only a meaning the lexicon allows: a term whose short names are the defined
                // words' term (short="commission"), not the reverse ("a Committee (hereinafter
                // the Joint Committee)").
                if (meant != defined.front() && !is_longer_form(meant, *defined.front())) continue;
                auto [known, added] = aliases_.try_emplace(definition.lexicon + '\x1f' + defined.front()->symbol);
                Alias& alias = known->second;
                if (!added) {
                    if (alias.full != meant) alias.full = nullptr;  // two meanings: none
                    continue;
                }
                alias.full = meant;
                alias.words = words;
                alias.eid = eid;
                // The words as a literal (a rule file's pattern may capture any character).
                std::string literal;
                for (char c : words) {
                    if (std::strchr("\\^$.|?*+()[]{}", c) && c != '\0') literal += '\\';
                    literal += c;
                }
                alias.bare = boost::make_u32regex(
                    "(?:\\b(?:the|this|that|such|la|el|le|l'|esta|este|dicha|dicho|cette|ce)\\s+|(?<![\\w-]\\s)(?<![\\w-]))" +
                        literal + "\\b(?!\\s+(?:on|for|of|de|del|du|des|pour|para|sur|sobre)\\b)",
                    boost::regex_constants::perl | boost::regex_constants::icase);
            }
        }
    }

public:
    // The facts one template proposes for a match: one, or one per term of a '*' placeholder.
    std::optional<std::vector<std::string>> render(const FactTemplate& fact, const CodingRule& rule, const Found& found,
                                                   const Context& context) {
        std::vector<std::vector<std::string>> values;
        std::size_t each = fact.placeholders.size();
        for (std::size_t i = 0; i < fact.placeholders.size(); ++i) {
            values.push_back(fill(fact.placeholders[i], rule, found, context));
            if (values.back().empty()) return std::nullopt;
            if (fact.placeholders[i].pick == '*') each = i;
        }
        // A placeholder and the same capture's attribute (organ, organ.kind) move together.
        std::size_t rounds = each < values.size() ? values[each].size() : 1;
        std::vector<std::string> out;
        for (std::size_t round = 0; round < rounds; ++round) {
            std::string text = fact.literals[0];
            std::vector<std::string> used;
            bool ok = true;
            for (std::size_t i = 0; i < fact.placeholders.size() && ok; ++i) {
                const std::vector<std::string>& choices = values[i];
                bool together = each < values.size() && fact.placeholders[i].captures == fact.placeholders[each].captures &&
                                fact.placeholders[i].pick == '*';
                std::string value;
                if (together) {
                    if (round >= choices.size()) ok = false;
                    else value = choices[round];
                } else if (fact.distinct) {
                    auto free = std::find_if(choices.begin(), choices.end(), [&](const std::string& choice) {
                        return std::find(used.begin(), used.end(), choice) == used.end();
                    });
                    if (free == choices.end()) ok = false;
                    else value = *free;
                } else {
                    value = choices.front();
                }
                used.push_back(value);
                text += value;
                text += fact.literals[i + 1];
            }
            if (ok && std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
        }
        if (out.empty()) return std::nullopt;
        return out;
    }

private:
    // A term's symbol in the coded knowledge: with the instrument's prefix if its lexicon says so.
    std::string symbol_of(const Term& term) const {
        auto prefixed = rules_.prefixed_lexicons.find(term.lexicon);
        bool prefix = prefixed != rules_.prefixed_lexicons.end() && prefixed->second;
        return prefix ? prefix_ + "_" + term.symbol : term.symbol;
    }

    // {list,whole|parts}: the organs the list names that are parts of the organ the whole names
    // (the last organ named there): an organ whose term has part_of="<the whole's symbol>". An item
    // of the list named bare ("the Council", "Совета") is read as the part of the whole it is said
    // of: the item followed by the whole's words ("Council of the Commission", "Совета Комиссия").
    std::vector<std::string> parts(const std::vector<std::string>& captured) {
        if (captured.size() != 2) return {};
        const std::vector<const Term*>& wholes = terms_("organ", captured[1]);
        if (wholes.empty()) return {};
        const std::string& whole = wholes.back()->symbol;
        static const boost::u32regex separator = boost::make_u32regex(
            R"(\s*(?:[,;]|\b(?:and|or|и|или|y|o|et|ou)\b)\s*)", boost::regex_constants::perl | boost::regex_constants::icase);
        static const char* const joins[] = {" ", " of the ", " of ", " de la ", " del ", " du ", " de "};
        std::vector<std::string> out;
        const std::string& list = captured[0];
        auto add_item = [&](const std::string& item) {
            if (trim(item).empty()) return;
            for (std::size_t j = 0; j <= std::size(joins); ++j) {
                std::string words = j == 0 ? item : item + joins[j - 1] + captured[1];
                const std::vector<const Term*>& named = terms_("organ", words);
                if (named.empty()) continue;
                auto part_of = named.front()->attributes.find("part_of");
                if (part_of == named.front()->attributes.end() || part_of->second != whole) continue;
                std::string symbol = symbol_of(*named.front());
                if (std::find(out.begin(), out.end(), symbol) == out.end()) out.push_back(symbol);
                return;
            }
        };
        auto begin = list.cbegin();
        for (auto it = boost::make_u32regex_iterator(list, separator); it != boost::u32regex_iterator<std::string::const_iterator>();
             ++it) {
            add_item(std::string(begin, (*it)[0].first));
            begin = (*it)[0].second;
        }
        add_item(std::string(begin, list.cend()));
        return out;
    }

    const CodingRuleSet& rules_;
    std::string prefix_;
    TermFinder terms_;
    const Catalogue& catalogue_;
    std::string_view instrument_;
    std::optional<InstrumentNames> names_;  // the other stored instruments, read when first needed
    // A word of a term that the text's definitions make mean another term (read_definitions).
    struct Alias {
        const Term* full = nullptr;  // nullptr: defined twice, with different meanings
        std::string words, eid;
        boost::u32regex bare;        // the words used bare: after an article or alone, not inside a longer name
    };
    std::map<std::string, Alias> aliases_;  // "lexicon\x1fsymbol" of the defined words' term
    std::string note_;
};

std::string xml_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string id_part(std::string_view text) {
    std::string out;
    for (char c : text) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') ? c : '_';
    return out;
}

// The prefilters of one rule's expressions as ids of one literal index.
struct RulePrefilters {
    IndexedPrefilter pattern;
    std::vector<IndexedPrefilter> require, unless;
};

// Whether `pattern` matches somewhere in `text`: never where its prefilter fails.
bool search(const Pattern& pattern, const IndexedPrefilter& prefilter, const LiteralIndex& index,
            const CodePoints& text) {
    if (!prefilter.satisfied(index, text.hits, 0, text.points.size())) return false;
    const UChar32* begin = text.points.data();
    return boost::u32regex_search(begin, begin + text.points.size(), pattern.regex->regex);
}

}  // namespace

std::string symbol_prefix(std::string_view alias) {
    std::string out;
    for (char c : alias) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    return out;
}

namespace {

// One stored expression of an instrument and the rules of its language.
struct Expression {
    std::string language;
    std::vector<std::size_t> active;  // indices of the rules that read the language
    std::vector<Provision> provisions;
};

// What coding an instrument reads from the store: its expressions in the languages the rules read.
std::vector<Expression> read_expressions(const Store& store, std::string_view instrument, const CodingRuleSet& rules) {
    std::vector<Expression> out;
    for (const std::string& language : store.languages(instrument)) {
        Expression expression{language, {}, {}};
        for (std::size_t r = 0; r < rules.rules.size(); ++r) {
            const auto& languages = rules.rules[r].languages;
            if (std::find(languages.begin(), languages.end(), language) != languages.end()) expression.active.push_back(r);
        }
        if (expression.active.empty()) continue;
        expression.provisions = store.provisions(instrument, language);
        out.push_back(std::move(expression));
    }
    return out;
}

// Runs the rules over the expressions read (no store access but through `catalogue`).
void code_expressions(std::string_view instrument, const std::vector<Expression>& expressions,
                      const CodingRuleSet& rules, const Catalogue& catalogue, CodingResult& result) {
    result.matches.resize(rules.rules.size(), 0);
    result.unresolved.resize(rules.rules.size(), 0);
    Runner runner(rules, symbol_prefix(instrument), catalogue, instrument);
    for (const Expression& expression : expressions) {
        const std::string& language = expression.language;
        const std::vector<std::size_t>& active = expression.active;
        LiteralIndex index;
        std::vector<RulePrefilters> prefilters(rules.rules.size());
        for (std::size_t r : active) {
            const CodingRule& rule = rules.rules[r];
            prefilters[r].pattern = IndexedPrefilter(rule.pattern.prefilter, index);
            for (const Pattern& required : rule.require) prefilters[r].require.emplace_back(required.prefilter, index);
            for (const Pattern& excluded : rule.unless) prefilters[r].unless.emplace_back(excluded.prefilter, index);
        }
        const std::vector<Provision>& provisions = expression.provisions;
        runner.read_definitions(provisions);
        std::unordered_map<std::string, std::size_t> by_eid;
        for (std::size_t i = 0; i < provisions.size(); ++i) by_eid.emplace(provisions[i].eid, i);
        // An article's text (own and descendants', one per line) is assembled when a rule first
        // reads it ({article|...}).
        const std::vector<std::size_t> subtree_end = subtree_ends(provisions);
        std::unordered_map<std::size_t, std::string> article_texts;
        auto article_text = [&](std::size_t article) -> const std::string* {
            auto [it, added] = article_texts.try_emplace(article);
            if (added)
                for (std::size_t i = article; i < subtree_end[article]; ++i)
                    if (!provisions[i].text.empty()) it->second += (it->second.empty() ? "" : "\n") + provisions[i].text;
            return &it->second;
        };
        std::set<std::string> seen;  // eid + facts: one proposal per fact set and provision
        std::vector<bool> failed(rules.rules.size(), false);
        CodePoints text, parent_text;
        bool parent_read = false;  // parent_text holds the text of parent_eid (a rule's scope is the parent)
        std::string parent_eid;
        std::unordered_map<std::string_view, bool> parent_searched;  // the conditions, on parent_text
        for (const Provision& provision : provisions) {
            if (provision.text.empty()) continue;
            Context context;
            context.provision = &provision.text;
            // Up the ancestors: the headings, the nearest article, the parent's lead-in.
            for (const Provision* up = &provision; up;) {
                if (!up->heading.empty()) context.headings.push_back(&up->heading);
                if (up->kind == "article" && !context.article) {
                    auto article = static_cast<std::size_t>(up - provisions.data());
                    context.article = [&article_text, article] { return article_text(article); };
                }
                const Provision* below = up;
                auto parent = by_eid.find(up->parent_eid);
                up = up->parent_eid.empty() || parent == by_eid.end() ? nullptr : &provisions[parent->second];
                if (up && below == &provision && introduces_list(up->text)) context.lead_in = &up->text;
            }
            text.assign(provision.text, index);
            // What the conditions (<require>, <unless>) found here, by expression: rules share them
            // (the definitions, recitals and lists of titles the looser rules skip).
            std::unordered_map<std::string_view, bool> searched;
            Ranges parts = sentences(text.points);
            for (std::size_t r : active) {
                if (failed[r]) continue;
                const CodingRule& rule = rules.rules[r];
                const RulePrefilters& prefilter = prefilters[r];
                // No sentence can match: the rule proposes nothing here, whatever its conditions.
                if (!prefilter.pattern.satisfied(index, text.hits, 0, text.points.size())) continue;
                try {
                    const CodePoints* scope = &text;
                    if (rule.parent_scope) {
                        // The items of a list share their parent, and come one after another:
                        // its text and what the conditions found there are kept for the next.
                        if (!parent_read || parent_eid != provision.parent_eid) {
                            auto parent = by_eid.find(provision.parent_eid);
                            static const std::string none;
                            parent_text.assign(parent == by_eid.end() ? none : provisions[parent->second].text, index);
                            parent_eid = provision.parent_eid;
                            parent_read = true;
                            parent_searched.clear();
                        }
                        scope = &parent_text;
                    }
                    auto holds = [&](const Pattern& condition, const IndexedPrefilter& condition_prefilter) {
                        auto& known = rule.parent_scope ? parent_searched : searched;
                        auto done = known.find(condition.source);
                        if (done != known.end()) return done->second;
                        bool result = search(condition, condition_prefilter, index, *scope);
                        known.emplace(condition.source, result);
                        return result;
                    };
                    bool applies = true;
                    for (std::size_t i = 0; i < rule.require.size(); ++i)
                        applies = applies && holds(rule.require[i], prefilter.require[i]);
                    for (std::size_t i = 0; i < rule.unless.size(); ++i)
                        applies = applies && !holds(rule.unless[i], prefilter.unless[i]);
                    if (!applies) continue;
                    for (std::size_t sentence = 0; sentence < parts.size(); ++sentence) {
                        const auto& [begin, end] = parts[sentence];
                        if (!prefilter.pattern.satisfied(index, text.hits, begin, end)) continue;
                        const UChar32* first = text.points.data() + begin;
                        const UChar32* last = text.points.data() + end;
                        for (boost::u32regex_iterator<const UChar32*> it(first, last, rule.pattern.regex->regex), done;
                             it != done; ++it) {
                            const Match& match = *it;
                            Found found{match, text, parts, sentence};
                            ++result.matches[r];
                            Proposal proposal{r, std::string(instrument), provision.eid, language, {}, {}, {}};
                            runner.take_note();
                            bool resolved = true;
                            for (const FactTemplate& fact : rule.facts) {
                                auto rendered = runner.render(fact, rule, found, context);
                                if (!rendered) {
                                    if (fact.optional) continue;
                                    resolved = false;
                                    break;
                                }
                                proposal.facts.insert(proposal.facts.end(), rendered->begin(), rendered->end());
                            }
                            proposal.note = runner.take_note();
                            if (!resolved || proposal.facts.empty()) {
                                ++result.unresolved[r];
                                continue;
                            }
                            if (rule.quote == "sentence") {
                                proposal.quote = text.str(first, last);
                            } else {
                                int group = rule.quote == "match" ? 0 : rule.pattern.captures.at(rule.quote);
                                proposal.quote = found.str(match[group].matched ? group : 0);
                            }
                            std::string key = provision.eid + '\x1f' + language + '\x1f';
                            for (const std::string& fact : proposal.facts) key += fact + '\x1f';
                            if (!seen.insert(key).second) continue;
                            result.proposals.push_back(std::move(proposal));
                        }
                    }
                } catch (const std::runtime_error& error) {
                    // Boost's bound on backtracking: the rule is stopped for this expression.
                    failed[r] = true;
                    result.failures.push_back({r, std::string(instrument), provision.eid, language, error.what()});
                }
            }
        }
    }
}

// Adds one instrument's result to the whole: proposals and failures in order, counts summed.
void merge(CodingResult& into, CodingResult&& part) {
    into.matches.resize(std::max(into.matches.size(), part.matches.size()), 0);
    into.unresolved.resize(std::max(into.unresolved.size(), part.unresolved.size()), 0);
    for (std::size_t r = 0; r < part.matches.size(); ++r) into.matches[r] += part.matches[r];
    for (std::size_t r = 0; r < part.unresolved.size(); ++r) into.unresolved[r] += part.unresolved[r];
    std::move(part.proposals.begin(), part.proposals.end(), std::back_inserter(into.proposals));
    std::move(part.failures.begin(), part.failures.end(), std::back_inserter(into.failures));
}

}  // namespace

void code_instrument(const Store& store, std::string_view instrument, const CodingRuleSet& rules,
                     CodingResult& result) {
    std::vector<Expression> expressions = read_expressions(store, instrument, rules);
    Catalogue catalogue = [&store] { return store.instruments(); };
    code_expressions(instrument, expressions, rules, catalogue, result);
}

CodingResult code_instruments(const Store& store, const std::vector<std::string>& instruments,
                              const CodingRuleSet& rules, unsigned workers) {
    std::vector<CodingResult> parts(instruments.size());
    if (workers <= 1 || instruments.size() <= 1) {
        for (std::size_t i = 0; i < instruments.size(); ++i) code_instrument(store, instruments[i], rules, parts[i]);
    } else {
        // The workers share the store's one connection (and so its one read transaction), which
        // they use in turn: each takes the next instrument and reads it under the lock, then codes
        // it on its own. Rules and lexicons are only read (compiled Boost regexes may be shared).
        std::mutex store_lock;
        std::size_t next = 0;
        std::exception_ptr error;
        Catalogue catalogue = [&] {
            std::lock_guard<std::mutex> hold(store_lock);
            return store.instruments();
        };
        auto work = [&] {
            for (;;) {
                std::size_t i;
                std::vector<Expression> expressions;
                {
                    std::lock_guard<std::mutex> hold(store_lock);
                    if (error || next == instruments.size()) return;
                    i = next++;
                    try {
                        expressions = read_expressions(store, instruments[i], rules);
                    } catch (...) {
                        error = std::current_exception();
                        return;
                    }
                }
                try {
                    code_expressions(instruments[i], expressions, rules, catalogue, parts[i]);
                } catch (...) {
                    std::lock_guard<std::mutex> hold(store_lock);
                    if (!error) error = std::current_exception();
                    return;
                }
            }
        };
        std::vector<std::thread> threads;
        std::size_t count = std::min<std::size_t>(workers, instruments.size());
        for (std::size_t t = 0; t < count; ++t) threads.emplace_back(work);
        for (std::thread& thread : threads) thread.join();
        if (error) std::rethrow_exception(error);
    }
    CodingResult result;
    result.matches.resize(rules.rules.size(), 0);
    result.unresolved.resize(rules.rules.size(), 0);
    for (CodingResult& part : parts) merge(result, std::move(part));
    return result;
}

std::string render_coded_knowledge(std::string_view instrument, const std::vector<Proposal>& proposals,
                                   const CodingRuleSet& rules, const std::string& schema_href,
                                   std::string_view kind, std::string_view date_signed) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<!-- Proposed by `treatykb code` from the rules of kb/coding (docs/coding.md): every\n"
                      "     annotation names the rule that proposed it and the rule's confidence. Not hand-made\n"
                      "     knowledge: review before relying on it. -->\n"
                      "<program xmlns=\"urn:treatykb:rules:1\">\n"
                      "  <include href=\"" + xml_escape(schema_href) + "\"/>\n";
    std::string prefix = symbol_prefix(instrument);
    if (is_iso_date(date_signed) && !prefix.empty() && std::isalpha(static_cast<unsigned char>(prefix.front()))) {
        std::string kind_symbol = kind.empty() ? "treaty" : symbol_prefix(kind);
        if (!std::isalpha(static_cast<unsigned char>(kind_symbol.front()))) kind_symbol = "treaty";
        out += "  <!-- The instrument, from the database's catalogue (not read from its text). -->\n"
               "  <fact>instrument(" + prefix + ", " + xml_escape(kind_symbol) + ", " + std::string(date_signed) +
               ")</fact>\n";
    }
    std::map<std::string, int> used;
    for (const Proposal& proposal : proposals) {
        if (proposal.instrument != instrument) continue;
        const CodingRule& rule = rules.rules[proposal.rule];
        std::string id = "coded." + id_part(proposal.instrument) + "." + proposal.language + "." +
                         id_part(proposal.eid) + "." + id_part(rule.id);
        int count = ++used[id];
        if (count > 1) id += "." + std::to_string(count);
        char confidence[16];
        std::snprintf(confidence, sizeof confidence, "%.2f", rule.confidence);
        out += "\n  <annotation id=\"" + xml_escape(id) + "\" provision=\"" + xml_escape(proposal.instrument) + "#" +
               xml_escape(proposal.eid) + "\" rule=\"" + xml_escape(rule.id) + "\" class=\"" + rule.klass +
               "\" confidence=\"" + confidence + "\">\n";
        out += "    <quote lang=\"" + proposal.language + "\">" + xml_escape(proposal.quote) + "</quote>\n";
        for (const std::string& fact : proposal.facts) out += "    <fact>" + xml_escape(fact) + "</fact>\n";
        if (!proposal.note.empty()) out += "    <note>" + xml_escape(proposal.note) + "</note>\n";
        out += "  </annotation>\n";
    }
    out += "</program>\n";
    return out;
}

}  // namespace treatykb::coding
