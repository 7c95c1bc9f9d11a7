// treatykb export INSTRUMENT --akn [--lang ru|en] [--output FILE] — Akoma Ntoso XML.
#include <fstream>
#include <iostream>

#include "cli/common.hpp"
#include "kb/akn.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {
struct ExportArguments {
    std::string instrument;
    std::string language;
    std::string output;
    bool akn = false;
};
} // namespace

void register_export(CLI::App& app, Options& options) {
    auto arguments = std::make_shared<ExportArguments>();
    CLI::App* command = app.add_subcommand("export", "Write an instrument as Akoma Ntoso XML");
    command->add_option("instrument", arguments->instrument, "Alias, e.g. eaeu")->required();
    command->add_flag("--akn", arguments->akn, "Akoma Ntoso XML (the only format so far)")
        ->required();
    command->add_option("--lang", arguments->language, "Expression language (default: authentic)");
    command->add_option("--output,-o", arguments->output,
                        "File to write (default, or -: standard output)");
    command->callback([arguments, &options] {
        Store store(database_path(options), StoreAccess::read_only);
        ReadSnapshot snapshot(store); // every read of the command: one committed state
        std::string alias = require_instrument(store, arguments->instrument);
        std::string lang = arguments->language;
        if (lang.empty())
            lang = store.authentic_language(alias).value_or(store.languages(alias).front());
        Instrument instrument = store.export_instrument(alias, lang);
        std::string xml = write_akn(instrument, instrument.expressions.front());
        write_output(xml, arguments->output);
    });
}

} // namespace treatykb::cli
