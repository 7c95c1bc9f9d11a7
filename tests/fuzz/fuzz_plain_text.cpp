// Fuzz target: kb::parse_plain_text_treaty (text copied from an official site).
#include "kb/text_parser.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        treatykb::parse_plain_text_treaty(treatykb::fuzz::as_text(data, size), "fuzz.txt");
    });
}
