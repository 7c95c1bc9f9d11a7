// Literal prefilters of the coder's expressions: what derive_prefilter reads from a pattern (and
// what it refuses to read), that every text a pattern matches satisfies the prefilter (folded as
// Boost's case-insensitive ICU matcher folds), and the literal index's hits inside a range.
#include <boost/regex/icu.hpp>
#include <boost/regex/pending/unicode_iterator.hpp>

#include "../test_support.hpp"
#include "kb/regex_prefilter.hpp"

#include <algorithm>

using namespace treatykb::coding;

namespace {

std::u32string u32(std::string_view utf8) { return fold_case_utf8(utf8); }

// Entries and their literals in a fixed order: the order of the derivation is not compared.
Prefilter sorted(Prefilter prefilter) {
    for (auto& any : prefilter) std::sort(any.begin(), any.end());
    std::sort(prefilter.begin(), prefilter.end());
    return prefilter;
}

Prefilter literals(std::initializer_list<std::initializer_list<const char*>> all) {
    Prefilter out;
    for (const auto& any : all) {
        std::vector<std::u32string> one;
        for (const char* literal : any) one.push_back(u32(literal));
        out.push_back(std::move(one));
    }
    return sorted(out);
}

Prefilter derived(const std::string& pattern) { return sorted(derive_prefilter(pattern)); }

bool matches(const std::string& pattern, const std::string& text) {
    boost::u32regex regex = boost::make_u32regex(pattern, boost::regex_constants::perl | boost::regex_constants::icase);
    return boost::u32regex_search(text, regex);
}

}  // namespace

TEST_CASE("A prefilter holds the literals of a sequence, the best literal set of each alternative, lower-cased") {
    CHECK(derived(R"(\bShall\s+(?:pursue|conduct)\s+a\s+Policy\b)") ==
          literals({{"shall"}, {"policy"}, {"pursue", "conduct"}}));
    CHECK(derived(R"(\bСовет\w*\s+принимает)") == literals({{"принимает"}, {"совет"}}));
    // a branch's best set: the longest shortest literal
    CHECK(derived(R"(decisions\s+of|by\s+(?:unanimity|consensus))") ==
          literals({{"consensus", "decisions", "unanimity"}}));
    // escaped punctuation is itself; a literal run ends at a class, an escape class or a group
    CHECK(derived(R"(per\.cent[\w-]+votes)") == literals({{"per.cent"}, {"votes"}}));
    // a quantified character: "ab+" holds "ab", "abc?" only "ab"
    CHECK(derived("counc+il") == literals({{"counc"}}));
    CHECK(derived("councils?x") == literals({{"council"}}));
    // a named capture is a group like any other
    CHECK(derived(R"((?'subject'решени\w+)\s+(?<verb>принима\w+))") == literals({{"принима"}, {"решени"}}));
}

TEST_CASE("What a match need not contain gives no condition") {
    // optional parts, repeats that may be absent
    CHECK(derived(R"((?:shall\s+)?decide)") == literals({{"decide"}}));
    CHECK(derived(R"((?:supreme\s+){0,3}council)") == literals({{"council"}}));
    CHECK(derived(R"((?:supreme\s+){1,3}council)") == literals({{"council"}, {"supreme"}}));
    // an alternative without a literal of three characters or more
    CHECK(derive_prefilter(R"(council|\d+)").empty());
    CHECK(derive_prefilter(R"(by|до)").empty());
    // lookarounds: what they read is not part of the match (and a negative one is absent)
    CHECK(derived(R"((?<!neither\s)may\s+adopt)") == literals({{"adopt"}, {"may"}}));
    CHECK(derived(R"(council(?=\s+members))") == literals({{"council"}}));
    // classes and \< \> are not literals
    CHECK(derived(R"([abc]\<def)") == literals({{"def"}}));
    // an inline flag group is read; (?-i:...) is still a necessary condition once folded
    CHECK(derived(R"((?-i:Treaty)\s+of)") == literals({{"treaty"}}));
}

TEST_CASE("Syntax the derivation does not read gives no prefilter, never a wrong one") {
    CHECK(derive_prefilter(R"(\Qcouncil\E)").empty());          // quoting
    CHECK(derive_prefilter(R"((?x) coun cil )").empty());       // free spacing: the spaces are not literal
    CHECK(derive_prefilter(R"((?(1)council|court))").empty());  // a conditional
    CHECK(derive_prefilter(R"(council\x{41}rt)").empty());      // a code point escape
    CHECK(derive_prefilter(R"(council{x})").empty());           // a brace that is no repeat
    CHECK(derive_prefilter(R"(council))").empty());             // unbalanced
    CHECK(derive_prefilter(R"([council)").empty());
}

TEST_CASE("Every text a pattern matches satisfies its prefilter, whatever the case of either") {
    const std::vector<std::string> patterns{
        R"(\bshall\s+(?:pursue|conduct)\s+a\s+(?'lvl'common|single)\s+policy)",
        R"((?'subject'\b(?:решени|распоряжени)\w*[^.;:]{0,200}?)\s+принима\w+\s+консенсусом)",
        R"(\bKelvin\b)",
        R"(\bistanbul\b)",
        R"(\bÉTATS\s+membres)",
        R"((?:council|commission){1,2}\s+(?-i:Decides))",
    };
    const std::vector<std::string> texts{
        "The Parties SHALL Pursue A Common Policy in trade.",
        "РЕШЕНИЯ Высшего совета принимаются консенсусом.",
        "Temperatures in \u212Aelvin",  // the Kelvin sign U+212A lower-cases to k
        "The meeting at \u0130stanbul",  // U+0130 lower-cases to i
        "Les états membres",
        "The Council Decides; the council decides",
        "nothing relevant at all",
    };
    for (const std::string& pattern : patterns) {
        Prefilter prefilter = derive_prefilter(pattern);
        REQUIRE_FALSE(prefilter.empty());
        for (const std::string& text : texts) {
            INFO(pattern << " on " << text);
            if (matches(pattern, text)) CHECK(satisfies(prefilter, u32(text)));
        }
    }
    // the cases above are not vacuous: each pattern matches one of the texts
    CHECK(matches(patterns[0], texts[0]));
    CHECK(matches(patterns[1], texts[1]));
    CHECK(matches(patterns[2], texts[2]));
    CHECK(matches(patterns[3], texts[3]));
    CHECK(matches(patterns[4], texts[4]));
    CHECK(matches(patterns[5], texts[5]));
    CHECK_FALSE(satisfies(derive_prefilter(patterns[0]), u32(texts[6])));
}

TEST_CASE("The literal index finds overlapping occurrences; a prefilter holds in a range only inside it") {
    LiteralIndex index;
    IndexedPrefilter council(literals({{"council"}, {"shall", "may"}}), index);
    IndexedPrefilter ana(literals({{"ana"}}), index);
    CHECK(index.size() == 4);
    CHECK_THROWS_AS(index.add(U"ab"), std::invalid_argument);

    std::u32string text = u32("The COUNCIL shall meet. A banana; the council may.");
    LiteralHits hits;
    index.scan(text, hits);
    //                 0123456789012345678901234567890123456789012345678
    CHECK(council.satisfied(index, hits, 0, text.size()));
    CHECK(council.satisfied(index, hits, 0, 18));       // "The COUNCIL shall "
    CHECK_FALSE(council.satisfied(index, hits, 0, 16));  // "shall" cut off
    CHECK_FALSE(council.satisfied(index, hits, 5, 18));  // "council" cut off
    CHECK(council.satisfied(index, hits, 34, text.size()));
    CHECK(ana.satisfied(index, hits, 28, 32));  // "banana" holds "ana" at 27 and, overlapping, at 29
    CHECK_FALSE(ana.satisfied(index, hits, 28, 31));

    // a second scan replaces the first one's hits
    index.scan(u32("the court"), hits);
    CHECK_FALSE(council.satisfied(index, hits, 0, 9));
    CHECK(IndexedPrefilter().satisfied(index, hits, 0, 0));  // no condition
}
