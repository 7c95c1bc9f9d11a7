#include "kb/structure_builder.hpp"

#include <boost/regex/icu.hpp>

#include <limits>
#include <map>
#include <unordered_set>

#include "kb/eid.hpp"
#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {
constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

// Markers at the start of a block. \s in ICU regular expressions includes the no-break space
// that the OCR'd ToTA texts put after "1.".
const boost::u32regex& paragraph_marker() {
    // "2.Prohibitions" (OCR lost the space) counts when a capital letter follows.
    static const auto pattern =
        boost::make_u32regex(R"(^(\d{1,3})\.(?:\s+|$|(?=[[:upper:]]))(.*)$)");
    return pattern;
}
// "131 . В рамках..." (EAEU Annex 19): an inserted point whose superscript the mirror lost,
// with a space before the dot. Only read as a marker when it continues the open point (below).
const boost::u32regex& spaced_paragraph_marker() {
    static const auto pattern = boost::make_u32regex(R"(^(\d{2,4})\s\.\s+(.*)$)");
    return pattern;
}
const boost::u32regex& numeric_point_marker() {
    static const auto pattern = boost::make_u32regex(R"(^\(?(\d{1,3})\)\s*(.*)$)");
    return pattern;
}
const boost::u32regex& letter_point_marker() {
    // Cyrillic enumeration letters exclude ё, й, ъ, ь (and ы, which is never used).
    static const auto pattern =
        boost::make_u32regex(R"(^\(?([a-zа-еж-икл-щэ-я])\)\s*(.*)$)", boost::regex::perl);
    return pattern;
}
const boost::u32regex& roman_point_marker() {
    static const auto pattern = boost::make_u32regex(R"(^\(([ivx]{1,5})\)\s*(.*)$)");
    return pattern;
}
const boost::u32regex& dash_marker() {
    static const auto pattern = boost::make_u32regex(R"(^[-–—•]\s+(.*)$)");
    return pattern;
}

struct Marker {
    std::string number;
    std::string rest;
};

std::optional<Marker> match(const boost::u32regex& pattern, std::string_view text) {
    boost::match_results<std::string_view::const_iterator> found;
    if (!boost::u32regex_match(text.begin(), text.end(), found, pattern))
        return std::nullopt;
    if (found.size() == 2)
        return Marker{"", found[1].str()};
    return Marker{found[1].str(), found[2].str()};
}

void append_text(std::string& target, std::string_view text) {
    if (text.empty())
        return;
    if (!target.empty())
        target += '\n';
    target.append(text);
}
} // namespace

struct StructureBuilder::State {
    std::string file;
    Expression& expression;
    std::vector<ImportWarning>& warnings;

    struct Group {
        int depth;
        std::size_t index;
    };
    std::size_t top = none; // preamble, conclusions or annex
    std::vector<Group> groups;
    std::size_t unit = none;                      // article or annex point
    std::size_t paragraph = none;                 // "1." inside an article
    std::size_t numeric = none;                   // "1)"
    std::size_t letter = none;                    // "а)", "(a)"
    std::size_t roman = none;                     // "(i)"
    std::size_t wrap = none;                      // unnumbered text after points
    std::map<std::size_t, int> last_child_number; // per owner: last numbered child
    std::map<std::size_t, int> indents;           // per owner: dash indents so far
    std::map<std::size_t, int> wraps;             // per owner: wrap-ups so far
    std::unordered_set<std::string> eids;         // eIds given so far
    int last_paragraph = 0;                       // last "N." paragraph of the open article
    int annex_points = 0;                         // last annex point of the annex/appendix
    int annex_point_superscript = 0; // 13¹ -> 1 (inserted points, "131" in the mirror)

    State(std::string f, Expression& e, std::vector<ImportWarning>& w)
        : file(std::move(f)), expression(e), warnings(w) {}

    Provision& at(std::size_t index) { return expression.provisions[index]; }

    std::size_t add(std::string kind, std::string eid, std::string parent, std::string number,
                    std::string heading, std::string text, int line) {
        Provision provision;
        provision.eid = std::move(eid);
        provision.parent_eid = std::move(parent);
        provision.kind = std::move(kind);
        provision.number = std::move(number);
        provision.heading = std::move(heading);
        provision.text = std::move(text);
        provision.order = static_cast<int>(expression.provisions.size());
        provision.source_line = line;
        if (!eids.insert(provision.eid).second) {
            // Duplicate numbering in the source: keep the text under a distinct eId.
            std::string kept = provision.eid + "-dup" + std::to_string(provision.order);
            warnings.push_back({file, provision.eid, "duplicate number; kept as " + kept});
            provision.eid = kept;
            eids.insert(kept);
        }
        expression.provisions.push_back(std::move(provision));
        return expression.provisions.size() - 1;
    }

    void close_points() { numeric = letter = roman = wrap = none; }
    void close_unit() {
        unit = paragraph = none;
        last_paragraph = 0;
        close_points();
    }

    std::string group_parent_eid() const {
        if (!groups.empty())
            return expression.provisions[groups.back().index].eid;
        if (top != none)
            return expression.provisions[top].eid;
        return {};
    }

    bool in_annex() const { return top != none && expression.provisions[top].kind == "annex"; }

    // The eId annex points are numbered under: the open appendix, else the annex.
    std::string annex_root() const {
        for (auto it = groups.rbegin(); it != groups.rend(); ++it)
            if (expression.provisions[it->index].kind == "appendix")
                return expression.provisions[it->index].eid;
        return top != none ? expression.provisions[top].eid : std::string();
    }

    std::size_t innermost_open() const {
        for (std::size_t index : {wrap, roman, letter, numeric, paragraph, unit})
            if (index != none)
                return index;
        if (!groups.empty())
            return groups.back().index;
        return top;
    }

    // The next number in sequence, or one or two further on when OCR lost the markers in
    // between ("2)" as the first point: the text of point 1 stays with the paragraph).
    bool accept_number(int number, int last, const char* what, int line) {
        if (number == last + 1)
            return true;
        if (number <= last + 1 || number > last + 3 || unit == none)
            return false;
        std::string where = line > 0 ? "line " + std::to_string(line) + ": " : "";
        warnings.push_back({file, at(unit).eid,
                            where + what + " " + std::to_string(number) + " follows " +
                                (last == 0 ? std::string("no number") : std::to_string(last)) +
                                "; the missing ones stay in the text before it"});
        return true;
    }

    int next_number(std::size_t owner) const {
        auto found = last_child_number.find(owner);
        return found == last_child_number.end() ? 1 : found->second + 1;
    }
};

StructureBuilder::StructureBuilder(std::string file, Expression& expression,
                                   std::vector<ImportWarning>& warnings)
    : state_(std::make_unique<State>(std::move(file), expression, warnings)) {}

StructureBuilder::~StructureBuilder() = default;

void StructureBuilder::open_top(std::string kind, std::string eid, std::string number,
                                std::string heading, int line) {
    auto& s = *state_;
    s.close_unit();
    s.groups.clear();
    s.annex_points = 0;
    s.annex_point_superscript = 0;
    s.top =
        s.add(std::move(kind), std::move(eid), "", std::move(number), std::move(heading), "", line);
}

void StructureBuilder::open_group(int depth, std::string kind, std::string eid_prefix,
                                  std::string number, std::string heading, int line,
                                  bool nest_eid) {
    auto& s = *state_;
    s.close_unit();
    while (!s.groups.empty() && s.groups.back().depth >= depth)
        s.groups.pop_back();
    if (s.top != none && s.at(s.top).kind != "annex")
        s.top = none; // body after the preamble
    std::string parent = s.group_parent_eid();
    std::string eid_parent = nest_eid || s.in_annex() ? parent : std::string();
    if (nest_eid && s.groups.empty() && s.in_annex())
        eid_parent = s.at(s.top).eid;
    std::string eid = join_eid(eid_parent, eid_prefix, number_component(number));
    if (kind == "appendix")
        s.annex_points = 0, s.annex_point_superscript = 0;
    s.groups.push_back({depth, s.add(std::move(kind), std::move(eid), std::move(parent),
                                     std::move(number), std::move(heading), "", line)});
}

void StructureBuilder::open_article(std::string number, std::string heading, int line) {
    auto& s = *state_;
    s.close_unit();
    if (s.top != none && s.at(s.top).kind != "annex")
        s.top = none;
    std::string eid = join_eid("", "art", number_component(number));
    s.unit = s.add("article", std::move(eid), s.group_parent_eid(), std::move(number),
                   std::move(heading), "", line);
}

void StructureBuilder::open_annex_point(std::string number, int line) {
    auto& s = *state_;
    s.close_unit();
    std::string eid = join_eid(s.annex_root(), "point", number_component(number));
    s.annex_points = std::atoi(number.c_str());
    s.annex_point_superscript = 0;
    s.unit = s.add("point", std::move(eid), s.group_parent_eid(), std::move(number), "", "", line);
}

void StructureBuilder::add_block(std::string_view raw, int line) {
    auto& s = *state_;
    std::string_view text = trim(raw);
    if (text.empty())
        return;

    if (s.in_annex()) {
        auto marker = match(paragraph_marker(), text);
        if (marker &&
            (s.annex_points == 0 || std::atoi(marker->number.c_str()) == s.annex_points + 1)) {
            // The first point may be any number (an excerpt); after it, points run in sequence.
            open_annex_point(marker->number, line);
            append_text(s.at(s.unit).text, marker->rest);
            return;
        }
        if (!marker)
            marker = match(spaced_paragraph_marker(), text);
        if (marker && s.annex_points > 0) {
            // The mirror lost superscripts: "131 ." and "132." after point 13 are points 13¹ and
            // 13² (inserted in 2021, Annex 19), as "Статья 991" is Article 99¹.
            std::string previous = std::to_string(s.annex_points);
            const std::string& digits = marker->number;
            int superscript = digits.size() > previous.size() && digits.starts_with(previous) &&
                                      digits[previous.size()] != '0'
                                  ? std::atoi(digits.substr(previous.size()).c_str())
                                  : 0;
            if (superscript > 0 && superscript == s.annex_point_superscript + 1) {
                static const char* marks[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
                std::string written = previous;
                for (char c : std::to_string(superscript))
                    written += marks[c - '0'];
                int base = s.annex_points;
                open_annex_point(written, line);
                s.annex_points = base;
                s.annex_point_superscript = superscript;
                s.warnings.push_back({s.file, s.at(s.unit).eid,
                                      "line " + std::to_string(line) + ": point \"" + digits +
                                          "\" read as point " + written +
                                          " (superscript lost in the source)"});
                append_text(s.at(s.unit).text, marker->rest);
                return;
            }
        }
        if (marker && s.unit == none) {
            // A point number out of sequence right after a heading (a table restarting its
            // numbering per row group, Annex 28's appendix): text of the heading, reported.
            std::size_t target = s.innermost_open();
            if (target != none) {
                s.warnings.push_back({s.file, s.at(target).eid,
                                      "line " + std::to_string(line) + ": point \"" +
                                          marker->number + ".\" out of sequence after point " +
                                          std::to_string(s.annex_points) + " of " + s.annex_root() +
                                          ", kept as text of " + s.at(target).eid});
                append_text(s.at(target).text, text);
                return;
            }
        }
    }
    if (s.unit == none) {
        std::size_t target = s.innermost_open();
        if (target == none) {
            open_top("preamble", "preamble", "", "", line);
            target = s.top;
        }
        append_text(s.at(target).text, text);
        return;
    }

    const bool annex_unit = s.at(s.unit).kind == "point";
    if (!annex_unit) {
        if (auto marker = match(paragraph_marker(), text)) {
            int number = std::atoi(marker->number.c_str());
            if (s.accept_number(number, s.last_paragraph, "paragraph", line)) {
                s.close_points();
                Provision& article = s.at(s.unit);
                bool only_text_so_far = s.unit + 1 == s.expression.provisions.size();
                if (number == 2 && s.last_paragraph == 0 && !article.text.empty() &&
                    only_text_so_far) {
                    // OCR lost "1." (pta_440 Art. 24 begins "order to provide..."): the text
                    // before paragraph 2 is paragraph 1, so the eIds align with other expressions.
                    std::string text = std::move(article.text);
                    article.text.clear();
                    std::string eid = article.eid;
                    s.add("paragraph", join_eid(eid, "para", "1"), eid, "1", "", std::move(text),
                          article.source_line);
                }
                s.paragraph = s.add("paragraph", join_eid(s.at(s.unit).eid, "para", marker->number),
                                    s.at(s.unit).eid, marker->number, "", marker->rest, line);
                s.last_paragraph = number;
                return;
            }
        }
    }
    std::size_t list_owner = s.paragraph != none ? s.paragraph : s.unit;
    if (auto marker = match(numeric_point_marker(), text)) {
        int number = std::atoi(marker->number.c_str());
        if (s.accept_number(number, s.next_number(list_owner) - 1, "point", line)) {
            s.close_points();
            const char* kind = annex_unit ? "subpoint" : "point";
            s.numeric = s.add(kind, join_eid(s.at(list_owner).eid, kind, marker->number),
                              s.at(list_owner).eid, marker->number, "", marker->rest, line);
            s.last_child_number[list_owner] = number;
            return;
        }
    }
    if (s.letter != none) {
        if (auto marker = match(roman_point_marker(), text)) {
            auto value = roman_to_int(marker->number);
            bool letter_i_next = s.at(s.letter).number == "h" && marker->number == "i";
            if (value && !letter_i_next && *value == s.next_number(s.letter)) {
                s.roman = s.add("item", join_eid(s.at(s.letter).eid, "item", marker->number),
                                s.at(s.letter).eid, marker->number, "", marker->rest, line);
                s.last_child_number[s.letter] = *value;
                s.wrap = none;
                return;
            }
        }
    }
    if (auto marker = match(letter_point_marker(), text)) {
        std::size_t owner = s.numeric != none ? s.numeric : list_owner;
        std::string component = letter_component(marker->number);
        int position = component.size() == 1 ? component[0] - 'a' + 1 : 27;
        if (position == s.next_number(owner)) {
            const char* kind = s.numeric != none ? (annex_unit ? "item" : "subpoint")
                                                 : (annex_unit ? "subpoint" : "point");
            s.roman = s.wrap = none;
            s.letter = s.add(kind, join_eid(s.at(owner).eid, kind, component), s.at(owner).eid,
                             marker->number, "", marker->rest, line);
            s.last_child_number[owner] = position;
            return;
        }
    }
    if (auto marker = match(dash_marker(), text)) {
        std::size_t owner = s.innermost_open();
        if (owner == s.wrap)
            owner = s.paragraph != none ? s.paragraph : s.unit;
        int count = ++s.indents[owner];
        std::string number = std::to_string(count);
        s.add("indent", join_eid(s.at(owner).eid, "indent", number), s.at(owner).eid, number, "",
              marker->rest, line);
        return;
    }
    if (match(paragraph_marker(), text) || match(numeric_point_marker(), text)) {
        // A number out of sequence ("3." after "1.", a list restarting inside a point): kept as
        // text where it stands, and reported.
        std::size_t cut = std::min<std::size_t>(text.size(), 16);
        while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            ++cut;
        std::string where = line > 0 ? "line " + std::to_string(line) + ": " : "";
        s.warnings.push_back({s.file, s.at(s.unit).eid,
                              where + "numbering \"" + std::string(text.substr(0, cut)) +
                                  "...\" out of sequence, kept as text"});
    }
    // Unnumbered text after a point that announces more ("...оказывается:", "...;") continues
    // that point; otherwise, after a list, it is the wrap-up of the paragraph or article
    // (docs/corpus.md); without a list it continues the open paragraph or article.
    std::size_t open_point = s.roman != none ? s.roman : s.letter != none ? s.letter : s.numeric;
    if (open_point != none && s.wrap == none) {
        const std::string& so_far = s.at(open_point).text;
        char last = so_far.empty() ? ':' : so_far.back();
        if (last == ':' || last == ';' || last == ',') {
            append_text(s.at(open_point).text, text);
            return;
        }
    }
    bool after_list = open_point != none || s.indents.count(list_owner);
    if (after_list || s.wrap != none) {
        if (s.wrap == none) {
            s.numeric = s.letter = s.roman = none;
            int count = ++s.wraps[list_owner];
            std::string component = count == 1 ? "" : std::to_string(count);
            s.wrap = s.add("wrapUp", join_eid(s.at(list_owner).eid, "wrap", component),
                           s.at(list_owner).eid, "", "", "", line);
        }
        append_text(s.at(s.wrap).text, text);
        return;
    }
    append_text(s.at(list_owner).text, text);
}

void StructureBuilder::extend_heading(std::string_view text) {
    auto& s = *state_;
    std::size_t target = s.unit != none ? s.unit : s.innermost_open();
    if (target == none)
        return;
    auto& heading = s.at(target).heading;
    if (!heading.empty())
        heading += ' ';
    heading.append(fold_whitespace(text));
}

bool StructureBuilder::in_annex() const {
    return state_->in_annex();
}
bool StructureBuilder::has_open_article() const {
    return state_->unit != none && state_->at(state_->unit).kind == "article";
}
const Provision* StructureBuilder::current() const {
    std::size_t index = state_->innermost_open();
    return index == none ? nullptr : &state_->expression.provisions[index];
}
int StructureBuilder::next_annex_point() const {
    return state_->annex_points + 1;
}
std::string StructureBuilder::annex_root() const {
    return state_->in_annex() ? state_->annex_root() : std::string();
}

} // namespace treatykb
