// Fuzz target: kb::read_akn (Akoma Ntoso XML as treatykb exports it); what it reads is written
// back, so the writer sees every model the reader accepts.
#include "kb/akn.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        treatykb::Instrument instrument =
            treatykb::read_akn(treatykb::fuzz::as_text(data, size), "fuzz.akn.xml");
        for (const auto& expression : instrument.expressions)
            treatykb::write_akn(instrument, expression);
    });
}
