// Runs the rule-semantics cases in tests/data/engine/*.test (format: tests/data/engine/README.md).
// Each case file holds one or more programs and what must (not) follow from them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/datalog/loader.hpp"
#include "engine/datalog/model.hpp"

namespace fs = std::filesystem;
using namespace treatykb::engine;

namespace {

// A compact rendering of a proof: one line per node, two spaces of indentation per level.
void proof_lines(const ProofNode& node, int depth, std::vector<std::string>& out) {
    std::string line(static_cast<std::size_t>(depth) * 2, ' ');
    line += node.fact + " [" + std::string(proof_kind_name(node.kind));
    if (!node.rule_id.empty()) line += " " + node.rule_id;
    if (!node.annotation_id.empty()) line += " " + node.annotation_id;
    out.push_back(line + "]");
    for (const ProofNode& premise : node.premises) proof_lines(premise, depth + 1, out);
}

struct CaseRunner {
    std::string file;
    std::optional<Program> program;
    std::optional<Model> model;
    std::vector<Diagnostic> errors;
    int line_number = 0;

    std::string where() const { return file + ":" + std::to_string(line_number); }

    void load(const std::string& xml, bool scenario) {
        errors.clear();
        model.reset();
        try {
            if (scenario) {
                REQUIRE(program.has_value());
                program = apply_scenario_text(*program, xml, "scenario.xml");
            } else {
                // Named as if it lay in tests/data/engine, so that <facts file> and <include>
                // paths resolve there.
                program = load_program_text(xml, std::string(TREATYKB_TEST_DATA) + "/engine/case.xml");
            }
            model.emplace(evaluate(*program));
        } catch (const ProgramErrors& failure) {
            errors = failure.diagnostics();
            if (!scenario) program.reset();
        }
    }

    Model& require_model() {
        INFO(where());
        if (!errors.empty()) FAIL("the program has errors: " + errors.front().render());
        REQUIRE(model.has_value());
        return *model;
    }

    void run(std::istream& in) {
        std::string line;
        auto block = [&](std::vector<std::string>& lines) {
            while (std::getline(in, line)) {
                ++line_number;
                if (line == "----" || line.empty()) break;
                lines.push_back(line);
            }
        };
        while (std::getline(in, line)) {
            ++line_number;
            if (line.empty() || line[0] == '#') continue;
            std::string command = line.substr(0, line.find(' '));
            std::string argument = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
            INFO(where() + ": " + line);
            if (command == "program" || command == "scenario") {
                std::string xml;
                while (std::getline(in, line)) {
                    ++line_number;
                    if (line == "----") break;
                    xml += line + "\n";
                }
                load(xml, command == "scenario");
            } else if (command == "holds") {
                CHECK(require_model().count(argument) == 1);
            } else if (command == "absent") {
                CHECK(require_model().count(argument) == 0);
            } else if (command == "defeasible") {
                auto facts = require_model().query(argument);
                REQUIRE(facts.size() == 1);
                CHECK(facts.front().defeasible);
            } else if (command == "count") {
                auto space = argument.rfind(' ');
                CHECK(require_model().count(argument.substr(0, space)) == std::stoul(argument.substr(space + 1)));
            } else if (command == "query") {
                std::vector<std::string> expected, actual;
                block(expected);
                for (const FactView& fact : require_model().query(argument)) actual.push_back(fact.text());
                CHECK(actual == expected);
            } else if (command == "proof") {
                std::vector<std::string> expected, actual;
                block(expected);
                auto proof = require_model().explain(argument);
                REQUIRE(proof.has_value());
                proof_lines(*proof, 0, actual);
                CHECK(actual == expected);
            } else if (command == "conflicts") {
                CHECK(require_model().conflicts().size() == std::stoul(argument));
            } else if (command == "conflict") {
                auto conflicts = require_model().conflicts();
                bool found = std::any_of(conflicts.begin(), conflicts.end(), [&](const Conflict& c) {
                    return c.literal == argument && !c.supporting.empty() && !c.opposing.empty();
                });
                CHECK(found);
            } else if (command == "defeats") {
                // defeats LITERAL by CRITERION: the conclusion beat an attacker by this criterion
                auto by = argument.rfind(" by ");
                std::string literal = argument.substr(0, by), criterion = argument.substr(by + 4);
                bool found = false;
                for (const DefeasibleConclusion& c : require_model().defeasible_conclusions())
                    if (c.fact.text() == literal)
                        for (const Defeat& d : c.defeated) found = found || criterion_name(d.criterion) == criterion;
                CHECK(found);
            } else if (command == "error") {
                // error LINE:COLUMN message-substring (positions in the last program block)
                auto colon = argument.find(':'), space = argument.find(' ');
                int expected_line = std::stoi(argument.substr(0, colon));
                int expected_column = std::stoi(argument.substr(colon + 1, space - colon - 1));
                std::string message = argument.substr(space + 1);
                bool found = std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& d) {
                    return d.where.line == expected_line && d.where.column == expected_column &&
                           d.message.find(message) != std::string::npos;
                });
                std::string all;
                for (const Diagnostic& d : errors) all += d.render() + "\n";
                INFO("diagnostics:\n" + all);
                CHECK(found);
            } else if (command == "errors") {
                CHECK(errors.size() == std::stoul(argument));
            } else {
                FAIL("unknown command in " + where() + ": " + command);
            }
        }
    }
};

}  // namespace

TEST_CASE("Rule-semantics cases in tests/data/engine hold") {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(fs::path(TREATYKB_TEST_DATA) / "engine"))
        if (entry.path().extension() == ".test") cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 8);
    for (const fs::path& path : cases) {
        DYNAMIC_SECTION(path.filename().string()) {
            std::ifstream in(path);
            CaseRunner runner{path.filename().string(), {}, {}, {}, 0};
            runner.run(in);
        }
    }
}
