// Fuzz target: kb::parse_plain_text_treaty (text copied from an official site),
// then the cross-reference finder and resolver over what it read, as ingest runs them.
#include "kb/text_parser.hpp"
#include "kb/reference_resolver.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        auto parsed = treatykb::parse_plain_text_treaty(treatykb::fuzz::as_text(data, size), "fuzz.txt");
        treatykb::resolve_references(parsed.expression);
    });
}
