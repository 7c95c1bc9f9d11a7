// treatykb/kb/eid.hpp — building Akoma Ntoso eIds and reading the numbering of treaty texts.
//
// The scheme (docs/corpus.md): `preamble`, `part_1`, `sec_6`, `sec_9__subsec_1`, `art_25`
// (articles do not carry their section prefix), `art_25__para_1`, `art_25__para_1__point_1`,
// `art_25__para_1__point_a`, `art_99-1` for Art. 99¹, `annex_7__point_50`, `conclusions`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace treatykb {

std::optional<int> roman_to_int(std::string_view roman); // "XXVIII" -> 28; nullopt if not roman
std::string int_to_roman(int value);                     // 28 -> "XXVIII"

// Russian feminine ordinals used for parts ("ЧАСТЬ ПЕРВАЯ") and English number words used by some
// ToTA files ("CHAPTER TWENTY ONE"); case-insensitive.
std::optional<int> russian_ordinal(std::string_view word);
std::optional<int> english_number_words(std::string_view words);

// A letter point's eId component: Cyrillic letters by their position in the alphabet used for
// legal enumerations (а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я -> a b c ... z),
// Latin letters as they are. "а" -> "a", "к" -> "j".
std::string letter_component(std::string_view letter);

// An article or point number as an eId component: "47" -> "47", "99¹" -> "99-1", "1.2" -> "1.2",
// "G-1" -> "g-1", "XIV" -> "14" (roman article numbers are converted).
std::string number_component(std::string_view number);

// ("art_47", "para", "1") -> "art_47__para_1"; ("", "sec", "6") -> "sec_6"; ("x", "wrap", "") ->
// "x__wrap".
std::string join_eid(std::string_view parent, std::string_view kind_prefix,
                     std::string_view component);

} // namespace treatykb
