// kb/unicode_text: lower_folded, the reference finder's fast form of fold_whitespace(to_lower()).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/unicode_text.hpp"

using namespace treatykb;

TEST_CASE("lower_folded gives the bytes of fold_whitespace(to_lower()), by table or by ICU") {
    const std::vector<std::string> texts = {
        "",
        "   ",
        "  В порядке,\u00a0ПРЕДУСМОТРЕННОМ  \n\tстатьей ",
        "ЁЖИК Ѐ Ѓ Ї Џ АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
        "абвгдежзийклмнопрстуфхцчшщъыьэюя ёђѓєѕіїјљњћќѝўџ",
        "«Таможенного кодекса» № 5 – 7 — в соответствии с",
        "IN ACCORDANCE WITH Article", // "I": by ICU (a Turkish locale lowers it otherwise)
        "in the Manner prescribed in\r\n",
        "ΣΑΣ Ѡ Ѣ", // Greek and historic Cyrillic: by ICU
        "a\u2003b\u202fc", // other spaces: by ICU
    };
    for (const auto& text : texts) {
        INFO(text);
        CHECK(lower_folded(text) == fold_whitespace(to_lower(text)));
    }
}
