// The Russian texts in the mirror's Markdown layout (treaty_texts/*.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "../test_support.hpp"
#include "expression_lookup.hpp"
#include "kb/error.hpp"
#include "kb/text_parser.hpp"
#include "kb/unicode_text.hpp"

using namespace treatykb;
using treatykb::testing::find;
using treatykb::testing::text_below;
using treatykb::testing::texts_dir;

namespace {

ParsedText parse_bundled(const std::string& name) {
    std::string path = texts_dir() + "/" + name;
    return parse_markdown_treaty(treatykb::testing::read_text(path), path);
}

} // namespace

TEST_CASE("The Russian EAEU Treaty has Articles 1-118 and 99¹ in 28 sections and 4 parts") {
    ParsedText parsed = parse_bundled("eaeu_treaty_2014_ru.md");
    const auto& provisions = parsed.expression.provisions;
    std::vector<std::string> articles;
    int sections = 0, parts = 0;
    for (const auto& provision : provisions) {
        if (provision.kind == "article")
            articles.push_back(provision.eid);
        sections += provision.kind == "section";
        parts += provision.kind == "part";
    }
    CHECK(articles.size() == 119);
    CHECK(sections == 28);
    CHECK(parts == 4);
    for (int number = 1; number <= 118; ++number)
        CHECK(std::count(articles.begin(), articles.end(), "art_" + std::to_string(number)) == 1);
    // 99¹ ("Статья 991" in the source) sits between 99 and 100.
    auto at = std::find(articles.begin(), articles.end(), "art_99-1");
    REQUIRE(at != articles.end());
    CHECK(*(at - 1) == "art_99");
    CHECK(*(at + 1) == "art_100");
    CHECK(find(parsed.expression, "art_99-1")->number == "99¹");
    CHECK(find(parsed.expression, "sec_6")->heading == "ФУНКЦИОНИРОВАНИЕ ТАМОЖЕННОГО СОЮЗА");
    CHECK(find(parsed.expression, "sec_9__subsec_2")->parent_eid == "sec_9");
    CHECK(find(parsed.expression, "art_47")->parent_eid == "sec_9__subsec_2");
    CHECK(parsed.title == "Договор о Евразийском экономическом союзе");
}

TEST_CASE("Russian Art. 47, 92(1) and 9(2) hold the authentic wording") {
    ParsedText parsed = parse_bundled("eaeu_treaty_2014_ru.md");
    CHECK_THAT(text_below(parsed.expression, "art_47"),
               Catch::Contains(
                   "в одностороннем порядке вводить и применять меры нетарифного регулирования"));
    CHECK_THAT(text_below(parsed.expression, "art_92__para_1"),
               Catch::Contains("самостоятельно разрабатывают, формируют и реализуют национальные "
                               "промышленные политики"));
    CHECK_THAT(text_below(parsed.expression, "art_9__para_2"),
               Catch::Contains("не могут быть гражданами одного и того же государства"));
}

TEST_CASE("The ratification header, editorial notes and Сноска lines are not provision text") {
    ParsedText parsed = parse_bundled("eaeu_treaty_2014_ru.md");
    for (const auto& provision : parsed.expression.provisions) {
        CHECK_THAT(provision.text, !Catch::Contains("Сноска"));
        CHECK_THAT(provision.text, !Catch::Contains("Ратифицировать"));
        CHECK_THAT(provision.text, !Catch::Contains("Бюллетень международных договоров"));
    }
    CHECK(parsed.expression.provisions.front().eid == "preamble");
    CHECK_THAT(parsed.expression.provisions.front().text, Catch::StartsWith("Республика Беларусь"));
    CHECK(parsed.expression.provisions.back().eid == "conclusions");
}

TEST_CASE("The consolidated Treaty records 7 amendments, Art. 85 replaced, ratified 15.02.2021") {
    ParsedText parsed = parse_bundled("eaeu_treaty_2014_ru.md");
    const auto& amendments = parsed.expression.amendments;
    REQUIRE(amendments.size() == 7);
    std::vector<std::string> eids;
    for (const auto& amendment : amendments)
        eids.push_back(amendment.eid);
    CHECK(eids == std::vector<std::string>{"art_10", "art_42", "art_52", "art_54", "art_74",
                                           "art_85", "art_99-1"});
    const auto& art85 = amendments[5];
    CHECK(art85.kind == "replaced");
    // The note names the Kazakh ratification law, not the amending protocol: the law is kept
    // apart, the protocol and its date stay unknown rather than guessed.
    CHECK(art85.ratification_act == "Закон РК от 15.02.2021 № 6-VII");
    CHECK(art85.ratification_date == "2021-02-15");
    CHECK(art85.amending_act.empty());
    CHECK(art85.date.empty());
    CHECK(amendments[6].kind == "inserted");
    CHECK(amendments[0].ratification_date == "2019-02-08");
}

TEST_CASE("Annex 7 Section X holds points 50 to 56") {
    ParsedText parsed = parse_bundled("eaeu_treaty_2014_annex07_ru.md");
    std::vector<std::string> points;
    for (const auto& provision : parsed.expression.provisions)
        if (provision.parent_eid == "annex_7__sec_10")
            points.push_back(provision.eid);
    std::vector<std::string> expected;
    for (int n = 50; n <= 56; ++n)
        expected.push_back("annex_7__point_" + std::to_string(n));
    CHECK(points == expected);
    CHECK(find(parsed.expression, "annex_7__sec_10")->heading ==
          "Применение мер в одностороннем порядке");
    CHECK(find(parsed.expression, "annex_7__point_55__subpoint_3") != nullptr);
    CHECK(find(parsed.expression, "annex_7__app_1__point_30") != nullptr);
    CHECK(find(parsed.expression, "annex_7")->heading ==
          "ПРОТОКОЛ о мерах нетарифного регулирования в отношении третьих стран");
}

TEST_CASE("Annex 1 numbers its points 1-62 under roman-numbered sections") {
    ParsedText parsed = parse_bundled("eaeu_treaty_2014_annex01_ru.md");
    for (int n = 1; n <= 62; ++n)
        CHECK(find(parsed.expression, "annex_1__point_" + std::to_string(n)) != nullptr);
    CHECK(find(parsed.expression, "annex_1__point_29")->parent_eid == "annex_1__sec_2");
    CHECK_THAT(text_below(parsed.expression, "annex_1__point_29"), Catch::Contains("консенсусом"));
}

TEST_CASE("The 2007 Commission Treaty Art. 7 holds the votes 21,5 / 21,5 / 57 and 2/3") {
    ParsedText parsed = parse_bundled("customs_union_commission_treaty_2007_ru.md");
    int articles = 0;
    for (const auto& provision : parsed.expression.provisions)
        articles += provision.kind == "article";
    CHECK(articles == 17);
    std::string art7 = text_below(parsed.expression, "art_7");
    CHECK_THAT(art7, Catch::Contains("Республика Беларусь - 21,5;"));
    CHECK_THAT(art7, Catch::Contains("Республика Казахстан - 21,5;"));
    CHECK_THAT(art7, Catch::Contains("Российская Федерация - 57."));
    CHECK_THAT(art7, Catch::Contains("большинством в 2/3 голосов"));
    CHECK(find(parsed.expression, "art_7")->text.find("      ") ==
          std::string::npos); // indentation gone
}

TEST_CASE("The CIS FTA text keeps its Latin look-alike letters exactly") {
    ParsedText parsed = parse_bundled("cis_fta_treaty_2011_ru.md");
    CHECK_THAT(text_below(parsed.expression, "art_7__para_1"), Catch::Contains("товаp")); // Latin p
    int articles = 0;
    for (const auto& provision : parsed.expression.provisions)
        articles += provision.kind == "article";
    CHECK(articles == 25);
}

TEST_CASE("Duplicate and out-of-order article numbers are errors naming the line") {
    std::string duplicate = "Статья 1\n\nТекст.\n\nСтатья 2\n\nТекст.\n\nСтатья 2\n\nТекст.\n";
    try {
        parse_plain_text_treaty(duplicate, "dup.txt");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.where().line == 9);
        CHECK_THAT(e.message(), Catch::Contains("duplicate article number"));
    }
    CHECK_THROWS_WITH(parse_plain_text_treaty("Статья 2\n\nА.\n\nСтатья 1\n\nБ.\n", "order.txt"),
                      Catch::Contains("out-of-order article number"));
    CHECK_THROWS_WITH(parse_markdown_treaty("   \n\n", "empty.md"), Catch::Contains("empty text"));
    CHECK_THROWS_WITH(parse_markdown_treaty("\xff\xfe text", "bad.md"),
                      Catch::Contains("not UTF-8"));
}
