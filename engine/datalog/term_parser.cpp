#include "engine/datalog/detail/term_parser.hpp"

#include <cctype>

namespace treatykb::engine::detail {

namespace {
bool identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

bool is_builtin(std::string_view relation) {
    return relation == "instrument_of" || relation == "article_of";
}

TermParser::TermParser(std::string_view text, const TextLocator& locator, ConstantPool& constants,
                       std::optional<Value> this_provision)
    : text_(text), locator_(locator), constants_(constants), this_provision_(this_provision) {}

void TermParser::fail(std::string message, std::string hint) const {
    throw SyntaxError{position_, std::move(message), std::move(hint)};
}

void TermParser::skip_space() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_])))
        ++position_;
}

bool TermParser::at_end() {
    skip_space();
    return position_ >= text_.size();
}

void TermParser::expect(char c, std::string_view what) {
    skip_space();
    if (position_ >= text_.size() || text_[position_] != c)
        fail("expected '" + std::string(1, c) + "' " + std::string(what),
             position_ >= text_.size() ? "the text ends too early"
                                       : "found '" + std::string(1, text_[position_]) + "'");
    ++position_;
}

std::string_view TermParser::identifier() {
    skip_space();
    std::size_t start = position_;
    if (position_ >= text_.size() || !identifier_start(text_[position_])) return {};
    while (position_ < text_.size() && identifier_char(text_[position_])) ++position_;
    return text_.substr(start, position_ - start);
}

Term TermParser::parse_term() {
    skip_space();
    Term term;
    term.where = here();
    if (position_ >= text_.size()) fail("expected a term", "the text ends too early");
    char c = text_[position_];
    if (c == '?') {
        ++position_;
        std::size_t start = position_;
        while (position_ < text_.size() && identifier_char(text_[position_])) ++position_;
        if (start == position_) fail("a variable needs a name after '?'", "write ?name, or _ for any value");
        term.kind = Term::Kind::variable;
        term.variable = std::string(text_.substr(start, position_ - start));
        return term;
    }
    if (c == '@') {
        if (!this_provision_)
            fail("'@' (this provision) is only allowed inside an <annotation>",
                 "write the provision as alias#eId");
        ++position_;
        term.value = *this_provision_;
        term.syntax = Type::provision;
        return term;
    }
    if (c == '"') {
        std::string content;
        std::size_t opening = position_++;
        while (true) {
            if (position_ >= text_.size()) {
                position_ = opening;
                fail("unterminated string", "close it with \"");
            }
            char s = text_[position_++];
            if (s == '"') break;
            if (s == '\\') {
                if (position_ >= text_.size()) fail("unterminated string", "close it with \"");
                s = text_[position_++];
                if (s != '"' && s != '\\') fail("unknown escape in a string", "only \\\" and \\\\ exist");
            }
            content += s;
        }
        term.value = constants_.string(content);
        term.syntax = Type::string;
        return term;
    }
    if (digit(c) || c == '-') {
        std::size_t start = position_;
        if (c == '-') ++position_;
        while (position_ < text_.size() && digit(text_[position_])) ++position_;
        std::string_view digits = text_.substr(start, position_ - start);
        if (digits == "-") fail("expected digits after '-'");
        // YYYY-MM-DD
        if (c != '-' && digits.size() == 4 && position_ + 6 <= text_.size() && text_[position_] == '-' &&
            digit(text_[position_ + 1]) && digit(text_[position_ + 2]) && text_[position_ + 3] == '-' &&
            digit(text_[position_ + 4]) && digit(text_[position_ + 5])) {
            position_ += 6;
            std::string_view iso = text_.substr(start, 10);
            if (!valid_date(iso)) {
                position_ = start;
                fail("not a valid date: " + std::string(iso),
                     "dates are YYYY-MM-DD, with a day that exists in that month (2014-02-28, not "
                     "2014-02-31)");
            }
            term.value = constants_.date(iso);
            term.syntax = Type::date;
            return term;
        }
        if (position_ < text_.size() && text_[position_] == '.' && position_ + 1 < text_.size() &&
            digit(text_[position_ + 1])) {
            ++position_;
            while (position_ < text_.size() && digit(text_[position_])) ++position_;
            term.value = constants_.decimal(text_.substr(start, position_ - start));
            term.syntax = Type::decimal;
            return term;
        }
        try {
            term.value = constants_.integer(std::stoll(std::string(digits)));
        } catch (const std::out_of_range&) {
            position_ = start;
            fail("integer out of range", "integers are 64-bit; write a decimal for larger numbers");
        }
        term.syntax = Type::integer;
        return term;
    }
    if (identifier_start(c)) {
        // Symbols and instrument aliases may contain '-' after the first character (cis-fta-2011).
        std::size_t start = position_;
        while (position_ < text_.size() && (identifier_char(text_[position_]) || text_[position_] == '-')) ++position_;
        std::string_view name = text_.substr(start, position_ - start);
        if (position_ < text_.size() && text_[position_] == '#') {
            std::size_t start = position_ + 1;
            ++position_;
            while (position_ < text_.size() &&
                   (identifier_char(text_[position_]) || text_[position_] == '-'))
                ++position_;
            if (start == position_) fail("a provision needs an eId after '#'", "e.g. eaeu#art_47__para_1");
            term.value = constants_.provision(std::string(name) + "#" +
                                              std::string(text_.substr(start, position_ - start)));
            term.syntax = Type::provision;
            return term;
        }
        if (name == "_") {
            term.kind = Term::Kind::variable;
            term.variable = "_";
            return term;
        }
        term.value = constants_.symbol(name);
        term.syntax = Type::symbol;
        return term;
    }
    fail(std::string("unexpected character '") + c + "'",
         "a term is ?var, a symbol, alias#eId, a \"string\", a number or a date");
}

Atom TermParser::parse_atom() {
    skip_space();
    Atom atom;
    atom.where = here();
    if (position_ < text_.size() && text_[position_] == '~') {
        atom.complement = true;
        ++position_;
    }
    std::string_view name = identifier();
    if (name.empty()) fail("expected a relation name", "an atom is relation(term, ...)");
    atom.relation = std::string(name);
    expect('(', "after the relation name " + atom.relation);
    skip_space();
    if (position_ < text_.size() && text_[position_] == ')') {
        ++position_;
        return atom;
    }
    while (true) {
        atom.arguments.push_back(parse_term());
        skip_space();
        if (position_ < text_.size() && text_[position_] == ',') {
            ++position_;
            continue;
        }
        expect(')', "to close " + atom.relation + "(");
        return atom;
    }
}

Literal TermParser::parse_literal() {
    skip_space();
    Literal literal;
    literal.where = here();
    std::size_t start = position_;
    std::string_view word = identifier();
    if (word == "not" && position_ < text_.size() &&
        std::isspace(static_cast<unsigned char>(text_[position_]))) {
        literal.kind = Literal::Kind::negated;
        literal.atom = parse_atom();
        if (literal.atom.complement) fail("write 'not ~p(...)' as a positive literal ~p(...) or drop ~");
        return literal;
    }
    bool is_atom = text_[start] == '~';
    if (!word.empty()) {
        skip_space();
        is_atom = position_ < text_.size() && text_[position_] == '(';
    }
    position_ = start;
    if (is_atom) {
        literal.atom = parse_atom();
        literal.kind = is_builtin(literal.atom.relation) ? Literal::Kind::builtin : Literal::Kind::positive;
        return literal;
    }
    literal.kind = Literal::Kind::comparison;
    literal.left = parse_term();
    skip_space();
    auto next_is = [&](std::string_view op) { return text_.substr(position_, op.size()) == op; };
    if (next_is("!=")) literal.comparison = Comparison::not_equal, position_ += 2;
    else if (next_is("<=")) literal.comparison = Comparison::less_equal, position_ += 2;
    else if (next_is(">=")) literal.comparison = Comparison::greater_equal, position_ += 2;
    else if (next_is("<")) literal.comparison = Comparison::less, position_ += 1;
    else if (next_is(">")) literal.comparison = Comparison::greater, position_ += 1;
    else if (next_is("=")) literal.comparison = Comparison::equal, position_ += 1;
    else fail("expected a comparison operator (= != < <= > >=) or an atom",
              "a body literal is an atom, 'not' atom, or a comparison of two terms");
    literal.right = parse_term();
    return literal;
}

Atom TermParser::atom_only() {
    Atom atom = parse_atom();
    if (!at_end()) fail("unexpected text after the atom", "one atom only here");
    return atom;
}

Term TermParser::term_only() {
    Term term = parse_term();
    if (!at_end()) fail("unexpected text after the term", "one term only here");
    return term;
}

std::vector<Literal> TermParser::body() {
    std::vector<Literal> literals;
    if (at_end()) return literals;
    while (true) {
        literals.push_back(parse_literal());
        if (at_end()) return literals;
        expect(',', "between body literals");
    }
}

}  // namespace treatykb::engine::detail
