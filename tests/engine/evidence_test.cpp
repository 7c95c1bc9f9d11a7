// Quotes of annotations are checked against real treaty text: here the bundled Russian text of
// the EAEU Treaty, Art. 47, cut out of treaty_texts/eaeu_treaty_2014_ru.md between its heading
// and the next article's (a stand-in for the kb Store, which provides the same two functions).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/datalog/evidence.hpp"
#include "engine/datalog/loader.hpp"

using namespace treatykb::engine;

namespace {

class BundledArticleText : public TextSource {
public:
    BundledArticleText() {
        const char* root = std::getenv("TREATYKB_SOURCE");
        std::ifstream in(std::filesystem::path(root ? root : TREATYKB_SOURCE_DIR) / "treaty_texts/eaeu_treaty_2014_ru.md");
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        auto begin = text.find("Статья 47 ");
        auto end = text.find("Статья 48 ");
        if (begin != std::string::npos && end != std::string::npos) article_47_ = text.substr(begin, end - begin);
    }
    std::optional<std::string> provision_text(std::string_view instrument, std::string_view eid,
                                              std::string_view lang) const override {
        if (instrument == "eaeu" && lang == "ru" && eid == "art_47") return article_47_;
        return std::nullopt;
    }
    bool has_expression(std::string_view instrument, std::string_view lang) const override {
        return instrument == "eaeu" && lang == "ru";
    }
    const std::string& article() const { return article_47_; }

private:
    std::string article_47_;
};

}  // namespace

TEST_CASE("Quotes are verified against the provision's text, whitespace folded") {
    BundledArticleText texts;
    REQUIRE(texts.article().size() > 200);
    Program program = load_program_text(R"(<program xmlns="urn:treatykb:rules:1">
  <relation name="exception_to"><arg name="s" type="provision"/><arg name="g" type="provision"/></relation>
  <annotation id="art47.found" provision="eaeu#art_47">
    <quote lang="ru">в одностороннем порядке
        вводить и применять   меры нетарифного регулирования</quote>
    <quote lang="ru">в одностороннем порядке отменять единый таможенный тариф</quote>
    <quote lang="en">may unilaterally introduce and apply non-tariff measures</quote>
    <fact>exception_to(@, eaeu#art_46)</fact>
  </annotation>
  <annotation id="art99.missing" provision="eaeu#art_99-1">
    <quote lang="ru">текст</quote>
  </annotation>
</program>)", "evidence.xml");
    std::vector<EvidenceCheck> checks = verify_evidence(program, texts);
    REQUIRE(checks.size() == 4);
    CHECK(checks[0].status == EvidenceCheck::Status::verified);
    CHECK(checks[0].evidence->annotation_id == "art47.found");
    CHECK(checks[0].evidence->where.line == 4);
    CHECK(checks[1].status == EvidenceCheck::Status::not_found);
    CHECK(checks[2].status == EvidenceCheck::Status::unverified_expression);
    CHECK(checks[2].detail.find("en") != std::string::npos);
    CHECK(checks[2].detail.find("eaeu") != std::string::npos);
    CHECK(checks[3].status == EvidenceCheck::Status::provision_missing);
    CHECK(checks[3].detail.find("art_99-1") != std::string::npos);
}

TEST_CASE("Whitespace folding joins runs, including no-break spaces, and trims") {
    CHECK(fold_whitespace("  a \t\n b\xC2\xA0\xC2\xA0" "c  ") == "a b c");
    CHECK(fold_whitespace("") == "");
}
