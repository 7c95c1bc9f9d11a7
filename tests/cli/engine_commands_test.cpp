// End-to-end: the built program's check, query and explain commands on real knowledge files.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Run {
    int status;
    std::string out;
};

Run run(const std::string& arguments) {
    std::string command = std::string(TREATYKB_BINARY) + " " + arguments + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    int status = pclose(pipe);
    return {WEXITSTATUS(status), out};
}

std::string source(const std::string& relative) {
    const char* root = std::getenv("TREATYKB_SOURCE");
    return std::string(root ? root : ".") + "/" + relative;
}

std::string rules() {
    return "--rules " + source("kb/knowledge/domains.xml") + " " + std::string(TREATYKB_TEST_DATA) + "/engine/within.xml";
}

}  // namespace

TEST_CASE("check lists every error with file:line:column and exits non-zero") {
    Run result = run("check " + std::string(TREATYKB_TEST_DATA) + "/engine/bad_rules.xml");
    CHECK(result.status != 0);
    CHECK(result.out.find("bad_rules.xml:6:9: error: unknown relation 'competense'") != std::string::npos);
    CHECK(result.out.find("hint: did you mean 'competence'?") != std::string::npos);
    CHECK(result.out.find("bad_rules.xml:7:50: error: unsafe variable ?p in the head of rule unsafe") != std::string::npos);
    CHECK(result.out.find("2 errors") != std::string::npos);
}

TEST_CASE("check accepts the real knowledge files") {
    Run result = run("check " + source("kb/knowledge/schema.xml") + " " + source("kb/knowledge/domains.xml"));
    INFO(result.out);
    CHECK(result.status == 0);
    CHECK(result.out.find("no errors") != std::string::npos);
}

TEST_CASE("query lists the ancestors of the customs tariff domain") {
    Run result = run("query 'within(customs_tariff, ?a)' " + rules());
    CHECK(result.status == 0);
    CHECK(result.out.find("within(customs_tariff, customs_tariff)\nwithin(customs_tariff, economy)\n"
                          "within(customs_tariff, external_trade)\n") != std::string::npos);
    Run json = run("query 'within(customs_tariff, ?a)' --format json " + rules());
    auto parsed = nlohmann::json::parse(json.out);
    REQUIRE(parsed.size() == 3);
    CHECK(parsed[1]["arguments"][1] == "economy");
}

TEST_CASE("explain prints the proof tree down to the facts of domains.xml") {
    Run result = run("explain 'within(customs_tariff, economy)' --format json " + rules());
    REQUIRE(result.status == 0);
    auto proof = nlohmann::json::parse(result.out).at(0);
    CHECK(proof["rule"] == "within_parent");
    CHECK(proof["premises"][0]["fact"] == "domain_parent(customs_tariff, external_trade)");
    CHECK(proof["premises"][0]["kind"] == "fact");
    CHECK(proof["premises"][0]["where"]["file"].get<std::string>().find("domains.xml") != std::string::npos);
    Run text = run("explain 'within(customs_tariff, economy)' " + rules());
    CHECK(text.out.find("within(customs_tariff, economy)  [rule within_parent") == 0);
}

TEST_CASE("A query with a syntax error points at the character") {
    Run result = run("query 'within(customs_tariff ?a)' " + rules());
    CHECK(result.status != 0);
    CHECK(result.out.find("query:1:23: error: expected ')' to close within(") != std::string::npos);
}
