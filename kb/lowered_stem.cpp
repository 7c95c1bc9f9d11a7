// The case-insensitive stem comparison of kb/detail/lowered_stem.hpp.
#include "kb/detail/lowered_stem.hpp"

#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace treatykb::detail {

namespace {

constexpr UChar32 invalid = -1;

// The code point at byte `i` of `bytes`, lowered as u_tolower lowers it (invalid for invalid
// UTF-8); `i` moves past it.
UChar32 next_lowered(const std::uint8_t* bytes, std::int32_t& i, std::int32_t length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0)
        return invalid;
    // ASCII needs no table: only A-Z lower to ASCII letters among the code points below 0x80
    // (U+0130 and U+212A, which lower to "i" and "k", are not ASCII and go to u_tolower).
    return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) : u_tolower(c);
}

// Whether the text from byte `i` goes on with `rest`, each code point lowered.
bool goes_on_with(const std::uint8_t* bytes, std::int32_t i, std::int32_t length,
                  std::u32string_view rest) {
    for (char32_t wanted : rest) {
        if (i >= length)
            return false;
        UChar32 lowered = next_lowered(bytes, i, length);
        if (lowered == invalid)
            return true;
        if (static_cast<char32_t>(lowered) != wanted)
            return false;
    }
    return true;
}

} // namespace

bool starts_with_any_lowered(std::string_view text, std::size_t at,
                             std::span<const std::u32string_view> stems) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    auto length = static_cast<std::int32_t>(text.size());
    auto i = static_cast<std::int32_t>(at);
    if (i >= length)
        return false; // (every stem has a first letter)
    UChar32 first = next_lowered(bytes, i, length); // lowered once for all the stems
    if (first == invalid)
        return true;
    for (auto stem : stems)
        if (!stem.empty() && stem[0] == static_cast<char32_t>(first) &&
            goes_on_with(bytes, i, length, stem.substr(1)))
            return true;
    return false;
}

} // namespace treatykb::detail
