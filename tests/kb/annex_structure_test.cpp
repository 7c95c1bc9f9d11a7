// The annexes of the EAEU Treaty (treaty_texts/eaeu_treaty_2014_annexNN_ru.md): structure counted
// by hand against the text, a few verbatim quotes per annex, and broken input kept with warnings.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include "../test_support.hpp"
#include "expression_lookup.hpp"
#include "kb/text_parser.hpp"
#include "kb/unicode_text.hpp"

using namespace treatykb;
using treatykb::testing::find;
using treatykb::testing::text_below;
using treatykb::testing::texts_dir;

namespace {

ParsedText parse_annex(const std::string& name, const std::string& annex = {}) {
    std::string path = texts_dir() + "/" + name;
    return parse_markdown_treaty(treatykb::testing::read_text(path), path, annex);
}

// Points numbered directly under the annex ("annex_2__point_39"), not those of an appendix.
std::vector<std::string> annex_points(const Expression& expression, const std::string& annex) {
    std::vector<std::string> out;
    std::string prefix = annex + "__point_";
    for (const auto& provision : expression.provisions)
        if (provision.kind == "point" && provision.eid.starts_with(prefix) &&
            provision.eid.find("__", prefix.size()) == std::string::npos)
            out.push_back(provision.eid);
    return out;
}

std::vector<std::string> numbered(const std::string& prefix, int from, int to) {
    std::vector<std::string> out;
    for (int n = from; n <= to; ++n)
        out.push_back(prefix + std::to_string(n));
    return out;
}

} // namespace

TEST_CASE("Annex 2, the Statute of the Court, has points 1-120 in eight chapters") {
    ParsedText parsed = parse_annex("eaeu_treaty_2014_annex02_ru.md", "2");
    const Expression& e = parsed.expression;
    CHECK(annex_points(e, "annex_2") == numbered("annex_2__point_", 1, 120));
    CHECK(find(e, "annex_2")->heading == "СТАТУТ Суда Евразийского экономического союза");
    std::vector<std::string> chapters;
    for (const auto& provision : e.provisions)
        if (provision.kind == "chapter")
            chapters.push_back(provision.eid);
    CHECK(chapters == numbered("annex_2__chp_", 1, 8));
    CHECK(find(e, "annex_2__chp_4")->heading == "Компетенция Суда");
    // Chapter V holds three sections; their points keep the annex-wide numbering.
    CHECK(find(e, "annex_2__chp_5__sec_2")->heading == "Судопроизводство по делам о разъяснении");
    CHECK(find(e, "annex_2__point_68")->parent_eid == "annex_2__chp_5__sec_2");
    CHECK(find(e, "annex_2__point_39")->parent_eid == "annex_2__chp_4");
    CHECK(parsed.warnings.empty());
}

TEST_CASE("Annex 2: the Court's competence and who may bring a case, verbatim") {
    ParsedText parsed = parse_annex("eaeu_treaty_2014_annex02_ru.md", "2");
    const Expression& e = parsed.expression;
    CHECK_THAT(text_below(e, "annex_2__point_39"),
               Catch::StartsWith("Суд рассматривает споры, возникающие по вопросам реализации "
                                 "Договора, международных договоров в рамках Союза и (или) "
                                 "решений органов Союза:"));
    // The unnumbered lines after "...:" continue the sub-point (docs/corpus.md, text rules).
    CHECK_THAT(find(e, "annex_2__point_39__subpoint_1")->text,
               Catch::StartsWith("по заявлению государства-члена:\nо соответствии международного "
                                 "договора в рамках Союза или его отдельных положений Договору;"));
    CHECK_THAT(find(e, "annex_2__point_39__subpoint_2")->text,
               Catch::StartsWith("по заявлению хозяйствующего субъекта:\nо соответствии решения "
                                 "Комиссии"));
    CHECK_THAT(text_below(e, "annex_2__point_39__subpoint_2"),
               Catch::Contains("об оспаривании действия (бездействия) Комиссии, непосредственно "
                               "затрагивающего права и законные интересы хозяйствующего субъекта"));
    CHECK_THAT(text_below(e, "annex_2__point_42"),
               Catch::Contains("В компетенцию Суда не входит наделение органов Союза "
                               "дополнительной компетенцией"));
    CHECK(find(e, "annex_2__point_8")->text == "Срок полномочий судьи – девять лет.");
    CHECK_THAT(text_below(e, "annex_2__point_98"),
               Catch::Equals("Консультативное заключение по заявлению о разъяснении носит "
                             "рекомендательный характер."));
}

TEST_CASE("Annex 19, competition, has points 1-89 and the inserted 13¹-13⁴ in seven sections") {
    ParsedText parsed = parse_annex("eaeu_treaty_2014_annex19_ru.md", "19");
    const Expression& e = parsed.expression;
    std::vector<std::string> expected = numbered("annex_19__point_", 1, 13);
    for (int n = 1; n <= 4; ++n)
        expected.push_back("annex_19__point_13-" + std::to_string(n));
    for (const auto& eid : numbered("annex_19__point_", 14, 89))
        expected.push_back(eid);
    CHECK(annex_points(e, "annex_19") == expected);
    CHECK(find(e, "annex_19__point_13-1")->number == "13¹");
    int sections = 0;
    for (const auto& provision : e.provisions)
        sections += provision.kind == "section";
    CHECK(sections == 7);
    CHECK(find(e, "annex_19__sec_7")->heading ==
          "Введение государственного ценового регулирования на товары и услуги на территориях "
          "государств-членов");
    CHECK_THAT(text_below(e, "annex_19__point_13-1"),
               Catch::StartsWith("В рамках рассмотрения заявления, за исключением случаев, "
                                 "установленных в пункте 132 настоящего Протокола"));
    CHECK_THAT(text_below(e, "annex_19__point_14"),
               Catch::Contains("Акты, действия (бездействие) Комиссии в сфере конкуренции "
                               "оспариваются в Суде Союза"));
    CHECK_THAT(text_below(e, "annex_19__point_16__subpoint_2"),
               Catch::Contains("от одной сотой до пятнадцати сотых размера суммы выручки "
                               "правонарушителя"));
    // Four warnings, one per inserted point whose superscript the source lost.
    int superscripts = 0;
    for (const auto& warning : parsed.warnings)
        superscripts += warning.message.find("superscript lost") != std::string::npos;
    CHECK(superscripts == 4);
}

TEST_CASE("Annex 19 records 16 amendments of 2021, four of them insertions of points 13¹-13⁴") {
    ParsedText parsed = parse_annex("eaeu_treaty_2014_annex19_ru.md", "19");
    const auto& amendments = parsed.expression.amendments;
    REQUIRE(amendments.size() == 16);
    std::map<std::string, std::string> kinds;
    for (const auto& amendment : amendments) {
        kinds[amendment.eid] = amendment.kind;
        CHECK(amendment.ratification_act == "Закон РК от 15.02.2021 № 6-VII");
        CHECK(amendment.ratification_date == "2021-02-15");
        CHECK(amendment.amending_act.empty()); // the note does not name the protocol
    }
    CHECK(kinds["annex_19__point_2"] == "amended");
    CHECK(kinds["annex_19__point_10"] == "replaced");
    CHECK(kinds["annex_19__point_13-1"] == "inserted");
    CHECK(kinds["annex_19__point_13-4"] == "inserted");
    CHECK(kinds["annex_19__point_78"] == "amended");
}

TEST_CASE("Annex 28, industrial subsidies, has points 1-101 and an appendix kept as text") {
    ParsedText parsed = parse_annex("eaeu_treaty_2014_annex28_ru.md", "28");
    const Expression& e = parsed.expression;
    CHECK(annex_points(e, "annex_28") == numbered("annex_28__point_", 1, 101));
    int sections = 0;
    for (const auto& provision : e.provisions)
        sections += provision.kind == "section" && provision.parent_eid == "annex_28";
    CHECK(sections == 9);
    REQUIRE(find(e, "annex_28__app_1"));
    CHECK(find(e, "annex_28__app_1")->heading ==
          "Перечень мер, в отношении которых не применяются положения Протокола о единых "
          "правилах предоставления промышленных субсидий");
    CHECK_THAT(text_below(e, "annex_28__point_9"),
               Catch::Contains("вывозная субсидия - субсидия, предоставление которой увязано"));
    CHECK_THAT(text_below(e, "annex_28__point_90"),
               Catch::Contains("Процентная ставка равна полуторному размеру ставки "
                               "рефинансирования"));
    // The table of exempted measures: every row is kept, the restarted numbering is reported.
    CHECK_THAT(text_below(e, "annex_28__app_1"), Catch::Contains("ОсОО \"Ренесанс\""));
    CHECK_THAT(text_below(e, "annex_28__app_1"),
               Catch::Contains("Меры, применяемые в соответствии с Федеральным законом от 10 "
                               "января 2006 г. № 16-ФЗ"));
    bool restart_reported = false;
    for (const auto& warning : parsed.warnings)
        restart_reported =
            restart_reported || (warning.message.find("out of sequence") != std::string::npos &&
                                 warning.message.find("annex_28__app_1") != std::string::npos);
    CHECK(restart_reported);
}

TEST_CASE("Annex 28 splits a note naming three ratifying laws into three amendment records") {
    ParsedText parsed = parse_annex("eaeu_treaty_2014_annex28_ru.md", "28");
    std::vector<std::string> point2, appendix;
    for (const auto& amendment : parsed.expression.amendments) {
        if (amendment.eid == "annex_28__point_2")
            point2.push_back(amendment.ratification_date + " " + amendment.ratification_act);
        if (amendment.eid == "annex_28__app_1")
            appendix.push_back(amendment.ratification_date);
    }
    CHECK(point2 == std::vector<std::string>{"2014-12-24 Закон РК от 24.12.2014 № 265-V",
                                             "2015-08-02 Закон РК от 02.08.2015 № 346-V",
                                             "2021-02-15 Закон РК от 15.02.2021 № 6-VII"});
    CHECK(appendix == std::vector<std::string>{"2014-12-24", "2015-08-02"});
}

TEST_CASE("Annexes 3 and 4: ICT (34 points, four amended in 2021) and statistics (14 points)") {
    ParsedText annex3 = parse_annex("eaeu_treaty_2014_annex03_ru.md", "3");
    CHECK(annex_points(annex3.expression, "annex_3") == numbered("annex_3__point_", 1, 34));
    std::vector<std::string> amended;
    for (const auto& amendment : annex3.expression.amendments)
        amended.push_back(amendment.eid);
    CHECK(amended == std::vector<std::string>{"annex_3__point_2", "annex_3__point_3",
                                              "annex_3__point_12", "annex_3__point_31"});
    CHECK(find(annex3.expression, "annex_3__point_32")->text ==
          "Государства-члены имеют равные права пользования интегрированной системой.");
    ParsedText annex4 = parse_annex("eaeu_treaty_2014_annex04_ru.md", "4");
    CHECK(annex_points(annex4.expression, "annex_4") == numbered("annex_4__point_", 1, 14));
    CHECK(annex3.warnings.empty());
    CHECK(annex4.warnings.empty());
}

TEST_CASE("Annexes 29-33: agriculture, medical care, WTO, privileges, terminated treaties") {
    ParsedText annex29 = parse_annex("eaeu_treaty_2014_annex29_ru.md", "29");
    CHECK(annex_points(annex29.expression, "annex_29") == numbered("annex_29__point_", 1, 40));
    CHECK(find(annex29.expression, "annex_29__point_2")->parent_eid == "annex_29");
    CHECK(find(annex29.expression, "annex_29__point_40")->parent_eid == "annex_29__sec_7");
    CHECK(find(annex29.expression, "annex_29__point_6")->text ==
          "Государства-члены не применяют меры, в наибольшей степени оказывающие искажающее "
          "воздействие на торговлю.");
    CHECK(annex29.expression.amendments.size() == 3);
    CHECK(annex29.warnings.empty());

    ParsedText annex30 = parse_annex("eaeu_treaty_2014_annex30_ru.md", "30");
    CHECK(annex_points(annex30.expression, "annex_30") == numbered("annex_30__point_", 1, 6));

    ParsedText annex31 = parse_annex("eaeu_treaty_2014_annex31_ru.md", "31");
    REQUIRE(annex31.expression.provisions.size() == 1);
    CHECK_THAT(annex31.expression.provisions[0].text,
               Catch::Contains("В рамках Союза к соответствующим отношениям применяется Договор "
                               "о функционировании Таможенного союза"));

    ParsedText annex32 = parse_annex("eaeu_treaty_2014_annex32_ru.md", "32");
    CHECK(annex_points(annex32.expression, "annex_32") == numbered("annex_32__point_", 1, 55));
    CHECK_THAT(text_below(annex32.expression, "annex_32__point_2"),
               Catch::StartsWith("Члены Коллегии Комиссии, судьи Суда Союза, должностные лица и "
                                 "сотрудники являются международными служащими."));

    // Section II restarts its numbering at 1: kept as the section's text, three warnings.
    ParsedText annex33 = parse_annex("eaeu_treaty_2014_annex33_ru.md", "33");
    CHECK(annex_points(annex33.expression, "annex_33") == numbered("annex_33__point_", 1, 65));
    CHECK(find(annex33.expression, "annex_33__point_1")->text ==
          "Договор о создании единой таможенной территории и формировании Таможенного союза от 6 "
          "октября 2007 года.");
    CHECK_THAT(find(annex33.expression, "annex_33__sec_2")->text,
               Catch::Contains("3. Соглашение о Правилах определения происхождения товаров"));
    CHECK(annex33.warnings.size() == 3);
    // The depositary's certificate after the last annex is not treaty text.
    CHECK_THAT(text_below(annex33.expression, "annex_33"),
               !Catch::Contains("Настоящим удостоверяю"));
}

TEST_CASE("Annexes 1 and 7 keep the eIds that knowledge annotations cite") {
    ParsedText annex1 = parse_annex("eaeu_treaty_2014_annex01_ru.md", "1");
    CHECK(annex_points(annex1.expression, "annex_1") == numbered("annex_1__point_", 1, 62));
    ParsedText annex7 = parse_annex("eaeu_treaty_2014_annex07_ru.md", "7");
    CHECK(annex_points(annex7.expression, "annex_7") == numbered("annex_7__point_", 1, 56));
    CHECK(annex_points(annex7.expression, "annex_7__app_1") ==
          numbered("annex_7__app_1__point_", 1, 30));
}

TEST_CASE("A broken annex: unrecognised heading and broken numbering warn, no text is lost") {
    std::string path = std::string(TREATYKB_TEST_DATA) + "/annex_broken_ru.md";
    std::string source = treatykb::testing::read_text(path);
    ParsedText parsed = parse_markdown_treaty(source, path, "5");
    const Expression& e = parsed.expression;
    REQUIRE(!e.provisions.empty());
    CHECK(e.provisions.front().eid == "annex_5");
    std::vector<std::string> messages;
    for (const auto& warning : parsed.warnings) {
        CHECK(warning.file == path);
        messages.push_back(warning.provision + ": " + warning.message);
    }
    REQUIRE(messages.size() == 2);
    CHECK_THAT(messages[0], Catch::StartsWith("annex_5: line 1: annex heading not recognised"));
    CHECK_THAT(messages[1], Catch::StartsWith("annex_5__point_2: line 9: numbering \"5. "));
    // Every sentence of the fixture is somewhere in the provisions.
    std::string all;
    for (const auto& provision : e.provisions)
        all += provision.heading + "\n" + provision.text + "\n";
    for (const char* sentence :
         {"Первый пункт сохраняется.", "Второй пункт сохраняется.",
          "Пятый пункт без четвертого сохраняется как текст.", "Третий пункт после разрыва."})
        CHECK_THAT(all, Catch::Contains(sentence));
}

TEST_CASE("A point inserted into an article is recorded on the article, one record per law") {
    std::string text = "# ДОГОВОР о проверке\n\n### Статья 1 Первая\n\n1. Текст.\n\n"
                       "### Статья 2 Вторая\n\n1. Текст.\n\n2. Вставленный пункт.\n\n"
                       "Сноска. Статья 2 дополнена пунктом 2 в соответствии с законами РК от "
                       "01.02.2020 № 7-VI; от 03.04.2021 № 8-VII.\n";
    ParsedText parsed = parse_markdown_treaty(text, "inline.md");
    const auto& amendments = parsed.expression.amendments;
    REQUIRE(amendments.size() == 2);
    CHECK(amendments[0].eid == "art_2");
    CHECK(amendments[0].kind == "inserted");
    CHECK(amendments[0].ratification_act == "Закон РК от 01.02.2020 № 7-VI");
    CHECK(amendments[1].ratification_date == "2021-04-03");
    CHECK(parsed.warnings.empty());
}

TEST_CASE("Annexes 5, 6, 8-18 and 20-27: points counted by hand, each first point verbatim") {
    // Numbered points directly under each annex, counted in the files (lines "N. " before the
    // annex's first appendix); appendices keep their own numbering under annex_N__app_K.
    const std::vector<std::pair<int, int>> points = {
        {6, 14},  {8, 277}, {9, 10},  {10, 9},  {11, 6},  {12, 25}, {13, 6},  {14, 10},
        {15, 14}, {16, 87}, {17, 37}, {18, 33}, {20, 20}, {21, 12}, {22, 13}, {23, 12},
        {24, 19}, {25, 41}, {26, 41}, {27, 2}};
    for (const auto& [annex, count] : points) {
        char name[64];
        std::snprintf(name, sizeof name, "eaeu_treaty_2014_annex%02d_ru.md", annex);
        ParsedText parsed = parse_annex(name, std::to_string(annex));
        const std::string eid = "annex_" + std::to_string(annex);
        INFO(name);
        CHECK(annex_points(parsed.expression, eid) == numbered(eid + "__point_", 1, count));
        const Provision* first = find(parsed.expression, eid + "__point_1");
        REQUIRE(first != nullptr);
        // Point 1's text is the file's first line "1. ..." without its number.
        std::istringstream lines(treatykb::testing::read_text(texts_dir() + "/" + name));
        std::string line;
        while (std::getline(lines, line) && !line.starts_with("1. ")) {
        }
        CHECK_THAT(text_below(parsed.expression, first->eid), Catch::StartsWith(fold_whitespace(line.substr(3))));
    }
    ParsedText annex16 = parse_annex("eaeu_treaty_2014_annex16_ru.md", "16");
    CHECK_THAT(text_below(annex16.expression, "annex_16__point_1"),
               Catch::StartsWith("Настоящий Протокол разработан в соответствии со статьями 65 – 69 "
                                 "Договора о Евразийском экономическом союзе"));
}

TEST_CASE("Annex 5 reads point 41-1 (superscript lost) and Annex 17's capitalised appendices") {
    ParsedText annex5 = parse_annex("eaeu_treaty_2014_annex05_ru.md", "5");
    const Provision* inserted = find(annex5.expression, "annex_5__point_41-1");
    REQUIRE(inserted != nullptr);
    CHECK_THAT(inserted->text, Catch::StartsWith("Информация, указанная в пунктах 40 и 41 настоящего "
                                                 "Протокола, направляется в электронном виде"));
    CHECK(find(annex5.expression, "annex_5__point_42") != nullptr);

    // "ПРИЛОЖЕНИЕ № 1 / к Протоколу по финансовым услугам": an appendix of Annex 17, not Annex 1.
    ParsedText annex17 = parse_annex("eaeu_treaty_2014_annex17_ru.md", "17");
    const Provision* appendix = find(annex17.expression, "annex_17__app_1");
    REQUIRE(appendix != nullptr);
    CHECK(appendix->kind == "appendix");
    CHECK(appendix->heading == "ПРИЛОЖЕНИЕ № 1");
    CHECK(find(annex17.expression, "annex_17__app_2") != nullptr);
    CHECK(find(annex17.expression, "annex_1") == nullptr);
}
