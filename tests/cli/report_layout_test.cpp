// The HTML report's charts, measured in headless Chromium (issue 14, "a report fit for a paper"):
// no chart label overflows its SVG, whatever the length of the longest label; labels are the
// domains' human names. And `report --no-proofs` is accepted, as `analyze` accepts it.
#include <filesystem>
#include <regex>

#include "outputs_support.hpp"

using namespace treatykb::testing;
namespace fs = std::filesystem;

namespace {

// The page with a script that measures every <text> of every <svg> against its SVG's box and
// writes what overflows into the DOM. The report itself allows no script (its Content Security
// Policy); only this copy, made for measuring, lifts that for an inline script.
std::string with_measuring_script(std::string page) {
    page = std::regex_replace(page, std::regex("default-src 'none';"),
                              "default-src 'none'; script-src 'unsafe-inline';");
    const std::string script = R"(<script>
const overflowing = [];
let labels = 0;
document.querySelectorAll('svg').forEach((svg, index) => {
  const box = svg.getBoundingClientRect();
  svg.querySelectorAll('text').forEach(text => {
    labels++;
    const r = text.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 ||
        r.bottom > box.bottom + 0.5)
      overflowing.push('chart ' + index + ': ' + text.textContent);
  });
});
const pre = document.createElement('pre');
pre.id = 'measured';
pre.textContent = 'labels ' + labels + ' overflowing ' + overflowing.length + '\n' + overflowing.join('\n');
document.body.appendChild(pre);
</script></body>)";
    return std::regex_replace(page, std::regex("</body>"), script);
}

} // namespace

TEST_CASE("No chart label of the HTML report overflows its SVG (measured in headless Chromium)") {
    const std::string& database = bundled_corpus_database();
    TemporaryDirectory scratch;
    auto html = run_program("analyze eaeu --format html", database);
    REQUIRE(html.exit_code == 0);
    // Human domain names on the depth chart, not internal codes.
    CHECK(contains(html.out, "Common customs tariff</text>"));
    CHECK_FALSE(contains(html.out, ">customs_tariff</text>"));
    const fs::path page = fs::path(scratch.path()) / "measured.html";
    std::ofstream(page, std::ios::binary) << with_measuring_script(html.out);
    BrowserRender render = render_in_chromium(page, scratch.path());
    if (!render.available) return;
    INFO("chromium log:\n" << render.log);
    REQUIRE(render.dom_status == 0);
    std::smatch measured;
    REQUIRE(std::regex_search(render.dom, measured, std::regex(R"(labels (\d+) overflowing (\d+))")));
    INFO(render.dom.substr(render.dom.find("id=\"measured\"")));
    CHECK(std::stoi(measured[1]) > 20);
    CHECK(std::stoi(measured[2]) == 0);
}

TEST_CASE("report --no-proofs is accepted and leaves the proofs out") {
    const std::string& database = bundled_corpus_database();
    auto with = run_program("report --format md", database);
    auto without = run_program("report --format md --no-proofs", database);
    REQUIRE(with.exit_code == 0);
    REQUIRE(without.exit_code == 0);
    CHECK(without.out.size() < with.out.size());
    CHECK(contains(with.out, "[rule "));
    CHECK_FALSE(contains(without.out, "[rule "));
}

TEST_CASE("Every reference the report makes to a document resolves to a file in docs/") {
    const std::string& database = bundled_corpus_database();
    for (const std::string format : {"md", "html", "text"}) {
        auto report = run_program("analyze eaeu --format " + format, database);
        REQUIRE(report.exit_code == 0);
        INFO(format);
        // No reference to the research brief, which is not part of the project.
        CHECK_FALSE(contains(report.out, "measures.md"));
        std::regex reference(R"(docs/[A-Za-z0-9_./-]+\.(md|json))");
        std::size_t references = 0;
        for (auto match = std::sregex_iterator(report.out.begin(), report.out.end(), reference);
             match != std::sregex_iterator(); ++match) {
            ++references;
            INFO(match->str());
            CHECK(fs::exists(source_dir() + "/" + match->str()));
        }
        CHECK(references > 0);
    }
}

TEST_CASE("The HTML report without proofs prints in at most 25 pages (headless Chromium, print CSS)") {
    const std::string& database = bundled_corpus_database();
    TemporaryDirectory scratch;
    auto html = run_program("analyze eaeu --format html --no-proofs --as-of 2025-01-01", database);
    REQUIRE(html.exit_code == 0);
    const fs::path page = fs::path(scratch.path()) / "report.html";
    const fs::path pdf = fs::path(scratch.path()) / "report.pdf";
    std::ofstream(page, std::ios::binary) << html.out;
    if (std::system("command -v chromium >/dev/null 2>&1") != 0) {
        const char* ci = std::getenv("CI");
        if (ci && std::string(ci) == "true") FAIL("chromium is not installed, and CI=true");
        WARN("chromium not installed; print test not run");
        return;
    }
    const std::string print = "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run "
                              "--disable-background-networking --disable-component-update --user-data-dir=" +
                              (fs::path(scratch.path()) / "profile").string() + " --no-pdf-header-footer --print-to-pdf=" +
                              pdf.string() + " file://" + page.string() + " >/dev/null 2>&1";
    REQUIRE(std::system(print.c_str()) == 0);
    const std::string bytes = read_text(pdf.string());
    // Chromium writes one page object per page: "/Type /Page" (not "/Pages").
    std::regex page_object(R"(/Type\s*/Page[^s])");
    const auto pages = std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), page_object), std::sregex_iterator());
    INFO(pages << " pages");
    CHECK(pages > 5);  // the whole report, not an error page
    CHECK(pages <= 25);
}
