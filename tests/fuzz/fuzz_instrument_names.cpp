// Fuzz target: the treaty an accession clause names (kb/instrument_names.hpp) — the phrase's words,
// the dates it gives, and its resolution among stored instruments — as the coder calls it on the
// words after "accedes to".
#include "kb/instrument_names.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

treatykb::Instrument stored(const char* alias, const char* title, const char* date) {
    treatykb::Instrument instrument;
    instrument.alias = alias;
    instrument.title = title;
    instrument.date_signed = date;
    return instrument;
}

const treatykb::InstrumentNames& names() {
    static const treatykb::InstrumentNames resolver = [] {
        std::vector<treatykb::Instrument> instruments = {
            stored("eaeu", "Treaty on the Eurasian Economic Union (Astana, 29 May 2014)", "2014-05-29"),
            stored("pta_189", "Central European Free Trade Agreement (CEFTA)", "1992-12-21"),
            stored("pta_4", "Central European Free Trade Agreement (CEFTA) 2006", "2006-12-19"),
            stored("eaeu-arm", "Treaty on the Accession of the Republic of Armenia to the EAEU Treaty", "2014-10-10"),
        };
        instruments[0].short_title = "EAEU Treaty";
        return treatykb::InstrumentNames(instruments, "eaeu-arm");
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
