// treatykb site -o DIR [--instrument ALIAS]... [--base-url /path] [--knowledge hand|coded|both] —
// the web reader's pages as a static website with a prebuilt search index, for any static web host
// (docs/serve.md).
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/knowledge.hpp"
#include "cli/serve/open_reader.hpp"
#include "cli/serve/site.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

void register_site(CLI::App& app, Options& options) {
    struct Settings {
        std::string output;
        std::string base;
        std::vector<std::string> instruments;
        std::vector<std::string> rules;
        KnowledgeChoice knowledge;
    };
    auto settings = std::make_shared<Settings>();
    CLI::App* command = app.add_subcommand("site", "Write the web reader as a static website");
    command->add_option("--output,-o", settings->output, "Folder to write the site into")->required();
    command->add_option("--instrument", settings->instruments, "Only these instruments (default: all)");
    command->add_option("--base-url", settings->base,
                        "Path the site is served under, e.g. /treaties (default: the host's root)");
    command->add_option("--rules", settings->rules, "Rule files (default: kb/knowledge and kb/rules)");
    add_knowledge_options(*command, settings->knowledge);
    command->callback([settings, &options] {
        std::string base = settings->base;
        while (!base.empty() && base.back() == '/') base.pop_back();
        if (!base.empty() && base.front() != '/')
            throw Error("--base-url must start with /", {}, "e.g. --base-url /treaties");
        std::unique_ptr<serve::Reader> reader = serve::open_reader(options, settings->rules, settings->knowledge);
        std::vector<std::string> instruments;
        {
            auto store = reader->stores().acquire();
            for (const std::string& name : settings->instruments) instruments.push_back(store->require_instrument(name));
        }
        serve::PageContext context;
        context.links.base = base;
        context.static_site = true;
        for (const std::string& alias : reader->analysed_instruments())
            if (instruments.empty() ||
                std::find(instruments.begin(), instruments.end(), alias) != instruments.end())
                context.analysed.push_back(alias);
        serve::SiteSummary summary = serve::write_site(*reader, context, settings->output, instruments);
        std::cout << "site: " << summary.instruments << " instrument(s), " << summary.provisions
                  << " provision page(s), " << summary.reports << " report(s), " << summary.files
                  << " files in " << settings->output << "\n";
        if (summary.skipped)
            std::cout << "site: " << summary.skipped
                      << " provision(s) skipped: their eId cannot be a folder name\n";
    });
}

}  // namespace treatykb::cli
