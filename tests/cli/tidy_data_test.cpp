// Tidy data and its codebook (issue 14, "tidy data"): the analysis as one table per file, typed
// columns that Python's csv module reads, tables of two instruments that stack, and JSON that
// validates against docs/schema/analysis.schema.json. On the real EAEU analysis.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "json_schema_subset.hpp"
#include "outputs_support.hpp"

using namespace treatykb::testing;
namespace fs = std::filesystem;

namespace {

nlohmann::json analysis_schema() {
    return nlohmann::json::parse(read_text(source_dir() + "/docs/schema/analysis.schema.json"));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

} // namespace

TEST_CASE("analyze --format json validates against the versioned schema, numbers typed") {
    const std::string& database = bundled_corpus_database();
    SchemaSubset schema(analysis_schema());
    for (const std::string flags : {"", " --no-proofs"}) {
        auto result = run_program("analyze eaeu --format json" + flags, database);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        nlohmann::json document = nlohmann::json::parse(result.out);
        std::vector<std::string> errors = schema.validate(document);
        for (std::size_t i = 0; i < std::min<std::size_t>(errors.size(), 10); ++i)
            UNSCOPED_INFO(errors[i]);
        CHECK(errors.empty());
        CHECK(document["schema_version"] == "2.2");
        CHECK(document["tables"]["findings"].size() > 4);
        // No float noise (2.0250000000000004) and no indented keys in the tables; counts are
        // integers by the schema ("integer" accepts no 60.0).
        std::string tables = document["tables"].dump();
        CHECK_FALSE(std::regex_search(tables, std::regex(R"([0-9]\.[0-9]{7,})")));
        CHECK_FALSE(std::regex_search(tables, std::regex(R"("\s+[^"]*":)")));
        const auto& summary = document["tables"]["summary"][0];
        CHECK(summary["instrument"] == "eaeu");
        CHECK(summary["findings"].is_number_integer());
        CHECK(summary["pooling"].is_number());
        CHECK(summary["scenario"].is_null());
        CHECK(document["proofs"].empty() == (flags != ""));
    }
    // A document that breaks the schema is caught: the check can fail.
    nlohmann::json broken = nlohmann::json::parse(run_program("analyze eaeu --format json --no-proofs", database).out);
    broken["tables"]["summary"][0]["pooling"] = "0.33";
    broken["tables"]["findings"][0]["severity"] = 3.0;
    broken["tables"]["domains"][0]["  design choice"] = 1;
    CHECK(schema.validate(broken).size() == 3);
}

TEST_CASE("analyze --format csv -o DIR/ writes one typed table per file that Python's csv reads") {
    const std::string& database = bundled_corpus_database();
    TemporaryDirectory directory;
    std::string folder = directory.path() + "/eaeu/";
    auto result = run_program("analyze eaeu --format csv -o '" + folder + "'", database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    for (const char* table : {"summary", "findings", "provisions", "quotes", "domains",
                              "limitations", "stages", "bodies", "power"})
        CHECK(fs::exists(folder + table + ".csv"));
    std::string log = directory.path() + "/read.log";
    int status = std::system(("python3 '" + std::string(TREATYKB_TEST_DATA) +
                              "/cli/read_tidy_csv.py' '" + source_dir() +
                              "/docs/schema/analysis.schema.json' '" + folder + "' > '" + log +
                              "' 2>&1")
                                 .c_str());
    INFO(read_text(log));
    CHECK(status == 0);
    CHECK(contains(read_text(log), "findings "));
    // One row per observation, codes and labels apart, numbers as numbers.
    std::string findings = read_text(folder + "findings.csv");
    CHECK(contains(findings, ",autonomy_in_union_domain,Autonomy inside transferred competence,"
                             "non_tariff_measures,Non-tariff measures,"));
    std::string power = read_text(folder + "power.csv");
    CHECK(lines_of(power)[0] == "instrument,scenario,body,member,shapley_shubik,"
                                "shapley_shubik_exact,banzhaf_normalized,"
                                "banzhaf_normalized_exact,banzhaf_absolute,swings,"
                                "coleman_prevent,coleman_initiate");
    CHECK(contains(power, "eaeu,,eaeu_commission_board,"));
    CHECK_FALSE(contains(read_text(folder + "limitations.csv"), "\xE2\x88\x92")); // no U+2212
    // The same table on standard output.
    auto one = run_program("analyze eaeu --format csv --table findings", database);
    CHECK(one.exit_code == 0);
    CHECK(one.out == findings);
}

TEST_CASE("CSV without a folder or --table is a usage error naming the tables") {
    const std::string& database = bundled_corpus_database();
    auto stacked = run_program("analyze eaeu --format csv", database);
    CHECK(stacked.exit_code == 2);
    CHECK(contains(stacked.err, "CSV holds one table per file"));
    CHECK(contains(stacked.err, "--table findings"));
    CHECK(run_program("analyze eaeu --format csv --table nonsense", database).exit_code == 2);
    CHECK(run_program("analyze eaeu --format md --table findings", database).exit_code == 2);
}

TEST_CASE("The tables of two instruments stack: compare writes the rows of each analyze") {
    const std::string& database = bundled_corpus_database();
    auto both = run_program("compare eaeu cuc-2007 --format csv --table summary", database);
    INFO(both.err);
    REQUIRE(both.exit_code == 0);
    auto eaeu = run_program("analyze eaeu --format csv --table summary", database);
    auto cuc = run_program("analyze cuc-2007 --format csv --table summary", database);
    REQUIRE(eaeu.exit_code == 0);
    REQUIRE(cuc.exit_code == 0);
    std::vector<std::string> stacked = lines_of(both.out), first = lines_of(eaeu.out),
                             second = lines_of(cuc.out);
    REQUIRE(stacked.size() == 3);
    CHECK(first[0] == stacked[0]);
    CHECK(second[0] == stacked[0]);
    CHECK(stacked[1] == first[1]);
    CHECK(stacked[2] == second[1]);
    CHECK(stacked[1].rfind("eaeu,", 0) == 0);
    CHECK(stacked[2].rfind("cuc-2007,", 0) == 0);
    // Python reads the stacked tables too.
    TemporaryDirectory directory;
    auto all = run_program("compare eaeu cuc-2007 --format csv -o '" + directory.path() + "/'",
                           database);
    REQUIRE(all.exit_code == 0);
    std::string command = "python3 '" + std::string(TREATYKB_TEST_DATA) + "/cli/read_tidy_csv.py' '" +
                          source_dir() + "/docs/schema/analysis.schema.json' '" +
                          directory.path() + "' >/dev/null";
    CHECK(std::system(command.c_str()) == 0);
    auto json = nlohmann::json::parse(run_program("compare eaeu cuc-2007 --format json", database).out);
    CHECK(SchemaSubset(analysis_schema()).validate(json).empty());
    CHECK(json["tables"]["summary"].size() == 2);
}

TEST_CASE("A scenario's tables stand beside the baseline's, marked in the scenario column") {
    const std::string& database = bundled_corpus_database();
    auto result = run_program("analyze eaeu --format csv --table summary --scenario '" +
                                  source_dir() + "/kb/scenarios/drop_art47_permission.xml'",
                              database);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<std::string> lines = lines_of(result.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1].rfind("eaeu,,", 0) == 0);
    CHECK(lines[2].rfind("eaeu,drop_art47_permission.xml,", 0) == 0);
}

TEST_CASE("docs/codebook.md documents every column of every table") {
    std::string codebook = read_text(source_dir() + "/docs/codebook.md");
    nlohmann::json schema = analysis_schema();
    for (const auto& [table, spec] : schema["properties"]["tables"]["properties"].items()) {
        std::size_t section = codebook.find("\n### `" + table + "`");
        INFO(table);
        REQUIRE(section != std::string::npos);
        std::size_t end = codebook.find("\n### ", section + 1);
        std::string text = codebook.substr(section, end == std::string::npos ? end : end - section);
        for (const auto& [column, _] : spec["items"]["properties"].items()) {
            INFO(column);
            CHECK(contains(text, "| `" + column + "` |"));
        }
    }
    CHECK(contains(codebook, "pandas"));
    CHECK(contains(read_text(source_dir() + "/README.md"), "docs/codebook.md"));
}
