// Cross-references: what the finder reads in Russian and English wording, and how the resolver
// names the targets (or says why it cannot) in a small expression built for the purpose.
#include <catch2/catch.hpp>

#include "kb/reference_finder.hpp"
#include "kb/reference_resolver.hpp"

using namespace treatykb;

namespace {

Provision unit(std::string eid, std::string parent, std::string kind, std::string text = {}) {
    static int order = 0;
    Provision p;
    p.eid = std::move(eid);
    p.parent_eid = std::move(parent);
    p.kind = std::move(kind);
    p.text = std::move(text);
    p.order = order++;
    return p;
}

// A Treaty with Section IX (Arts. 29–31 and 47), Art. 29 in three paragraphs with points, and
// Annex 7 with Section X and points; the texts carry the references under test.
Expression treaty(const std::string& language, const std::string& art29_para3,
                  const std::string& art47, const std::string& annex_point = {}) {
    Expression e;
    e.language = language;
    e.provisions = {
        unit("sec_9", "", "section"),
        unit("art_29", "sec_9", "article"),
        unit("art_29__para_1", "art_29", "paragraph", "Первый."),
        unit("art_29__para_2", "art_29", "paragraph", "Второй."),
        unit("art_29__para_2__point_1", "art_29__para_2", "point", "один;"),
        unit("art_29__para_2__point_2", "art_29__para_2", "point", "два."),
        unit("art_29__para_3", "art_29", "paragraph", art29_para3),
        unit("art_30", "sec_9", "article"),
        unit("art_31", "sec_9", "article"),
        unit("art_47", "sec_9", "article", art47),
        unit("annex_7", "", "annex"),
        unit("annex_7__sec_10", "annex_7", "section"),
        unit("annex_7__point_41", "annex_7__sec_10", "point", annex_point),
        unit("annex_7__point_50", "annex_7__sec_10", "point", "Пятидесятый."),
    };
    return e;
}

std::vector<std::string> targets(const std::vector<ResolvedReference>& references,
                                 const std::string& from) {
    std::vector<std::string> out;
    for (const auto& r : references)
        if (r.from_eid == from)
            out.push_back(r.status == "resolved" ? r.to_eid : r.status + ":" + r.reason);
    return out;
}

} // namespace

TEST_CASE("The finder reads units, numbers, lists, ranges and what they are relative to",
          "[references]") {
    auto found = find_references(
        "в соответствии с подпунктом 2 пункта 3 статьи 29 настоящего Договора и статьями 29–31",
        "ru");
    REQUIRE(found.size() == 2);
    REQUIRE(found[0].units.size() == 3);
    CHECK(found[0].units[0].kind == "subpoint");
    CHECK(found[0].units[1].kind == "paragraph");
    CHECK(found[0].units[2].kind == "article");
    CHECK(found[0].scope == ReferenceScope::this_instrument);
    CHECK(found[0].manner == "accordance");
    CHECK(found[1].text == "статьями 29–31");
    CHECK(found[1].units[0].numbers == std::vector<std::string>{"29", "31"});
    CHECK(found[1].units[0].through[0]);

    auto other = find_references("пунктов 3 и 4 статьи 3 Таможенного кодекса таможенного союза", "ru");
    REQUIRE(other.size() == 1);
    CHECK(other[0].scope == ReferenceScope::other_instrument);
    CHECK(other[0].other_instrument == "Таможенного кодекса таможенного союза");

    auto procedure = find_references("в порядке, предусмотренном приложением № 7 к настоящему "
                                     "Договору", "ru");
    REQUIRE(procedure.size() == 1);
    CHECK(procedure[0].manner == "procedure");
    CHECK(procedure[0].text == "приложением № 7 к настоящему Договору");

    // Numbers that count days or per cent are not references.
    CHECK(find_references("не позднее 3 календарных дней", "ru").empty());
    CHECK(find_references("в пункте 25 процентов", "ru").empty());
    CHECK(find_references("anything", "es").empty());
}

TEST_CASE("Russian references resolve to eIds of the expression", "[references]") {
    Expression e = treaty("ru",
                          "Меры, указанные в пункте 1 настоящей статьи и подпунктах 1 и 2 пункта "
                          "2 настоящей статьи, статьями 29–31, а также предыдущего пункта.",
                          "в порядке, предусмотренном приложением № 7 к настоящему Договору, и "
                          "пунктом 50 приложения № 7 к настоящему Договору, приложением № 8 к "
                          "настоящему Договору, абзацем вторым пункта 1 статьи 29, статьей 3 "
                          "Таможенного кодекса",
                          "в соответствии с разделом X настоящего Протокола и пунктом 50 "
                          "настоящего Протокола");
    auto references = resolve_references(e);
    CHECK(targets(references, "art_29__para_3") ==
          std::vector<std::string>{"art_29__para_1", "art_29__para_2__point_1",
                                   "art_29__para_2__point_2", "art_29", "art_30", "art_31",
                                   "art_29__para_2"});
    CHECK(targets(references, "art_47") ==
          std::vector<std::string>{"annex_7", "annex_7__point_50",
                                   "unresolved:not_in_expression", "unresolved:unnumbered_text",
                                   "external:Таможенного кодекса"});
    CHECK(targets(references, "annex_7__point_41") ==
          std::vector<std::string>{"annex_7__sec_10", "annex_7__point_50"});
    for (const auto& r : references)
        if (r.from_eid == "art_47" && r.to_eid == "annex_7")
            CHECK(r.manner == "procedure");
}

TEST_CASE("English references resolve alike", "[references]") {
    Expression e = treaty("en",
                          "referred to in paragraph 1 of this Article, subparagraph 2 of "
                          "paragraph 2 of Article 29, Articles 29 to 31 and Article 29(2)(1)",
                          "in the manner prescribed in Annex 7 to this Treaty and paragraph 50 of "
                          "Annex 7; Article XXIV of the GATT 1994");
    auto references = resolve_references(e);
    CHECK(targets(references, "art_29__para_3") ==
          std::vector<std::string>{"art_29__para_1", "art_29__para_2__point_2", "art_29",
                                   "art_30", "art_31", "art_29__para_2__point_1"});
    CHECK(targets(references, "art_47") ==
          std::vector<std::string>{"annex_7", "annex_7__point_50", "external:the GATT 1994"});
    for (const auto& r : references)
        if (r.from_eid == "art_47" && r.to_eid == "annex_7")
            CHECK(r.manner == "procedure");
}

TEST_CASE("A relative reference without its enclosing unit is unresolved, not guessed",
          "[references]") {
    Expression e;
    e.language = "ru";
    e.provisions = {unit("preamble", "", "preamble", "положения настоящей статьи"),
                    unit("art_1", "", "article", "статьей 5 настоящего Договора")};
    auto references = resolve_references(e);
    CHECK(targets(references, "preamble") ==
          std::vector<std::string>{"unresolved:no_enclosing_unit"});
    CHECK(targets(references, "art_1") ==
          std::vector<std::string>{"unresolved:not_in_expression"});
}

namespace {

Provision titled(std::string eid, std::string parent, std::string heading, std::string text) {
    Provision p = unit(std::move(eid), std::move(parent), "appendix", std::move(text));
    p.heading = std::move(heading);
    return p;
}

} // namespace

TEST_CASE("A protocol's own documents: appendices numbered by the document they are annexed to",
          "[references]") {
    // Annex 3 with a Procedure (its appendix No. 1), which has Rules (its No. 1, stored third)
    // and Accounting Rules (its No. 2); the Rules have an unnumbered list.
    Expression e;
    e.language = "ru";
    e.provisions = {
        titled("annex_3", "", "ПРОТОКОЛ о перевозках",
               "к Договору о Евразийском\nэкономическом союзе"),
        unit("annex_3__point_1", "annex_3", "point",
             "согласно приложениям № 1 и 2 к Порядку доступа к услугам транспорта и приложению "
             "№ 1 к настоящему Протоколу"),
        unit("annex_3__point_2", "annex_3", "point",
             "стороной Договора о зоне свободной торговли от 18 октября 2011 года, при условиях, "
             "установленных статьей 8 указанного Договора"),
        titled("annex_3__app_1", "annex_3", "Приложение № 1",
               "к Протоколу о перевозках\nПорядок доступа к услугам транспорта"),
        unit("annex_3__app_1__point_1", "annex_3__app_1", "point",
             "указанных в приложении № 2 к настоящему Порядку и пунктом 4 Правил оказания услуг"),
        titled("annex_3__app_2", "annex_3", "Приложение № 1",
               "к Порядку доступа\nк услугам транспорта\nПравила оказания услуг"),
        unit("annex_3__app_2__point_4", "annex_3__app_2", "point",
             "по перечню согласно приложению к настоящим Правилам"),
        titled("annex_3__app_3", "annex_3", "Перечень работ", "к Правилам оказания услуг"),
        titled("annex_3__app_4", "annex_3", "Приложение № 2",
               "к Порядку доступа к услугам транспорта\nПравила учета"),
    };
    auto references = resolve_references(e);
    CHECK(targets(references, "annex_3__point_1") ==
          std::vector<std::string>{"annex_3__app_2", "annex_3__app_4", "annex_3__app_1"});
    CHECK(targets(references, "annex_3__app_1__point_1") ==
          std::vector<std::string>{"annex_3__app_4", "annex_3__app_2__point_4"});
    CHECK(targets(references, "annex_3__app_2__point_4") ==
          std::vector<std::string>{"annex_3__app_3"});
    // The treaty named with its date is another instrument, and so is "указанного Договора".
    CHECK(targets(references, "annex_3__point_2") ==
          std::vector<std::string>{"external:Договора о зоне свободной торговли от 18 октября",
                                   "external:Договора о зоне свободной торговли от 18 октября"});
}

TEST_CASE("Subsections, continued sub-points and points of a list's sections", "[references]") {
    Expression e;
    e.language = "ru";
    e.provisions = {
        titled("annex_5", "", "ПРОТОКОЛ о тарифах", "к Договору"),
        unit("annex_5__sec_1", "annex_5", "section"),
        unit("annex_5__sec_1__subsec_1", "annex_5__sec_1", "subsection"),
        unit("annex_5__point_1", "annex_5__sec_1", "point",
             "положения подразделов 1 – 2 настоящего раздела"),
        unit("annex_5__point_2", "annex_5__sec_1", "point", "Ставки:"),
        unit("annex_5__point_2__subpoint_1", "annex_5__point_2", "subpoint", "первая;"),
        unit("annex_5__point_2__wrap", "annex_5__point_2", "wrap",
             "Положения настоящего подпункта применяются также к сборам."),
        unit("annex_5__point_3", "annex_5__sec_1", "point",
             "пунктом 5 раздела II перечня к приложению № 6 к Договору"),
        titled("annex_6", "", "ПРОТОКОЛ о субсидиях", "к Договору"),
        titled("annex_6__app_1", "annex_6", "Перечень мер", "к Протоколу о субсидиях"),
        unit("annex_6__app_1__sec_2", "annex_6__app_1", "section"),
        unit("annex_6__app_1__point_5", "annex_6__app_1", "point", "Мера."),
    };
    auto references = resolve_references(e);
    CHECK(targets(references, "annex_5__point_1") ==
          std::vector<std::string>{"unresolved:not_in_expression", "annex_5__sec_1__subsec_1"});
    CHECK(targets(references, "annex_5__point_2__wrap") ==
          std::vector<std::string>{"annex_5__point_2__subpoint_1"});
    CHECK(targets(references, "annex_5__point_3") ==
          std::vector<std::string>{"annex_6__app_1__point_5"});
}

TEST_CASE("A unit read past the end of its chain leaves nothing of the chain, not an error",
          "[references]") {
    // ToTA's TRIPS-style footnote marks: "subparagraph (b). 15" — the unit's regex reads on past
    // the chain "this subparagraph (b)"; the rest of the chain was built from a reversed range
    // (std::length_error, and ingest of 40 ToTA files failed).
    std::vector<FoundReference> found;
    REQUIRE_NOTHROW(found = find_references(
                        "on their behalf, as set forth in this subparagraph (b). 15", "en"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].units.size() == 1);
}

TEST_CASE("An article in brackets after a document's number or date is that document's", "[references]") {
    // Annex 17's list of Armenian laws: each law, its date and number, then "(статья N)", in table
    // cells that break the lines anywhere.
    const std::string text =
        "Закон Республики Армения \"О банках и банковской деятельности\"\n\nот 30 июня 1996 г. № ЗР-68 "
        "(статья 12),\n\nЗакон Республики Армения\n\n\"Об инвестиционных фондах\" от 22 декабря 2010 г. "
        "№ ЗР-245-Н\n\n(статья 54), положения от 12 апреля 2005 г. (статьи 3 и 28); в соответствии со "
        "статьей 70 настоящего Договора и статьей 5 (статья 6 не применяется)";
    std::vector<FoundReference> found = find_references(text, "ru");
    REQUIRE(found.size() == 6);
    CHECK(found[0].scope == ReferenceScope::other_instrument);
    CHECK(found[0].other_instrument == "Закон Республики Армения \"О банках и банковской деятельности\"");
    CHECK(found[1].scope == ReferenceScope::other_instrument);
    CHECK(found[1].other_instrument == "Закон Республики Армения");
    CHECK(found[2].scope == ReferenceScope::other_instrument);  // a date, no instrument named before it
    CHECK(found[2].units.front().numbers == std::vector<std::string>{"3", "28"});
    CHECK(found[3].scope == ReferenceScope::this_instrument);
    // Not after a number or a date: no instrument is guessed.
    CHECK(found[4].scope == ReferenceScope::unspecified);
    CHECK(found[5].scope == ReferenceScope::unspecified);
}
