// Fuzz target: kb::to_fts5_query (the user's search syntax).
#include "kb/search_query.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run(
        [&] { treatykb::to_fts5_query(treatykb::fuzz::as_text(data, size)); });
}
