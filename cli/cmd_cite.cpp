// treatykb cite INSTRUMENT PROVISION... [--format text|bibtex|csl-json|ris] [--lang ru|en]
// The citation of provisions (cli/citation_export.hpp), for a reference manager or a footnote.
#include "cli/report/citation_export.hpp"
#include "cli/common.hpp"
#include "cli/provision_lookup.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

void register_cite(CLI::App& app, Options& options) {
    struct Arguments {
        std::string instrument;
        std::vector<std::string> references;
        std::string format = "text";
        std::string language;
        std::string output;
    };
    auto arguments = std::make_shared<Arguments>();
    CLI::App* command = app.add_subcommand(
        "cite", "Cite provisions: text, BibTeX, CSL-JSON or RIS, with a stable URI");
    command->add_option("instrument", arguments->instrument, "Alias, e.g. eaeu")->required();
    command->add_option("provisions", arguments->references,
                        "Article numbers, eIds or citations: 47 \"Art. 47(1)\" art_92__para_1")
        ->required();
    command->add_option("--format", arguments->format, "text (default), bibtex, csl-json or ris")
        ->check(CLI::IsMember(citation_formats()));
    command->add_option("--lang", arguments->language,
                        "The expression cited (default: the authentic one)");
    command->add_option("--output,-o", arguments->output,
                        "Write to a file (- : standard output)");
    command->callback([arguments, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        ReadSnapshot snapshot(store); // every read of the command: one committed state
        std::string alias = require_instrument(store, arguments->instrument);
        std::string lang = arguments->language;
        if (lang.empty())
            lang = store.authentic_language(alias).value_or(store.languages(alias).front());
        if (!store.has_expression(alias, lang))
            throw Error("\"" + alias + "\" has no " + lang + " expression", {},
                        "`treatykb list` shows its languages");
        std::vector<ProvisionCitation> citations;
        for (const std::string& reference : arguments->references)
            citations.push_back(cite_provision(
                store, alias, resolve_provision(store, alias, reference, lang).eid, lang));
        write_output(render_citations(citations, arguments->format), arguments->output);
    });
}

} // namespace treatykb::cli
