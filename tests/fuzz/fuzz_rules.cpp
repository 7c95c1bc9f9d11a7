// Fuzz target: the rule and knowledge loader (XML, terms, validation, stratification) on one
// program text. Includes are not followed out of the fuzz input's folder: the text has no folder.
#include "engine/datalog/loader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        treatykb::engine::load_program_text(treatykb::fuzz::as_text(data, size), "fuzz.xml");
    });
}
