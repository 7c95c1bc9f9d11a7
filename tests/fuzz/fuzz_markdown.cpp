// Fuzz target: kb::parse_markdown_treaty (the Markdown layout of treaty_texts/*.md).
#include "kb/text_parser.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        treatykb::parse_markdown_treaty(treatykb::fuzz::as_text(data, size), "fuzz.md");
    });
}
