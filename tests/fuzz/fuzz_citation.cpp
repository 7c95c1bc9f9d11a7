// Fuzz target: the citation parser (references as users type them) and the eId helpers.
#include "kb/citation.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return treatykb::fuzz::run([&] {
        std::string_view text = treatykb::fuzz::as_text(data, size);
        treatykb::ParsedReference reference = treatykb::parse_reference(text);
        std::vector<treatykb::CitationStep> steps;
        for (const auto& prefix : treatykb::eid_prefixes(reference.root))
            steps.push_back(treatykb::step_from_eid(prefix));
        treatykb::format_citation("Treaty", steps);
    });
}
