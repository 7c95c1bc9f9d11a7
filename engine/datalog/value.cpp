#include "engine/datalog/value.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <stdexcept>

#include "engine/datalog/decimal_digits.hpp"

namespace treatykb::engine {

using Rational = boost::multiprecision::cpp_rational;

// Exact decimals: "21.5" is kept as the rational 43/2, so that comparisons never round.
struct ConstantPool::Rationals {
    std::vector<Rational> values;
};

std::string_view type_name(Type type) {
    switch (type) {
        case Type::symbol: return "symbol";
        case Type::string: return "string";
        case Type::integer: return "integer";
        case Type::decimal: return "decimal";
        case Type::date: return "date";
        case Type::provision: return "provision";
    }
    return "?";
}

std::string a_type(Type type) {
    return (type == Type::integer ? "an " : "a ") + std::string(type_name(type));
}

std::optional<Type> type_from_name(std::string_view name) {
    for (Type t : {Type::symbol, Type::string, Type::integer, Type::decimal, Type::date,
                   Type::provision})
        if (type_name(t) == name) return t;
    return std::nullopt;
}

ConstantPool::ConstantPool() : rationals_(std::make_unique<Rationals>()) {}
ConstantPool::~ConstantPool() = default;
ConstantPool::ConstantPool(const ConstantPool& other)
    : entries_(other.entries_),
      by_text_(other.by_text_),
      by_integer_(other.by_integer_),
      small_integers_(other.small_integers_),
      rationals_(std::make_unique<Rationals>(*other.rationals_)) {}

Value ConstantPool::add(Type type, std::string text, std::int64_t number) {
    auto value = static_cast<Value>(entries_.size());
    entries_.push_back(Entry{type, number, std::move(text)});
    return value;
}

namespace {
std::string key_of(Type type, std::string_view text) {
    std::string key(1, static_cast<char>(type));
    key += text;
    return key;
}
}  // namespace

#define TREATYKB_INTERN_TEXT(TYPE, TEXT)                                   \
    auto key = key_of(TYPE, TEXT);                                         \
    if (auto found = by_text_.find(key); found != by_text_.end()) return found->second; \
    Value value = add(TYPE, std::string(TEXT), 0);                        \
    by_text_.emplace(std::move(key), value);                              \
    return value;

std::optional<Value> ConstantPool::find(Type type, std::string_view text) const {
    if (auto found = by_text_.find(key_of(type, text)); found != by_text_.end()) return found->second;
    return std::nullopt;
}

Value ConstantPool::symbol(std::string_view name) { TREATYKB_INTERN_TEXT(Type::symbol, name) }
Value ConstantPool::string(std::string_view text) { TREATYKB_INTERN_TEXT(Type::string, text) }
Value ConstantPool::date(std::string_view iso) { TREATYKB_INTERN_TEXT(Type::date, iso) }

bool valid_date(std::string_view iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (iso[i] < '0' || iso[i] > '9') return false;
    auto number = [&](std::size_t from, std::size_t length) {
        int value = 0;
        for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (iso[i] - '0');
        return value;
    };
    int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}
Value ConstantPool::provision(std::string_view reference) {
    TREATYKB_INTERN_TEXT(Type::provision, reference)
}
#undef TREATYKB_INTERN_TEXT

Value ConstantPool::integer(std::int64_t number) {
    constexpr Value kUnset = 0xFFFFFFFFu;
    if (number >= 0 && number < kSmallIntegers) {
        auto index = static_cast<std::size_t>(number);
        if (index >= small_integers_.size()) small_integers_.resize(std::max(index + 1, small_integers_.size() * 2), kUnset);
        if (small_integers_[index] == kUnset) small_integers_[index] = add(Type::integer, std::to_string(number), number);
        return small_integers_[index];
    }
    if (auto found = by_integer_.find(number); found != by_integer_.end()) return found->second;
    Value value = add(Type::integer, std::to_string(number), number);
    by_integer_.emplace(number, value);
    return value;
}

Value ConstantPool::decimal(std::string_view digits) {
    // Parse sign, integer part and fraction into an exact rational.
    bool negative = !digits.empty() && digits.front() == '-';
    std::string_view body = negative ? digits.substr(1) : digits;
    auto dot = body.find('.');
    std::string whole(body.substr(0, dot));
    std::string fraction = dot == std::string_view::npos ? "" : std::string(body.substr(dot + 1));
    if (whole.empty() || whole.find_first_not_of("0123456789") != std::string::npos ||
        fraction.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("not a decimal number: " + std::string(digits));
    Rational exact = decimal_rational(whole + fraction, fraction.size());
    if (negative) exact = -exact;
    // Canonical text: the shortest decimal rendering (trailing zeros dropped).
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    std::string trimmed = whole;
    trimmed.erase(0, std::min(trimmed.find_first_not_of('0'), trimmed.size() - 1));
    std::string canonical = (negative && exact != 0 ? "-" : "") + trimmed +
                            (fraction.empty() ? ".0" : "." + fraction);
    auto key = key_of(Type::decimal, canonical);
    if (auto found = by_text_.find(key); found != by_text_.end()) return found->second;
    rationals_->values.push_back(exact);
    Value value = add(Type::decimal, canonical,
                      static_cast<std::int64_t>(rationals_->values.size() - 1));
    by_text_.emplace(std::move(key), value);
    return value;
}

std::string ConstantPool::render(Value value) const {
    const Entry& entry = entries_[value];
    if (entry.type != Type::string) return entry.text;
    std::string out = "\"";
    for (char c : entry.text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::optional<int> ConstantPool::compare(Value left, Value right) const {
    const Entry& a = entries_[left];
    const Entry& b = entries_[right];
    auto three_way = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    bool a_number = a.type == Type::integer || a.type == Type::decimal;
    bool b_number = b.type == Type::integer || b.type == Type::decimal;
    if (a_number && b_number) {
        if (a.type == Type::integer && b.type == Type::integer)
            return three_way(a.number, b.number);
        auto exact = [&](const Entry& e) {
            return e.type == Type::integer ? Rational(e.number)
                                           : rationals_->values[static_cast<std::size_t>(e.number)];
        };
        return three_way(exact(a), exact(b));
    }
    if (a.type != b.type) return std::nullopt;
    return three_way(a.text, b.text);  // dates (ISO), strings, symbols, provisions
}

std::string unquote(std::string_view rendered) {
    if (rendered.size() < 2 || rendered.front() != '"' || rendered.back() != '"')
        return std::string(rendered);
    std::string out;
    for (std::size_t i = 1; i + 1 < rendered.size(); ++i) {
        if (rendered[i] == '\\' && i + 2 < rendered.size()) ++i;
        out += rendered[i];
    }
    return out;
}

}  // namespace treatykb::engine
