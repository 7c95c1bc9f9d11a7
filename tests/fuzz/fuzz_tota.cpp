// Fuzz target: kb::parse_tota_xml (ToTA pta_N.xml files),
// then the cross-reference finder and resolver over what it read, as ingest runs them.
#include "kb/tota_parser.hpp"
#include "kb/reference_resolver.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run(
        [&] { auto document = treatykb::parse_tota_xml(treatykb::fuzz::as_text(data, size), "pta_1.xml");
        treatykb::resolve_references(document.parsed.expression); });
}
