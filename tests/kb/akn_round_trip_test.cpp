// Akoma Ntoso export and re-import keep the database content.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include "../test_support.hpp"
#include "kb/akn.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/ingest.hpp"
#include "kb/store.hpp"

using namespace treatykb;
using treatykb::testing::TemporaryDatabase;

namespace {

// Ingest, export every expression as AKN, read it back into a second database: same content.
void check_round_trip(const std::vector<Instrument>& instruments) {
    TemporaryDatabase original, reimported;
    Store first(original.path());
    first.ingest(instruments);
    Store second(reimported.path());
    for (const auto& instrument : instruments) {
        for (const auto& expression : instrument.expressions) {
            Instrument stored = first.export_instrument(instrument.alias, expression.language);
            std::string xml = write_akn(stored, stored.expressions.front());
            Instrument read = read_akn(xml, instrument.alias + ".akn.xml");
            CHECK(read == stored);
            second.ingest({read});
        }
    }
    CHECK(treatykb::testing::database_fingerprint(reimported.path()) ==
          treatykb::testing::database_fingerprint(original.path()));
}

} // namespace

TEST_CASE("AKN round trip: the Russian EAEU Treaty with its annexes and amendment records") {
    Catalog catalog = load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
    LoadResult loaded = load_catalog_corpus(catalog, treatykb::testing::texts_dir(), std::nullopt);
    check_round_trip(loaded.instruments);
}

TEST_CASE("AKN round trip: the ToTA instruments of the catalogue") {
    auto tota = treatykb::testing::tota_dir();
    if (!tota)
        return;
    Catalog catalog = load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
    LoadResult loaded = load_catalog_corpus(catalog, treatykb::testing::texts_dir(), tota);
    check_round_trip(loaded.instruments);
}

TEST_CASE("The AKN document has FRBR identity and the act/preamble/body/article/paragraph shape") {
    Catalog catalog = load_catalog(treatykb::testing::texts_dir() + "/corpus.xml");
    LoadResult loaded = load_catalog_corpus(catalog, treatykb::testing::texts_dir(), std::nullopt);
    const Instrument* eaeu = nullptr;
    for (const auto& instrument : loaded.instruments)
        if (instrument.alias == "eaeu")
            eaeu = &instrument;
    REQUIRE(eaeu);
    std::string xml = write_akn(*eaeu, eaeu->expressions.front());
    pugi::xml_document document;
    REQUIRE(document.load_string(xml.c_str()));
    pugi::xml_node act = document.child("akomaNtoso").child("act");
    auto identification = act.child("meta").child("identification");
    CHECK(std::string(
              identification.child("FRBRWork").child("FRBRthis").attribute("value").value()) ==
          "/akn/eaeu/act/2014-05-29/treaty/!main");
    CHECK(
        std::string(
            identification.child("FRBRExpression").child("FRBRthis").attribute("value").value()) ==
        "/akn/eaeu/act/2014-05-29/treaty/rus@");
    CHECK(std::string(identification.child("FRBRExpression")
                          .child("FRBRlanguage")
                          .attribute("language")
                          .value()) == "rus");
    CHECK(act.child("preamble"));
    CHECK(act.child("conclusions"));
    auto paragraph = act.select_node(
        "//article[@eId='art_47']/../../.."); // part > section > subsection > article
    CHECK(paragraph);
    CHECK(
        act.select_node("//body/part[@eId='part_2']/section[@eId='sec_6']/article[@eId='art_25']"));
    CHECK(act.select_node("//article[@eId='art_92']/paragraph[@eId='art_92__para_1']/content/p"));
    CHECK(act.select_node("//attachments/hcontainer[@name='annex'][@eId='annex_7']"));
    // One per law each "Сноска." note names (113, counted in the files): 7 in the articles, 106
    // in the annexes (docs/corpus.md).
    CHECK(act.select_nodes("//proprietary/*[local-name()='amendment']").size() == 113);
}
