// The engine accepts the real knowledge files and derives domain ancestry over the real
// hierarchy of kb/knowledge/domains.xml.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "engine/datalog/loader.hpp"
#include "engine/datalog/model.hpp"

using namespace treatykb::engine;

namespace {
std::string source(const std::string& relative) {
    const char* root = std::getenv("TREATYKB_SOURCE");
    return (std::filesystem::path(root ? root : TREATYKB_SOURCE_DIR) / relative).string();
}
}  // namespace

TEST_CASE("schema.xml and domains.xml load without errors") {
    std::vector<Diagnostic> diagnostics = check_program({source("kb/knowledge/schema.xml"), source("kb/knowledge/domains.xml")});
    for (const Diagnostic& d : diagnostics) INFO(d.render());
    CHECK(diagnostics.empty());
}

TEST_CASE("within is derived over the real domain hierarchy") {
    Program program = load_program({source("kb/knowledge/domains.xml"), std::string(TREATYKB_TEST_DATA) + "/engine/within.xml"});
    Model model = evaluate(program);
    std::size_t domains = model.count("domain(?d, ?en, ?ru)");
    REQUIRE(domains > 20);
    // Every domain is within itself and within the root, economy.
    CHECK(model.count("within(?d, ?d)") == domains);
    CHECK(model.count("within(?d, economy)") == domains);
    // Common customs tariff -> external trade policy -> economy (domains.xml).
    auto ancestors = model.query("within(customs_tariff, ?a)");
    std::vector<std::string> names;
    for (const FactView& fact : ancestors) names.push_back(fact.arguments[1]);
    CHECK(names == std::vector<std::string>{"customs_tariff", "economy", "external_trade"});
    CHECK(model.count("within(economy, customs_tariff)") == 0);
    auto proof = model.explain("within(customs_tariff, economy)");
    REQUIRE(proof);
    CHECK(proof->rule_id == "within_parent");
    REQUIRE(proof->premises.size() == 2);
    CHECK(proof->premises[0].fact == "domain_parent(customs_tariff, external_trade)");
    CHECK(proof->premises[0].where.file.find("domains.xml") != std::string::npos);
    CHECK(proof->premises[0].where.line > 0);
}
