// treatykb/engine/value.hpp — constants of the rule language, interned as 32-bit values.
//
// The evaluator joins on integers only: every symbol, string, integer, decimal, date and
// provision reference is interned once in a ConstantPool and travels through the engine as a
// Value. Equality of Values is equality of constants (decimals are normalised rationals, so 21.5
// and 21.50 are one Value); ordering needs the pool (ConstantPool::compare).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace treatykb::engine {

enum class Type : std::uint8_t { symbol, string, integer, decimal, date, provision };

std::string_view type_name(Type type);

// The content of a string constant as rendered in the rule language ("\"Customs tariff\"" ->
// Customs tariff); any other rendering is returned as it is. Readers of FactView arguments use it.
std::string unquote(std::string_view rendered);
std::string a_type(Type type);  // "a symbol", "an integer": for messages
std::optional<Type> type_from_name(std::string_view name);
// Whether `iso` is a calendar date written YYYY-MM-DD (month 1-12, day within that month, 29
// February only in leap years of the Gregorian calendar).
bool valid_date(std::string_view iso);

using Value = std::uint32_t;
// A value no constant has: a bound argument that matches no row (Model::symbol of an unknown name).
inline constexpr Value kNoValue = 0xFFFFFFFFu;

class ConstantPool {
public:
    ConstantPool();
    ~ConstantPool();
    ConstantPool(const ConstantPool&);
    ConstantPool& operator=(const ConstantPool&) = delete;

    Value symbol(std::string_view name);
    Value string(std::string_view text);  // the content, without quotes or escapes
    Value integer(std::int64_t number);
    Value decimal(std::string_view digits);  // "-21.50" or "7"; throws std::invalid_argument
    Value date(std::string_view iso);        // YYYY-MM-DD, validated by the caller
    Value provision(std::string_view reference);  // alias#eId
    // The value of a symbol, string, date or provision already interned; nullopt when it is not
    // (then no fact can hold it). Never interns.
    std::optional<Value> find(Type type, std::string_view text) const;

    Type type(Value value) const { return entries_[value].type; }
    // The symbol name, string content, date, provision reference, or the decimal digits.
    const std::string& text(Value value) const { return entries_[value].text; }
    std::int64_t integer_of(Value value) const { return entries_[value].number; }

    // The constant as written in the rule language (strings quoted and escaped).
    std::string render(Value value) const;
    // Three-way order of two constants of comparable types (numbers with numbers, otherwise
    // the same type); nullopt when they are not comparable.
    std::optional<int> compare(Value left, Value right) const;

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        Type type;
        std::int64_t number = 0;  // integer value; for decimals the index into rationals_
        std::string text;
    };
    struct Rationals;
    Value add(Type type, std::string text, std::int64_t number);

    std::vector<Entry> entries_;
    std::unordered_map<std::string, Value> by_text_;  // key: type byte + text
    std::unordered_map<std::int64_t, Value> by_integer_;
    std::vector<Value> small_integers_;  // direct lookup for 0 <= n < kSmallIntegers (bulk tables)
    static constexpr std::int64_t kSmallIntegers = std::int64_t(1) << 22;
    std::unique_ptr<Rationals> rationals_;
};

}  // namespace treatykb::engine
