// The amending acts of the catalogue (treaty_texts/corpus.xml, <amending-act>): the act and its
// date of signature behind each Kazakh ratification law the consolidated EAEU text's notes name.
#include <catch2/catch.hpp>

#include <set>

#include "../test_support.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/error.hpp"
#include "kb/ingest.hpp"

using namespace treatykb;
using treatykb::testing::TemporaryDirectory;

namespace {

Catalog bundled_catalog() { return load_catalog(treatykb::testing::texts_dir() + "/corpus.xml"); }

Expression russian_eaeu(const Catalog& catalog, LoadResult* out = nullptr) {
    LoadResult result = load_paths({treatykb::testing::texts_dir() + "/eaeu_treaty_2014_ru.md"}, catalog);
    REQUIRE(result.instruments.size() == 1);
    Expression expression = result.instruments.front().expressions.front();
    if (out) *out = std::move(result);
    return expression;
}

// A catalogue with one instrument and one <amending-act> made of the given parts.
std::string catalogue_with_act(const std::string& date, const std::string& title, const std::string& quote,
                               const std::string& second = "") {
    std::string act = "    <amending-act ratification=\"Закон РК от 08.02.2019 № 223-VI\" date=\"" + date +
                      "\" place=\"Москва\" source=\"quyse/kz-laws rus/128979.md\">\n      <title>" + title +
                      "</title>\n      <quote>" + quote + "</quote>\n    </amending-act>\n";
    return "<?xml version=\"1.0\"?>\n<corpus>\n  <instrument alias=\"x\" uri=\"/akn/x/act/2014/treaty/!main\">\n"
           "    <title>X</title>\n" +
           act + second + "  </instrument>\n</corpus>\n";
}

std::string load_error(const std::string& xml) {
    TemporaryDirectory folder;
    std::string path = folder.write("corpus.xml", xml);
    try {
        load_catalog(path);
    } catch (const Error& error) {
        return error.render();
    }
    return "";
}

const std::string title = "Протокол о внесении изменения в Договор о Евразийском экономическом союзе от 29 мая 2014 года";
const std::string quote = "Ратифицировать " + title + ", совершенный в Москве 15 марта 2018 года.";

} // namespace

TEST_CASE("Every amendment of the bundled EAEU text names its amending act and the act's date") {
    Catalog catalog = bundled_catalog();
    const CatalogInstrument* eaeu = catalog.find_alias("eaeu");
    REQUIRE(eaeu);
    CHECK(eaeu->amending_acts.size() == 8);
    LoadResult result;
    Expression expression = russian_eaeu(catalog, &result);
    REQUIRE(expression.amendments.size() == 113);
    std::set<std::string> laws;
    for (const AmendmentRecord& record : expression.amendments) {
        INFO(record.eid << " " << record.ratification_act);
        CHECK_FALSE(record.amending_act.empty());
        CHECK(record.date.size() == 10);
        // An act is signed before a state ratifies it.
        CHECK(record.date < record.ratification_date);
        laws.insert(record.ratification_act);
    }
    CHECK(laws.size() == 8);
    for (const ImportWarning& warning : result.warnings)
        CHECK(warning.message.find("amending-act") == std::string::npos);

    auto of = [&](const std::string& eid) {
        std::vector<AmendmentRecord> out;
        for (const AmendmentRecord& record : expression.amendments)
            if (record.eid == eid) out.push_back(record);
        return out;
    };
    // Art. 10(2): the heads of government were added by the protocol of Moscow, 15 March 2018,
    // which Kazakhstan ratified on 8 February 2019.
    auto art_10 = of("art_10");
    REQUIRE(art_10.size() == 1);
    CHECK(art_10[0].amending_act == title);
    CHECK(art_10[0].date == "2018-03-15");
    CHECK(art_10[0].ratification_date == "2019-02-08");
    // Art. 85 was replaced by the protocol of Yerevan, 1 October 2019 (ratified 15 February 2021).
    auto art_85 = of("art_85");
    REQUIRE(art_85.size() == 1);
    CHECK(art_85[0].date == "2019-10-01");
    CHECK(art_85[0].ratification_act == "Закон РК от 15.02.2021 № 6-VII");
}

TEST_CASE("A law the catalogue does not name leaves the act unnamed, with one warning per law") {
    Catalog catalog = bundled_catalog();
    for (CatalogInstrument& instrument : catalog.instruments)
        if (instrument.alias == "eaeu") instrument.amending_acts.clear();
    LoadResult result;
    Expression expression = russian_eaeu(catalog, &result);
    for (const AmendmentRecord& record : expression.amendments) {
        CHECK(record.amending_act.empty());
        CHECK(record.date.empty());
        CHECK_FALSE(record.ratification_act.empty());
    }
    int warnings = 0;
    for (const ImportWarning& warning : result.warnings)
        warnings += warning.message.find("no <amending-act> of eaeu") != std::string::npos;
    CHECK(warnings == 8);
}

TEST_CASE("An amending act whose quote does not bear out its title or date is refused, with its line") {
    CHECK(load_error(catalogue_with_act("2018-03-15", title, quote)).empty());

    std::string wrong_date = load_error(catalogue_with_act("2018-03-16", title, quote));
    CHECK(wrong_date.find("corpus.xml:5") != std::string::npos);
    CHECK(wrong_date.find("does not give the date 16 марта 2018 года") != std::string::npos);

    std::string wrong_title = load_error(catalogue_with_act("2018-03-15", "Протокол о чем-то другом", quote));
    CHECK(wrong_title.find("does not contain the <title>") != std::string::npos);

    std::string impossible = load_error(catalogue_with_act("2018-02-31", title, quote));
    CHECK(impossible.find("is not a calendar date") != std::string::npos);

    std::string no_quote = load_error(catalogue_with_act("2018-03-15", title, ""));
    CHECK(no_quote.find("needs ratification") != std::string::npos);

    std::string twice = load_error(catalogue_with_act(
        "2018-03-15", title, quote,
        "    <amending-act ratification=\"Закон РК от 08.02.2019 № 223-VI\" date=\"2018-03-15\" source=\"s\">"
        "<title>" + title + "</title><quote>" + quote + "</quote></amending-act>\n"));
    CHECK(twice.find("two <amending-act>s of x name Закон РК от 08.02.2019 № 223-VI") != std::string::npos);
}
