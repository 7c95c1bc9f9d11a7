// treatykb refs INSTRUMENT PROVISION — what a provision cites (resolved, unresolved, external);
// treatykb cited-by INSTRUMENT PROVISION — what cites it. References are found and resolved at
// ingest (kb/reference_resolver) and read from the store's `reference` table.
#include <iostream>

#include "cli/common.hpp"
#include "cli/provision_lookup.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {

std::string describe(const Store& store, const std::string& alias, const StoredReference& r) {
    if (r.status == "resolved")
        return store.citation(alias, r.to_eid) + "  [" + r.to_eid + "]";
    if (r.status == "external")
        return "external: " + r.reason;
    return "unresolved (" + r.reason + ")";
}

void run_refs(const std::string& instrument, const std::string& reference, std::string lang,
              bool cited_by, Options& options) {
    Store store(database_path(options), StoreAccess::read_only);
    ReadSnapshot snapshot(store); // every read of the command: one committed state
    std::string alias = store.require_instrument(instrument);
    if (lang.empty())
        lang = store.authentic_language(alias).value_or(store.languages(alias).front());
    std::string eid = require_provision(store, alias, reference, lang);
    std::vector<StoredReference> references = cited_by ? store.references_to(alias, eid, lang)
                                                       : store.references_from(alias, eid, lang);
    std::cout << store.citation(alias, eid) << "  [" << alias << "#" << eid << ", " << lang
              << "]: " << references.size()
              << (cited_by ? (references.size() == 1 ? " reference to it" : " references to it")
                           : (references.size() == 1 ? " reference" : " references"))
              << "\n";
    for (const auto& r : references) {
        if (cited_by)
            std::cout << "  " << store.citation(alias, r.from_eid) << "  [" << r.from_eid
                      << "]  \"" << r.text << "\"  -> " << r.to_eid << "  (" << r.manner << ")\n";
        else
            std::cout << "  " << r.from_eid << "  \"" << r.text << "\"  -> "
                      << describe(store, alias, r) << "  (" << r.manner << ")\n";
    }
}

void register_one(CLI::App& app, Options& options, const std::string& name,
                  const std::string& description, bool cited_by) {
    auto instrument = std::make_shared<std::string>();
    auto reference = std::make_shared<std::string>();
    auto language = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand(name, description);
    command->add_option("instrument", *instrument, "Alias, e.g. eaeu")->required();
    command->add_option("provision", *reference, "Article number, eId or citation")->required();
    command->add_option("--lang", *language, "ru or en (default: the authentic language)");
    command->callback([instrument, reference, language, cited_by, &options] {
        run_refs(*instrument, *reference, *language, cited_by, options);
    });
}

} // namespace

void register_refs(CLI::App& app, Options& options) {
    register_one(app, options, "refs", "What a provision cites: 47, annex_7__point_50", false);
    register_one(app, options, "cited-by", "What cites a provision: annex_7, art_29__para_3",
                 true);
}

} // namespace treatykb::cli
