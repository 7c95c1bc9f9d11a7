#include "cli/serve/site.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "kb/error.hpp"

namespace treatykb::cli::serve {

namespace fs = std::filesystem;

namespace {

// An alias or eId becomes a folder name: it must stay one folder below its parent.
bool safe_segment(const std::string& segment) {
    return !segment.empty() && segment != "." && segment != ".." &&
           segment.find_first_of(std::string("/\\\0:", 4)) == std::string::npos;
}

class SiteWriter {
  public:
    explicit SiteWriter(fs::path root) : root_(std::move(root)) {}

    void write(const fs::path& relative, std::string_view content) {
        fs::path path = root_ / relative;
        std::error_code error;
        fs::create_directories(path.parent_path(), error);
        std::ofstream out(path, std::ios::binary);
        if (!(out << content))
            throw Error("cannot write " + path.string(), {path.string(), 0, 0},
                        "choose a writable folder with -o");
        ++files;
    }

    std::size_t files = 0;

  private:
    fs::path root_;
};

} // namespace

SiteSummary write_site(Reader& reader, const PageContext& context, const std::string& directory,
                       const std::vector<std::string>& only) {
    SiteSummary summary;
    SiteWriter site(directory);
    site.write("assets/style.css", stylesheet());
    site.write("assets/app.js", script());

    Json listing = reader.instruments({});
    std::vector<std::string> aliases;
    Json kept = Json::array();
    for (const Json& instrument : listing["instruments"]) {
        std::string alias = instrument["alias"].get<std::string>();
        if (!only.empty() && std::find(only.begin(), only.end(), alias) == only.end()) continue;
        if (!safe_segment(alias)) continue;
        aliases.push_back(alias);
        kept.push_back(instrument);
    }
    listing["instruments"] = kept;
    site.write("index.html", instruments_page(listing, context));
    site.write("api/instruments.json", listing.dump());
    site.write("search/index.html", search_page(Json(), "", context));
    site.write("api/search-index.json", reader.search_index(aliases).dump());
    site.write("404.html", error_page(404, "no page at this address", context));

    for (const std::string& alias : aliases) {
        ++summary.instruments;
        Json toc = reader.toc(alias);
        site.write(fs::path("i") / alias / "index.html", toc_page(toc, context));
        site.write(fs::path("api") / "i" / (alias + ".json"), toc.dump());
        // Every provision of every expression (an eId of the translation only included).
        std::set<std::string> eids;
        auto store = reader.stores().acquire();
        for (const std::string& lang : store->languages(alias))
            for (const Provision& unit : store->provisions(alias, lang)) eids.insert(unit.eid);
        for (const std::string& eid : eids) {
            if (!safe_segment(eid)) {
                ++summary.skipped;
                continue;
            }
            Json provision = reader.provision(alias, eid);
            site.write(fs::path("i") / alias / "p" / eid / "index.html", provision_page(provision, context));
            site.write(fs::path("api") / "i" / alias / "p" / (eid + ".json"), provision.dump());
            ++summary.provisions;
        }
    }
    std::vector<std::string> analysed;
    for (const std::string& alias : context.analysed) {
        if (std::find(aliases.begin(), aliases.end(), alias) == aliases.end()) continue;
        const Json& report = reader.report(alias);
        site.write(fs::path("report") / alias / "index.html", report_page(report, context));
        site.write(fs::path("api") / "report" / (alias + ".json"), report.dump());
        Json power = reader.power(alias);
        site.write(fs::path("power") / alias / "index.html", power_page(power, context));
        site.write(fs::path("api") / "power" / (alias + ".json"), power.dump());
        analysed.push_back(alias);
        ++summary.reports;
    }
    if (!analysed.empty()) {
        Json comparison = reader.compare(analysed);
        site.write("compare/index.html", compare_page(comparison, context));
        site.write("api/compare.json", comparison.dump());
    }
    summary.files = site.files;
    return summary;
}

} // namespace treatykb::cli::serve
