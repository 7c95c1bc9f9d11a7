// Fuzz target: kb::parse_markdown_treaty (the Markdown layout of treaty_texts/*.md),
// then the cross-reference finder and resolver over what it read, as ingest runs them.
#include "kb/text_parser.hpp"
#include "kb/reference_resolver.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        auto parsed = treatykb::parse_markdown_treaty(treatykb::fuzz::as_text(data, size), "fuzz.md");
        treatykb::resolve_references(parsed.expression);
    });
}
