#include <catch2/catch.hpp>

#include "kb/error.hpp"

TEST_CASE("An error names file, line, column, provision and a hint") {
    treatykb::Error e("quote not found", {"kb/knowledge/eaeu.xml", 12, 5}, "copy the quote verbatim",
                      "eaeu#art_47");
    CHECK(e.render() ==
          "kb/knowledge/eaeu.xml:12:5: error: quote not found [eaeu#art_47]\n"
          "  hint: copy the quote verbatim");
    treatykb::Error bare("unknown instrument 'eau'");
    CHECK(std::string(bare.what()) == "error: unknown instrument 'eau'");
}
