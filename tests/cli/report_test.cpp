// The report renderers: golden files of a real `treatykb power` report in every format, escaping
// of hostile text, and the HTML page rendered by headless Chromium.
//
// Goldens are regenerated only on purpose: TREATYKB_UPDATE_GOLDENS=1 (or scripts/update-goldens.sh)
// rewrites tests/data/cli/power_eaeu_weights.* from the built program; review the diff, commit.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../test_support.hpp"
#include "cli/report/render_util.hpp"
#include "cli/report/report.hpp"

namespace fs = std::filesystem;
using namespace treatykb::cli::report;

namespace {

struct CommandResult {
    int exit_code = -1;
    std::string output;
};

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return result;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, got);
    result.exit_code = pclose(pipe);
    return result;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

fs::path new_temp_dir(const std::string& stem) {
    std::string pattern = (fs::temp_directory_path() / (stem + "-XXXXXX")).string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    return pattern;
}

bool updating_goldens() {
    const char* flag = std::getenv("TREATYKB_UPDATE_GOLDENS");
    return flag != nullptr && std::string(flag) == "1";
}

// A document with every kind of block and text meant to break out of its context.
Document hostile_document() {
    const Citation quote{"eaeu#art_47__para_1", "EAEU Treaty, Art. 47(1) <b>bold</b>",
                         "Государства-члены вправе «в одностороннем порядке» </blockquote><script>"
                         "alert('quote')</script> & \"применять\""};
    Document document;
    document.title = "<script>alert(\"title\")</script> & 'quotes' — Договор о ЕАЭС";
    document.metadata = {{"Source \"file\"", Cell::of_text("a.csv?x=<y>&z='w'")}};
    Table table{"hostile", "Caption <i>with</i> \"quotes\"", {"Name, with comma", "Value"}, {}};
    table.rows.push_back(
        {Cell::of_text("Россия \"РФ\"\nnew line"), Cell::of_rational("2/3", 2.0 / 3)});
    table.rows.push_back({Cell::of_citation(quote), Cell::of_number(0.5)});
    Finding finding{"F-<1>",
                    "Unilateral measures <img src=x onerror=alert(1)>",
                    "high",
                    "The Treaty permits 'unilateral' measures & more",
                    {quote},
                    "unilateral_permission(X) :- permits(X, \"<any>\")",
                    {"conflict(<a>)", {{"permits(art_47)", {}}, {"single_policy(art_25)", {}}}}};
    BarChart chart{"Chart <title>",
                   "share & \"value\"",
                   {"Беларусь", "<KAZ>"},
                   {{"Series 'one'", {0.2, 0.8}}}};
    document.sections.push_back(
        {"Section <h2> & «Раздел»",
         {Paragraph{"Paragraph </p><script>alert(1)</script>"}, table, finding, chart,
          KeyValueList{{{"Key <k>", Cell::of_text("v&v")}}}}});
    return document;
}

} // namespace

TEST_CASE("A real power report matches its golden file in every format") {
    const fs::path golden_dir = fs::path(TREATYKB_TEST_DATA) / "cli";
    const std::string command = std::string(TREATYKB_BINARY) +
                                " power --weights RUS=57,BLR=21.5,KAZ=21.5 --quota 2/3 --name "
                                "\"EAEU weights 57/21.5/21.5\" --format ";
    for (const auto& [format, extension] : std::vector<std::pair<std::string, std::string>>{
             {"text", "txt"}, {"md", "md"}, {"json", "json"}, {"csv", "csv"}, {"html", "html"}}) {
        const CommandResult result = run(command + format);
        REQUIRE(result.exit_code == 0);
        const fs::path golden = golden_dir / ("power_eaeu_weights." + extension);
        if (updating_goldens()) {
            fs::create_directories(golden_dir);
            write_file(golden, result.output);
            WARN("rewrote " << golden.string());
            continue;
        }
        INFO("golden " << golden.string()
                       << " (regenerate on purpose with scripts/update-goldens.sh)");
        REQUIRE(fs::exists(golden));
        CHECK(result.output == read_file(golden));
    }
}

TEST_CASE("The power report carries the known indices in JSON") {
    const CommandResult result =
        run(std::string(TREATYKB_BINARY) +
            " power --weights RUS=57,BLR=21.5,KAZ=21.5 --quota 2/3 --format json");
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    const auto& blocks = json["sections"][0]["blocks"];
    const auto& table = blocks[1];
    REQUIRE(table["type"] == "table");
    CHECK(table["rows"][0][0] == "RUS");
    CHECK(table["rows"][0][2]["exact"] == "2/3");
    CHECK(table["rows"][1][3]["exact"] == "1/5");
    CHECK(blocks[0]["items"][3]["value"]["exact"] == "3/8");
}

TEST_CASE("HTML escapes every piece of hostile text and keeps Cyrillic") {
    const std::string html = render_html(hostile_document());
    std::string lower = html;
    for (auto& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(lower.find("<script") == std::string::npos);
    CHECK(lower.find("<img") == std::string::npos);
    CHECK(html.find("Chart <title>") == std::string::npos); // the SVG title is escaped text
    CHECK(html.find("Chart &lt;title&gt;") != std::string::npos);
    CHECK(
        html.find("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;") !=
        std::string::npos);
    CHECK(html.find("Государства-члены вправе «в одностороннем порядке»") != std::string::npos);
    CHECK(html.find("Беларусь") != std::string::npos);
    // The finding links to the quoted provision, which is on the page under that anchor.
    CHECK(html.find("href=\"#prov-eaeu-art_47__para_1\"") != std::string::npos);
    CHECK(html.find("id=\"prov-eaeu-art_47__para_1\"") != std::string::npos);
    // No external resource of any kind.
    CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
    CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("Markdown, JSON and CSV keep hostile text inert and intact") {
    const Document document = hostile_document();
    const std::string markdown = render_markdown(document);
    CHECK(markdown.find('<') == std::string::npos); // no raw HTML can reach a Markdown viewer
    CHECK(markdown.find("&lt;script&gt;") != std::string::npos);
    CHECK(markdown.find("Россия") != std::string::npos);

    const auto json = nlohmann::json::parse(render_json(document));
    CHECK(json["title"] == document.title);
    const auto& finding = std::get<Finding>(document.sections[0].blocks[2]);
    CHECK(json["sections"][0]["blocks"][2]["quotes"][0]["quote"] == finding.quotes[0].quote);
    CHECK(json["sections"][0]["blocks"][2]["proof"]["premises"][1]["statement"] ==
          "single_policy(art_25)");

    const std::string csv = render_csv(document);
    CHECK(csv.rfind("\"Name, with comma\",Value,Value (exact)\r\n", 0) == 0);
    CHECK(csv.find("\"Россия \"\"РФ\"\"\nnew line\",0.666667,2/3\r\n") != std::string::npos);
    CHECK(csv.find("eaeu#art_47__para_1,0.500000,\r\n") != std::string::npos);
}

TEST_CASE("Text tables align columns by characters, not bytes (Cyrillic)") {
    Document document;
    document.title = "Alignment";
    Table table{"t", "", {"Member", "Share"}, {}};
    table.rows.push_back({Cell::of_text("Россия"), Cell::of_number(0.5)});
    table.rows.push_back({Cell::of_text("KAZ"), Cell::of_number(0.25)});
    document.sections.push_back({"Table", {table}});
    const std::string text = render_text(document);
    const auto line_with = [&](const std::string& needle) {
        const auto at = text.find(needle);
        REQUIRE(at != std::string::npos);
        const auto start = text.rfind('\n', at) + 1;
        return text.substr(start, text.find('\n', at) - start);
    };
    using treatykb::cli::report::detail::display_width;
    CHECK(display_width(line_with("Россия")) == display_width(line_with("KAZ")));
    CHECK(display_width(line_with("Россия")) == display_width(line_with("------")));
}

TEST_CASE("The HTML report renders in headless Chromium without console errors") {
    const fs::path dir = new_temp_dir("treatykb-html");
    const fs::path page = dir / "power.html";
    const CommandResult report =
        run(std::string(TREATYKB_BINARY) + " power --double-majority --population " +
            std::string(TREATYKB_SOURCE_DIR) +
            "/kb/knowledge/data/eu27_population.csv --blocking-min 4 "
            "--name \"EU Council QMV\" --format html -o " +
            page.string());
    REQUIRE(report.exit_code == 0);
    // A real report and the hostile document both go through the browser.
    const fs::path hostile = dir / "hostile.html";
    write_file(hostile, render_html(hostile_document()));

    for (const fs::path& file : {page, hostile}) {
        const treatykb::testing::BrowserRender render = treatykb::testing::render_in_chromium(file, dir);
        if (!render.available) return;
        INFO("chromium log:\n" << render.log);
        CHECK(render.screenshot_status == 0);
        CHECK(render.screenshot_bytes > 20000);  // a blank 1200x900 PNG is a few KB
        CHECK(render.dom_status == 0);
        CHECK(render.dom.find("<svg") != std::string::npos);
        CHECK(render.dom.find("<script") == std::string::npos);
        if (file == page) {
            // One bar per state and index (27 × 2), plus the legend's two swatches.
            std::size_t bars = 0;
            for (auto at = render.dom.find("<rect"); at != std::string::npos;
                 at = render.dom.find("<rect", at + 1))
                ++bars;
            CHECK(bars == 27 * 2 + 2);
            CHECK(render.dom.find("17787201/134217728") != std::string::npos);
        }
        // Console messages (errors, CSP violations, failed loads) are logged as CONSOLE lines.
        CHECK(render.log.find("CONSOLE") == std::string::npos);
        CHECK(render.log.find("Refused to") == std::string::npos);
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("treatykb power reports bad input once, on stderr, with a hint, and exits non-zero") {
    const CommandResult result = run(std::string(TREATYKB_BINARY) +
                                     " power --weights RUS=57,BLR=x --quota 2/3 2>&1");
    CHECK(result.exit_code != 0);
    CHECK(result.output.find("error: the weight of BLR: 'x' is not a non-negative decimal number") !=
          std::string::npos);
    CHECK(result.output.find("hint: write e.g. 57 or 21.5") != std::string::npos);
    const CommandResult quota = run(std::string(TREATYKB_BINARY) +
                                    " power --weights A=1,B=1 --quota 1 --comparison more-than 2>&1");
    CHECK(quota.exit_code != 0);
    CHECK(quota.output.find("cannot be reached") != std::string::npos);
}
