#include "kb/unicode_text.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace treatykb {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    int32_t length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0)
            return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::optional<std::size_t> first_invalid_character_reference(std::string_view xml) {
    for (std::size_t at = xml.find("&#"); at != std::string_view::npos; at = xml.find("&#", at + 2)) {
        std::size_t i = at + 2;
        bool hex = i < xml.size() && (xml[i] == 'x' || xml[i] == 'X');
        if (hex)
            ++i;
        unsigned long long value = 0;
        std::size_t digits = 0;
        for (; i < xml.size(); ++i, ++digits) {
            char c = xml[i];
            int digit = c >= '0' && c <= '9'                ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
            if (digit < 0)
                break;
            if (value <= 0x10FFFF) // beyond that it is out of range whatever follows
                value = value * (hex ? 16 : 10) + static_cast<unsigned>(digit);
        }
        if (digits == 0 || i >= xml.size() || xml[i] != ';')
            continue; // not a character reference; the XML parser reports it
        if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
            return at;
    }
    return std::nullopt;
}

int line_of_offset(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

namespace {
// Decodes the code point at `i` (advancing i); invalid bytes decode as U+FFFD.
UChar32 next_code_point(std::string_view text, int32_t& i) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    return c < 0 ? 0xFFFD : c;
}

bool is_space(UChar32 c) {
    return u_isUWhiteSpace(c) || c == 0xA0 || c == 0x202F;
}

void append_code_point(std::string& out, UChar32 c) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, c, error);
    if (!error)
        out.append(buffer, static_cast<std::size_t>(length));
}
} // namespace

std::string fold_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    int32_t i = 0;
    while (i < static_cast<int32_t>(text.size())) {
        int32_t start = i;
        UChar32 c = next_code_point(text, i);
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space)
            out += ' ';
        pending_space = false;
        out.append(
            text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

std::string_view trim(std::string_view text) {
    int32_t begin = 0;
    int32_t end = static_cast<int32_t>(text.size());
    while (begin < end) {
        int32_t i = begin;
        if (!is_space(next_code_point(text, i)))
            break;
        begin = i;
    }
    while (end > begin) {
        int32_t i = end;
        UChar32 c;
        U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), begin, i, c);
        if (c < 0 || !is_space(c))
            break;
        end = i;
    }
    return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

std::string to_lower(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
        .toLower()
        .toUTF8String(out);
    return out;
}

std::string lower_folded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    auto byte = [&text](std::size_t i) {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    };
    auto emit = [&](std::string_view bytes) {
        if (pending_space)
            out += ' ';
        pending_space = false;
        out.append(bytes);
    };
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = byte(i);
        if (c == ' ' || (c >= '\t' && c <= '\r')) { // ASCII white space (u_isUWhiteSpace)
            pending_space = !out.empty();
            ++i;
        } else if (c < 0x80 && c != 'I') {
            char lowered = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            emit(std::string_view(&lowered, 1));
            ++i;
        } else if (c == 0xC2 && byte(i + 1) == 0xA0) { // no-break space
            pending_space = !out.empty();
            i += 2;
        } else if (c == 0xC2 && (byte(i + 1) == 0xAB || byte(i + 1) == 0xBB)) { // « »
            emit(text.substr(i, 2));
            i += 2;
        } else if (c == 0xE2 &&
                   ((byte(i + 1) == 0x80 && (byte(i + 2) == 0x93 || byte(i + 2) == 0x94)) ||
                    (byte(i + 1) == 0x84 && byte(i + 2) == 0x96))) { // – — №
            emit(text.substr(i, 3));
            i += 3;
        } else if (c == 0xD0 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0xBF) {
            // U+0400-U+043F: the capitals U+0400-U+040F lower to U+0450-U+045F, U+0410-U+042F to
            // U+0430-U+044F.
            unsigned char next = byte(i + 1);
            char pair[2] = {static_cast<char>(0xD0), static_cast<char>(next)};
            if (next <= 0x8F) {
                pair[0] = static_cast<char>(0xD1);
                pair[1] = static_cast<char>(next + 0x10);
            } else if (next <= 0x9F) {
                pair[1] = static_cast<char>(next + 0x20);
            } else if (next <= 0xAF) {
                pair[0] = static_cast<char>(0xD1);
                pair[1] = static_cast<char>(next - 0x20);
            }
            emit(std::string_view(pair, 2));
            i += 2;
        } else if (c == 0xD1 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) { // U+0440-U+045F
            emit(text.substr(i, 2));
            i += 2;
        } else {
            return fold_whitespace(to_lower(text)); // anything else: ICU
        }
    }
    return out;
}

bool has_cyrillic(std::string_view word) {
    int32_t i = 0;
    while (i < static_cast<int32_t>(word.size())) {
        UChar32 c = next_code_point(word, i);
        if (c >= 0x0400 && c <= 0x052F)
            return true;
    }
    return false;
}

bool has_latin(std::string_view word) {
    int32_t i = 0;
    while (i < static_cast<int32_t>(word.size())) {
        UChar32 c = next_code_point(word, i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return true;
    }
    return false;
}

std::string normalize_confusables(std::string_view word) {
    if (!has_cyrillic(word) || !has_latin(word))
        return std::string(word);
    std::string out;
    out.reserve(word.size() + 8);
    int32_t i = 0;
    while (i < static_cast<int32_t>(word.size())) {
        UChar32 c = next_code_point(word, i);
        switch (c) {
        case 'a':
            c = 0x0430;
            break;
        case 'A':
            c = 0x0410;
            break;
        case 'b':
            c = 0x044C;
            break; // "b" is how OCR renders the soft sign
        case 'B':
            c = 0x0412;
            break;
        case 'c':
            c = 0x0441;
            break;
        case 'C':
            c = 0x0421;
            break;
        case 'e':
            c = 0x0435;
            break;
        case 'E':
            c = 0x0415;
            break;
        case 'H':
            c = 0x041D;
            break;
        case 'K':
            c = 0x041A;
            break;
        case 'k':
            c = 0x043A;
            break;
        case 'M':
            c = 0x041C;
            break;
        case 'o':
            c = 0x043E;
            break;
        case 'O':
            c = 0x041E;
            break;
        case 'p':
            c = 0x0440;
            break;
        case 'P':
            c = 0x0420;
            break;
        case 'T':
            c = 0x0422;
            break;
        case 'x':
            c = 0x0445;
            break;
        case 'X':
            c = 0x0425;
            break;
        case 'y':
            c = 0x0443;
            break;
        case 'Y':
            c = 0x0423;
            break;
        default:
            break;
        }
        append_code_point(out, c);
    }
    return out;
}

std::size_t code_points(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool same_noun(std::string_view a, std::string_view b) {
    std::string x = to_lower(a), y = to_lower(b);
    std::size_t common = 0;
    while (common < x.size() && common < y.size() && x[common] == y[common])
        ++common;
    while (common > 0 && common < x.size() &&
           (static_cast<unsigned char>(x[common]) & 0xC0) == 0x80)
        --common; // not inside a UTF-8 sequence
    std::size_t agree = code_points(std::string_view(x).substr(0, common));
    std::size_t shorter = std::min(code_points(x), code_points(y));
    return agree >= 4 && agree + 2 >= shorter;
}

std::vector<std::string> words_of(std::string_view text) {
    const std::string lowered = to_lower(text);
    std::vector<std::string> words;
    std::string word;
    const auto* bytes = reinterpret_cast<const uint8_t*>(lowered.data());
    const int32_t length = static_cast<int32_t>(lowered.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0 && u_isalnum(c)) {
            word.append(lowered, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

} // namespace treatykb
