// Fuzz target: the treaty an accession clause names (kb/instrument_names.hpp) — the phrase's words,
// the dates it gives, and its resolution among stored instruments — as the coder calls it on the
// words after "accedes to".
#include "kb/instrument_names.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

const treatykb::InstrumentNames& names() {
    static const treatykb::InstrumentNames resolver = [] {
        std::vector<treatykb::Instrument> stored(4);
        stored[0].alias = "eaeu";
        stored[0].title = "Treaty on the Eurasian Economic Union (Astana, 29 May 2014)";
        stored[0].short_title = "EAEU Treaty";
        stored[0].date_signed = "2014-05-29";
        stored[1].alias = "pta_189";
        stored[1].title = "Central European Free Trade Agreement (CEFTA)";
        stored[1].date_signed = "1992-12-21";
        stored[2].alias = "pta_4";
        stored[2].title = "Central European Free Trade Agreement (CEFTA) 2006";
        stored[2].date_signed = "2006-12-19";
        stored[3].alias = "eaeu-arm";
        stored[3].title = "Treaty on the Accession of the Republic of Armenia to the EAEU Treaty";
        stored[3].date_signed = "2014-10-10";
        return treatykb::InstrumentNames(stored, "eaeu-arm");
    }();
    return resolver;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        std::string_view text = treatykb::fuzz::as_text(data, size);
        names().resolve(text);
        treatykb::dates_in(text);
    });
}
