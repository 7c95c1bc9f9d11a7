// The case-insensitive stem comparison of kb/detail/lowered_stem.hpp.
#include "kb/detail/lowered_stem.hpp"

#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace treatykb::detail {

bool starts_with_lowered(std::string_view text, std::size_t at, std::u32string_view stem) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    auto length = static_cast<std::int32_t>(text.size());
    auto i = static_cast<std::int32_t>(at);
    for (char32_t wanted : stem) {
        if (i >= length)
            return false;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0)
            return true;
        // ASCII needs no table: only A-Z lower to ASCII letters among the code points below 0x80
        // (U+0130 and U+212A, which lower to "i" and "k", are not ASCII and go to u_tolower).
        UChar32 lowered = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) : u_tolower(c);
        if (static_cast<char32_t>(lowered) != wanted)
            return false;
    }
    return true;
}

} // namespace treatykb::detail
