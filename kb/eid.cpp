#include "kb/eid.hpp"

#include <array>
#include <cctype>

#include "kb/unicode_text.hpp"

namespace treatykb {

std::optional<int> roman_to_int(std::string_view roman) {
    if (roman.empty() || roman.size() > 12)
        return std::nullopt;
    auto value_of = [](char c) -> int {
        switch (std::toupper(static_cast<unsigned char>(c))) {
        case 'I':
            return 1;
        case 'V':
            return 5;
        case 'X':
            return 10;
        case 'L':
            return 50;
        case 'C':
            return 100;
        case 'D':
            return 500;
        case 'M':
            return 1000;
        default:
            return 0;
        }
    };
    int total = 0;
    for (std::size_t i = 0; i < roman.size(); ++i) {
        int current = value_of(roman[i]);
        if (current == 0)
            return std::nullopt;
        int next = i + 1 < roman.size() ? value_of(roman[i + 1]) : 0;
        total += current < next ? -current : current;
    }
    // Only canonical numerals count ("IIII" or "VX" are words, not numbers).
    std::string upper(roman);
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (total <= 0 || int_to_roman(total) != upper)
        return std::nullopt;
    return total;
}

std::string int_to_roman(int value) {
    static constexpr std::array<std::pair<int, const char*>, 13> table{{{1000, "M"},
                                                                        {900, "CM"},
                                                                        {500, "D"},
                                                                        {400, "CD"},
                                                                        {100, "C"},
                                                                        {90, "XC"},
                                                                        {50, "L"},
                                                                        {40, "XL"},
                                                                        {10, "X"},
                                                                        {9, "IX"},
                                                                        {5, "V"},
                                                                        {4, "IV"},
                                                                        {1, "I"}}};
    std::string out;
    for (const auto& [amount, symbol] : table) {
        while (value >= amount) {
            out += symbol;
            value -= amount;
        }
    }
    return out;
}

std::optional<int> russian_ordinal(std::string_view word) {
    static constexpr std::array<std::string_view, 10> ordinals{
        "первая", "вторая",  "третья",  "четвертая", "пятая",
        "шестая", "седьмая", "восьмая", "девятая",   "десятая"};
    std::string lower = to_lower(word);
    for (std::size_t i = 0; i < ordinals.size(); ++i)
        if (lower == ordinals[i])
            return static_cast<int>(i) + 1;
    if (lower == "четвёртая")
        return 4;
    return std::nullopt;
}

std::optional<int> english_number_words(std::string_view words) {
    static constexpr std::array<std::string_view, 20> units{
        "zero",     "one",     "two",     "three",     "four",     "five",    "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static constexpr std::array<std::string_view, 8> tens{"twenty", "thirty",  "forty",  "fifty",
                                                          "sixty",  "seventy", "eighty", "ninety"};
    std::string lower = to_lower(words);
    for (auto& c : lower)
        if (c == '-')
            c = ' ';
    int total = 0;
    bool any = false;
    std::size_t position = 0;
    while (position < lower.size()) {
        std::size_t end = lower.find(' ', position);
        if (end == std::string::npos)
            end = lower.size();
        std::string_view word(lower.data() + position, end - position);
        position = end + 1;
        if (word.empty())
            continue;
        bool matched = false;
        for (std::size_t i = 1; i < units.size() && !matched; ++i)
            if (word == units[i])
                total += static_cast<int>(i), matched = true;
        for (std::size_t i = 0; i < tens.size() && !matched; ++i)
            if (word == tens[i])
                total += static_cast<int>(20 + 10 * i), matched = true;
        if (!matched)
            return std::nullopt;
        any = true;
    }
    return any ? std::optional<int>(total) : std::nullopt;
}

std::string letter_component(std::string_view letter) {
    // The Cyrillic letters Russian drafting uses for enumerations; ё, й, ъ, ы, ь are skipped.
    static constexpr std::array<std::string_view, 29> cyrillic{
        "а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л", "м", "н", "о", "п",
        "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "э", "ю", "я", "ы"};
    std::string lower = to_lower(letter);
    for (std::size_t i = 0; i < cyrillic.size(); ++i) {
        if (lower == cyrillic[i]) {
            if (i < 26)
                return std::string(1, static_cast<char>('a' + i));
            return "z" + std::to_string(i - 25);
        }
    }
    return lower;
}

std::string number_component(std::string_view number) {
    static constexpr std::array<std::string_view, 10> superscripts{"⁰", "¹", "²", "³", "⁴",
                                                                   "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string out;
    bool in_superscript = false;
    for (std::size_t i = 0; i < number.size();) {
        bool matched = false;
        for (std::size_t digit = 0; digit < superscripts.size() && !matched; ++digit) {
            if (!number.substr(i).starts_with(superscripts[digit]))
                continue;
            // 99¹ is the article inserted after 99: "99-1" sorts after "99" and before "100".
            if (!in_superscript && !out.empty())
                out += '-';
            out += static_cast<char>('0' + digit);
            i += superscripts[digit].size();
            matched = in_superscript = true;
        }
        if (matched)
            continue;
        in_superscript = false;
        unsigned char c = static_cast<unsigned char>(number[i]);
        if (std::isalnum(c)) {
            out += static_cast<char>(std::tolower(c));
        } else if (c == '.' || c == '-') {
            out += static_cast<char>(c);
        } else if (c == ' ' || c == '_') {
            if (!out.empty() && out.back() != '-')
                out += '-';
        } else if (c >= 0x80) {
            out += number[i]; // non-ASCII letters are kept as they are
        }
        ++i;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == '-'))
        out.pop_back();
    while (!out.empty() && (out.front() == '.' || out.front() == '-'))
        out.erase(0, 1);
    if (auto roman = roman_to_int(out))
        return std::to_string(*roman);
    return out;
}

std::string join_eid(std::string_view parent, std::string_view kind_prefix,
                     std::string_view component) {
    std::string out;
    if (!parent.empty()) {
        out.append(parent);
        out += "__";
    }
    out.append(kind_prefix);
    if (!component.empty()) {
        out += '_';
        out.append(component);
    }
    return out;
}

} // namespace treatykb
