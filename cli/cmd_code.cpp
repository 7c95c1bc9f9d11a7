// treatykb code INSTRUMENT...|--all [-o DIR] [--stats] [--coding FILES] [-j N] — proposes annotations
// from the coding rules of kb/coding (docs/coding.md) and writes one knowledge file per
// instrument (default folder kb/coded), each annotation with its quote, rule and confidence.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/common.hpp"
#include "engine/datalog/loader.hpp"
#include "kb/coder.hpp"
#include "kb/error.hpp"

namespace fs = std::filesystem;

namespace treatykb::cli {

namespace {

struct CodeArguments {
    std::vector<std::string> instruments;
    std::vector<std::string> coding;
    std::string output;
    unsigned jobs = 0;  // 0: one per processor
    bool all = false;
    bool stats = false;
};

constexpr const char* kCoderMark = "Proposed by `treatykb code`";

// Relation name -> arity, from the knowledge schema.
coding::RelationArity schema_relations(const std::string& schema) {
    engine::Program program = engine::load_program({schema});
    coding::RelationArity relations;
    for (const engine::RelationDecl& relation : program.relations)
        relations[relation.name] = static_cast<int>(relation.arguments.size());
    return relations;
}

bool inside(const fs::path& folder, const fs::path& root) {
    std::error_code ignored;
    fs::path a = fs::weakly_canonical(folder, ignored), b = fs::weakly_canonical(root, ignored);
    auto mismatch = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
    return mismatch.first == b.end();
}

// Refuses a folder of hand-made knowledge or rules, and a file the coder did not write.
void check_writable(const fs::path& folder, const std::vector<std::string>& aliases) {
    for (const char* hand : {"kb/knowledge", "kb/rules", "kb/scenarios"})
        if (inside(folder, fs::path(project_root()) / hand))
            throw Error("refusing to write coded knowledge into " + folder.string() + ": it holds hand-made " +
                            (std::string(hand) == "kb/rules" ? "rules" : "knowledge"),
                        {}, "write to kb/coded (the default) or another folder with -o DIR");
    for (const std::string& alias : aliases) {
        fs::path file = folder / (alias + ".xml");
        if (!fs::exists(file)) continue;
        std::ifstream in(file, std::ios::binary);
        std::string head(512, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        if (head.find(kCoderMark) == std::string::npos)
            throw Error("refusing to overwrite " + file.string() + ": it was not written by treatykb code", {file.string(), 0, 0},
                        "move it away or choose another folder with -o DIR");
    }
}

int run_code(const Options& options, const CodeArguments& arguments) {
    const std::string root = project_root();
    std::vector<std::string> files =
        arguments.coding.empty() ? coding::default_coding_files(root) : arguments.coding;
    if (files.empty())
        throw Error("no coding rules found in " + root + "/kb/coding", {}, "give rule files with --coding FILE");
    const std::string schema = root + "/kb/knowledge/schema.xml";
    coding::CodingRuleSet rules = coding::load_coding_rules(files, schema_relations(schema));

    Store store(database_path(options), StoreAccess::read_only);
    ReadSnapshot snapshot(store); // every read of the command: one committed state
    std::vector<std::string> aliases;
    if (arguments.all) {
        for (const InstrumentSummary& summary : store.list()) aliases.push_back(summary.alias);
    } else {
        // Every name is resolved before anything is written: a missing one writes nothing.
        for (const std::string& name : arguments.instruments) aliases.push_back(store.require_instrument(name));
    }
    fs::path folder = arguments.output.empty() ? fs::path(root) / "kb" / "coded" : fs::path(arguments.output);
    check_writable(folder, aliases);

    unsigned jobs = arguments.jobs != 0 ? arguments.jobs : std::max(1u, std::thread::hardware_concurrency());
    coding::CodingResult result = coding::code_instruments(store, aliases, rules, jobs);

    std::error_code made;
    fs::create_directories(folder, made);
    if (made) throw Error("cannot create " + folder.string() + ": " + made.message(), {}, "check the path");
    std::error_code ignored;
    fs::path absolute_folder = fs::absolute(folder, ignored);
    std::string schema_href = fs::relative(fs::absolute(schema, ignored), absolute_folder, ignored).string();
    if (schema_href.empty()) schema_href = fs::absolute(schema, ignored).string();

    std::map<std::string, std::size_t> per_instrument;
    for (const coding::Proposal& proposal : result.proposals) ++per_instrument[proposal.instrument];
    std::map<std::string, std::pair<std::string, std::string>> catalogue;  // alias -> kind, signed
    for (const Instrument& instrument : store.instruments())
        catalogue[instrument.alias] = {instrument.type, instrument.date_signed};
    for (const std::string& alias : aliases) {
        fs::path file = folder / (alias + ".xml");
        std::ofstream out(file, std::ios::binary);
        if (!out) throw Error("cannot write the file", {file.string(), 0, 0}, "check the folder is writable");
        const auto& [kind, date_signed] = catalogue[alias];
        out << coding::render_coded_knowledge(alias, result.proposals, rules, schema_href, kind, date_signed);
        if (!arguments.all || per_instrument[alias])
            std::cout << alias << ": " << per_instrument[alias] << " proposals -> " << file.string() << "\n";
    }
    if (arguments.all)
        std::cout << aliases.size() << " instruments, " << result.proposals.size() << " proposals, "
                  << rules.rules.size() << " rules\n";

    if (arguments.stats) {
        std::vector<std::size_t> proposed(rules.rules.size(), 0);
        for (const coding::Proposal& proposal : result.proposals) ++proposed[proposal.rule];
        std::cout << "rule\tclass\tmatches\tunresolved\tproposals\n";
        for (std::size_t r = 0; r < rules.rules.size(); ++r)
            std::cout << rules.rules[r].id << "\t" << rules.rules[r].klass << "\t" << result.matches[r] << "\t"
                      << result.unresolved[r] << "\t" << proposed[r] << "\n";
        for (std::size_t r = 0; r < rules.rules.size(); ++r) {
            if (proposed[r] != 0) continue;
            std::string where = " (" + rules.rules[r].where.file + ":" + std::to_string(rules.rules[r].where.line) + ")";
            if (result.matches[r] == 0)
                std::cout << "matched nothing: " << rules.rules[r].id << where << "\n";
            else
                std::cout << "proposed nothing: " << rules.rules[r].id << where << ", " << result.matches[r]
                          << " matches with a placeholder left unresolved\n";
        }
    }
    for (const coding::RuleFailure& failure : result.failures) {
        const coding::CodingRule& rule = rules.rules[failure.rule];
        std::cerr << rule.pattern.where.file << ":" << rule.pattern.where.line << ":" << rule.pattern.where.column
                  << ": error: rule " << rule.id << " stopped on " << failure.instrument << "#" << failure.eid << " ("
                  << failure.language << "): " << failure.message << "\n"
                  << "  hint: simplify the expression (nested repetition backtracks without bound)\n";
    }
    return result.failures.empty() ? 0 : 1;
}

}  // namespace

void register_code(CLI::App& app, Options& options) {
    auto arguments = std::make_shared<CodeArguments>();
    CLI::App* command = app.add_subcommand("code", "Propose annotations from the coding rules (kb/coding)");
    command->add_option("instruments", arguments->instruments, "Aliases, e.g. eaeu teu");
    command->add_flag("--all", arguments->all, "Every instrument in the database");
    command->add_option("--output,-o", arguments->output, "Folder to write (default: kb/coded)");
    command->add_flag("--stats", arguments->stats, "Per rule: matches and proposals; rules that matched nothing");
    command->add_option("--coding", arguments->coding, "Coding rule files (default: kb/coding/*.xml)");
    command->add_option("--jobs,-j", arguments->jobs, "Instruments coded side by side (default: one per processor)")
        ->check(CLI::Range(1u, 256u));
    command->callback([arguments, &options] {
        if (arguments->all == !arguments->instruments.empty())
            throw Error("name the instruments to code, or --all (not both)", {}, "e.g. treatykb code eaeu");
        options.exit_code = run_code(options, *arguments);
    });
}

}  // namespace treatykb::cli
