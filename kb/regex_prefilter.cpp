#include "kb/regex_prefilter.hpp"

#include <boost/regex/pending/unicode_iterator.hpp>
#include <unicode/uchar.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace treatykb::coding {

namespace {

using Literals = std::vector<std::u32string>;

// Better: a longer shortest literal, then fewer literals.
bool better(const Literals& a, const Literals& b) {
    auto shortest = [](const Literals& any) {
        std::size_t out = std::u32string::npos;
        for (const std::u32string& literal : any) out = std::min(out, literal.size());
        return out;
    };
    std::size_t sa = shortest(a), sb = shortest(b);
    return sa != sb ? sa > sb : a.size() < b.size();
}

// Sorted, without duplicates, and without a literal that contains another one (its occurrences
// are occurrences of the shorter one).
Literals simplify(Literals any) {
    std::sort(any.begin(), any.end(), [](const std::u32string& a, const std::u32string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    Literals out;
    for (std::u32string& literal : any)
        if (std::none_of(out.begin(), out.end(),
                         [&](const std::u32string& kept) { return literal.find(kept) != std::u32string::npos; }))
            out.push_back(std::move(literal));
    return out;
}

bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Recursive descent over the Perl syntax Boost reads. Each method returns what every match of the
// part must contain (a conjunction of disjunctions); a construct it cannot read sets failed_.
class Deriver {
public:
    Deriver(std::u32string_view pattern, std::size_t min_length) : p_(pattern), min_length_(min_length) {}

    std::optional<Prefilter> run() {
        Prefilter out = alternation();
        if (failed_ || i_ != p_.size()) return std::nullopt;
        return out;
    }

private:
    // What a group of zero width (a lookaround) or a class or escape contributes: nothing.
    enum class Kind { literal, group, other };
    struct Atom {
        Kind kind = Kind::other;
        char32_t c = 0;
        Prefilter inner;
    };

    bool long_enough(const Literals& any) const {
        return !any.empty() && std::all_of(any.begin(), any.end(),
                                           [&](const std::u32string& literal) { return literal.size() >= min_length_; });
    }

    bool at_end() const { return i_ >= p_.size(); }
    char32_t peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : 0; }

    Prefilter alternation() {
        std::vector<Prefilter> branches{sequence()};
        while (!failed_ && !at_end() && peek() == U'|') {
            ++i_;
            branches.push_back(sequence());
        }
        if (branches.size() == 1) return std::move(branches.front());
        // Every branch must name something; a match contains the best literal set of its branch.
        Literals any;
        for (const Prefilter& branch : branches) {
            const Literals* best = nullptr;
            for (const Literals& one : branch)
                if (long_enough(one) && (!best || better(one, *best))) best = &one;
            if (!best) return {};
            any.insert(any.end(), best->begin(), best->end());
        }
        return {simplify(std::move(any))};
    }

    Prefilter sequence() {
        Prefilter out;
        std::u32string run;
        auto flush = [&] {
            if (!run.empty()) out.push_back({run});
            run.clear();
        };
        while (!failed_ && !at_end() && peek() != U'|' && peek() != U')') {
            Atom atom = parse_atom();
            if (failed_) break;
            std::optional<std::size_t> least = quantifier();
            if (failed_) break;
            bool required = !least || *least >= 1;
            if (atom.kind == Kind::literal) {
                // "ab+" holds "ab"; "ab*" only "a".
                if (required) run += atom.c;
                if (least) flush();
            } else {
                flush();
                if (atom.kind == Kind::group && required) out.insert(out.end(), atom.inner.begin(), atom.inner.end());
            }
        }
        flush();
        return out;
    }

    // After an atom: the least number of repetitions of a quantifier, nullopt when there is none.
    std::optional<std::size_t> quantifier() {
        if (at_end()) return std::nullopt;
        std::optional<std::size_t> least;
        char32_t c = peek();
        if (c == U'*' || c == U'?') {
            least = 0;
            ++i_;
        } else if (c == U'+') {
            least = 1;
            ++i_;
        } else if (c == U'{') {
            std::size_t j = i_ + 1, n = 0, digits = 0;
            while (j < p_.size() && p_[j] >= U'0' && p_[j] <= U'9') n = n * 10 + (p_[j++] - U'0'), ++digits;
            if (digits == 0) return fail();
            if (j < p_.size() && p_[j] == U',') {
                ++j;
                while (j < p_.size() && p_[j] >= U'0' && p_[j] <= U'9') ++j;
            }
            if (j >= p_.size() || p_[j] != U'}') return fail();
            i_ = j + 1;
            least = n;
        } else {
            return std::nullopt;
        }
        if (!at_end() && (peek() == U'?' || peek() == U'+')) ++i_;  // lazy, possessive
        if (!at_end() && (peek() == U'*' || peek() == U'+' || peek() == U'?' || peek() == U'{')) return fail();
        return least;
    }

    std::nullopt_t fail() {
        failed_ = true;
        return std::nullopt;
    }

    Atom parse_atom() {
        Atom atom;
        char32_t c = p_[i_];
        switch (c) {
            case U'(': return parse_group();
            case U'[': skip_class(); return atom;
            case U'\\': return parse_escape();
            case U'.':
            case U'^':
            case U'$': ++i_; return atom;
            case U'*':
            case U'+':
            case U'?':
            case U'{': fail(); return atom;
            default:
                ++i_;
                atom.kind = Kind::literal;
                atom.c = fold_case(c);
                return atom;
        }
    }

    Atom parse_group() {
        Atom atom;
        ++i_;  // (
        bool lookaround = false;
        if (peek() == U'?') {
            char32_t kind = peek(1);
            if (kind == U':' || kind == U'>' || kind == U'|') {
                i_ += 2;
            } else if (kind == U'=' || kind == U'!') {
                i_ += 2;
                lookaround = true;
            } else if (kind == U'<' && (peek(2) == U'=' || peek(2) == U'!')) {
                i_ += 3;
                lookaround = true;
            } else if (kind == U'<' || kind == U'\'' || (kind == U'P' && peek(2) == U'<')) {
                char32_t close = kind == U'\'' ? U'\'' : U'>';
                i_ += kind == U'P' ? 3 : 2;
                std::size_t end = p_.find(close, i_);
                if (end == std::u32string_view::npos) return fail(), atom;
                i_ = end + 1;
            } else if (kind == U'#') {
                std::size_t end = p_.find(U')', i_);
                if (end == std::u32string_view::npos) return fail(), atom;
                i_ = end + 1;
                return atom;
            } else {
                // (?imsx-imsx) or (?imsx-imsx:...): free spacing changes what a literal is.
                std::size_t j = i_ + 1;
                while (j < p_.size() && (p_[j] == U'i' || p_[j] == U'm' || p_[j] == U's' || p_[j] == U'-')) ++j;
                if (j >= p_.size() || j == i_ + 1 || (p_[j] != U')' && p_[j] != U':')) return fail(), atom;
                i_ = j + 1;
                if (p_[j] == U')') return atom;
            }
        }
        Prefilter inner = alternation();
        if (failed_ || at_end() || peek() != U')') return fail(), atom;
        ++i_;
        if (!lookaround) {
            atom.kind = Kind::group;
            atom.inner = std::move(inner);
        }
        return atom;
    }

    void skip_class() {
        ++i_;  // [
        if (peek() == U'^') ++i_;
        if (peek() == U']') ++i_;
        while (!at_end() && peek() != U']') {
            if (peek() == U'\\') {
                i_ += 2;
            } else if (peek() == U'[' && (peek(1) == U':' || peek(1) == U'=' || peek(1) == U'.')) {
                char32_t kind = peek(1);
                std::size_t end = p_.find(std::u32string{kind, U']'}, i_ + 2);
                if (end == std::u32string_view::npos) {
                    fail();
                    return;
                }
                i_ = end + 2;
            } else {
                ++i_;
            }
        }
        if (at_end()) {
            fail();
            return;
        }
        ++i_;  // ]
    }

    Atom parse_escape() {
        Atom atom;
        ++i_;  // backslash
        if (at_end()) return fail(), atom;
        char32_t c = p_[i_++];
        if (!is_ascii_alnum(c)) {
            // \< \> \` \' are assertions in Boost; every other escaped punctuation is itself.
            if (c == U'<' || c == U'>' || c == U'`' || c == U'\'') return atom;
            atom.kind = Kind::literal;
            atom.c = fold_case(c);
            return atom;
        }
        if (c == U'p' || c == U'P') {
            if (peek() == U'{') {
                std::size_t end = p_.find(U'}', i_);
                if (end == std::u32string_view::npos) return fail(), atom;
                i_ = end + 1;
            } else if (!at_end()) {
                ++i_;
            }
            return atom;
        }
        if (c >= U'1' && c <= U'9') {  // a back-reference
            while (!at_end() && peek() >= U'0' && peek() <= U'9') ++i_;
            return atom;
        }
        static const std::u32string_view classes = U"dDwWsSbBAzZGhHvVRXKnrtfea";
        if (classes.find(c) != std::u32string_view::npos) return atom;
        return fail(), atom;  // \x \Q \E \k \g \N \c \0 ...: not read
    }

    std::u32string_view p_;
    std::size_t min_length_;
    std::size_t i_ = 0;
    bool failed_ = false;
};

}  // namespace

Prefilter derive_prefilter(std::string_view pattern, std::size_t min_length) {
    using Decoder = boost::u8_to_u32_iterator<std::string_view::const_iterator, char32_t>;
    std::u32string code_points(Decoder(pattern.begin(), pattern.begin(), pattern.end()),
                               Decoder(pattern.end(), pattern.begin(), pattern.end()));
    std::optional<Prefilter> derived = Deriver(code_points, min_length).run();
    if (!derived) return {};
    Prefilter out;
    for (Literals& any : *derived) {
        if (any.empty()) continue;
        bool long_enough = std::all_of(any.begin(), any.end(),
                                       [&](const std::u32string& literal) { return literal.size() >= min_length; });
        if (!long_enough) continue;
        any = simplify(std::move(any));
        if (std::find(out.begin(), out.end(), any) == out.end()) out.push_back(std::move(any));
    }
    std::stable_sort(out.begin(), out.end(), better);
    return out;
}

char32_t fold_case(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }

std::u32string fold_case(std::u32string_view text) {
    std::u32string out(text.size(), U'\0');
    for (std::size_t i = 0; i < text.size(); ++i)
        out[i] = fold_case(text[i]);
    return out;
}

bool satisfies(const Prefilter& prefilter, std::u32string_view folded) {
    return std::all_of(prefilter.begin(), prefilter.end(), [&](const std::vector<std::u32string>& any) {
        return std::any_of(any.begin(), any.end(),
                           [&](const std::u32string& literal) { return folded.find(literal) != std::u32string_view::npos; });
    });
}

std::u32string fold_case_utf8(std::string_view text) {
    using Decoder = boost::u8_to_u32_iterator<std::string_view::const_iterator, char32_t>;
    std::u32string out;
    out.reserve(text.size());
    for (Decoder it(text.begin(), text.begin(), text.end()), end(text.end(), text.begin(), text.end()); it != end; ++it)
        out.push_back(fold_case(*it));
    return out;
}

std::size_t LiteralIndex::add(const std::u32string& literal) {
    if (literal.size() < 3) throw std::invalid_argument("a prefilter literal has three code points or more");
    auto known = ids_.find(literal);
    if (known != ids_.end()) return known->second;
    std::size_t id = literals_.size();
    literals_.push_back(literal);
    ids_.emplace(literal, id);
    std::uint64_t hash = key(literal[0], literal[1], literal[2]);
    by_prefix_[hash].push_back(id);
    std::uint64_t bit = hash >> (64 - kFilterBits);
    filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    return id;
}

void LiteralIndex::scan(std::u32string_view folded, LiteralHits& hits) const {
    hits.at.resize(literals_.size());
    for (std::size_t id : hits.touched) hits.at[id].clear();
    hits.touched.clear();
    for (std::size_t i = 0; i + 2 < folded.size(); ++i) {
        std::uint64_t hash = key(folded[i], folded[i + 1], folded[i + 2]);
        std::uint64_t bit = hash >> (64 - kFilterBits);
        if (!(filter_[bit >> 6] & (std::uint64_t{1} << (bit & 63)))) continue;
        auto candidates = by_prefix_.find(hash);
        if (candidates == by_prefix_.end()) continue;
        for (std::size_t id : candidates->second) {
            if (folded.compare(i, literals_[id].size(), literals_[id]) != 0) continue;
            if (hits.at[id].empty()) hits.touched.push_back(id);
            hits.at[id].push_back(static_cast<std::uint32_t>(i));
        }
    }
}

IndexedPrefilter::IndexedPrefilter(const Prefilter& prefilter, LiteralIndex& index) {
    for (const std::vector<std::u32string>& any : prefilter) {
        std::vector<std::size_t> ids;
        for (const std::u32string& literal : any) ids.push_back(index.add(literal));
        all_.push_back(std::move(ids));
    }
}

bool IndexedPrefilter::satisfied(const LiteralIndex& index, const LiteralHits& hits, std::size_t begin,
                                 std::size_t end) const {
    return std::all_of(all_.begin(), all_.end(), [&](const std::vector<std::size_t>& any) {
        return std::any_of(any.begin(), any.end(), [&](std::size_t id) {
            const std::vector<std::uint32_t>& at = hits.at[id];
            auto first = std::lower_bound(at.begin(), at.end(), static_cast<std::uint32_t>(begin));
            return first != at.end() && *first + index.length(id) <= end;
        });
    });
}

}  // namespace treatykb::coding
