// Resource bounds and hostile programs (docs/reliability.md): an evaluation that derives too
// many facts or too much memory stops with an error naming the rule; a power count that would
// take too much memory is refused naming the game; all-zero weights are refused; includes and
// scenario roots are checked.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <filesystem>
#include <fstream>
#include <string>

#include "../test_support.hpp"
#include "engine/datalog/decimal_digits.hpp"
#include "engine/datalog/loader.hpp"
#include "engine/datalog/model.hpp"
#include "engine/analysis/power.hpp"
#include "kb/error.hpp"

using namespace treatykb;
using namespace treatykb::engine;
using treatykb::testing::contains;

namespace {

// n(0..count-1) and a rule joining four copies of n that share no variable: count^4 rows.
std::string cross_product_program(int count) {
    std::string xml = R"(<program xmlns="urn:treatykb:rules:1">
  <relation name="n"><arg name="i" type="integer"/></relation>
  <relation name="quad"><arg name="a" type="integer"/><arg name="b" type="integer"/>
    <arg name="c" type="integer"/><arg name="d" type="integer"/></relation>
)";
    for (int i = 0; i < count; ++i)
        xml += "  <fact>n(" + std::to_string(i) + ")</fact>\n";
    xml += R"(  <rule id="runaway_cross_product"><head>quad(?a, ?b, ?c, ?d)</head>
    <body>n(?a), n(?b), n(?c), n(?d)</body></rule>
</program>)";
    return xml;
}

std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.render();
    }
    return "";
}

} // namespace

TEST_CASE("An evaluation past --max-facts stops with an error naming the rule and its line") {
    Program program = load_program_text(cross_product_program(100), "cross.xml");
    EvaluationLimits limits;
    limits.max_facts = 50'000;
    std::string message = message_of([&] { evaluate(program, limits); });
    CHECK(contains(message, "more than 50000 derived facts"));
    CHECK(contains(message, "rule runaway_cross_product"));
    CHECK(contains(message, "cross.xml:105:"));
    CHECK(contains(message, "--max-facts"));
    // Under the limit the same program evaluates (10^4 rows).
    Model small = evaluate(load_program_text(cross_product_program(10), "cross.xml"), limits);
    CHECK(small.count("quad(?a, ?b, ?c, ?d)") == 10'000);
}

TEST_CASE("An evaluation past the memory budget stops with an error naming the rule") {
    Program program = load_program_text(cross_product_program(100), "cross.xml");
    EvaluationLimits limits;
    limits.max_facts = 0;
    limits.max_memory_bytes = 4 << 20;
    std::string message = message_of([&] { evaluate(program, limits); });
    CHECK(contains(message, "more than 4 MB of derived facts"));
    CHECK(contains(message, "rule runaway_cross_product"));
    CHECK(contains(message, "--max-memory"));
}

TEST_CASE("The default limits let the bundled knowledge base evaluate") {
    Program program = load_program(treatykb::testing::default_rule_files(treatykb::testing::source_dir()));
    CHECK_NOTHROW(evaluate(program, EvaluationLimits{}));
}

TEST_CASE("A power count above its memory budget is refused at once, naming the game") {
    // 44 members with 13-digit weights: meet in the middle would hold about 1 GB.
    std::vector<power::Member> members;
    for (int i = 0; i < 44; ++i)
        members.push_back({"M" + std::to_string(i), power::Rational(1234567890123LL + 7919LL * i)});
    power::Body body{"Big Council", "", power::WeightedMajorityRule{members, power::Rational(2, 3)}};
    auto started = std::chrono::steady_clock::now();
    std::string message = message_of([&] { power::compute_power(std::vector<power::Body>{body}); });
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    CHECK(contains(message, "the game of Big Council"));
    CHECK(contains(message, "44 members"));
    CHECK(contains(message, "more than the budget of 512 MB"));
}

TEST_CASE("All-zero weights are refused instead of giving a report where every coalition wins") {
    std::string message = message_of([] {
        power::compute_power(power::WeightedMajorityRule{power::parse_weights("A=0,B=0,C=0,D=0"),
                                                         power::parse_share("1/2")});
    });
    CHECK(contains(message, "every member has weight 0"));
}

TEST_CASE("Includes nested deeper than 32 files are an error, not a stack overflow") {
    treatykb::testing::TemporaryDirectory folder;
    for (int i = 0; i < 40; ++i)
        folder.write("f" + std::to_string(i) + ".xml",
                     "<program xmlns=\"urn:treatykb:rules:1\"><include href=\"f" +
                         std::to_string(i + 1) + ".xml\"/></program>");
    folder.write("f40.xml", "<program xmlns=\"urn:treatykb:rules:1\"/>");
    std::vector<Diagnostic> diagnostics = check_program({folder.path() + "/f0.xml"});
    REQUIRE(diagnostics.size() == 1);
    CHECK(contains(diagnostics.front().message, "includes nested more than 32 levels deep"));
}

TEST_CASE("A scenario file must be a <scenario>: a <program> given as one is refused") {
    Program base = load_program_text(cross_product_program(2), "base.xml");
    try {
        apply_scenario_text(base, "<program xmlns=\"urn:treatykb:rules:1\"><fact>n(7)</fact></program>",
                            "what-if.xml");
        FAIL("accepted a <program> as a scenario");
    } catch (const ProgramErrors& errors) {
        CHECK(contains(errors.diagnostics().front().render(), "what-if.xml:1:1:"));
        CHECK(contains(errors.diagnostics().front().message, "root element <scenario>"));
    }
    Program changed = apply_scenario_text(
        base, "<scenario xmlns=\"urn:treatykb:rules:1\"><fact>n(7)</fact></scenario>", "what-if.xml");
    CHECK(evaluate(changed).count("n(?i)") == 3);
}

TEST_CASE("A rule whose source variable is bound only by an undeclared relation is an error") {
    // fuzz_rules: the source check read the variable's type with map::at and threw
    // std::out_of_range when the variable had none.
    const char* program = R"(<program xmlns="urn:treatykb:rules:1">
  <relation name="p"><arg name="x" type="symbol"/></relation>
  <rule id="r" strength="defeasible" source="?u"><head>p(?x)</head><body>undeclared(?u, ?x)</body></rule>
</program>)";
    CHECK_THROWS_AS(load_program_text(program, "undeclared.xml"), ProgramErrors);
}

TEST_CASE("Decimals with leading zeros are read as decimal digits, never as octal") {
    // fuzz_rules: "00000.000…09223372036854775807" reached cpp_int as "00…0922…", which it reads
    // as octal and refused with a bare boost exception ('9' is no octal digit). Worse, 0.25 was
    // read as 0.21 ("025" octal) and 0.75 as 0.61, silently.
    const char* program = R"(<program xmlns="urn:treatykb:rules:1">
  <relation name="w"><arg name="x" type="decimal"/></relation>
  <relation name="above"><arg name="x" type="decimal"/></relation>
  <fact>w(0.25)</fact>
  <fact>w(0.75)</fact>
  <fact>w(00000.0000000000000000000000000000000009223372036854775807)</fact>
  <rule id="r"><head>above(?x)</head><body>w(?x), ?x &gt; 0.7</body></rule>
</program>)";
    Model model = evaluate(load_program_text(program, "decimals.xml"));
    CHECK(model.count("w(?x)") == 3);
    // Only 0.75 is above 0.7 (read as octal it was 0.61, and nothing was).
    CHECK(model.count("above(?x)") == 1);
    CHECK(model.count("above(0.75)") == 1);
}

TEST_CASE("The digits-to-rational helper both decimal readers share reads zeros as zeros") {
    using boost::multiprecision::cpp_rational;
    CHECK(engine::decimal_rational("0215", 1) == cpp_rational(43, 2));
    CHECK(engine::decimal_rational("089", 0) == 89);
    CHECK(engine::decimal_rational("025", 2) == cpp_rational(1, 4));
    CHECK(engine::decimal_rational("000", 2) == 0);
    CHECK_THROWS_AS(engine::decimal_rational("", 0), std::invalid_argument);
    CHECK_THROWS_AS(engine::decimal_rational("1.5", 1), std::invalid_argument);
}
