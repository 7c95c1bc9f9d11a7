// ToTA XML files, read where they lie.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "../test_support.hpp"
#include "expression_lookup.hpp"
#include "kb/tota_parser.hpp"
#include "kb/unicode_text.hpp"

using namespace treatykb;
using treatykb::testing::find;
using treatykb::testing::text_below;

namespace {

TotaDocument parse_tota_file(const std::string& dir, const std::string& name) {
    std::string path = dir + "/" + name;
    return parse_tota_xml(treatykb::testing::read_text(path), path);
}

} // namespace

TEST_CASE("English EAEU Treaty (pta_440): 118 articles in 28 sections, preamble and closing text") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    TotaDocument document = parse_tota_file(*tota, "pta_440.xml");
    const Expression& e = document.parsed.expression;
    CHECK(document.date_signed == "2014-05-29");
    CHECK(document.parties == "ARM BLR KAZ KGZ RUS");
    CHECK(e.language == "en");
    int articles = 0, sections = 0;
    for (const auto& provision : e.provisions) {
        articles += provision.kind == "article";
        sections += provision.kind == "section";
    }
    CHECK(articles == 118);
    CHECK(sections == 28);
    for (int n = 1; n <= 118; ++n)
        CHECK(find(e, "art_" + std::to_string(n)) != nullptr);
    REQUIRE(find(e, "sec_6"));
    // ToTA title-cases headings ("Functioning Of The Customs Union").
    CHECK(to_lower(find(e, "sec_6")->heading) == "functioning of the customs union");
    CHECK(e.provisions.front().eid == "preamble");
    CHECK(e.provisions.back().eid == "conclusions");
    CHECK_THAT(e.provisions.back().text, Catch::StartsWith("Done in Astana on 29 May 2014"));
}

TEST_CASE("English EAEU Art. 47, 92(1) and 9(2) hold their text") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    const Expression e = parse_tota_file(*tota, "pta_440.xml").parsed.expression;
    CHECK_THAT(text_below(e, "art_47"),
               Catch::Contains("may unilaterally introduce and apply non-tariff measures"));
    CHECK_THAT(
        text_below(e, "art_92__para_1"),
        Catch::Contains("independently develop, form and implement national industrial policies"));
    CHECK_THAT(text_below(e, "art_9__para_2"), Catch::Contains("cannot be citizens of one state"));
    // OCR moved the end of Art. 9's heading into its text; it goes back to the heading.
    CHECK(find(e, "art_9")->heading ==
          "Appointments Within The Structural Subdivisions of the Permanent Bodies of the EAEU");
}

TEST_CASE("All 410 ToTA files import with zero failures and no text lost") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    int files = 0, failures = 0;
    for (const auto& entry : std::filesystem::directory_iterator(*tota)) {
        if (entry.path().extension() != ".xml")
            continue;
        ++files;
        std::string xml = treatykb::testing::read_text(entry.path().string());
        try {
            TotaDocument document = parse_tota_xml(xml, entry.path().string());
            // Every word of every article is somewhere in the provisions (text or heading).
            std::size_t stored = 0;
            for (const auto& provision : document.parsed.expression.provisions)
                stored += provision.text.size() + provision.heading.size();
            if (stored == 0)
                ++failures;
        } catch (const std::exception& e) {
            ++failures;
            UNSCOPED_INFO(e.what());
        }
    }
    CHECK(files == 410);
    CHECK(failures == 0);
}

TEST_CASE(
    "Article numbers of other treaties: TEU, MERCOSUR (roman), CIS FTA, EAEU–Viet Nam (dotted)") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    const Expression teu = parse_tota_file(*tota, "pta_110.xml").parsed.expression;
    CHECK(find(teu, "art_16") != nullptr);
    CHECK(find(teu, "title_3") != nullptr); // "TITLE III" Provisions on the institutions
    CHECK(find(teu, "art_16")->parent_eid == "title_3");
    const Expression mercosur = parse_tota_file(*tota, "pta_119.xml").parsed.expression;
    CHECK(find(mercosur, "art_1") != nullptr); // "ARTICLE I"
    CHECK(find(mercosur, "chp_1") != nullptr);
    const Expression vietnam = parse_tota_file(*tota, "pta_447.xml").parsed.expression;
    CHECK(find(vietnam, "art_1.2") != nullptr); // "ARTICLE 1.2"
    const Expression cis = parse_tota_file(*tota, "pta_413.xml").parsed.expression;
    for (int n = 1; n <= 25; ++n)
        CHECK(find(cis, "art_" + std::to_string(n)) != nullptr);
    CHECK(cis.provisions.front().eid == "preamble");
}

TEST_CASE("OCR'd text keeps every word: paragraphs, points and indents are split, not dropped") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    std::string path = *tota + "/pta_440.xml";
    std::string xml = treatykb::testing::read_text(path);
    const Expression e = parse_tota_xml(xml, path).parsed.expression;
    // Art. 45 lists the Commission's powers as "-" indents.
    CHECK(find(e, "art_45__indent_1") != nullptr);
    std::size_t words_in_source = 0, words_stored = 0;
    auto count_words = [](const std::string& text) {
        std::size_t words = 0;
        bool in_word = false;
        for (char c : text) {
            bool letter = std::isalnum(static_cast<unsigned char>(c)) != 0;
            if (letter && !in_word)
                ++words;
            in_word = letter;
        }
        return words;
    };

    for (const auto& provision : e.provisions)
        words_stored += count_words(provision.text + " " + provision.heading);
    words_in_source = count_words(xml);
    // Markers ("1.", "a)") and metadata are not stored as text, so the source has more words,
    // but never many more: a lost article would show.
    CHECK(words_stored > words_in_source * 9 / 10);
}

TEST_CASE("Numbers lost by OCR: paragraph 1 recovered before paragraph 2, gaps reported") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    TotaDocument document = parse_tota_file(*tota, "pta_440.xml");
    const Expression& e = document.parsed.expression;
    // Art. 24 begins "order to provide..." without its "1."; "2." follows.
    REQUIRE(find(e, "art_24__para_1"));
    CHECK_THAT(find(e, "art_24__para_1")->text, Catch::StartsWith("order to provide effective"));
    CHECK(find(e, "art_24")->text.empty());
    CHECK(find(e, "art_24__para_2") != nullptr);
    // pta_413 Art. 3 writes "2.Prohibitions" without a space.
    const Expression cis = parse_tota_file(*tota, "pta_413.xml").parsed.expression;
    CHECK_THAT(find(cis, "art_3__para_2")->text,
               Catch::StartsWith("Prohibitions and restrictions"));
    bool reported = false;
    for (const auto& warning : document.parsed.warnings)
        reported =
            reported || (warning.provision == "art_16" &&
                         warning.message.find("point 2 follows no number") != std::string::npos);
    CHECK(reported);
}

TEST_CASE("A text that states its consolidated version is dated by it, not by the signature") {
    auto tota_text = [](const std::string& head) {
        return "<?xml version=\"1.0\"?>\n<treaty>\n<meta><treaty_identifier>7</treaty_identifier>"
               "<name>Test Association</name><date_signed>1960-01-04</date_signed>"
               "<language>en</language></meta>\n<body><chapter name=\"Preamble\">\n<article>" +
               head +
               "</article>\n</chapter>\n<chapter number=\"CHAPTER I\" name=\"Objectives\">\n"
               "<article number=\"Article 1\" name=\"Association\">An association is hereby "
               "established.</article>\n</chapter></body>\n</treaty>\n";
    };
    TotaDocument stated = parse_tota_xml(
        tota_text("CONVENTION ESTABLISHING THE TEST ASSOCIATION Consolidated version, last amended "
                  "on 1 July 2013 THE TEST ASSOCIATION"),
        "stated.xml");
    CHECK(stated.date_signed == "1960-01-04");
    CHECK(stated.parsed.expression.date == "2013-07-01");
    // Without such a statement (or with one that names no date) the signature dates the text.
    for (const char* head : {"CONVENTION ESTABLISHING THE TEST ASSOCIATION",
                             "Consolidated version of the Convention",
                             "Consolidated version, last amended on 41 Julember 2013"}) {
        INFO(head);
        CHECK(parse_tota_xml(tota_text(head), "plain.xml").parsed.expression.date == "1960-01-04");
    }
    // The EFTA Convention in ToTA (pta_138) says so at its head.
    if (auto tota = treatykb::testing::tota_dir()) {
        TotaDocument efta = parse_tota_file(*tota, "pta_138.xml");
        CHECK(efta.date_signed == "1960-01-04");
        CHECK(efta.parsed.expression.date == "2013-07-01");
    }
}
