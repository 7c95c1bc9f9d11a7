// Plain text in the usual official layouts, Russian and English.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include "../test_support.hpp"
#include "expression_lookup.hpp"
#include "kb/text_parser.hpp"

using namespace treatykb;
using treatykb::testing::find;

TEST_CASE("Russian plain text: РАЗДЕЛ / Статья with titles on the next line, 1. / 1) / а), "
          "ПРИЛОЖЕНИЕ № 7") {
    std::string path = std::string(TREATYKB_TEST_DATA) + "/eaeu_ru_plain_excerpt.txt";
    ParsedText parsed = parse_plain_text_treaty(treatykb::testing::read_text(path), path);
    const Expression& e = parsed.expression;
    CHECK(e.language == "ru");
    CHECK(parsed.title == "ДОГОВОР о Евразийском экономическом союзе");
    REQUIRE(find(e, "sec_9"));
    CHECK(find(e, "sec_9")->heading == "ВНЕШНЕТОРГОВАЯ ПОЛИТИКА");
    REQUIRE(find(e, "art_46"));
    CHECK(find(e, "art_46")->heading == "Меры нетарифного регулирования");
    CHECK(find(e, "art_46")->parent_eid == "sec_9");
    REQUIRE(find(e, "art_46__para_1__point_5"));
    CHECK(find(e, "art_46__para_1__point_5")->text ==
          "разрешительный порядок ввоза и (или) вывоза товаров.");
    CHECK(find(e, "art_46__para_1")->text == "В торговле с третьими странами Союзом применяются "
                                             "следующие единые меры нетарифного регулирования:");
    CHECK(find(e, "art_46__para_2") != nullptr);
    CHECK(find(e, "art_47")->heading ==
          "Введение мер нетарифного регулирования в одностороннем порядке");
    CHECK_THAT(find(e, "art_47")->text,
               Catch::StartsWith("Государства-члены в торговле с третьими странами"));
    // Letter points map by alphabet position: а -> a, б -> b.
    REQUIRE(find(e, "art_93__para_3__point_a"));
    CHECK_THAT(find(e, "art_93__para_3__point_a")->text,
               Catch::Contains("приобретения промышленных товаров;"));
    CHECK(find(e, "art_93__para_3__point_b")->number == "б");
    REQUIRE(find(e, "art_93__para_3__wrap"));
    CHECK(find(e, "art_93__para_3__wrap")->text ==
          "Виды субсидий предусмотрены приложением № 28 к настоящему Договору.");
    REQUIRE(find(e, "annex_7__sec_10"));
    CHECK(find(e, "annex_7__point_50")->parent_eid == "annex_7__sec_10");
    CHECK(find(e, "annex_7__point_51") != nullptr);
}

TEST_CASE("English plain text: SECTION / Article / 1. / (a), built from the ToTA EAEU text") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    // ToTA may not be copied into the project (CC BY-NC), so the excerpt is laid out here from
    // pta_440.xml: Articles 46, 47 and 92 under their sections, as an official print shows them.
    pugi::xml_document document;
    REQUIRE(document.load_file((*tota + "/pta_440.xml").c_str()));
    std::string text = "TREATY ON THE EURASIAN ECONOMIC UNION\n\n";
    for (pugi::xml_node chapter : document.child("treaty").child("body").children("chapter")) {
        std::string section = chapter.attribute("number").value();
        bool wanted = section == "SECTION IX" || section == "SECTION XXIV";
        if (!wanted)
            continue;
        text += section + "\n" + chapter.attribute("name").value() + "\n\n";
        for (pugi::xml_node article : chapter.children("article")) {
            std::string number = article.attribute("number").value();
            if (number != "ARTICLE 46" && number != "ARTICLE 47" && number != "ARTICLE 92")
                continue;
            text += "Article " + number.substr(8) + "\n" + article.attribute("name").value() +
                    "\n\n" + article.child_value() + "\n\n";
        }
    }
    ParsedText parsed = parse_plain_text_treaty(text, "pta_440 excerpt");
    const Expression& e = parsed.expression;
    CHECK(e.language == "en");
    REQUIRE(find(e, "sec_9"));
    CHECK(find(e, "sec_9")->heading == "Foreign Trade Policy");
    CHECK(find(e, "art_46")->heading == "Non-Tariff Measures");
    CHECK(find(e, "art_46__point_1") != nullptr); // "1) the prohibition..." directly in the article
    CHECK_THAT(find(e, "art_47")->text,
               Catch::Contains("may unilaterally introduce and apply non-tariff measures"));
    CHECK_THAT(
        find(e, "art_92__para_1")->text,
        Catch::Contains("independently develop, form and implement national industrial policies"));
    CHECK(find(e, "art_92__para_2__point_5")->text == "transparency.");
    CHECK(find(e, "sec_24") != nullptr);
}

TEST_CASE("English plain text: letter points (a), (b), (c) in TEU Art. 19(3), from ToTA") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    pugi::xml_document document;
    REQUIRE(document.load_file((*tota + "/pta_110.xml").c_str()));
    std::string text = "TREATY ON EUROPEAN UNION\n\n";
    for (const pugi::xpath_node& article : document.select_nodes("//article[@number='ARTICLE 19']"))
        text += "Article 19\n\n" + std::string(article.node().child_value()) + "\n";
    ParsedText parsed = parse_plain_text_treaty(text, "pta_110 excerpt");
    const Expression& e = parsed.expression;
    REQUIRE(find(e, "art_19__para_3__point_a"));
    CHECK_THAT(find(e, "art_19__para_3__point_a")->text, Catch::StartsWith("rule on actions"));
    CHECK(find(e, "art_19__para_3__point_b") != nullptr);
    CHECK(find(e, "art_19__para_3__point_c") != nullptr);
    CHECK(find(e, "art_19__para_3__point_a")->number == "a");
}
