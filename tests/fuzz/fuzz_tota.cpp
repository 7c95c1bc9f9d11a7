// Fuzz target: kb::parse_tota_xml (ToTA pta_N.xml files).
#include "kb/tota_parser.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run(
        [&] { treatykb::parse_tota_xml(treatykb::fuzz::as_text(data, size), "pta_1.xml"); });
}
