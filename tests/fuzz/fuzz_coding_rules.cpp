// Fuzz target: the coding-rule loader (kb/coding_rules: XML, lexicons and terms, patterns compiled
// with Boost.Regex and ICU, fact templates, their placeholders, filters and conditions) on one
// file. The loader reads files, so the input is written to fuzz_coding.xml in the working folder
// (scripts/fuzz.sh runs each target in an empty one). The relations are the schema's that the
// coding rules of kb/coding use, with their arities.
#include <fstream>

#include "kb/coding_rules.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const treatykb::coding::RelationArity relations{
        {"member_state", 2},  {"competence", 3},   {"norm", 5},          {"transitional", 3},
        {"body", 3},          {"body_part_of", 2}, {"body_composition", 3}, {"seats_per_state", 3},
        {"decision_rule", 6}, {"vote_weight", 4},  {"body_domain", 3},   {"body_field", 3},
        {"appeal", 3},        {"staffing_rule", 3}, {"area_role", 4},    {"area_rule", 4},
        {"area_weight", 4},   {"general_rule", 3}, {"domain_rule", 4},   {"dispute_item", 4}};
    {
        std::ofstream out("fuzz_coding.xml", std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    return treatykb::fuzz::run([] { treatykb::coding::load_coding_rules({"fuzz_coding.xml"}, relations); });
}
