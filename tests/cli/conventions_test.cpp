// The conventions of the command line (issue 14, "a conventional CLI"), through the built
// program: exit codes, suggestions, help, global options, -o -, --format on the data commands,
// completion scripts and the man page, folders of rules, front matter of plain-text treaties.
#include <nlohmann/json.hpp>

#include <filesystem>

#include "outputs_support.hpp"

using namespace treatykb::testing;
namespace fs = std::filesystem;

TEST_CASE("An unknown command is named, with the closest command suggested; exit 2") {
    auto typo = run_bare("serach 'non-tariff measures'");
    CHECK(typo.exit_code == 2);
    CHECK(contains(typo.err, "error: unknown command `serach`"));
    CHECK(contains(typo.err, "did you mean `search`?"));
    CHECK(typo.out.empty());
    auto other = run_bare("--db /nonexistent/x.sqlite analyse eaeu");
    CHECK(other.exit_code == 2);
    CHECK(contains(other.err, "did you mean `analyze`?"));
    auto far = run_bare("frobnicate");
    CHECK(far.exit_code == 2);
    CHECK(contains(far.err, "unknown command `frobnicate`"));
    CHECK_FALSE(contains(far.err, "did you mean"));
}

TEST_CASE("Usage errors exit 2, help and version 0; --help documents the exit codes") {
    CHECK(run_bare("").exit_code == 2);
    auto missing = run_bare("analyze");
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "error: "));
    CHECK(contains(missing.err, "treatykb help analyze"));
    CHECK(run_bare("list --no-such-option").exit_code == 2);
    CHECK(run_bare("search x --limit 0").exit_code == 2);
    CHECK(run_bare("analyze eaeu --format docx").exit_code == 2);
    auto help = run_bare("--help");
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "Exit codes: 0 success; 1 runtime error"));
    CHECK(contains(help.out, "2 usage error"));
    CHECK(run_bare("--version").exit_code == 0);
    // A runtime error (an unknown instrument) is 1, not 2.
    TemporaryDatabase empty;
    CHECK(run_program("toc eaeu", empty.path()).exit_code == 1);
}

TEST_CASE("treatykb help COMMAND prints the command's help; an unknown one is a usage error") {
    auto help = run_bare("help analyze");
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "treatykb analyze"));
    CHECK(contains(help.out, "--no-proofs"));
    CHECK(help.out == run_bare("analyze --help").out);
    auto program = run_bare("help");
    CHECK(program.exit_code == 0);
    CHECK(contains(program.out, "completion"));
    auto unknown = run_bare("help serach");
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "did you mean `search`?"));
}

TEST_CASE("--db is accepted before or after the command") {
    const std::string& database = bundled_corpus_database();
    auto before = run_bare("--db '" + database + "' list");
    auto after = run_bare("list --db '" + database + "'");
    REQUIRE(before.exit_code == 0);
    CHECK(after.exit_code == 0);
    CHECK(after.out == before.out);
    CHECK(contains(after.out, "eaeu "));
    auto middle = run_bare("toc --db '" + database + "' eaeu");
    CHECK(middle.exit_code == 0);
    CHECK(contains(middle.out, "[art_47]"));
}

TEST_CASE("-o - writes to standard output, and no file named -") {
    const std::string& database = bundled_corpus_database();
    TemporaryDirectory directory;
    auto result =
        run_bare("--db '" + database + "' export eaeu --akn -o -", directory.path());
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "<akomaNtoso"));
    CHECK_FALSE(fs::exists(directory.path() + "/-"));
    auto power = run_bare("power --weights A=2,B=1,C=1 --quota 1/2 --format json -o -",
                          directory.path());
    REQUIRE(power.exit_code == 0);
    CHECK_NOTHROW(nlohmann::json::parse(power.out));
    CHECK_FALSE(fs::exists(directory.path() + "/-"));
}

TEST_CASE("list, toc and show take --format json and csv") {
    const std::string& database = bundled_corpus_database();
    auto list = run_program("list --format json", database);
    REQUIRE(list.exit_code == 0);
    auto expressions = nlohmann::json::parse(list.out);
    bool found = false;
    for (const auto& row : expressions)
        if (row["instrument"] == "eaeu" && row["language"] == "ru") {
            found = true;
            CHECK(row["authentic"] == true);
            CHECK(row["articles"].is_number_integer());
            CHECK(row["articles"].get<int>() == 119);
            CHECK(row["date_signed"] == "2014-05-29");
        }
    CHECK(found);
    auto list_csv = run_program("list --format csv", database);
    CHECK(list_csv.out.rfind("instrument,title,short_title,date_signed,", 0) == 0);

    auto toc = run_program("toc eaeu --format csv", database);
    REQUIRE(toc.exit_code == 0);
    CHECK(toc.out.rfind("instrument,language,eid,parent_eid,level,kind,number,label,heading\r\n",
                        0) == 0);
    CHECK(contains(toc.out, "eaeu,ru,art_47,sec_9__subsec_2,3,article,47,Art. 47,"));
    auto toc_json = nlohmann::json::parse(run_program("toc eaeu --format json", database).out);
    CHECK(toc_json.size() > 119);

    auto show = run_program("show eaeu 47 --format json", database);
    REQUIRE(show.exit_code == 0);
    auto provision = nlohmann::json::parse(show.out);
    CHECK(provision["eid"] == "art_47");
    CHECK(provision["citation"] == "EAEU Treaty, Art. 47");
    CHECK(contains(provision["provisions"][0]["text"].get<std::string>(), "в одностороннем порядке"));
    auto show_csv = run_program("show eaeu 'Art. 92(1)' --format csv", database);
    CHECK(contains(show_csv.out, "eaeu,ru,art_92__para_1,art_92,paragraph,1,1.,,"));
    CHECK(run_program("show eaeu 47 --format xml", database).exit_code == 2);
}

TEST_CASE("Unknown aliases in toc and show suggest the closest instrument") {
    const std::string& database = bundled_corpus_database();
    auto toc = run_program("toc eaue", database);
    CHECK(toc.exit_code == 1);
    CHECK(contains(toc.err, "unknown instrument \"eaue\""));
    CHECK(contains(toc.err, "did you mean `eaeu`?"));
    auto show = run_program("show cuc_2007 1", database);
    CHECK(show.exit_code == 1);
    CHECK(contains(show.err, "did you mean `cuc-2007`?"));
}

namespace {

// Whether `program` can be run (a shell for its syntax check).
bool have(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

} // namespace

TEST_CASE("Completion scripts for bash, zsh and fish cover every command and parse") {
    auto help = run_bare("--help");
    std::vector<std::string> commands{"ingest", "list", "toc",    "show",    "search",
                                      "export", "report", "check", "query",  "explain",
                                      "power",  "analyze", "compare", "completion", "help"};
    TemporaryDirectory directory;
    for (const std::string shell : {"bash", "zsh", "fish"}) {
        auto script = run_bare("completion " + shell);
        INFO(shell);
        REQUIRE(script.exit_code == 0);
        for (const std::string& command : commands)
            CHECK(contains(script.out, command));
        CHECK(contains(script.out, "--format"));
        CHECK(contains(script.out, "no-proofs"));
        std::string file = directory.write("treatykb." + shell, script.out);
        if (have(shell))
            CHECK(std::system((shell + " -n '" + file + "'").c_str()) == 0);
    }
    CHECK(contains(run_bare("completion bash").out, "complete -o filenames -F _treatykb treatykb"));
    CHECK(contains(run_bare("completion bash").out, "text md json csv html"));
    CHECK(run_bare("completion tcsh").exit_code == 2);
    // In bash, the script completes a command and the values of --format.
    if (have("bash")) {
        std::string script = directory.path() + "/treatykb.bash";
        std::string probe = "bash -c \"source '" + script +
                            "'; COMP_WORDS=(treatykb ana); COMP_CWORD=1; _treatykb; "
                            "echo \\${COMPREPLY[*]}; COMP_WORDS=(treatykb analyze eaeu --format j);"
                            " COMP_CWORD=4; _treatykb; echo \\${COMPREPLY[*]}\" > '" +
                            directory.path() + "/probe'";
        REQUIRE(std::system(probe.c_str()) == 0);
        CHECK(read_text(directory.path() + "/probe") == "analyze\njson\n");
    }
}

TEST_CASE("The man page is written from the same definitions, every command and option") {
    auto page = run_bare("manpage");
    REQUIRE(page.exit_code == 0);
    CHECK(page.out.rfind(".\\\"", 0) == 0);
    CHECK(contains(page.out, ".TH TREATYKB 1"));
    CHECK(contains(page.out, ".SH EXIT STATUS"));
    CHECK(contains(page.out, ".SS analyze"));
    CHECK(contains(page.out, "\\fB\\-\\-no\\-proofs\\fR"));
    CHECK(contains(page.out, "\\fB\\-\\-db\\fR"));
    if (have("man") && have("groff")) {
        TemporaryDirectory directory;
        std::string file = directory.write("treatykb.1", page.out);
        std::string render = "MANWIDTH=100 man -l '" + file + "' 2>'" + directory.path() +
                             "/warnings' | col -b > '" + directory.path() + "/page'";
        REQUIRE(std::system(render.c_str()) == 0);
        CHECK(contains(read_text(directory.path() + "/page"), "treatykb analyze"));
        std::string warnings = read_text(directory.path() + "/warnings");
        INFO(warnings);
        CHECK_FALSE(contains(warnings, "warning"));
        CHECK_FALSE(contains(warnings, "error"));
    }
}

TEST_CASE("check and --rules take folders, walked recursively in a stable order") {
    const std::string& database = bundled_corpus_database();
    std::string source = source_dir();
    auto defaults = run_program("check", database);
    REQUIRE(defaults.exit_code == 0);
    auto folders = run_program("check '" + source + "/kb/knowledge' '" + source + "/kb/rules'",
                               database);
    CHECK(folders.exit_code == 0);
    CHECK(folders.out == defaults.out);
    // The whole kb/ folder: its scenario files are left out, and said so.
    auto whole = run_program("check '" + source + "/kb'", database);
    CHECK(whole.exit_code == 0);
    CHECK(whole.out == defaults.out);
    CHECK(contains(whole.err, "note: 3 scenario file(s) left out"));
    auto query = run_program("query 'competence(?d, single, ?p)' --count --rules '" + source +
                                 "/kb/knowledge' '" + source + "/kb/rules'",
                             database);
    CHECK(query.exit_code == 0);
    CHECK(query.out == run_program("query 'competence(?d, single, ?p)' --count", database).out);
}

TEST_CASE("A plain-text treaty's front matter gives its alias, parties and dates; ingest names "
          "the alias") {
    TemporaryDatabase database;
    TemporaryDirectory directory;
    std::string body = read_text(std::string(TREATYKB_TEST_DATA) + "/eaeu_ru_plain_excerpt.txt");
    std::string file = directory.write("caspian_cu.txt",
                                       "---\n"
                                       "title: Treaty on a Caspian Customs Union\n"
                                       "short title: Caspian CU Treaty\n"
                                       "parties: RUS, KAZ, AZE\n"
                                       "signed: 2020-05-01\n"
                                       "in force: 2021-01-01\n"
                                       "language: ru\n"
                                       "---\n" +
                                           body);
    auto ingest = run_program("ingest '" + file + "'", database.path());
    INFO(ingest.err);
    REQUIRE(ingest.exit_code == 0);
    CHECK(contains(ingest.out, "caspian_cu.txt -> caspian-cu (ru, \"Treaty on a Caspian Customs "
                               "Union\")"));
    auto list = nlohmann::json::parse(run_program("list --format json", database.path()).out);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["instrument"] == "caspian-cu");
    CHECK(list[0]["parties"] == "RUS KAZ AZE");
    CHECK(list[0]["date_signed"] == "2020-05-01");
    CHECK(list[0]["date_in_force"] == "2021-01-01");
    CHECK(list[0]["short_title"] == "Caspian CU Treaty");
    auto show = run_program("show caspian-cu 47", database.path());
    CHECK(contains(show.out, "Caspian CU Treaty, Art. 47"));
    auto suggestion = run_program("toc caspian_cu", database.path());
    CHECK(suggestion.exit_code == 1);
    CHECK(contains(suggestion.err, "did you mean `caspian-cu`?"));

    // An explicit alias, and a bad front matter: file, line, hint; the database unchanged.
    std::string named = directory.write("other.txt", "---\nalias: my-cu\n---\n" + body);
    auto ingest_named = run_program("ingest '" + named + "'", database.path());
    CHECK(contains(ingest_named.out, "-> my-cu (ru"));
    std::string before = database_fingerprint(database.path());
    std::string bad = directory.write("bad.txt", "---\ntitle: X\nsigned: 29 May 2014\n---\n" + body);
    auto rejected = run_program("ingest '" + bad + "'", database.path());
    CHECK(rejected.exit_code == 1);
    CHECK(contains(rejected.err, "bad.txt:3:"));
    CHECK(contains(rejected.err, "is not a date"));
    CHECK(contains(rejected.err, "hint: write it as yyyy-mm-dd"));
    std::string unclosed = directory.write("open.txt", "---\ntitle: X\n" + body);
    auto open = run_program("ingest '" + unclosed + "'", database.path());
    CHECK(open.exit_code == 1);
    // Its third line is the treaty's title, not "key: value": the block is not closed there.
    CHECK(contains(open.err, "open.txt:3:1: error: front-matter line without \"key: value\""));
    CHECK(database_fingerprint(database.path()) == before);
}
